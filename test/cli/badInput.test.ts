/** Bad input never exits 0: a read that ended early or read no record exits 1 with the reason, and writes nothing. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from './cliHarness.js';

const data = resolve(__dirname, '../../../shared/data');
const models = resolve(__dirname, '../fixtures/models');
const dir = mkdtempSync(join(tmpdir(), 'facetwise-bad-input-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

test('a file that is not TFRecord: stats and infer-schema exit 1 with the reason; no schema is written', async () => {
  const bogus = file('renamed.tfrecord', Buffer.from('this is a text file, not TFRecord framing at all\n'.repeat(20)));
  const stats = await runCli(['stats', bogus, '--workers', '0']);
  assert.equal(stats.code, 1);
  assert.match(stats.stderr, /reading stopped early .*TFRECORD_LENGTH_CRC_MISMATCH/);
  assert.equal(stats.stdout, '');
  const out = join(dir, 'schema.pbtxt');
  const infer = await runCli(['infer-schema', bogus, '-o', out, '--workers', '0']);
  assert.equal(infer.code, 1);
  assert.ok(!existsSync(out), 'no schema file is written');
});

test('a CSV whose unclosed quote swallows the rest exits 1', async () => {
  const csv = file('quote.csv', 'a,b\n1,"x\n2,3\n4,5\n');
  const run = await runCli(['stats', csv, '--workers', '0']);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /CSV_UNTERMINATED_QUOTE/);
});

test('a header-only CSV: infer-schema exits 1 (no record), validate says data missing (exit 3)', async () => {
  const csv = file('header.csv', 'a,b\n');
  const infer = await runCli(['infer-schema', csv, '--workers', '0']);
  assert.equal(infer.code, 1);
  assert.match(infer.stderr, /no record could be read/);
  assert.equal(infer.stdout, '');
  const schema = file('ab.pbtxt', 'feature { name: "a" type: INT }\n');
  const validate = await runCli(['validate', csv, '--schema', schema, '--format', 'text', '--workers', '0']);
  assert.equal(validate.code, 3);
  assert.match(validate.stdout, /No data/);
});

test('infer-schema never writes an empty schema', async () => {
  // A statistics file with one dataset and no features.
  const stats = file('nofeatures.json', JSON.stringify({ datasets: [{ name: 'x', numExamples: '5' }] }));
  const out = join(dir, 'never.pbtxt');
  const run = await runCli(['infer-schema', stats, '-o', out]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /no features to infer from/);
  assert.ok(!existsSync(out));
});

test('evaluate on data without the label column: one error, exit 1', async () => {
  const run = await runCli(['evaluate', join(models, 'taxi_model'), join(data, 'taxi', 'serving.csv'), '--format', 'text']);
  assert.equal(run.code, 1);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /column 'tips' is missing in every row/);
  assert.equal(run.stdout, '');
});
