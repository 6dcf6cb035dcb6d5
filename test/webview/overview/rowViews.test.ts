import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSafeAttributeName, isSafeTagName, findElements, viewText } from '../../../webview/shared/viewNode.js';
import type { ViewElement, ViewNode } from '../../../webview/shared/viewNode.js';
import { indexAnomalies } from '../../../webview/overview/anomalyModel.js';
import { datasetSummary, featureRow } from '../../../webview/overview/featureModel.js';
import type { FeatureRow } from '../../../webview/overview/featureModel.js';
import { DEFAULT_UI_STATE } from '../../../webview/overview/overviewState.js';
import {
  SECTION_COLUMNS,
  chartTooltip,
  featureBodyView,
  otherAnomaliesView,
  sectionHeading,
  tableHeadView,
} from '../../../webview/overview/rowViews.js';
import { HOSTILE_DESCRIPTION, HOSTILE_NAME, demoAnomalies, stringFeature, taxiStatisticsWithHostileFeature } from './overviewFixtures.js';

const options = { chart: DEFAULT_UI_STATE.chart, logScale: false };
const taxi = datasetSummary(taxiStatisticsWithHostileFeature().datasets[0]);
const anomalies = indexAnomalies(demoAnomalies());

function feature(name: string): FeatureRow {
  const row = taxi.features.find((f) => f.name === name);
  assert.ok(row, name);
  return row;
}

/** Every element and every attribute is one the mounter accepts, and no attribute holds an event handler. */
function assertInert(view: ViewNode): void {
  for (const el of findElements(view, () => true)) {
    assert.ok(isSafeTagName(el.tag), el.tag);
    for (const name of Object.keys(el.attrs)) assert.ok(isSafeAttributeName(name), name);
  }
}

/** The text of the first element with `className` in its class list. */
function textOf(view: ViewElement, className: string): string[] {
  return findElements(view, (e) => String(e.attrs.class ?? '').split(' ').includes(className)).map(viewText);
}

test('a feature named and valued as markup renders as that literal text', () => {
  const row = feature(HOSTILE_NAME);
  const view = featureBodyView(row, anomalies.byFeature.get(HOSTILE_NAME), options, taxi.numExamples);
  assertInert(view);
  assert.deepEqual(findElements(view, (e) => ['img', 'script'].includes(e.tag.toLowerCase())), []);
  // The name is a text child of the name span, character for character.
  const nameSpans = findElements(view, (e) => e.attrs.class === 'name-text');
  assert.equal(nameSpans.length, 1);
  assert.deepEqual(nameSpans[0].children, [HOSTILE_NAME]);
  // The top value and the anomaly (whose short description and description are markup too) likewise.
  assert.deepEqual(textOf(view, 'col-top'), [HOSTILE_NAME]);
  assert.deepEqual(textOf(view, 'anomaly-line'), [`${HOSTILE_NAME} \u2014 ${HOSTILE_DESCRIPTION}`]);
  // Where data goes into attributes (tooltips), it is a plain attribute value, set with setAttribute.
  const button = findElements(view, (e) => e.tag === 'button' && e.attrs.class === 'feature-name')[0];
  assert.equal(button.attrs.title, `${HOSTILE_NAME} (string) \u2014 reveal in file`);
  assert.equal(chartTooltip(row, options, 1), `${HOSTILE_NAME}: 6,022 (66.7%)`);
});

test('a numeric row shows its formatted statistics in column order', () => {
  const row = feature('trip_seconds');
  const view = featureBodyView(row, undefined, options, taxi.numExamples);
  assertInert(view);
  const cells = findElements(view, (e) => e.attrs.role === 'cell' || e.attrs.role === 'rowheader');
  assert.equal(cells.length, SECTION_COLUMNS.numeric.length);
  const s = row.numeric;
  assert.ok(s);
  const texts = cells.map(viewText);
  assert.equal(texts[0], 'trip_secondsint');
  assert.equal(texts[1], '10,036');
  assert.equal(texts[2], '0%');
  // The zeros share, computed here from the counts: num_zeros / tot_num_values.
  const zeros = `${((100 * s.zeros) / row.count).toFixed(1).replace(/\.0$/, '')}%`;
  assert.equal(texts[3], zeros);
  assert.equal(texts[8], '72,120', 'max');
  assert.equal(cells[8].attrs.title, '72,120');
  assert.equal(findElements(view, (e) => e.tag === 'svg' && String(e.attrs.class).startsWith('chart')).length, 1);
});

test('an anomalous feature is marked by severity and shows each reason', () => {
  const view = featureBodyView(feature('payment_type'), anomalies.byFeature.get('payment_type'), options, taxi.numExamples);
  assert.match(String(view.attrs.class), /\bhas-anomaly\b/);
  assert.match(String(view.attrs.class), /\bseverity-error\b/);
  assert.equal(findElements(view, (e) => e.attrs['aria-label'] === 'Error').length, 1);
  assert.deepEqual(textOf(view, 'anomaly-line'), ['Unexpected string values \u2014 Examples contain values missing from the schema: Prcard (<1%).']);

  const warning = featureBodyView(feature('company'), anomalies.byFeature.get('company'), options, taxi.numExamples);
  assert.match(String(warning.attrs.class), /\bseverity-warning\b/);
  assert.equal(findElements(warning, (e) => e.attrs['aria-label'] === 'Warning').length, 1);

  const clean = featureBodyView(feature('fare'), undefined, options, taxi.numExamples);
  assert.doesNotMatch(String(clean.attrs.class), /anomaly/);
  assert.deepEqual(textOf(clean, 'anomaly-line'), []);
});

test('chart tooltips come from the model: a histogram bucket, a quantile, a top value', () => {
  const fare = feature('fare');
  const first = fare.numeric?.standard[0];
  assert.ok(first);
  assert.match(chartTooltip(fare, options, 1) ?? '', /^\[0, 70\.01\]: /);
  assert.equal(chartTooltip(fare, { chart: 'quantiles', logScale: false }, 2), '0% of values \u2264 0');
  assert.equal(chartTooltip(feature('payment_type'), options, 1), 'Cash: 6,675 (66.5%)');
  assert.equal(chartTooltip(feature('pickup_census_tract'), options, 1), undefined);
});

test('quantile and standard charts are different drawings', () => {
  const fare = feature('fare');
  const standard = featureBodyView(fare, undefined, options, taxi.numExamples);
  const quantiles = featureBodyView(fare, undefined, { chart: 'quantiles', logScale: false }, taxi.numExamples);
  assert.equal(findElements(standard, (e) => e.attrs.class === 'bar').length, 1);
  assert.equal(findElements(quantiles, (e) => String(e.attrs.class).startsWith('tick')).length, 2);
});

test('headings, column headers and the other-anomalies list', () => {
  assert.equal(sectionHeading('numeric', 16, 16), 'Numeric Features (16)');
  assert.equal(sectionHeading('categorical', 2, 1500), 'Categorical Features (2 of 1,500)');
  const head = tableHeadView('categorical');
  assert.deepEqual(findElements(head, (e) => e.attrs.role === 'columnheader').map(viewText), SECTION_COLUMNS.categorical.map((c) => c.label));
  const others = otherAnomaliesView([anomalies.byFeature.get('trip_id')!, { feature: '', severity: 'warning', lines: [{ shortDescription: '', description: HOSTILE_NAME, text: HOSTILE_NAME }] }]);
  assertInert(others);
  assert.deepEqual(findElements(others, (e) => e.tag === 'li').map(viewText), [
    'trip_idColumn dropped \u2014 The feature was present in fewer examples than required.',
    `Dataset${HOSTILE_NAME}`,
  ]);
});

test('an empty string value shows a placeholder, never nothing', () => {
  const row = featureRow(stringFeature('blank', [['', 5], ['x', 1]], 6), 0, 6);
  const view = featureBodyView(row, undefined, options, 6);
  assert.deepEqual(textOf(view, 'col-top'), ['(empty string)']);
});
