/**
 * Slicing as TFDV's utils/slicing_util.py get_feature_value_slicer does it: an example is in one slice per
 * distinct value of a multivalent slicing feature (and per combination across features, in sorted feature
 * order); an example without the feature is in none; floats are named as Python's str() prints them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeSliceStatistics, sliceKeysOfRow, takeRows } from '../../../src/core/stats/slicedStatistics.js';
import { batchesOf, bytesColumn, numberColumn, recordBatch } from '../validate/rowBatches.js';

const batch = recordBatch('data.tfrecord', 4, [
  bytesColumn('tag', [['a', 'b', 'a'], ['b'], undefined, ['c']]),
  numberColumn('w', 'float', [[1], [2.5], [3], [1e21]]),
]);

describe('feature-value slices', () => {
  it('multivalent values give one key per distinct value; features in sorted order; Python float names', () => {
    assert.deepEqual(sliceKeysOfRow(batch, ['w', 'tag'], 0), ['tag_a_w_1.0', 'tag_b_w_1.0']);
    assert.deepEqual(sliceKeysOfRow(batch, ['tag'], 2), []);
    assert.deepEqual(sliceKeysOfRow(batch, ['w'], 3), ['w_1e+21']);
  });

  it('takeRows keeps values, presence and positions of the rows taken', () => {
    const t = takeRows(batch, [1, 3]);
    assert.equal(t.rowCount, 2);
    assert.deepEqual([...t.positions], [batch.positions[1], batch.positions[3]]);
    const w = t.columns.find((c) => c.name === 'w');
    assert.ok(w && w.kind === 'float');
    assert.deepEqual([...w.values], [2.5, 1e21]);
  });

  it('per-slice statistics count each example once per slice it is in', async () => {
    const slices = await computeSliceStatistics(batchesOf(batch), ['tag']);
    assert.deepEqual(slices.map((s) => [s.name, Number(s.numExamples)]), [['tag_a', 1], ['tag_b', 2], ['tag_c', 1]]);
  });
});
