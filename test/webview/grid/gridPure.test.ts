import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFilter } from '../../../src/core/io/rowFilter/index.js';
import { barFilter, columnRef, valueFilter } from '../../../webview/grid/chartFilters.js';
import { rowLabel, rowsToCsv } from '../../../webview/grid/gridText.js';
import { contentHeight, MAX_SCROLL_PX, ROW_HEIGHT, scrollTopFor, topRowAt } from '../../../webview/grid/scrollScale.js';
import type { FeatureRow } from '../../../webview/overview/featureModel.js';

test('scaled scrolling reaches every one of 100 M rows within the browser height cap', () => {
  const rows = 100_000_000;
  const viewport = 600;
  assert.equal(contentHeight(rows), MAX_SCROLL_PX);
  assert.equal(topRowAt(0, rows, viewport), 0);
  const maxScroll = MAX_SCROLL_PX - viewport;
  assert.equal(Math.round(topRowAt(maxScroll, rows, viewport) + viewport / ROW_HEIGHT), rows);
  for (const row of [1, 12_345_678, 99_999_000]) assert.ok(Math.abs(topRowAt(scrollTopFor(row, rows, viewport), rows, viewport) - row) < 1e-3, String(row));
  // Small tables scroll one pixel per pixel.
  assert.equal(contentHeight(100), 100 * ROW_HEIGHT);
  assert.equal(topRowAt(240, 100, viewport), 10);
});

test('copied rows are CSV a spreadsheet reads back; row labels are 1-based', () => {
  assert.equal(rowsToCsv(['a', 'b c'], [['1', null], ['x,y', 'say "hi"']]), 'a,b c\n1,\n"x,y","say ""hi"""\n');
  assert.equal(rowLabel(0), '1');
  assert.equal(rowLabel(1_233_999, true), '≈ 1,234,000');
});

const numeric = { name: 'fare', numeric: { standard: [{ low: 0, high: 10, count: 5 }, { low: 10, high: 20.5, count: 3 }] } } as unknown as FeatureRow;
const categorical = { name: 'payment type', categorical: { ranks: [{ label: 'Cash', count: 9 }, { label: 'say "x"', count: 1 }] } } as unknown as FeatureRow;

test('a chart bar becomes a filter the parser accepts: TFDV bucket bounds, quoted values and names', () => {
  assert.equal(barFilter(numeric, 0), 'fare >= 0 and fare <= 10');
  assert.equal(barFilter(numeric, 1), 'fare > 10 and fare <= 20.5');
  assert.equal(barFilter(categorical, 0), '`payment type` = "Cash"');
  assert.equal(valueFilter(categorical, 'say "x"'), '`payment type` = "say \\"x\\""');
  assert.equal(barFilter(numeric, 5), undefined);
  assert.equal(columnRef('and'), '`and`');
  for (const e of [barFilter(numeric, 1), barFilter(categorical, 1)]) assert.doesNotThrow(() => parseFilter(e ?? ''));
  const parsed = parseFilter(valueFilter(categorical, 'say "x"'));
  assert.deepEqual(parsed, { kind: 'compare', column: 'payment type', op: '=', value: { kind: 'text', value: 'say "x"' } });
});
