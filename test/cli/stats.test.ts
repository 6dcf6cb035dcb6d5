import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fromJsonString } from '@bufbuild/protobuf';
import { DatasetFeatureStatisticsListSchema } from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { encodeBinary } from '../../src/core/proto/binaryFormat.js';
import { readStatistics } from '../../src/core/proto/protoFiles.js';
import { runCli } from './cliHarness.js';

const data = resolve(__dirname, '../../../shared/data');
const dir = mkdtempSync(join(tmpdir(), 'facetwise-cli-stats-'));

test('stats prints canonical JSON of a DatasetFeatureStatisticsList by default', async () => {
  const run = await runCli(['stats', join(data, 'taxi/serving.csv'), '--workers', '0']);
  assert.equal(run.code, 0, run.stderr);
  const list = fromJsonString(DatasetFeatureStatisticsListSchema, run.stdout);
  assert.equal(list.datasets.length, 1);
  assert.equal(list.datasets[0].numExamples, 100n);
  const names = list.datasets[0].features.map((f) => (f.fieldId.case === 'path' ? f.fieldId.value.step.join('.') : ''));
  assert.ok(names.includes('payment_type'));
  assert.ok(!names.includes('tips'), 'serving.csv has no tips column');
  assert.match(run.stdout, /"path":\s*\{\s*"step":\s*\[\s*"payment_type"/);
});

test('stats -o writes a text-format file that reads back; one dataset per input', async () => {
  const out = join(dir, 'stats.pbtxt');
  const run = await runCli(['stats', join(data, 'taxi/serving.csv'), join(data, 'taxi-tfrecord/unlabelled'), '-o', out, '--workers', '0']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '');
  const list = await readStatistics(out);
  assert.deepEqual(list.datasets.map((d) => d.numExamples), [100n, 2459n]);
});

test('stats --format text shows a table with the features', async () => {
  const run = await runCli(['stats', join(data, 'spending/score_train.csv'), '--format', 'text', '--workers', '0']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /score_train\.csv: 4000 examples, 5 features/);
  assert.match(run.stdout, /^Profession\s+STRING\s+\d+/m);
  assert.match(run.stdout, /^Work_Experience\s+FLOAT\s+\d+/m);
});

test('stats reports malformed rows on stderr with file:line:column and still succeeds', async () => {
  const file = join(dir, 'ragged.csv');
  writeFileSync(file, 'a,b\n1,2\n3,4,5\n6,7\n');
  const run = await runCli(['stats', file, '--workers', '0']);
  assert.equal(run.code, 0);
  assert.match(run.stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: warning: .*\\[CSV_`));
  const list = fromJsonString(DatasetFeatureStatisticsListSchema, run.stdout);
  assert.equal(list.datasets[0].numExamples, 3n);
});

test('exit codes: 2 for usage errors, 1 for unreadable input', async () => {
  assert.equal((await runCli(['stats'])).code, 2);
  assert.equal((await runCli(['stats', 'x.csv', '--top-values', 'many'])).code, 2);
  assert.equal((await runCli(['stats', 'x.csv', '--format', 'yaml'])).code, 2);
  assert.equal((await runCli(['frobnicate'])).code, 2);
  const missing = await runCli(['stats', join(dir, 'nope.csv'), '--workers', '0']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nope\.csv/);
  const binary = join(dir, 'garbage.csv');
  writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
  assert.equal((await runCli(['stats', binary, '--workers', '0'])).code, 1);
});

test('--help is available on the command and on the tool', async () => {
  const run = await runCli(['stats', '--help']);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /Usage: facetwise stats/);
  assert.match((await runCli(['--help'])).stdout, /stats\s+Compute TFDV statistics/);
});

test('stats on a statistics file TFDV wrote shows or converts it instead of reading it as data', async () => {
  const stats = join(data, 'tfdv-interop/train_FeatureStats.pb');
  const shown = await runCli(['stats', stats, '--format', 'text']);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /10036 examples/);
  assert.match(shown.stdout, /^payment_type\s+STRING\s+10036/m);
  const out = join(dir, 'converted.pbtxt');
  const converted = await runCli(['stats', stats, '-o', out]);
  assert.equal(converted.code, 0, converted.stderr);
  const list = await readStatistics(out);
  assert.equal(list.datasets[0].numExamples, 10036n);
  assert.equal(list.datasets[0].features.length, 18);
});

test('stats -o x.pb (written feature by feature) is byte for byte the binary of the statistics as one message', async () => {
  const inputs = [join(data, 'taxi/serving.csv'), join(data, 'taxi-tfrecord/unlabelled'), join(data, 'tfdv-interop/train_FeatureStats.pb')];
  const streamed = join(dir, 'streamed.pb');
  const run = await runCli(['stats', ...inputs, '-o', streamed, '--workers', '0']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /serving\.csv: 100 examples, \d+ features; .*2459 examples.*; .*10036 examples, 18 features/);
  // JSON output builds the whole message; its binary encoding must be what -o x.pb wrote.
  const json = await runCli(['stats', ...inputs, '--workers', '0']);
  assert.equal(json.code, 0, json.stderr);
  const whole = encodeBinary(fromJsonString(DatasetFeatureStatisticsListSchema, json.stdout));
  assert.ok(Buffer.from(readFileSync(streamed)).equals(Buffer.from(whole)), 'the same bytes');
});

test('stats -o x.pb of a wide file spills its encoded features to a temporary file and writes the same bytes; without a usable temp folder it holds them', async () => {
  // 1,500 columns: ~2.5 MB of statistics, past the 1 MiB chunk that stays in memory.
  const columns = 1500;
  const lines = [Array.from({ length: columns }, (_, c) => `c${c}`).join(',')];
  for (let r = 0; r < 20; r++) lines.push(Array.from({ length: columns }, (_, c) => (c % 3 === 0 ? `v${(r * c) % 7}` : String((r * 31 + c) % 101))).join(','));
  const csv = join(dir, 'wide-spill.csv');
  writeFileSync(csv, lines.join('\n') + '\n');
  const json = await runCli(['stats', csv, '--workers', '0']);
  assert.equal(json.code, 0, json.stderr);
  const whole = Buffer.from(encodeBinary(fromJsonString(DatasetFeatureStatisticsListSchema, json.stdout)));
  assert.ok(whole.length > 2 << 20, `${whole.length} bytes`);
  const spilled = join(dir, 'wide-spill.pb');
  const run = await runCli(['stats', csv, '-o', spilled, '--workers', '0']);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(Buffer.from(readFileSync(spilled)).equals(whole), 'spilled: the same bytes');
  const held = join(dir, 'wide-held.pb');
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = join(dir, 'no-such-folder');
  try {
    const again = await runCli(['stats', csv, '-o', held, '--workers', '0']);
    assert.equal(again.code, 0, again.stderr);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  assert.ok(Buffer.from(readFileSync(held)).equals(whole), 'held in memory: the same bytes');
});
