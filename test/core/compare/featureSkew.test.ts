import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFeatureSkew } from '../../../src/core/compare/featureSkew.js';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import { batchesOf, bytesColumn, numberColumn, recordBatch, textBatch, textBatches } from '../validate/rowBatches.js';
import { readCsv, taxiPath } from '../validate/statsFromCsv.js';

describe('detectFeatureSkew (TFDV DetectFeatureSkew)', () => {
  it('joins on identifiers and counts matches, mismatches and one-sided features', async () => {
    const base = textBatch('train.csv', ['id', 'x', 'y', 'z'], [
      ['1', '10', 'a', ''],
      ['2', '20', 'b', 'k'],
      ['3', '30', 'c', ''],
      ['4', '40', 'd', ''], // no serving partner
    ]);
    const test = textBatch('serving.csv', ['id', 'x', 'y', 'z'], [
      ['2', '20', 'B', ''],
      ['1', '10.0', 'a', 'q'],
      ['3', '31', 'c', ''],
      ['9', '90', 'z', ''], // no training partner
      ['', '1', 'a', ''], // no identifier
    ]);
    const r = await detectFeatureSkew(batchesOf(base), batchesOf(test), { identifierFeatures: ['id'] });
    const by = Object.fromEntries(r.features.map((f) => [f.feature, f]));
    // x: 10 = 10.0 (numbers compare as numbers), 20 = 20, 30 ≠ 31
    assert.deepEqual(by['x'], { feature: 'x', baseCount: 3, testCount: 3, matchCount: 2, mismatchCount: 1, baseOnly: 0, testOnly: 0, diffCount: 1 });
    assert.deepEqual(by['y'], { feature: 'y', baseCount: 3, testCount: 3, matchCount: 2, mismatchCount: 1, baseOnly: 0, testOnly: 0, diffCount: 1 });
    // z: present in base row 2 only, serving row 1 only
    assert.deepEqual(by['z'], { feature: 'z', baseCount: 1, testCount: 1, matchCount: 0, mismatchCount: 0, baseOnly: 1, testOnly: 1, diffCount: 2 });
    assert.equal(by['id'], undefined);
    assert.equal(r.joinedRows, 3);
    assert.equal(r.baseUnmatched, 1);
    assert.equal(r.testUnmatched, 1);
    assert.equal(r.testMissingIdentifier, 1);
    assert.equal(r.features[0]?.feature, 'z'); // most differences first
    // Samples: every joined pair here has some skew; they point at both rows.
    assert.equal(r.samples.length, 3);
    const s2 = r.samples.find((s) => s.identifier[0] === '2');
    assert.deepEqual([s2?.base.position, s2?.test.position], [3, 2]);
    assert.deepEqual(s2?.mismatchedFeatures, ['y']);
    assert.deepEqual(s2?.mismatchedValues['y'], { base: ['b'], test: ['B'] });
    assert.deepEqual(s2?.baseOnlyFeatures, ['z']);
  });

  it('compares typed TFRecord lists, rounding floats when asked, and ignores chosen features', async () => {
    const base = recordBatch('train.tfrecord', 2, [
      bytesColumn('id', [['a'], ['b']]),
      numberColumn('p', 'float', [[0.1234], [1]]),
      numberColumn('ts', 'int', [[1], [2]]),
    ]);
    const test = recordBatch('serving.tfrecord', 2, [
      bytesColumn('id', [['b'], ['a']]),
      numberColumn('p', 'float', [[1], [0.1231]]),
      numberColumn('ts', 'int', [[5], [6]]),
    ]);
    const exact = await detectFeatureSkew(batchesOf(base), batchesOf(test), { identifierFeatures: ['id'] });
    assert.equal(exact.features.find((f) => f.feature === 'p')?.mismatchCount, 1);
    const rounded = await detectFeatureSkew(batchesOf(base), batchesOf(test), { identifierFeatures: ['id'], floatRoundDigits: 2, featuresToIgnore: ['ts'] });
    assert.equal(rounded.features.find((f) => f.feature === 'p')?.matchCount, 2);
    assert.equal(rounded.features.find((f) => f.feature === 'ts'), undefined);
    assert.deepEqual(rounded.samples, []);
  });

  it('the taxi serving rows (a sample of train without tips) joined to train on a composite key', async () => {
    const train = readCsv(taxiPath('train'));
    const serving = readCsv(taxiPath('serving'));
    const ids = ['trip_start_timestamp', 'pickup_latitude', 'pickup_longitude', 'fare', 'trip_seconds'];
    const key = (t: typeof train, r: string[]) => ids.map((c) => r[t.header.indexOf(c)]).join('|');
    const trainKeys = new Map<string, number>();
    for (const r of train.rows) trainKeys.set(key(train, r), (trainKeys.get(key(train, r)) ?? 0) + 1);
    const expectedJoined = serving.rows.filter((r) => trainKeys.has(key(serving, r))).length;
    const r = await detectFeatureSkew(
      batchesOf(...textBatches('train.csv', train.header, train.rows, 3000)),
      batchesOf(textBatch('serving.csv', serving.header, serving.rows)),
      { identifierFeatures: ids },
    );
    assert.equal(r.baseRows, 10000);
    assert.equal(r.testRows, 100);
    assert.equal(r.joinedRows, expectedJoined);
    const dup = [...trainKeys.values()].reduce((s, n) => s + n - 1, 0);
    assert.equal(r.baseDuplicateIdentifiers, dup);
    // tips exists only in train: every joined row has it on the base side only.
    const tips = r.features.find((f) => f.feature === 'tips');
    assert.ok(expectedJoined > 0);
    assert.equal(tips?.baseOnly, expectedJoined);
    assert.equal(tips?.diffCount, expectedJoined);
  });

  it('refuses to hold more base rows than allowed, and needs an identifier', async () => {
    const base = textBatch('b.csv', ['id'], [['1'], ['2'], ['3']]);
    await assert.rejects(
      detectFeatureSkew(batchesOf(base), batchesOf(), { identifierFeatures: ['id'], maxBaseRows: 2 }),
      (e: unknown) => e instanceof FacetwiseError && e.code === 'SKEW_BASE_TOO_LARGE',
    );
    await assert.rejects(detectFeatureSkew(batchesOf(base), batchesOf(), { identifierFeatures: [] }), FacetwiseError);
  });
});
