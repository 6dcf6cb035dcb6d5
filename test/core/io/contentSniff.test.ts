/** Files whose name says nothing are read as TFRecord only when their content starts like it. */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import { resolveDataset } from '../../../src/core/io/dataset.js';

const dir = mkdtempSync(join(tmpdir(), 'facetwise-sniff-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a model version folder is not a dataset: its weights file is refused by content, not read as records', async () => {
  const version = resolve(__dirname, '../../fixtures/models/taxi_model/1');
  await assert.rejects(resolveDataset([version]), (e: unknown) => e instanceof FacetwiseError && e.code === 'INPUT_NOT_DATA' && /group1-shard1of1\.bin is not a dataset/.test(e.message));
});

test('a TFRecord shard with an uninformative name is still read as TFRecord', async () => {
  const shard = join(dir, 'part-00000');
  copyFileSync(resolve(__dirname, '../../../../shared/data/taxi-tfrecord/Split-eval/data_tfrecord-00000-of-00012.gz'), shard);
  const info = await resolveDataset([shard]);
  assert.equal(info.format, 'tfrecord');
});
