/** The overview's Feature and Count columns size to their content: "1,000,000" fits, long names widen the column up to a bound. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnWidths } from '../../../webview/overview/columnWidths.js';
import type { FeatureRow } from '../../../webview/overview/featureModel.js';

function row(name: string, count: number): FeatureRow {
  return { index: 0, name, path: [name], kind: 'numeric', typeLabel: 'int', count, missing: 0, missingRatio: 0, missingOrZeroRatio: 0, nonUniformity: undefined };
}

test('a 1M-row count gets a column wide enough for all its digits', () => {
  const w = columnWidths([row('fare', 1_000_000)]);
  const ch = Number(/calc\((\d+)ch/.exec(w.count)?.[1]);
  assert.ok(ch >= '1,000,000'.length, w.count);
});

test('the Feature column follows the longest name, within bounds', () => {
  assert.equal(columnWidths([row('a', 1)]).name, '20ch');
  assert.equal(columnWidths([row('dropoff_community_area_long_name', 1)]).name, `${'dropoff_community_area_long_name'.length + 10}ch`);
  assert.equal(columnWidths([row('x'.repeat(200), 1)]).name, '48ch');
});
