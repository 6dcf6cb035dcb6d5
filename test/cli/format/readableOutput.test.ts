/** Text output a person reads: sensible digits, integer IDs, overview-style percentages, tables within the terminal. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { formatNumber, formatPercent } from '../../../src/cli/format/numbers.js';
import { formatTextTable } from '../../../src/cli/format/textTable.js';
import { writeJson } from '../../../src/cli/modelArgs.js';
import { runCli } from '../cliHarness.js';

const data = join(__dirname, '..', '..', '..', '..', 'shared', 'data');

test('numbers: a few significant digits, integers in full', () => {
  assert.equal(formatNumber(0.02250000000000002), '0.0225');
  assert.equal(formatNumber(17031080100), '17031080100');
  assert.equal(formatNumber(17031283456.7), '17031300000');
  assert.equal(formatNumber(-87.65391234), '-87.6539');
  assert.equal(formatNumber(0.00001234), '1.234e-5');
  assert.equal(formatNumber(0.008208911249736536), '0.00820891');
});

test('percentages as the overview shows them', () => {
  assert.equal(formatPercent(1, 5000), '<0.1%');
  assert.equal(formatPercent(4999, 5000), '>99.9%');
  assert.equal(formatPercent(0, 5000), '0%');
  assert.equal(formatPercent(5000, 5000), '100%');
  assert.equal(formatPercent(344, 1000), '34.4%');
});

test('a table wider than the terminal wraps its widest column instead of drawing a long ruler', () => {
  const long = 'Examples contain values missing from the schema: '.repeat(10);
  const text = formatTextTable(['Feature', 'Severity', 'Description'], [['company', 'ERROR', long]], { width: 80 });
  for (const line of text.split('\n')) assert.ok(line.length <= 80, `${line.length}: ${line}`);
  assert.ok(text.split('\n').length > 3);
  assert.match(text, /^company\s+ERROR\s+Examples/m);
});

test('validate --format text: distances to six significant digits and lines within the width', async () => {
  const taxi = join(data, 'taxi');
  const schema = join(taxi, '..', 'tfdv-interop', 'schema.pbtxt');
  const run = await runCli(['validate', join(taxi, 'eval.csv'), '--schema', schema, '--format', 'text', '--workers', '0']);
  assert.ok(run.code === 0 || run.code === 3, run.stderr);
  for (const line of run.stdout.split('\n')) assert.ok(line.length <= 120, `${line.length}: ${line.slice(0, 80)}…`);
});

test('stats --format text: a TFDV .pb dataset with an empty name is named after its file; IDs print as integers', async () => {
  const run = await runCli(['stats', join(data, 'tfdv-interop', 'train_FeatureStats.pb'), '--format', 'text']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^train_FeatureStats\.pb: 10036 examples, 18 features/);
  assert.match(run.stdout, /^dropoff_census_tract .* 17031010100 /m);
  assert.doesNotMatch(run.stdout, /e\+\d/);
});

test('JSON durations are whole milliseconds', () => {
  let out = '';
  const stdout = new Writable({ write: (c: Buffer, _e, cb) => ((out += c.toString()), cb()) });
  writeJson({ stdout, stderr: stdout, cwd: '.', signal: new AbortController().signal }, { millis: 12.353602999999907, totalMs: 3.7, probability: 0.27 });
  assert.deepEqual(JSON.parse(out), { millis: 12, totalMs: 4, probability: 0.27 });
});
