/**
 * The drift timeline's views (pure ViewNodes): most drifted first, the filter and "only over threshold", a TFDV
 * chart with the threshold line and the spans over it marked, a fine chart for numeric features (or why not),
 * gaps where a feature is in one span only, every data value as text; the line chart's geometry.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeatureTimeline, SpanTimeline } from '../../../src/protocol/compare/compareProtocol.js';
import { findElements, viewText } from '../../../webview/shared/viewNode.js';
import type { ViewElement } from '../../../webview/shared/viewNode.js';
import { lineChartTop, lineChartView } from '../../../webview/shared/charts/lineChart.js';
import { DEFAULT_STATE, restoreState } from '../../../webview/compare/compareState.js';
import { timelineListView, timelineSummaryText, visibleTimelineFeatures } from '../../../webview/compare/timelineViews.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

function timeline(): SpanTimeline {
  const categorical: FeatureTimeline = {
    pathKey: 'payment_type',
    kind: 'categorical',
    present: [true, true, true],
    tfdvMetric: 'lInfinity',
    toPrevious: [null, { tfdv: 0.005 }, { tfdv: 0.03 }],
    toReference: [null, { tfdv: 0.005 }, { tfdv: 0.028 }],
    fineUnavailable: 'Facetwise’s fine distance is for numeric features',
    maxDrift: 0.03,
    driftThreshold: { metric: 'infinity_norm', threshold: 0.01 },
    overThreshold: [2],
  };
  const numeric: FeatureTimeline = {
    pathKey: 'trip_seconds',
    kind: 'numeric',
    present: [true, true, true],
    tfdvMetric: 'jensenShannon',
    toPrevious: [null, { tfdv: 0.4, fine: 0.001 }, { tfdv: 0.5, fine: 0.02 }],
    toReference: [null, { tfdv: 0.4, fine: 0.001 }, { tfdv: 0.45, fine: 0.018 }],
    maxDrift: 0.02,
    overThreshold: [],
  };
  const hostile: FeatureTimeline = {
    pathKey: HOSTILE,
    kind: 'numeric',
    present: [true, true, false],
    tfdvMetric: 'jensenShannon',
    toPrevious: [null, { tfdv: 0.1, fine: 0.004 }, { oneSided: true }],
    toReference: [null, { tfdv: 0.1, fine: 0.004 }, { oneSided: true }],
    maxDrift: 1,
    overThreshold: [],
  };
  return {
    spans: [
      { name: 'span-1', numExamples: 100 },
      { name: 'span-2', numExamples: 90 },
      { name: 'span-3', numExamples: 80 },
    ],
    reference: 0,
    features: [hostile, categorical, numeric],
  };
}

const byClass = (node: ViewElement, cls: string): ViewElement[] => findElements(node, (e) => String(e.attrs.class ?? '').split(' ').includes(cls));

test('lists the features most drifted first, filtered by name and by "only over threshold"', () => {
  const t = timeline();
  assert.deepEqual(visibleTimelineFeatures(t, DEFAULT_STATE).map((f) => f.pathKey), [HOSTILE, 'payment_type', 'trip_seconds']);
  assert.deepEqual(visibleTimelineFeatures(t, { ...DEFAULT_STATE, filter: 'TRIP' }).map((f) => f.pathKey), ['trip_seconds']);
  assert.deepEqual(visibleTimelineFeatures(t, { ...DEFAULT_STATE, overOnly: true }).map((f) => f.pathKey), ['payment_type']);
  assert.equal(timelineSummaryText(t, 3), '3 spans, span-1 to span-3; reference span-1 · 3 features, most drifted first · 1 feature over a drift threshold');
  const empty = timelineListView({ timeline: t, state: { ...DEFAULT_STATE, filter: 'nothing' } });
  assert.match(viewText(empty), /No feature matches the filter\./);
});

test('a categorical feature: the TFDV chart with the threshold line and the span over it marked; no fine chart, and why', () => {
  const view = timelineListView({ timeline: timeline(), state: DEFAULT_STATE });
  const p = findElements(view, (e) => e.attrs['data-feature'] === 'payment_type')[0] as ViewElement;
  assert.match(viewText(p), /max drift 0\.03 L∞ \(TFDV\)/);
  assert.match(viewText(p), /drift > 0\.01 at span-3/);
  const charts = byClass(p, 'tl-chart');
  assert.deepEqual(charts.map((c) => c.attrs['data-metric']), ['tfdv']);
  assert.equal(byClass(p, 'threshold-line').length, 1);
  const over = byClass(p, 'over').filter((e) => e.tag === 'circle');
  assert.deepEqual(over.map((c) => c.attrs['data-index']), [2]);
  assert.match(viewText(p), /fine distance is for numeric features/);
  // Two series (previous solid, reference dashed), two points each (span-1 has no distance to itself).
  const series = byClass(p, 'line-series').filter((e) => e.tag === 'g');
  assert.deepEqual(series.map((s) => [s.attrs['data-series'], findElements(s, (e) => e.tag === 'circle').length]), [['to the previous span', 2], ['to span-1', 2]]);
  assert.ok(String(series[1]?.attrs.class).includes('dashed'));
});

test('a numeric feature: TFDV’s chart and the fine one; a feature missing from a span is a gap, and its name is text', () => {
  const view = timelineListView({ timeline: timeline(), state: DEFAULT_STATE });
  const trip = findElements(view, (e) => e.attrs['data-feature'] === 'trip_seconds')[0] as ViewElement;
  assert.deepEqual(byClass(trip, 'tl-chart').map((c) => c.attrs['data-metric']), ['tfdv', 'fine']);
  assert.match(viewText(trip), /max drift 0\.02 JSD, fine \(Facetwise\)/);
  assert.equal(byClass(trip, 'threshold-line').length, 0);
  const hostile = findElements(view, (e) => e.attrs['data-feature'] === HOSTILE)[0] as ViewElement;
  assert.match(viewText(hostile), /not in span-3/);
  assert.match(viewText(hostile), /max drift 1 \(a span lacks the feature\)/);
  assert.ok(viewText(hostile).includes(HOSTILE), 'the name is a text node');
  assert.equal(findElements(view, (e) => e.tag === 'img').length, 0);
  // span-3 is one-sided: no dot there.
  assert.ok(findElements(hostile, (e) => e.tag === 'circle').every((c) => c.attrs['data-index'] === 1));
});

test('the line chart: y from 0 to the largest value or threshold, a path broken at gaps, titles on points', () => {
  const series = [{ label: 's', slot: 0, points: [{ value: 0.1, title: 'a' }, { value: undefined, title: '' }, { value: 0.3, title: 'c' }, { value: 0.2, title: 'd' }] }];
  assert.ok(Math.abs(lineChartTop(series, undefined) - 0.33) < 1e-12);
  assert.ok(Math.abs(lineChartTop(series, 0.5) - 0.55) < 1e-12);
  assert.equal(lineChartTop([{ label: 'z', slot: 0, points: [{ value: 0, title: '' }] }], undefined), 1);
  const chart = lineChartView(series, { width: 200, height: 100, categories: ['1', '2', '3', '4'], ariaLabel: 'x', formatValue: String });
  const path = findElements(chart, (e) => e.tag === 'path' && e.attrs.class === 'line')[0];
  assert.equal((String(path?.attrs.d).match(/M/g) ?? []).length, 2, String(path?.attrs.d));
  assert.equal(findElements(chart, (e) => e.tag === 'circle').length, 3);
  assert.deepEqual(findElements(chart, (e) => e.tag === 'title').map(viewText), ['a', 'c', 'd']);
});

test('the saved state keeps what is compared, for the serializer, and checks it when restored', () => {
  const s = restoreState({ ...DEFAULT_STATE, tab: 'pair', inputs: ['/d/span-1', 3, '/d/span-2'], spans: true, reference: 1 });
  assert.equal(s.tab, 'pair');
  assert.deepEqual(s.inputs, ['/d/span-1', '/d/span-2']);
  assert.equal(s.spans, true);
  assert.equal(s.reference, 1);
  assert.equal(restoreState({ reference: -1 }).reference, 0);
  assert.equal(restoreState({ tab: 'x' }).tab, 'timeline');
});
