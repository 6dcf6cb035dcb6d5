import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { readCsv } from '../../../../src/core/io/csv/csvReader.js';
import { readAll, tempDir } from './csvTestKit.js';

const tmp = tempDir();
after(() => tmp.cleanup());

describe('readCsv: RFC 4180', () => {
  test('plain rows with a header', async () => {
    const r = await readAll(tmp.file('plain.csv', 'a,b,c\n1,2,3\n4,5,6\n'));
    assert.deepEqual(r.columns, ['a', 'b', 'c']);
    assert.deepEqual(r.rows, [
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    assert.deepEqual(r.lines, [2, 3]);
    assert.deepEqual(r.issues, []);
    assert.equal(r.summary.rows, 2);
  });

  test('quoted fields hold delimiters, doubled quotes and line breaks', async () => {
    const text = 'name,note\n"Smith, J.","say ""hi"""\n"multi\nline","x"\n"","q"\n';
    const r = await readAll(tmp.file('quoted.csv', text));
    assert.deepEqual(r.rows, [
      ['Smith, J.', 'say "hi"'],
      ['multi\nline', 'x'],
      [null, 'q'],
    ]);
    assert.deepEqual(r.lines, [2, 3, 5]);
    assert.deepEqual(r.issues, []);
  });

  test('CRLF, LF and a mix of both; CR inside quotes is kept', async () => {
    const r = await readAll(tmp.file('crlf.csv', 'a,b\r\n1,2\r\n3,4\n"x\r\ny",5\r\n6,"7"\r\n'));
    assert.deepEqual(r.rows, [
      ['1', '2'],
      ['3', '4'],
      ['x\r\ny', '5'],
      ['6', '7'],
    ]);
    assert.deepEqual(r.lines, [2, 3, 4, 6]);
  });

  test('a lone CR is data, not a line break', async () => {
    const r = await readAll(tmp.file('cr.csv', 'a,b\n1\r2,3\n'));
    assert.deepEqual(r.rows, [['1\r2', '3']]);
  });

  test('the last line may lack its line break (LF, CRLF, quoted, trailing CR)', async () => {
    assert.deepEqual((await readAll(tmp.file('nolf.csv', 'a,b\n1,2\n3,4'))).rows, [
      ['1', '2'],
      ['3', '4'],
    ]);
    assert.deepEqual((await readAll(tmp.file('nolf2.csv', 'a,b\r\n1,2\r\n3,"4"'))).rows, [
      ['1', '2'],
      ['3', '4'],
    ]);
    assert.deepEqual((await readAll(tmp.file('nolf3.csv', 'a,b\r\n1,2\r'))).rows, [['1', '2']]);
    assert.deepEqual((await readAll(tmp.file('nolf4.csv', 'a,b\n1,"2"\r'))).rows, [['1', '2']]);
  });

  test('a UTF-8 byte order mark is skipped', async () => {
    const r = await readAll(tmp.file('bom.csv', '\ufeffid,név\n1,Zoë\n'));
    assert.deepEqual(r.columns, ['id', 'név']);
    assert.deepEqual(r.rows, [['1', 'Zoë']]);
    assert.equal(r.summary.startOffset, 3 + Buffer.byteLength('id,név\n'));
  });

  test('empty fields are missing values, quoted or not; a row of only delimiters is all missing', async () => {
    const r = await readAll(tmp.file('empty.csv', 'a,b,c\n,2,\n"",,""\n,,\n'));
    assert.deepEqual(r.rows, [
      [null, '2', null],
      [null, null, null],
      [null, null, null],
    ]);
    assert.deepEqual(r.issues, []);
  });

  test('a header-only file has columns and no rows', async () => {
    const r = await readAll(tmp.file('header.csv', 'a,b,c\n'));
    assert.deepEqual(r.summary.columnNames, ['a', 'b', 'c']);
    assert.deepEqual(r.rows, []);
    assert.equal(r.summary.fatal, undefined);
    const noBreak = await readAll(tmp.file('header2.csv', 'a,b,c'));
    assert.deepEqual(noBreak.summary.columnNames, ['a', 'b', 'c']);
    assert.equal(noBreak.summary.rows, 0);
  });

  test('an empty file with a header expected is an error; with given column names it is an empty dataset', async () => {
    const path = tmp.file('empty.csv', '');
    const r = await readAll(path);
    assert.equal(r.rows.length, 0);
    assert.equal(r.issues.length, 1);
    assert.equal(r.issues[0].code, 'CSV_EMPTY_FILE');
    assert.equal(r.issues[0].severity, 'error');
    assert.equal(r.summary.fatal?.code, 'CSV_EMPTY_FILE');
    const named = await readAll(path, { columnNames: ['a', 'b'] });
    assert.deepEqual(named.rows, []);
    assert.deepEqual(named.issues, []);
    assert.deepEqual(named.summary.columnNames, ['a', 'b']);
    // A byte order mark alone is empty too.
    assert.equal((await readAll(tmp.file('bomonly.csv', '\ufeff'))).summary.fatal?.code, 'CSV_EMPTY_FILE');
  });

  test('caller-supplied column names read the first line as data', async () => {
    const r = await readAll(tmp.file('noheader.csv', '1,2\n3,4\n'), { columnNames: ['x', 'y'] });
    assert.deepEqual(r.columns, ['x', 'y']);
    assert.deepEqual(r.rows, [
      ['1', '2'],
      ['3', '4'],
    ]);
    assert.deepEqual(r.lines, [1, 2]);
  });

  test('header: true with column names skips the header row and uses the names', async () => {
    const r = await readAll(tmp.file('rename.csv', 'a,b\n1,2\n'), { header: true, columnNames: ['x', 'y'] });
    assert.deepEqual(r.columns, ['x', 'y']);
    assert.deepEqual(r.rows, [['1', '2']]);
  });

  test('header: false without names numbers the columns from the first record', async () => {
    const r = await readAll(tmp.file('numbered.csv', '1,2,3\n4,5,6\n'), { header: false });
    assert.deepEqual(r.columns, ['column_1', 'column_2', 'column_3']);
    assert.deepEqual(r.rows, [
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
  });

  test('blank lines are skipped when there are several columns, and still count as lines', async () => {
    const r = await readAll(tmp.file('blank.csv', 'a,b\n\n1,2\r\n\r\n3,4\n\n'));
    assert.deepEqual(r.rows, [
      ['1', '2'],
      ['3', '4'],
    ]);
    assert.deepEqual(r.lines, [3, 5]);
    assert.equal(r.summary.blankLines, 3);
    assert.deepEqual(r.issues, []);
  });

  test('with one column, a blank line is a missing value', async () => {
    const r = await readAll(tmp.file('onecol.csv', 'a\n1\n\n2\n'));
    assert.deepEqual(r.rows, [['1'], [null], ['2']]);
  });

  test('quoting can be turned off: quotes are ordinary characters', async () => {
    const r = await readAll(tmp.file('noquote.tsv', 'a\tb\n"x\t"y"\n'), { quote: null });
    assert.deepEqual(r.rows, [['"x', '"y"']]);
    assert.deepEqual(r.issues, []);
  });

  test('other delimiters, given or implied by .tsv', async () => {
    assert.deepEqual((await readAll(tmp.file('semi.csv', 'a;b\n1;"2;3"\n'), { delimiter: ';' })).rows, [['1', '2;3']]);
    assert.deepEqual((await readAll(tmp.file('pipe.csv', 'a|b\n1|2\n'), { delimiter: '|' })).rows, [['1', '2']]);
    // .tsv implies tab even where commas would split the sample more consistently.
    assert.deepEqual((await readAll(tmp.file('t.tsv', 'a,x\tb,y\n1,2\t3,4\n'))).rows, [['1,2', '3,4']]);
    assert.deepEqual((await readAll(tmp.file('t2.csv', 'a\tb\n1\t2\n'), { delimiter: '\\t' })).rows, [['1', '2']]);
  });

  test('line numbers count the line breaks inside quoted fields', async () => {
    const text = 'a,b\n"1\n\n",x\n2,"y\r\nz"\n3,w\n';
    const r = await readAll(tmp.file('lines.csv', text));
    assert.deepEqual(r.lines, [2, 5, 7]);
    assert.equal(r.summary.stopLine, 8);
    assert.equal(r.summary.linesConsumed, 6);
  });

  test('batches split at batchRows; every batch keeps its own valid bytes', async () => {
    const rows = Array.from({ length: 25 }, (_, k) => [`r${k}`, `"q""${k}"`]);
    const text = 'a,b\n' + rows.map((r) => r.join(',')).join('\n') + '\n';
    const r = await readAll(tmp.file('batches.csv', text), { batchRows: 4, readBufferSize: 16 });
    assert.equal(r.rows.length, 25);
    assert.ok(r.batches >= 7);
    r.rows.forEach((row, k) => assert.deepEqual(row, [`r${k}`, `q"${k}`]));
  });

  test('reuseBatches: each batch, read before the next is asked for, holds the same cells; the offset arrays are reused', async () => {
    const rows = Array.from({ length: 300 }, (_, k) => [`r${k}`, k % 7 === 0 ? '' : `"x,${k}"`, String(k * 3)]);
    const text = 'a,b,c\n' + rows.map((r) => r.join(',')).join('\n') + '\n';
    const path = tmp.file('reuse.csv', text);
    const decode = new TextDecoder();
    const cellsOf = async (reuseBatches: boolean): Promise<{ cells: string[][]; startArrays: Set<unknown> }> => {
      const cells: string[][] = [];
      const startArrays = new Set<unknown>();
      for await (const batch of readCsv(path, { reuseBatches, batchRows: 16, readBufferSize: 64 })) {
        for (const column of batch.columns) if (column.kind === 'text') startArrays.add(column.starts.buffer);
        for (let r = 0; r < batch.rowCount; r++) {
          cells.push(
            batch.columns.map((c) => (c.kind === 'text' ? (c.starts[r] === c.ends[r] ? '∅' : decode.decode(c.data.subarray(c.starts[r], c.ends[r]))) : '?')),
          );
        }
      }
      return { cells, startArrays };
    };
    const fresh = await cellsOf(false);
    const reused = await cellsOf(true);
    assert.equal(fresh.cells.length, 300);
    assert.deepEqual(reused.cells, fresh.cells);
    assert.equal(fresh.cells[1][1], 'x,1');
    assert.ok(fresh.startArrays.size > 10, 'fresh arrays per batch without reuse');
    assert.equal(reused.startArrays.size, 1, 'one offset array for every batch with reuse');
  });

  test('a RowBatch has one TextColumn per column with line positions', async () => {
    const reader = readCsv(tmp.file('shape.csv', 'a,b\n1,2\n'), { shardIndex: 3 });
    const batches = [];
    for await (const b of reader) batches.push(b);
    assert.equal(batches.length, 1);
    const [batch] = batches;
    assert.equal(batch.shardIndex, 3);
    assert.equal(batch.positionKind, 'line');
    assert.deepEqual([...batch.positions], [2]);
    assert.deepEqual(
      batch.columns.map((c) => c.kind),
      ['text', 'text'],
    );
    assert.throws(() => reader[Symbol.asyncIterator](), /only once/);
  });

  test('progress is reported in bytes and a signal cancels', async () => {
    const text = 'a,b\n' + '1,2\n'.repeat(1000);
    const path = tmp.file('progress.csv', text);
    const seen: number[] = [];
    for await (const _ of readCsv(path, { readBufferSize: 1000, onProgress: (p) => seen.push(p.done) })) void _;
    assert.ok(seen.length >= 4);
    assert.equal(seen[seen.length - 1], text.length - 4);
    assert.deepEqual(
      [...seen].sort((x, y) => x - y),
      seen,
    );

    const controller = new AbortController();
    const reading = (async () => {
      for await (const _ of readCsv(path, { batchRows: 10, signal: controller.signal })) controller.abort();
    })();
    await assert.rejects(reading, /abort/i);
  });

  test('a missing file throws a FacetwiseError', async () => {
    await assert.rejects(
      readAll(tmp.dir + '/nope.csv'),
      (e: Error & { code?: string }) => e.code === 'CSV_CANNOT_OPEN',
    );
  });
});
