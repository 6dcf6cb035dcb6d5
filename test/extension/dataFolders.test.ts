import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DATA_FILES_GLOB, dataFolderSet } from '../../src/extension/dataFolders.js';

describe('dataFolderSet (the facetwise.dataFolders context key)', () => {
  test('folders with data files and their ancestors up to the workspace; a model version folder is not one', () => {
    const files = ['/w/taxi/eval.csv', '/w/taxi/train.csv', '/w/tfrecord/Split-eval/data_tfrecord-00000-of-00012.gz', '/w/deep/a/b/c.parquet'];
    assert.deepEqual(dataFolderSet(files, ['/w']), ['/w', '/w/deep', '/w/deep/a', '/w/deep/a/b', '/w/taxi', '/w/tfrecord', '/w/tfrecord/Split-eval']);
    assert.ok(!dataFolderSet(files, ['/w']).includes('/w/models/taxi_model/1'));
  });

  test('no data files: no folders; a file outside every workspace folder marks its own folder only', () => {
    assert.deepEqual(dataFolderSet([], ['/w']), []);
    assert.deepEqual(dataFolderSet(['/other/x/y.csv'], ['/w']), ['/other/x']);
  });

  test('nested workspace folders stop at the innermost; /w2 is not inside /w', () => {
    assert.deepEqual(dataFolderSet(['/w/inner/d/x.csv', '/w2/y.tsv'], ['/w', '/w/inner', '/w2']), ['/w/inner', '/w/inner/d', '/w2']);
  });

  test('the scan glob covers every data extension, compressed ones included', () => {
    for (const ext of ['csv', 'tsv', 'tfrecord', 'gz', 'parquet', 'zst', 'bz2']) assert.ok(DATA_FILES_GLOB.includes(ext), ext);
    assert.match(DATA_FILES_GLOB, /^\*\*\/\*\.\{/);
  });
});
