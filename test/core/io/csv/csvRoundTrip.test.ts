// Property tests: random tables written by a simple correct writer read back identically, whatever the batch
// size and read buffer size (tiny buffers put chunk boundaries inside quoted fields, `""` pairs and CRLFs), and
// whatever byte ranges they are read in.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import type { WriteOptions } from './csvTestKit.js';
import { readAll, rowStartsOf, tempDir, writeCsv } from './csvTestKit.js';

const tmp = tempDir();
after(() => tmp.cleanup());

// Characters that matter to CSV, plus any Unicode (but NUL, which marks a binary file, and U+FEFF, a BOM at the start).
const char = fc.oneof(
  fc.constantFrom(',', ';', '\t', '|', '"', '""', '\n', '\r', '\r\n', ' ', 'a', 'Z', '1', 'é', '€', '😀'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\u0000' && c !== '\ufeff'),
);
const cell = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: fc.string({ unit: char, maxLength: 8 }) },
);

const table = fc.integer({ min: 1, max: 5 }).chain((columns) =>
  fc.record({
    columns: fc.constant(columns),
    rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 25 }),
    write: fc.record({
      delimiter: fc.constantFrom(',', ';', '\t', '|'),
      newline: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
      quoteAll: fc.boolean(),
      trailingNewline: fc.boolean(),
    }),
    header: fc.boolean(),
  }),
);

interface Table {
  readonly columns: number;
  readonly rows: string[][];
  readonly write: WriteOptions;
  readonly header: boolean;
}

function layout(t: Table): { text: string; names: string[]; dataStart: number; offsets: number[]; lines: number[] } {
  const names = Array.from({ length: t.columns }, (_, k) => `c${k}`);
  const headerText = t.header ? names.join(t.write.delimiter) + t.write.newline : '';
  const text = headerText + writeCsv(t.rows, t.write);
  const starts = rowStartsOf(t.rows, t.write);
  const shift = t.header ? 1 : 0;
  return {
    text,
    names,
    dataStart: Buffer.byteLength(headerText),
    offsets: starts.offsets.map((o) => o + Buffer.byteLength(headerText)),
    lines: starts.lines.map((l) => l + shift),
  };
}

const expectedRows = (t: Table): (string | null)[][] => t.rows.map((row) => row.map((v) => (v === '' ? null : v)));

describe('CSV round trip (property)', () => {
  test('random tables read back identically for any batch and buffer size', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 48 }),
        async (t, batchRows, readBufferSize) => {
          const { text, names, lines } = layout(t);
          const path = tmp.file('prop.csv', text);
          const options = t.header
            ? { delimiter: t.write.delimiter }
            : { delimiter: t.write.delimiter, columnNames: names };
          const r = await readAll(path, { ...options, batchRows, readBufferSize });
          assert.deepEqual(r.columns, names);
          assert.deepEqual(r.rows, expectedRows(t));
          assert.deepEqual(r.lines, lines);
          assert.deepEqual(r.issues, []);
          assert.equal(r.summary.stopOffset, Buffer.byteLength(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('random splits at line breaks: chained exactly when every split is a record start, then the same rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.integer({ min: 1, max: 64 }),
        async (t, picks, readBufferSize) => {
          const { text, names, dataStart, offsets, lines } = layout(t);
          const bytes = Buffer.from(text);
          const breaks: number[] = [];
          for (let i = dataStart; i < bytes.length - 1; i++) if (bytes[i] === 0x0a) breaks.push(i + 1);
          fc.pre(breaks.length > 0);
          const splits = [...new Set(picks.map((p) => breaks[p % breaks.length]))].sort((a, b) => a - b);
          const bounds = [dataStart, ...splits, bytes.length];
          const path = tmp.file('split.csv', text);
          const parts = [];
          let firstLine = t.header ? 2 : 1;
          for (let k = 0; k + 1 < bounds.length; k++) {
            const range = { start: bounds[k], end: bounds[k + 1], firstLine };
            const r = await readAll(path, { delimiter: t.write.delimiter, columnNames: names, range, readBufferSize });
            parts.push(r);
            firstLine = r.summary.stopLine;
          }
          const chained = parts.every((r, k) => k + 1 === parts.length || r.summary.stopOffset === bounds[k + 1]);
          const trueStarts = new Set(offsets);
          assert.equal(
            chained,
            splits.every((s) => trueStarts.has(s)),
          );
          if (chained) {
            assert.deepEqual(
              parts.flatMap((r) => r.rows),
              expectedRows(t),
            );
            assert.deepEqual(
              parts.flatMap((r) => r.lines),
              lines,
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
