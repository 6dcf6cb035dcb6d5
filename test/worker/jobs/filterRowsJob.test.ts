import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveDataset } from '../../../src/core/io/dataset.js';
import { FilterSyntaxError } from '../../../src/core/io/rowFilter/index.js';
import { runFilterRows } from '../../../src/worker/jobs/filterRowsJob.js';

const EVAL = '/work/shared/data/taxi/eval.csv';

test('the filter job streams matches with their count as progress, and refuses a malformed filter', async () => {
  const dataset = await resolveDataset([EVAL]);
  const progress: string[] = [];
  const result = await runFilterRows({ dataset, expression: 'payment_type = "Prcard"', keepCells: 10 }, { onProgress: (p) => void progress.push(p.message ?? '') });
  assert.equal(result.rows.length, 1);
  assert.equal(result.cells[0]?.[result.columnNames.indexOf('payment_type')], 'Prcard');
  assert.ok(progress.length > 0 && progress.every((m) => /^\d+$/.test(m)), progress.join());
  await assert.rejects(runFilterRows({ dataset, expression: 'fare >', keepCells: 1 }), FilterSyntaxError);
});
