import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { columnOverlap, overlapQuestion } from '../../../src/extension/schema/columnOverlap.js';

const taxi = ['pickup_community_area', 'fare', 'trip_start_month', 'trip_start_hour', 'trip_start_day', 'trip_start_timestamp', 'pickup_latitude', 'pickup_longitude', 'dropoff_latitude', 'dropoff_longitude', 'trip_miles', 'pickup_census_tract', 'dropoff_census_tract', 'payment_type', 'company', 'trip_seconds', 'dropoff_community_area', 'tips'];

describe('columnOverlap', () => {
  test('a dataset of two taxi columns against the 18-feature schema: 2 of 18, too few', () => {
    const o = columnOverlap(['fare', 'tips'], taxi);
    assert.deepEqual(o, { shared: 2, total: 18, tooFew: true });
    assert.equal(overlapQuestion('ragged.csv', 'schema.pbtxt', o).slice(0, 51), 'ragged.csv shares 2 of 18 columns with schema.pbtxt');
  });

  test('unrelated columns count on both sides', () => {
    assert.deepEqual(columnOverlap(['a', 'b', 'c'], ['a', 'x']), { shared: 1, total: 4, tooFew: true });
  });

  test('serving data without the label still validates without asking', () => {
    assert.equal(columnOverlap(taxi.filter((c) => c !== 'tips'), taxi).tooFew, false);
  });

  test('exactly half is enough; an empty side is not asked about twice', () => {
    assert.equal(columnOverlap(['a', 'b'], ['a', 'c']).tooFew, true); // 1 of 3
    assert.equal(columnOverlap(['a', 'b'], ['a', 'b', 'c', 'd']).tooFew, false); // 2 of 4
    assert.deepEqual(columnOverlap([], []), { shared: 0, total: 0, tooFew: false });
  });
});
