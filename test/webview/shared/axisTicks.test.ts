import { test } from 'node:test';
import assert from 'node:assert/strict';
import { niceStep, niceTicks } from '../../../webview/shared/charts/axisTicks.js';

test('nice ticks are round multiples inside the range', () => {
  assert.deepEqual(niceTicks(0, 100, 5), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(niceTicks(0, 47, 5), [0, 10, 20, 30, 40]);
  assert.deepEqual(niceTicks(41.66, 42.02, 4), [41.7, 41.8, 41.9, 42]);
  assert.deepEqual(niceTicks(-87.91, -87.57, 3), [-87.8, -87.6]);
  assert.deepEqual(niceTicks(0, 0.3, 3), [0, 0.1, 0.2, 0.3]);
  assert.deepEqual(niceTicks(0, 72120, 5), [0, 20000, 40000, 60000]);
});

test('degenerate ranges', () => {
  assert.deepEqual(niceTicks(5, 5), [5]);
  assert.deepEqual(niceTicks(5, 4), []);
  assert.deepEqual(niceTicks(0, Number.POSITIVE_INFINITY), []);
  assert.equal(niceStep(0, 5), 0);
  assert.equal(niceStep(10, 4), 2.5);
});
