/** model init's label: every column it reads must exist, else its real source would stay an input (label leakage). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import { summarizeRows } from '../../../src/core/model/featureSummary.js';
import { deriveFeatureSpec } from '../../../src/core/model/specInit.js';
import { runCli } from '../../cli/cliHarness.js';
import { readNaiveCsv, sourceOf, taxiTrain } from './naiveCsv.js';

test('a label over a column the data lacks is an error that names the close column', async () => {
  const summaries = await summarizeRows(sourceOf(readNaiveCsv(taxiTrain).batches));
  assert.throws(
    () => deriveFeatureSpec(summaries, { task: 'binary', label: { expression: 'tipz > 0.2 * fare' } }),
    (e: unknown) => e instanceof FacetwiseError && /reads column 'tipz', which the dataset does not have \(did you mean 'tips'\?\)/.test(e.message),
  );
});

test('facetwise model init with a mistyped label column exits non-zero and writes no spec keeping tips as an input', async () => {
  const run = await runCli(['model', 'init', taxiTrain, '--task', 'binary', '--label', 'tipz > 0.2 * fare']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /did you mean 'tips'/);
  assert.equal(run.stdout, '');
});
