import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { globMatches, globToRegExp, schemaForPath } from '../../../src/extension/schema/globMatch.js';

describe('globMatches (facetwise.schemas keys)', () => {
  test('* and ? stay within a folder; ** spans folders', () => {
    assert.ok(globMatches('data/*.csv', 'data/eval.csv'));
    assert.ok(!globMatches('data/*.csv', 'data/old/eval.csv'));
    assert.ok(globMatches('data/**/*.csv', 'data/eval.csv'));
    assert.ok(globMatches('data/**/*.csv', 'data/old/2024/eval.csv'));
    assert.ok(globMatches('data/eva?.csv', 'data/eval.csv'));
    assert.ok(!globMatches('data/eva?.csv', 'data/evals.csv'));
    assert.ok(globMatches('**', 'a/b/c.csv'));
  });

  test('braces, classes, escaping of regex characters', () => {
    assert.ok(globMatches('taxi/{eval,serving}.csv', 'taxi/serving.csv'));
    assert.ok(!globMatches('taxi/{eval,serving}.csv', 'taxi/train.csv'));
    assert.ok(globMatches('part-[0-9].csv', 'part-3.csv'));
    assert.ok(!globMatches('part-[!0-9].csv', 'part-3.csv'));
    assert.ok(!globMatches('a+b.csv', 'aab.csv'));
    assert.ok(globMatches('a+b.csv', 'a+b.csv'));
    assert.equal(globToRegExp('x.(y)').test('x.(y)'), true);
  });

  test('a glob without a folder matches the file name anywhere; ./ and backslashes are tolerated', () => {
    assert.ok(globMatches('*.tsv', 'deep/down/x.tsv'));
    assert.ok(globMatches('./taxi/*.csv', 'taxi\\eval.csv'));
  });

  test('schemaForPath: the first matching entry in the setting order wins', () => {
    const setting = { 'taxi/serving*.csv': 'schemas/serving.pbtxt', 'taxi/**': 'schemas/taxi.pbtxt', '*.csv': 'schema.pbtxt' };
    assert.deepEqual(schemaForPath(setting, 'taxi/serving.csv'), { glob: 'taxi/serving*.csv', schema: 'schemas/serving.pbtxt' });
    assert.deepEqual(schemaForPath(setting, 'taxi/eval.csv'), { glob: 'taxi/**', schema: 'schemas/taxi.pbtxt' });
    assert.deepEqual(schemaForPath(setting, 'other/x.csv'), { glob: '*.csv', schema: 'schema.pbtxt' });
    assert.equal(schemaForPath(setting, 'other/x.parquet'), undefined);
  });
});
