/** validate --serving/--previous with a schema that sets no comparator says so instead of a bare "No anomalies found." */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from './cliHarness.js';

const taxi = resolve(__dirname, '../../../shared/data/taxi');
const dir = mkdtempSync(join(tmpdir(), 'facetwise-comparators-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('no skew comparator: the text says nothing was compared, how to set one, and shows the distances', async () => {
  const schema = join(dir, 'schema.pbtxt');
  assert.equal((await runCli(['infer-schema', join(taxi, 'train.csv'), '-o', schema, '--workers', '0'])).code, 0);
  const run = await runCli(['validate', join(taxi, 'train.csv'), '--schema', schema, '--serving', join(taxi, 'serving.csv'), '--format', 'text', '--workers', '0']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /No skew comparator is set in the schema, so serving data was not checked for skew/);
  assert.match(run.stdout, /facetwise schema edit .*schema\.pbtxt --skew FEATURE:infinity_norm=0\.01/);
  assert.match(run.stdout, /^payment_type\s+0\.\d+\s+0\.\d+$/m);
  const json = await runCli(['validate', join(taxi, 'eval.csv'), '--schema', schema, '--previous', join(taxi, 'train.csv'), '--workers', '0']);
  assert.match(json.stderr, /No drift comparator is set in the schema/);
  JSON.parse(json.stdout);
  // With a comparator set, no notice.
  assert.equal((await runCli(['schema', 'edit', schema, '--skew', 'payment_type:infinity_norm=0.5'])).code, 0);
  const set = await runCli(['validate', join(taxi, 'train.csv'), '--schema', schema, '--serving', join(taxi, 'serving.csv'), '--format', 'text', '--workers', '0']);
  assert.doesNotMatch(set.stdout, /comparator is set/);
});
