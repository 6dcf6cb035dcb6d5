import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Prng, WeightedChoice } from '../../../scripts/sampleData/prng.js';

describe('Prng', () => {
  it('repeats its sequence for a seed and differs between neighbouring seeds', () => {
    const draw = (seed: number): number[] => {
      const rng = new Prng(seed);
      return Array.from({ length: 50 }, () => rng.nextUint32());
    };
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(1), draw(2));
    for (const v of draw(3)) assert.ok(Number.isInteger(v) && v >= 0 && v < 2 ** 32);
  });

  it('draws uniform floats in [0, 1) and standard normals', () => {
    const rng = new Prng(9);
    const n = 100_000;
    let sum = 0;
    let below = 0;
    let nSum = 0;
    let nSq = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      assert.ok(u >= 0 && u < 1);
      sum += u;
      if (u < 0.1) below++;
      const z = rng.normal();
      nSum += z;
      nSq += z * z;
    }
    assert.ok(Math.abs(sum / n - 0.5) < 0.01);
    assert.ok(Math.abs(below / n - 0.1) < 0.01);
    assert.ok(Math.abs(nSum / n) < 0.02);
    assert.ok(Math.abs(nSq / n - 1) < 0.03);
  });
});

describe('WeightedChoice', () => {
  it('picks indices in proportion to their weights, never a zero weight', () => {
    const choice = new WeightedChoice([0, 1, 3, 0, 6]);
    const rng = new Prng(4);
    const counts = [0, 0, 0, 0, 0];
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[choice.pick(rng)]++;
    assert.equal(counts[0], 0);
    assert.equal(counts[3], 0);
    assert.ok(Math.abs(counts[1] / n - 0.1) < 0.01);
    assert.ok(Math.abs(counts[2] / n - 0.3) < 0.01);
    assert.ok(Math.abs(counts[4] / n - 0.6) < 0.01);
  });

  it('rejects empty, negative and all-zero weights', () => {
    assert.throws(() => new WeightedChoice([]), RangeError);
    assert.throws(() => new WeightedChoice([1, -1]), RangeError);
    assert.throws(() => new WeightedChoice([0, 0]), RangeError);
    assert.throws(() => new WeightedChoice([Number.NaN]), RangeError);
  });
});
