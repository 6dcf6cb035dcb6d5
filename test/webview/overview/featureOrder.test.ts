import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_ANOMALIES, indexAnomalies } from '../../../webview/overview/anomalyModel.js';
import type { FeatureRow } from '../../../webview/overview/featureModel.js';
import { datasetSummary } from '../../../webview/overview/featureModel.js';
import { matchesFilter, nextFocusIndex, sortFeatures, visibleFeatures } from '../../../webview/overview/featureOrder.js';
import { syntheticAnomalies, syntheticStatistics } from './overviewFixtures.js';

/** `nonUniformity` null stands for "no distribution" (undefined would take the default). */
function row(index: number, name: string, missingOrZeroRatio = 0, nonUniformity: number | null = 0.5): FeatureRow {
  return {
    index,
    name,
    path: [name],
    kind: 'numeric',
    typeLabel: 'int',
    count: 1,
    missing: 0,
    missingRatio: 0,
    missingOrZeroRatio,
    nonUniformity: nonUniformity ?? undefined,
  };
}

const names = (rows: readonly FeatureRow[]): string[] => rows.map((r) => r.name);

test('feature order, and its reverse', () => {
  const rows = [row(2, 'c'), row(0, 'a'), row(1, 'b')];
  assert.deepEqual(names(sortFeatures(rows, 'order', false, EMPTY_ANOMALIES)), ['a', 'b', 'c']);
  assert.deepEqual(names(sortFeatures(rows, 'order', true, EMPTY_ANOMALIES)), ['c', 'b', 'a']);
});

test('names sort case-insensitively with numbers compared as numbers', () => {
  const rows = [row(0, 'f10'), row(1, 'f2'), row(2, 'F1'), row(3, 'beta'), row(4, 'Alpha')];
  assert.deepEqual(names(sortFeatures(rows, 'name', false, EMPTY_ANOMALIES)), ['Alpha', 'beta', 'F1', 'f2', 'f10']);
  assert.deepEqual(names(sortFeatures(rows, 'name', true, EMPTY_ANOMALIES)), ['f10', 'f2', 'F1', 'beta', 'Alpha']);
});

test('missing/zero: most first, ties in feature order', () => {
  const rows = [row(0, 'a', 0.1), row(1, 'b', 0.9), row(2, 'c', 0.1), row(3, 'd', 0)];
  assert.deepEqual(names(sortFeatures(rows, 'missing', false, EMPTY_ANOMALIES)), ['b', 'a', 'c', 'd']);
  assert.deepEqual(names(sortFeatures(rows, 'missing', true, EMPTY_ANOMALIES)), ['d', 'a', 'c', 'b']);
});

test('non-uniformity: least uniform first, features without a distribution last either way', () => {
  const rows = [row(0, 'none', 0, null), row(1, 'flat', 0, 0.01), row(2, 'spiky', 0, 0.9), row(3, 'mid', 0, 0.4)];
  assert.deepEqual(names(sortFeatures(rows, 'nonUniformity', false, EMPTY_ANOMALIES)), ['spiky', 'mid', 'flat', 'none']);
  assert.deepEqual(names(sortFeatures(rows, 'nonUniformity', true, EMPTY_ANOMALIES)), ['flat', 'mid', 'spiky', 'none']);
});

test('anomalies first: errors, then warnings, then the rest', () => {
  const stats = syntheticStatistics(60);
  const summary = datasetSummary(stats.datasets[0]);
  const anomalies = indexAnomalies(syntheticAnomalies(stats, 25));
  const sorted = sortFeatures(summary.features, 'anomalies', false, anomalies);
  // Features 0 and 50 are errors, 25 a warning (see syntheticAnomalies).
  assert.deepEqual(sorted.slice(0, 3).map((r) => r.index), [0, 50, 25]);
  assert.deepEqual(sorted.slice(3).map((r) => r.index), summary.features.map((r) => r.index).filter((i) => ![0, 25, 50].includes(i)));
});

test('the filter is a case-insensitive substring of the name', () => {
  assert.equal(matchesFilter(row(0, 'trip_Miles'), 'MILES'), true);
  assert.equal(matchesFilter(row(0, 'trip_miles'), '  '), true);
  assert.equal(matchesFilter(row(0, 'trip_miles'), 'fare'), false);
  assert.equal(matchesFilter(row(0, '<img src=x>'), '<img'), true);
  const rows = [row(0, 'pickup_lat'), row(1, 'fare'), row(2, 'pickup_lon')];
  assert.deepEqual(names(visibleFeatures(rows, 'pick', 'name', true, EMPTY_ANOMALIES)), ['pickup_lon', 'pickup_lat']);
});

test('sorting 1,000 features by non-uniformity gives a non-increasing sequence', () => {
  const summary = datasetSummary(syntheticStatistics(1000).datasets[0]);
  const sorted = sortFeatures(summary.features, 'nonUniformity', false, EMPTY_ANOMALIES);
  assert.equal(sorted.length, 1000);
  const values = sorted.map((r) => r.nonUniformity ?? -1);
  for (let i = 1; i < values.length; i++) assert.ok(values[i] <= values[i - 1], `at ${i}`);
});

test('roving focus moves within the rows and stops at the ends', () => {
  assert.equal(nextFocusIndex(0, 'ArrowDown', 5), 1);
  assert.equal(nextFocusIndex(4, 'ArrowDown', 5), 4);
  assert.equal(nextFocusIndex(0, 'ArrowUp', 5), 0);
  assert.equal(nextFocusIndex(2, 'Home', 5), 0);
  assert.equal(nextFocusIndex(2, 'End', 5), 4);
  assert.equal(nextFocusIndex(1, 'PageDown', 50), 11);
  assert.equal(nextFocusIndex(3, 'PageUp', 50), 0);
  assert.equal(nextFocusIndex(1, 'Enter', 5), undefined);
  assert.equal(nextFocusIndex(0, 'ArrowDown', 0), undefined);
});
