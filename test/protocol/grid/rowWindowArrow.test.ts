import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tableFromIPC } from 'apache-arrow';
import { decodeWindow, encodeWindow, encodeWindowWithin, MAX_CELL_CHARS, MAX_WINDOW_BYTES } from '../../../src/protocol/grid/rowWindowArrow.js';
import { parseGridToHostMessage, parseHostToGridMessage } from '../../../src/protocol/grid/gridProtocol.js';

test('a window round-trips through Arrow IPC: row numbers, positions, text and missing cells', () => {
  const rows = {
    rowNumbers: [0, 1, Number.NaN],
    positions: [2, 3, 4],
    shards: [0, 0, 1],
    cells: [['Cash', null], ['<img src=x onerror=alert(1)>', 'é, "quoted"'], [null, '']],
  };
  const bytes = encodeWindow(2, rows);
  // Real Arrow: a reader other than ours sees the columns and their types.
  const table = tableFromIPC(bytes);
  assert.equal(table.numRows, 3);
  assert.deepEqual(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`), ['r:Float64', 'p:Float64', 's:Float64', 'c0:Utf8', 'c1:Utf8']);
  const back = decodeWindow(bytes, 2);
  assert.deepEqual(back.cells, rows.cells);
  assert.deepEqual(back.positions, [2, 3, 4]);
  assert.ok(Number.isNaN(back.rowNumbers[2]));
});

test('a window stays within 1 MB: rows are dropped from the end, long cells are cut', () => {
  const n = 3000;
  const rows = { rowNumbers: Array.from({ length: n }, (_, i) => i), positions: Array(n).fill(1), shards: Array(n).fill(0), cells: Array.from({ length: n }, (_, i) => [`${i}`, 'y'.repeat(2000)]) };
  const { bytes, rows: kept } = encodeWindowWithin(2, rows);
  assert.ok(bytes.byteLength <= MAX_WINDOW_BYTES, String(bytes.byteLength));
  assert.ok(kept > 100 && kept < n, String(kept));
  assert.deepEqual(decodeWindow(bytes, 2).cells.map((c) => c[0]), rows.cells.slice(0, kept).map((c) => c[0]));
  const long = decodeWindow(encodeWindow(1, { rowNumbers: [0], positions: [0], shards: [0], cells: [['z'.repeat(10 * MAX_CELL_CHARS)]] }), 1);
  assert.equal(long.cells[0]?.[0]?.length, MAX_CELL_CHARS);
});

test('messages from the grid are checked as untrusted input', () => {
  assert.deepEqual(parseGridToHostMessage({ type: 'grid/window', requestId: 3, at: { kind: 'row', row: 10 }, count: 100 }), { type: 'grid/window', requestId: 3, at: { kind: 'row', row: 10 }, count: 100 });
  for (const bad of [
    { type: 'grid/window', requestId: 3, at: { kind: 'row', row: -1 }, count: 100 },
    { type: 'grid/window', requestId: 3, at: { kind: 'row', row: 1 }, count: 1e9 },
    { type: 'grid/window', requestId: 3, at: { kind: 'file', path: '/etc/passwd' }, count: 1 },
    { type: 'grid/filter', requestId: 1, expression: 42 },
    { type: 'grid/open' },
    { type: 'grid/nope', requestId: 1 },
    'grid/open',
  ]) assert.equal(parseGridToHostMessage(bad), undefined, JSON.stringify(bad));
  const rows = parseHostToGridMessage({ type: 'grid/rows', requestId: 1, window: new Uint8Array([1, 2]).buffer, rows: 0, startOffset: 0, endOffset: 0, atEnd: true });
  assert.ok(rows && rows.type === 'grid/rows' && rows.window instanceof Uint8Array);
  assert.equal(parseHostToGridMessage({ type: 'grid/rows', requestId: 1, window: [1, 2], rows: 0, startOffset: 0, endOffset: 0, atEnd: true }), undefined);
});
