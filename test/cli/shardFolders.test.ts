/** Globs over several split folders and folders of splits: one dataset per folder, or a refusal that lists them. */
import assert from 'node:assert/strict';
import { fromJsonString } from '@bufbuild/protobuf';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { DatasetFeatureStatisticsListSchema } from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { runCli } from './cliHarness.js';

const tfrecord = resolve(__dirname, '../../../shared/data/taxi-tfrecord');
const glob = `${tfrecord}/*/data_tfrecord-0000[0-1]*`;

test('stats of a glob over three split folders gives one dataset per folder', async () => {
  const run = await runCli(['stats', glob, '--workers', '0']);
  assert.equal(run.code, 0, run.stderr);
  const list = fromJsonString(DatasetFeatureStatisticsListSchema, run.stdout);
  assert.deepEqual(list.datasets.map((d) => d.name), ['Split-eval (2 shards)', 'Split-train (2 shards)', 'unlabelled (2 shards)']);
});

test('a one-dataset command refuses such a glob and lists the folders', async () => {
  const run = await runCli(['infer-schema', glob, '--workers', '0']);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /matches shards in 3 folders: Split-eval \(2\), Split-train \(2\), unlabelled \(2\)/);
});

test('a folder of split folders names them and says how to pick', async () => {
  const run = await runCli(['stats', tfrecord, '--workers', '0']);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /Its subfolders do: Split-eval, Split-train, unlabelled\. Pick one/);
});
