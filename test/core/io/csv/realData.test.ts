// The real datasets of ../shared/data, checked against a naive parse (split on line breaks and commas), which is
// right for these files because they hold no quotes (asserted first).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { readCsvHeader } from '../../../../src/core/io/csv/header.js';
import { planCsvRanges } from '../../../../src/core/io/csv/ranges.js';
import { readAll, repoRoot } from './csvTestKit.js';

const dataPath = (name: string): string => resolve(repoRoot, '../shared/data', name);

function naive(path: string): { header: string[]; rows: (string | null)[][] } {
  const text = readFileSync(path, 'utf8');
  assert.equal(text.includes('"'), false, 'the naive parse is only right without quotes');
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(',').map((v) => (v === '' ? null : v)));
  return { header, rows };
}

describe('real datasets', () => {
  test('taxi/train.csv: 10000 rows of 18 columns, every cell as the naive parse', async () => {
    const path = dataPath('taxi/train.csv');
    const expected = naive(path);
    const r = await readAll(path);
    assert.equal(r.columns.length, 18);
    assert.deepEqual(r.columns, expected.header);
    assert.equal(r.columns[14], 'company');
    assert.equal(r.rows.length, 10000);
    assert.deepEqual(r.rows, expected.rows);
    assert.deepEqual(r.lines.slice(0, 3), [2, 3, 4]);
    assert.equal(r.lines[9999], 10001);
    assert.deepEqual(r.issues, []);
    // A few cells, by name, from the file's first data line.
    const first = r.rows[0];
    assert.equal(first[r.columns.indexOf('fare')], '12.85');
    assert.equal(first[r.columns.indexOf('pickup_census_tract')], null);
    assert.equal(first[r.columns.indexOf('company')], 'Taxi Affiliation Services');
  });

  test('taxi/train.csv in 4 parallel-style ranges gives the same rows', async () => {
    const path = dataPath('taxi/train.csv');
    const header = await readCsvHeader(path);
    const ranges = await planCsvRanges(path, 4, header.dataStart);
    assert.equal(ranges.length, 4);
    const whole = await readAll(path);
    const rows = [];
    let firstLine = header.firstDataLine;
    for (const [k, range] of ranges.entries()) {
      const part = await readAll(path, {
        columnNames: header.columnNames,
        delimiter: header.delimiter,
        range: { ...range, firstLine },
      });
      if (k + 1 < ranges.length) assert.equal(part.summary.stopOffset, ranges[k + 1].start);
      assert.equal(part.summary.startConsistent, true);
      assert.equal(part.lines[0], firstLine);
      firstLine = part.summary.stopLine;
      rows.push(...part.rows);
    }
    assert.deepEqual(rows, whole.rows);
  });

  test('spending/score_train.csv: 4000 rows, empty cells missing', async () => {
    const path = dataPath('spending/score_train.csv');
    const expected = naive(path);
    const r = await readAll(path, { batchRows: 333 });
    assert.deepEqual(r.columns, ['Graduated', 'Profession', 'Work_Experience', 'Family_Size', 'Spending_Score']);
    assert.deepEqual(r.columns, expected.header);
    assert.equal(r.rows.length, 4000);
    assert.deepEqual(r.rows, expected.rows);
    assert.deepEqual(r.rows[1], ['Yes', 'Engineer', null, '3.0', 'Average']);
    const missing = r.rows.filter((row) => row[2] === null).length;
    assert.equal(missing, expected.rows.filter((row) => row[2] === null).length);
    assert.ok(missing > 0);
  });
});
