import assert from 'node:assert/strict';
import { writeFileSync, utimesSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { buildCsvRowIndex } from '../../../../src/core/io/rowIndex/csvIndexBuilder.js';
import { scanCsvRowIndex } from '../../../../src/core/io/rowIndex/csvIndexScanner.js';
import { csvRowsAt, csvRowsAtLine, openCsvRows } from '../../../../src/core/io/rowIndex/csvRows.js';
import { RowIndexCache } from '../../../../src/core/io/rowIndex/rowIndexCache.js';
import { random, tempFolder, writeCsv } from './rowIndexKit.js';
import type { GeneratedCsv } from './rowIndexKit.js';

const tmp = tempFolder();
after(() => tmp.cleanup());

function records(n: number, seed: number): Array<Array<string | null>> {
  const rnd = random(seed);
  const out: Array<Array<string | null>> = [];
  for (let i = 0; i < n; i++) {
    const kind = rnd();
    const text = kind < 0.2 ? `multi\nline ${i}\r\nmore` : kind < 0.35 ? `say "hi", ${i}` : kind < 0.45 ? null : `t${i}`;
    out.push([String(i), text, rnd() < 0.1 ? null : (rnd() * 100).toFixed(2)]);
  }
  return out;
}

for (const [name, eol, bom] of [
  ['LF', '\n', false],
  ['CRLF', '\r\n', false],
  ['LF with BOM', '\n', true],
  ['CRLF with BOM', '\r\n', true],
] as const) {
  describe(`sparse CSV index, ${name}, quoted line breaks`, () => {
    const csv = writeCsv(join(tmp.dir, `${name.replace(/ /g, '_')}.csv`), ['id', 'text', 'fare'], records(1000, 7), { eol, bom });

    test('a checkpoint every N-th row at that row\'s byte offset and line', async () => {
      const index = await buildCsvRowIndex(csv.path, { every: 7 });
      assert.equal(index.rows, 1000);
      const expectedCount = Math.ceil(1000 / 7) + 1; // + the end-of-data checkpoint
      assert.equal(index.checkpointRows.length, expectedCount);
      for (let k = 0; k + 1 < index.checkpointRows.length; k++) {
        const row = k * 7;
        assert.equal(index.checkpointRows[k], row);
        assert.equal(index.checkpointOffsets[k], csv.recordStarts[row], `offset of row ${row}`);
        assert.equal(index.checkpointLines[k], csv.recordLines[row], `line of row ${row}`);
      }
      assert.equal(index.checkpointRows.at(-1), 1000);
      assert.equal(index.checkpointOffsets.at(-1), csv.bytes.length);
    });

    test('rows read through the index are the rows written, at every position', async () => {
      const index = await buildCsvRowIndex(csv.path, { every: 16 });
      const source = await openCsvRows(csv.path, {}, index);
      for (const at of [0, 1, 15, 16, 17, 500, 998, 999]) {
        const window = await csvRowsAt(source, at, 3);
        assert.equal(window.firstRow, at);
        assert.deepEqual(window.rows, csv.values.slice(at, at + 3), `rows at ${at}`);
        assert.equal(window.startOffset, csv.recordStarts[at]);
        assert.deepEqual(window.positions, csv.recordLines.slice(at, at + 3));
      }
      const last = await csvRowsAt(source, 999, 10);
      assert.equal(last.rows.length, 1);
      assert.equal(last.atEnd, true);
    });

    test('rows by line land on the record that starts there', async () => {
      const index = await buildCsvRowIndex(csv.path, { every: 16 });
      const source = await openCsvRows(csv.path, {}, index);
      const window = await csvRowsAtLine(source, csv.recordLines[321], 1);
      assert.equal(window.firstRow, 321);
      assert.deepEqual(window.rows[0], csv.values[321]);
    });
  });
}

test('without an index the first rows come from the start', async () => {
  const csv: GeneratedCsv = writeCsv(join(tmp.dir, 'plain.csv'), ['a', 'b'], [['1', 'x'], ['2', null], ['3', 'z']]);
  const window = await csvRowsAt(await openCsvRows(csv.path), 1, 5);
  assert.deepEqual(window.rows, [['2', null], ['3', 'z']]);
  assert.equal(window.firstRow, 1);
});

describe('row index cache', () => {
  test('reused while the file is unchanged, rebuilt after any change', async () => {
    const csv = writeCsv(join(tmp.dir, 'cached.csv'), ['a', 'b'], records(50, 3).map((r) => [r[0], r[2]]));
    const cache = new RowIndexCache(join(tmp.dir, 'cache'));
    // Whole seconds, which every file system keeps exactly, so the same mtime can be set again below.
    utimesSync(csv.path, 1_700_000_000, 1_700_000_000);
    const index = await buildCsvRowIndex(csv.path, { every: 4 });
    await cache.save([csv.path], index);
    const loaded = await cache.load([csv.path]);
    assert.ok(loaded && loaded.kind === 'csv');
    assert.deepEqual([...loaded.checkpointOffsets], [...index.checkpointOffsets]);
    assert.equal(loaded.rows, 50);

    // Same size and the same mtime, different bytes in the head: only the hash tells.
    const changed = Buffer.from(csv.bytes);
    changed[csv.dataStart] = changed[csv.dataStart] === 0x31 ? 0x32 : 0x31;
    writeFileSync(csv.path, changed);
    utimesSync(csv.path, 1_700_000_000, 1_700_000_000);
    assert.equal(statSync(csv.path).mtimeMs, 1_700_000_000_000);
    assert.equal(await cache.load([csv.path]), undefined, 'a rewrite keeping size and mtime is caught by the hash');

    // Appending rows changes size and mtime.
    await cache.save([csv.path], await buildCsvRowIndex(csv.path, { every: 4 }));
    assert.ok(await cache.load([csv.path]));
    writeFileSync(csv.path, Buffer.concat([changed, Buffer.from('99,1.5\n')]));
    assert.equal(await cache.load([csv.path]), undefined, 'an appended row invalidates the index');
  });

  test('a corrupt cache file is ignored, not trusted', async () => {
    const csv = writeCsv(join(tmp.dir, 'corrupt.csv'), ['a'], [['1']]);
    const cache = new RowIndexCache(join(tmp.dir, 'cache2'));
    await cache.save([csv.path], await buildCsvRowIndex(csv.path));
    writeFileSync(cache.pathFor([csv.path]), 'FWRI garbage');
    assert.equal(await cache.load([csv.path]), undefined);
  });
});

describe('the fast index scan finds exactly the records the reader reads', () => {
  const pieces = ['a', 'bc', ',', '"', '""', '\n', '\r\n', '\r', ' ', 'x"y', '"q,\n"'];
  for (let seed = 1; seed <= 60; seed++) {
    test(`random file ${seed}`, async () => {
      const rnd = random(seed);
      let text = rnd() < 0.3 ? '\ufeff' : '';
      text += rnd() < 0.5 ? 'a,b,c\n' : 'a\r\n';
      const n = 20 + Math.floor(rnd() * 300);
      for (let k = 0; k < n; k++) text += pieces[Math.floor(rnd() * pieces.length)];
      const path = join(tmp.dir, `fuzz-${seed}.csv`);
      writeFileSync(path, text);
      const slow = await buildCsvRowIndex(path, { every: 3 });
      const fast = await scanCsvRowIndex(path, { every: 3 });
      assert.equal(fast.rows, slow.rows, JSON.stringify(text));
      assert.deepEqual([...fast.checkpointRows], [...slow.checkpointRows], JSON.stringify(text));
      assert.deepEqual([...fast.checkpointOffsets], [...slow.checkpointOffsets], JSON.stringify(text));
      assert.deepEqual([...fast.checkpointLines].slice(0, -1), [...slow.checkpointLines].slice(0, -1), JSON.stringify(text));
    });
  }

  test('the generated files above, and chunk boundaries inside quotes', async () => {
    const csv = writeCsv(join(tmp.dir, 'big-quoted.csv'), ['id', 'text', 'fare'], records(60_000, 9), { eol: '\r\n' });
    const slow = await buildCsvRowIndex(csv.path, { every: 97 });
    const fast = await scanCsvRowIndex(csv.path, { every: 97 });
    assert.equal(fast.rows, 60_000);
    assert.deepEqual([...fast.checkpointOffsets], [...slow.checkpointOffsets]);
    assert.deepEqual([...fast.checkpointLines], [...slow.checkpointLines]);
  });
});
