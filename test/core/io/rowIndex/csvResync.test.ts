import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { nextRecordStart } from '../../../../src/core/io/rowIndex/csvResync.js';
import { csvRowsAtByte, openCsvRows } from '../../../../src/core/io/rowIndex/csvRows.js';
import { expectedNext, random, tempFolder, writeCsv } from './rowIndexKit.js';
import type { GeneratedCsv } from './rowIndexKit.js';

const tmp = tempFolder();
after(() => tmp.cleanup());

const layoutOf = (csv: GeneratedCsv, columns: number) => ({ delimiter: 0x2c, quote: 0x22, columnCount: columns, dataStart: csv.dataStart });

async function checkEveryTarget(csv: GeneratedCsv, columns: number, targets: Iterable<number>): Promise<void> {
  for (const target of targets) {
    const got = await nextRecordStart(csv.path, layoutOf(csv, columns), target);
    assert.equal(got.offset, expectedNext(csv, target), `jump to byte ${target}`);
    assert.equal(got.certain, true, `jump to byte ${target} decided`);
  }
}

describe('resynchronising byte jump', () => {
  test('quotes everywhere: every field quoted, with escaped quotes, commas and line breaks inside', async () => {
    const rnd = random(11);
    const pieces = ['a', '""', ',', '\n', '"b,c"', 'x\r\ny', ' ', '1,2,3'];
    const rows: string[][] = [];
    for (let i = 0; i < 300; i++) {
      const row: string[] = [];
      for (let c = 0; c < 3; c++) {
        let v = '';
        const n = 1 + Math.floor(rnd() * 6);
        for (let k = 0; k < n; k++) v += pieces[Math.floor(rnd() * pieces.length)];
        row.push(v);
      }
      rows.push(row);
    }
    const csv = writeCsv(join(tmp.dir, 'quotes.csv'), ['a', 'b', 'c'], rows, { quoteAll: true });
    // Every byte offset of the data.
    const targets: number[] = [];
    for (let t = csv.dataStart; t <= csv.bytes.length; t++) targets.push(t);
    await checkEveryTarget(csv, 3, targets);
  });

  test('a quoted field whose lines look like records spans the jump point', async () => {
    // The quoted text holds lines with the right number of commas: parsed from inside, they look like records.
    const decoy = Array.from({ length: 40 }, (_, i) => `${i},fake,${i}.5`).join('\n');
    const rows: Array<Array<string | null>> = [];
    for (let i = 0; i < 20; i++) rows.push([String(i), i % 5 === 2 ? decoy : `plain ${i}`, String(i * 2)]);
    const csv = writeCsv(join(tmp.dir, 'decoy.csv'), ['id', 'text', 'n'], rows);
    const span = csv.recordStarts[2];
    const spanEnd = csv.recordStarts[3];
    const targets: number[] = [];
    for (let t = span; t <= spanEnd; t += 7) targets.push(t);
    await checkEveryTarget(csv, 3, targets);

    // The window read from inside the field starts with the next whole record, never a torn one.
    const source = await openCsvRows(csv.path);
    const window = await csvRowsAtByte(source, span + Math.floor((spanEnd - span) / 2), 2);
    assert.deepEqual(window.rows, [csv.values[3], csv.values[4]]);
  });

  test('one 20 MB line: a jump into its middle lands on the next record', async () => {
    const long = 'x'.repeat(20 * 1024 * 1024);
    const csv = writeCsv(join(tmp.dir, 'long.csv'), ['id', 'text'], [['0', 'short'], ['1', long], ['2', 'after'], ['3', 'end']]);
    const middle = csv.recordStarts[1] + 10 * 1024 * 1024;
    const got = await nextRecordStart(csv.path, layoutOf(csv, 2), middle);
    assert.equal(got.offset, csv.recordStarts[2]);
    const source = await openCsvRows(csv.path);
    const window = await csvRowsAtByte(source, middle, 5);
    assert.deepEqual(window.rows, [['2', 'after'], ['3', 'end']]);
  });

  test('a 20 MB quoted field holding line breaks: a jump into it lands after it', async () => {
    const long = ('y'.repeat(1000) + '\n').repeat(20 * 1024);
    const csv = writeCsv(join(tmp.dir, 'longquoted.csv'), ['id', 'text'], [['0', 'short'], ['1', long], ['2', 'after']]);
    const middle = csv.recordStarts[1] + 10 * 1024 * 1024 + 3;
    const got = await nextRecordStart(csv.path, layoutOf(csv, 2), middle);
    assert.equal(got.offset, csv.recordStarts[2]);
  });

  test('offsets at the data start, on a record start, and past the end', async () => {
    const csv = writeCsv(join(tmp.dir, 'edges.csv'), ['a', 'b'], [['1', '2'], ['3', '4']], { eol: '\r\n', bom: true });
    await checkEveryTarget(csv, 2, [0, csv.dataStart, csv.recordStarts[1], csv.recordStarts[1] + 1, csv.bytes.length, csv.bytes.length + 10]);
  });
});
