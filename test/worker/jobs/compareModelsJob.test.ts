import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataset } from '../../../src/core/io/dataset.js';
import { runCompareModels } from '../../../src/worker/jobs/compareModelsJob.js';

const root = join(__dirname, '..', '..', 'fixtures', 'models', 'taxi_model');
const evalCsv = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'taxi', 'eval.csv');

test('compareModels on eval.csv: the engine report plus chart rows that point at their CSV lines', async () => {
  const dataset = await resolveDataset([evalCsv]);
  const progress: string[] = [];
  const fractions: number[] = [];
  const r = await runCompareModels({ base: { root, version: 1 }, candidates: [{ root, version: 2 }], dataset }, { onProgress: (p) => (progress.push(p.message ?? ''), fractions.push(p.done / p.total!)) });
  assert.equal(r.report.base, 'taxi_model/1');
  assert.deepEqual(r.report.candidates, ['taxi_model/2']);
  assert.ok(r.report.comparisons[0]!.worseSlices.some((s) => s.feature === 'payment_type'));
  // The engine's bootstrap steps reach the job's progress (the notification), in order, after the scoring pass.
  assert.ok(progress.includes('bootstrap 1/200') && progress.includes('bootstrap 200/200'), progress.filter((m) => m.startsWith('boot')).slice(0, 3).join(','));
  assert.ok(progress.indexOf('bootstrap 200/200') > progress.indexOf('scoring both versions'));
  assert.deepEqual(fractions, [...fractions].sort((a, b) => a - b), 'progress never goes back');
  assert.ok(r.sliceBy.includes('payment_type'));
  assert.ok(r.specFeatures.includes('trip_miles'));
  const rows = r.rows;
  assert.equal(rows.count, r.report.rows);
  assert.equal(rows.positionKind, 'line');
  assert.equal(rows.scores.length, 2);
  assert.equal(rows.scores[0]!.length, rows.count);
  // Each chart row's position is its line in the file: the payment_type code of a row matches that line's cell.
  const lines = readFileSync(evalCsv, 'utf8').split('\n');
  const header = lines[0]!.split(',');
  const col = header.indexOf('payment_type');
  const slice = rows.slices.find((s) => s.feature === 'payment_type')!;
  for (const i of [0, 1, 777, rows.count - 1]) {
    const line = lines[rows.positions[i]! - 1]!;
    // eval.csv's payment_type cells hold no commas or quotes.
    assert.equal(slice.values[slice.codes[i]!], line.split(',')[col] || '(missing)', `row ${i}`);
  }
  // Scores are probabilities; the worse slice's rows are really worse for v2 on average (log loss).
  for (const s of rows.scores) assert.ok(s.every((p) => p >= 0 && p <= 1));
  const truncated = await runCompareModels({ base: { root, version: 1 }, candidates: [{ root, version: 2 }], dataset, maxChartRows: 100, attributionRows: 0, replicates: 10 });
  assert.equal(truncated.rows.count, 100);
  assert.equal(truncated.rows.truncated, true);
});
