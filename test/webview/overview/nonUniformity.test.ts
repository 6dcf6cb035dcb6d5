import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nonUniformity } from '../../../webview/overview/nonUniformity.js';

test('0 for a perfectly uniform distribution, 1 for all mass in one bucket', () => {
  assert.equal(nonUniformity([3, 3, 3, 3]), 0);
  assert.equal(nonUniformity([0, 10, 0, 0]), 1);
  assert.equal(nonUniformity([7]), 1);
});

test('undefined when there is nothing to judge', () => {
  assert.equal(nonUniformity([]), undefined);
  assert.equal(nonUniformity([0, 0, 0]), undefined);
});

test('1 − normalized entropy (computed here in base 2, which normalizes out)', () => {
  const counts = [1, 3];
  const p = counts.map((c) => c / 4);
  const bits = -p.reduce((s, x) => s + x * Math.log2(x), 0);
  assert.ok(Math.abs((nonUniformity(counts) ?? Number.NaN) - (1 - bits / Math.log2(2))) < 1e-12);
  assert.ok(Math.abs((nonUniformity(counts) ?? Number.NaN) - 0.18872187554086717) < 1e-12);

  // Empty buckets count towards k: [5, 5, 0, 0] is half as uniform as it could be with four buckets.
  assert.ok(Math.abs((nonUniformity([5, 5, 0, 0]) ?? Number.NaN) - 0.5) < 1e-12);
});

test('more concentrated means larger', () => {
  const a = nonUniformity([10, 10, 10, 10]) ?? Number.NaN;
  const b = nonUniformity([25, 5, 5, 5]) ?? Number.NaN;
  const c = nonUniformity([37, 1, 1, 1]) ?? Number.NaN;
  assert.ok(a < b && b < c, `${a} < ${b} < ${c}`);
});
