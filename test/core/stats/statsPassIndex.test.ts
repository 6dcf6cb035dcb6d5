import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { resolveDataset } from '../../../src/core/io/dataset.js';
import { csvRowsAt, openCsvRows } from '../../../src/core/io/rowIndex/csvRows.js';
import { computeStatistics } from '../../../src/core/stats/statisticsJob.js';
import { random, tempFolder, writeCsv } from '../io/rowIndex/rowIndexKit.js';

const tmp = tempFolder();
after(() => tmp.cleanup());

test('the statistics pass builds the row index as it reads, across parallel ranges, quoted line breaks included', async () => {
  const rnd = random(5);
  const rows: Array<Array<string | null>> = [];
  for (let i = 0; i < 5000; i++) rows.push([String(i), rnd() < 0.3 ? `two\nlines ${i}` : `v${i}`, (rnd() * 10).toFixed(3)]);
  const csv = writeCsv(join(tmp.dir, 'stats.csv'), ['id', 'text', 'x'], rows, { eol: '\r\n', bom: true });
  const info = await resolveDataset([csv.path]);
  const result = await computeStatistics(info, { parallelism: 3 });
  const index = result.rowIndex;
  assert.ok(index);
  assert.equal(index.rows, 5000);
  // Every checkpoint names a true record start with its row and line, whatever range it came from.
  assert.ok(index.checkpointRows.length >= 5000 / 1024);
  for (let k = 0; k + 1 < index.checkpointRows.length; k++) {
    const row: number = index.checkpointRows[k];
    assert.equal(index.checkpointOffsets[k], csv.recordStarts[row], `offset of row ${row}`);
    assert.equal(index.checkpointLines[k], csv.recordLines[row], `line of row ${row}`);
    if (k > 0) assert.ok(row - index.checkpointRows[k - 1] <= 1024);
  }
  const source = await openCsvRows(csv.path, {}, index);
  for (const at of [0, 1023, 1024, 2500, 4999]) assert.deepEqual((await csvRowsAt(source, at, 1)).rows[0], csv.values[at], `row ${at}`);
});
