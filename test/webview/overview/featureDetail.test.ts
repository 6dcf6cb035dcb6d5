import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create } from '@bufbuild/protobuf';
import {
  CommonStatisticsSchema,
  FeatureNameStatisticsSchema,
  FeatureNameStatistics_Type,
  HistogramSchema,
  Histogram_BucketSchema,
  Histogram_HistogramType,
  NumericStatisticsSchema,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { findElements, isSafeAttributeName, isSafeTagName, viewText } from '../../../webview/shared/viewNode.js';
import type { ViewElement } from '../../../webview/shared/viewNode.js';
import { datasetSummary, featureRow } from '../../../webview/overview/featureModel.js';
import type { FeatureRow } from '../../../webview/overview/featureModel.js';
import { TIP_HINT, detailId, featureDetailView } from '../../../webview/overview/featureDetail.js';
import { featureBodyView } from '../../../webview/overview/rowViews.js';
import { DEFAULT_UI_STATE, MAX_EXPANDED, restoreUiState, toggleExpanded } from '../../../webview/overview/overviewState.js';
import { nextTipIndex } from '../../../webview/shared/charts/tipNavigation.js';
import { formatCount, formatPercent, formatStat } from '../../../webview/shared/numberFormat.js';
import { HOSTILE_NAME, taxiStatisticsWithHostileFeature } from './overviewFixtures.js';

const taxi = datasetSummary(taxiStatisticsWithHostileFeature().datasets[0]);
const standard = { chart: 'standard', logScale: false, width: 800 } as const;
const quantiles = { ...standard, chart: 'quantiles' } as const;

function feature(name: string): FeatureRow {
  const row = taxi.features.find((f) => f.name === name);
  assert.ok(row, name);
  return row;
}

const hasClass = (name: string) => (e: ViewElement): boolean => String(e.attrs.class ?? '').split(' ').includes(name);
const tips = (view: ViewElement): string[] => findElements(view, (e) => typeof e.attrs['data-tip'] === 'string').map((e) => String(e.attrs['data-tip']));

test('expanded numeric feature: a full-width standard histogram whose bars tell their bucket bounds and counts', () => {
  const fare = feature('fare');
  const view = featureDetailView(fare, standard);
  const s = fare.numeric;
  assert.ok(s);
  const bars = findElements(view, (e) => e.tag === 'rect' && hasClass('bar')(e));
  assert.equal(bars.length, s.standard.length);
  // TFDV's convention: the first bucket closed, the others open at the low end; the count and the share.
  const total = s.standard.reduce((t, b) => t + b.count, 0);
  const expected = s.standard.map((b, i) => `${i === 0 ? '[' : '('}${formatStat(b.low)}, ${formatStat(b.high)}]: ${formatCount(b.count)} (${formatPercent(b.count / total)})`);
  assert.deepEqual(tips(view), expected);
  assert.equal(tips(view)[0], '[0, 70.01]: 10,022 (99.9%)');
  assert.deepEqual(bars.map((b) => b.attrs['data-bar']), s.standard.map((_, i) => i));
  // Axes: value labels at round numbers across the range, the y axis from 0 to the largest count.
  const labels = findElements(view, hasClass('axis-label')).map(viewText);
  assert.deepEqual(labels.slice(0, 8), ['0', '100', '200', '300', '400', '500', '600', '700']);
  assert.ok(labels.includes('10,022') && labels.includes('0'));
  const svgs = findElements(view, (e) => e.tag === 'svg');
  assert.equal(svgs[0].attrs.width, 800);
  // The chart is one Tab stop with a live data-tip line; bars map to grid filters as STANDARD buckets.
  const target = findElements(view, hasClass('tip-target'))[0];
  assert.equal(target.attrs.tabindex, 0);
  assert.equal(target.attrs['data-filter'], 'standard');
  assert.equal(viewText(findElements(view, hasClass('data-tip'))[0]), TIP_HINT);
  assert.equal(findElements(view, hasClass('feature-detail'))[0].attrs.id, detailId(fare));
  // The toggle says which histogram is shown.
  const toggles = findElements(view, hasClass('detail-chart-toggle'));
  assert.deepEqual(toggles.map((t) => [t.attrs['data-chart'], t.attrs['aria-pressed']]), [['standard', 'true'], ['quantiles', 'false']]);
});

test('expanded numeric feature, quantiles: equal-count buckets drawn by density, bounds and counts in the tips', () => {
  const fare = feature('fare');
  const view = featureDetailView(fare, quantiles);
  const q = fare.numeric?.quantiles ?? [];
  assert.equal(q.length, 10);
  const bars = findElements(view, (e) => e.tag === 'rect' && hasClass('bar')(e));
  assert.equal(bars.length, 10);
  assert.match(tips(view)[1], /^\(\S+, \S+\]: [\d,]+ \(10%\)$/);
  // Height follows count ÷ width: the widest (last) decile is the lowest bar.
  const heights = bars.map((b) => Number(b.attrs.height));
  assert.equal(Math.min(...heights), heights[9]);
  assert.ok(viewText(view).includes('equal-count buckets'));
  // Quantile buckets are not STANDARD buckets: no grid filter from them.
  assert.equal(findElements(view, hasClass('tip-target'))[0].attrs['data-filter'], undefined);
  assert.deepEqual(findElements(view, hasClass('detail-chart-toggle')).map((t) => t.attrs['aria-pressed']), ['false', 'true']);
});

test('expanded categorical feature: its top values as a labelled bar list with counts and percentages', () => {
  const pay = feature('payment_type');
  const view = featureDetailView(pay, standard);
  const labels = findElements(view, hasClass('paired-label')).map(viewText);
  assert.deepEqual(labels, pay.categorical?.ranks.map((r) => r.label));
  assert.equal(labels[0], 'Cash');
  const texts = findElements(view, hasClass('paired-text')).map(viewText);
  assert.equal(texts[0], '6,675 (66.5%)');
  assert.equal(tips(view)[0], 'Cash: 6,675 (66.5%)');
  assert.equal(findElements(view, hasClass('tip-target'))[0].attrs['data-filter'], 'ranks');
  assert.match(viewText(view), /Top 6 of 6 distinct values of payment_type/);
  // No histogram toggle for a categorical feature.
  assert.equal(findElements(view, hasClass('detail-chart-toggle')).length, 0);
});

test('an expanded feature named and valued as markup shows it as text, with nothing the mounter refuses', () => {
  const view = featureDetailView(feature(HOSTILE_NAME), standard);
  for (const el of findElements(view, () => true)) {
    assert.ok(isSafeTagName(el.tag), el.tag);
    for (const name of Object.keys(el.attrs)) assert.ok(isSafeAttributeName(name), name);
  }
  assert.ok(findElements(view, hasClass('paired-label')).some((e) => e.children[0] === HOSTILE_NAME));
});

test('a list feature adds the histogram of values per example (num_values_histogram)', () => {
  const buckets = [
    [1, 1, 40],
    [1, 2, 40],
    [2, 5, 40],
  ].map(([lowValue, highValue, sampleCount]) => create(Histogram_BucketSchema, { lowValue, highValue, sampleCount }));
  const f = create(FeatureNameStatisticsSchema, {
    fieldId: { case: 'name', value: 'tags' },
    type: FeatureNameStatistics_Type.INT,
    stats: {
      case: 'numStats',
      value: create(NumericStatisticsSchema, {
        commonStats: create(CommonStatisticsSchema, {
          numNonMissing: 120n,
          minNumValues: 1n,
          maxNumValues: 5n,
          avgNumValues: 2.25,
          totNumValues: 270n,
          numValuesHistogram: create(HistogramSchema, { type: Histogram_HistogramType.QUANTILES, buckets }),
        }),
        max: 9,
      }),
    },
  });
  const row = featureRow(f, 0, 120);
  assert.deepEqual(row.valueCounts && { ...row.valueCounts, buckets: row.valueCounts.buckets.length }, { min: 1, max: 5, avg: 2.25, histogramType: 'quantiles', buckets: 3 });
  const view = featureDetailView(row, standard);
  assert.match(viewText(view), /Values per example of tags: min 1, mean 2.25, max 5/);
  assert.ok(tips(view).includes('[1, 1]: 40 (33.3%)'));
  assert.ok(tips(view).includes('(2, 5]: 40 (33.3%)'));
  // A feature with one value per example has no such chart.
  assert.equal(feature('fare').valueCounts, undefined);
  assert.doesNotMatch(viewText(featureDetailView(feature('fare'), standard)), /Values per example/);
});

test('the expander says whether the row is expanded and which region it controls', () => {
  const fare = feature('fare');
  const expander = (expanded: boolean): ViewElement =>
    findElements(featureBodyView(fare, undefined, { chart: 'standard', logScale: false }, taxi.numExamples, expanded), hasClass('feature-expander'))[0];
  assert.equal(expander(false).attrs['aria-expanded'], 'false');
  assert.equal(expander(false).attrs['aria-controls'], undefined);
  assert.equal(expander(true).attrs['aria-expanded'], 'true');
  assert.equal(expander(true).attrs['aria-controls'], detailId(fare));
  assert.equal(expander(true).tag, 'button');
  assert.equal(expander(true).attrs['aria-label'], 'Charts of fare');
});

test('expanded rows are saved by name: toggled, deduplicated, bounded, malformed entries dropped', () => {
  assert.deepEqual(DEFAULT_UI_STATE.expanded, []);
  assert.deepEqual(toggleExpanded(['a'], 'b'), ['a', 'b']);
  assert.deepEqual(toggleExpanded(['a', 'b'], 'a'), ['b']);
  const many = Array.from({ length: MAX_EXPANDED }, (_, i) => `f${i}`);
  assert.deepEqual(toggleExpanded(many, 'new').slice(-2), [`f${MAX_EXPANDED - 1}`, 'new']);
  assert.equal(toggleExpanded(many, 'new').length, MAX_EXPANDED);
  assert.deepEqual(restoreUiState({ expanded: ['fare', 3, 'fare', null, 'tips'] }).expanded, ['fare', 'tips']);
  assert.deepEqual(restoreUiState({ expanded: 'fare' }).expanded, []);
});

test('arrow keys step through a chart\'s data tips', () => {
  assert.equal(nextTipIndex('ArrowRight', -1, 10), 0);
  assert.equal(nextTipIndex('ArrowRight', 3, 10), 4);
  assert.equal(nextTipIndex('ArrowDown', 9, 10), 9);
  assert.equal(nextTipIndex('ArrowLeft', 0, 10), 0);
  assert.equal(nextTipIndex('ArrowUp', 4, 10), 3);
  assert.equal(nextTipIndex('End', 0, 10), 9);
  assert.equal(nextTipIndex('Home', 5, 10), 0);
  assert.equal(nextTipIndex('Enter', 5, 10), undefined);
  assert.equal(nextTipIndex('ArrowRight', -1, 0), undefined);
});
