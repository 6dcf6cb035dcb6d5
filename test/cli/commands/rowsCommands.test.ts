import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../cliHarness.js';

const EVAL = '/work/shared/data/taxi/eval.csv';
const cacheDir = mkdtempSync(join(tmpdir(), 'fw-rows-cli-'));
after(() => rmSync(cacheDir, { recursive: true, force: true }));
const lines = readFileSync(EVAL, 'utf8').split('\n');

test('rows --at 1 prints the header and the first data line, as CSV', async () => {
  const run = await runCli(['rows', EVAL, '--at', '1', '--count', '2', '--cache-dir', cacheDir]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(run.stdout.trimEnd().split('\n'), [lines[0], lines[1], lines[2]]);
});

test('index builds the index once, then reuses it; rows past the first checkpoint gap go through it', async () => {
  const first = await runCli(['index', EVAL, '--cache-dir', cacheDir]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /5000 rows, 641083 bytes; index \d+ bytes .*built in/);
  assert.equal(readdirSync(cacheDir).filter((f) => f.endsWith('.fwri')).length, 1);
  const again = await runCli(['index', EVAL, '--cache-dir', cacheDir]);
  assert.match(again.stdout, /reused: the data is unchanged/);
  const last = await runCli(['rows', EVAL, '--at', '5000', '--format', 'json', '--cache-dir', cacheDir]);
  assert.equal(last.code, 0, last.stderr);
  const parsed = JSON.parse(last.stdout) as Array<{ row: number; line: number; values: Record<string, string | null> }>;
  assert.equal(parsed.length, 1);
  assert.equal(parsed[0].row, 5000);
  assert.equal(parsed[0].line, 5001);
  assert.equal(parsed[0].values.fare, lines[5000].split(',')[1]);
  const past = await runCli(['rows', EVAL, '--at', '5001', '--cache-dir', cacheDir]);
  assert.equal(past.code, 1);
  assert.match(past.stderr, /has 5000 rows/);
});

test('rows --filter prints only matching rows; a malformed filter is a usage error', async () => {
  const run = await runCli(['rows', EVAL, '--filter', 'payment_type = "Prcard"', '--count', '100']);
  assert.equal(run.code, 0, run.stderr);
  const out = run.stdout.trimEnd().split('\n');
  assert.equal(out.length, 2);
  assert.match(out[1], /,Prcard,/);
  assert.match(run.stderr, /1 matching rows/);
  const cash = await runCli(['rows', EVAL, '--filter', 'fare > 100 and payment_type = "Cash"', '--count', '100000']);
  const cashRows = cash.stdout.trimEnd().split('\n').slice(1);
  const expected = lines.slice(1).filter((l) => l && Number(l.split(',')[1]) > 100 && l.split(',')[13] === 'Cash');
  assert.equal(cashRows.length, expected.length);
  const bad = await runCli(['rows', EVAL, '--filter', 'fare > 1; process.exit(9)']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unexpected character ";"/);
  const unknown = await runCli(['rows', EVAL, '--filter', 'nope = 1']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /'nope', which the data does not have/);
});

test('rows of TFRecord shards count across shards and show list values', async () => {
  const run = await runCli(['rows', '/work/shared/data/taxi-tfrecord/Split-eval', '--at', '5091', '--format', 'json', '--cache-dir', cacheDir]);
  assert.equal(run.code, 0, run.stderr);
  const parsed = JSON.parse(run.stdout) as Array<{ row: number; shard: number; record: number; values: Record<string, string | null> }>;
  assert.equal(parsed.length, 1);
  assert.equal(parsed[0].row, 5091);
  assert.equal(parsed[0].shard, 11);
  assert.ok('payment_type' in parsed[0].values);
});
