// The tokenizer on its own: buffers it must copy, every way of flagging special bytes (one subtraction per word for
// low bytes, exact tests for a delimiter or quote above '-'), and its status protocol.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { IssueLog } from '../../../../src/core/io/csv/issueLog.js';
import { CsvTokenizer, PARSE_DONE, PARSE_FULL, PARSE_NEED_DATA } from '../../../../src/core/io/csv/tokenizer.js';
import { readAll, tempDir } from './csvTestKit.js';

const tmp = tempDir();
after(() => tmp.cleanup());

function tokenizer(columns: number, batchRows = 100): CsvTokenizer {
  const names = Array.from({ length: columns }, (_, k) => `c${k}`);
  return new CsvTokenizer({
    columnNames: names,
    delimiter: 0x2c,
    quote: 0x22,
    batchRows,
    batchBytes: 1 << 20,
    issues: new IssueLog('t', undefined),
  });
}

/** Cells of the current batch (escaped quotes not undone: that is the reader's job). */
function cells(t: CsvTokenizer): string[][] {
  const data = t.buffer.subarray(t.batchBegin);
  const out: string[][] = [];
  for (let r = 0; r < t.rowCount; r++) {
    const row: string[] = [];
    for (let c = 0; c < t.columnCount; c++) {
      const k = c * t.batchRows + r;
      row.push(Buffer.from(data.subarray(t.starts[k], t.ends[k])).toString());
    }
    out.push(row);
  }
  return out;
}

describe('CsvTokenizer', () => {
  test('copies a misaligned or tight buffer instead of failing, and leaves the caller bytes alone', () => {
    const text = Buffer.from('xx1,2\n3,"4"\n');
    for (const offset of [0, 1, 2, 3]) {
      const backing = new Uint8Array(offset + text.length);
      backing.set(text, offset);
      const view = backing.subarray(offset); // no spare byte, maybe unaligned
      const t = tokenizer(2);
      t.setChunk(view, 2, view.length, true, 0, Infinity);
      t.startBatch();
      assert.equal(t.parse(), PARSE_DONE);
      assert.deepEqual(cells(t), [
        ['1', '2'],
        ['3', '4'],
      ]);
      assert.deepEqual(Buffer.from(view), text);
    }
  });

  test('status: FULL at batchRows, NEED_DATA with pos at the cut record, DONE at a stop offset', () => {
    const text = Buffer.from('1,2\n3,4\n5,"6\n');
    const buf = new Uint8Array(64);
    buf.set(text);
    const t = tokenizer(2, 2);
    t.setChunk(buf, 0, text.length, false, 1000, Infinity);
    t.startBatch();
    assert.equal(t.parse(), PARSE_FULL);
    assert.equal(t.rowCount, 2);
    assert.equal(t.pos, 8);
    t.startBatch();
    assert.equal(t.parse(), PARSE_NEED_DATA);
    assert.equal(t.rowCount, 0);
    assert.equal(t.pos, 8);
    assert.equal(t.line, 3);
    assert.equal(t.fileOffsetOf(t.pos), 1008);

    const stop = tokenizer(2);
    stop.setChunk(buf, 0, text.length, false, 0, 5); // the record at 4 starts before 5: it is read; the next is not
    stop.startBatch();
    assert.equal(stop.parse(), PARSE_DONE);
    assert.deepEqual(cells(stop), [
      ['1', '2'],
      ['3', '4'],
    ]);
    assert.equal(stop.pos, 8);
  });

  test('custom quote characters and high delimiters (exact byte tests) round-trip', async () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', ' ', ',', ';', '|', '~', "'", '"', '\n', '\r\n', 'é', '-', '.'),
      maxLength: 6,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(',', ';', '|', '\t'),
        fc.constantFrom("'", '~', '"', '^'),
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 16 }),
        async (delimiter, quote, rows, readBufferSize) => {
          // Quote every field, doubling the quote character: correct for any content.
          const text =
            rows
              .map((row) => row.map((v) => quote + v.split(quote).join(quote + quote) + quote).join(delimiter))
              .join('\n') + '\n';
          const r = await readAll(tmp.file('q.csv', text), {
            delimiter,
            quote,
            columnNames: ['a', 'b', 'c'],
            readBufferSize,
          });
          assert.deepEqual(
            r.rows,
            rows.map((row) => row.map((v) => (v === '' ? null : v))),
          );
          assert.deepEqual(r.issues, []);
        },
      ),
      { numRuns: 150 },
    );
  });
});
