import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { quantileBoundaries } from '../../../src/core/stats/histograms.js';
import { kllRankErrorBound } from '../../../src/core/stats/kllSketch.js';
import { QuantileSketch } from '../../../src/core/stats/quantileSketch.js';
import type { WeightedSummary } from '../../../src/core/stats/quantileSketch.js';
import { DEFAULT_STATS_OPTIONS } from '../../../src/core/stats/statsOptions.js';

/** The engine's stated bound on the normalized rank error of a quantile (kllSketch.ts, quantileSketch.ts). */
const STATED_BOUND = 0.01;

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Largest |rank(answer) − φn| / n over φ = 0, 1/q, …, 1, where rank(answer) may be anywhere in its tie range. */
function maxRankError(summary: WeightedSummary, sortedTruth: Float64Array, q: number): number {
  const n = sortedTruth.length;
  const answers = quantileBoundaries(summary, q);
  let worst = 0;
  for (let r = 0; r <= q; r++) {
    const target = (r * n) / q;
    const below = lowerBound(sortedTruth, answers[r]);
    const atOrBelow = upperBound(sortedTruth, answers[r]);
    const err = target < below ? below - target : target > atOrBelow ? target - atOrBelow : 0;
    worst = Math.max(worst, err / n);
  }
  return worst;
}

function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function feed(sketch: QuantileSketch, values: Float64Array, chunk = 10_000): void {
  for (let i = 0; i < values.length; i += chunk) sketch.addRange(values, i, Math.min(values.length, i + chunk));
}

const N = 1_000_000;
const rand = xorshift(7);
const DATASETS: Record<string, Float64Array> = {
  uniform: Float64Array.from({ length: N }, () => rand() * 1000 - 500),
  ascending: Float64Array.from({ length: N }, (_, i) => i),
  descending: Float64Array.from({ length: N }, (_, i) => N - i),
  fewDistinct: Float64Array.from({ length: N }, () => Math.floor(rand() * 24)),
  heavyTailed: Float64Array.from({ length: N }, () => Math.exp(12 * rand()) * (rand() < 0.5 ? -1 : 1)),
};

describe('KLL quantile sketch (through QuantileSketch)', () => {
  it('states a 99% bound below the engine-wide 1% (k = 512)', () => {
    const k = DEFAULT_STATS_OPTIONS.kllK;
    // quantileSketch.ts: sampler keeps the combined bound ≤ 1.35·ε(k).
    assert.ok(1.35 * kllRankErrorBound(k) <= STATED_BOUND, `1.35·ε(${k}) = ${1.35 * kllRankErrorBound(k)}`);
  });

  for (const [name, values] of Object.entries(DATASETS)) {
    it(`rank error ≤ 1% over 1,001 quantiles of 1M ${name} values, and bounded memory`, () => {
      const sketch = new QuantileSketch(DEFAULT_STATS_OPTIONS.exactQuantileLimit, DEFAULT_STATS_OPTIONS.kllK, 1);
      feed(sketch, values);
      assert.equal(sketch.isExact, false);
      assert.equal(sketch.count, N);
      const summary = sketch.summary();
      assert.equal(summary.total, N);
      const weightSum = (summary.weights as Float64Array).reduce((a, b) => a + b, 0);
      assert.equal(weightSum, N, 'total weight is preserved exactly');
      const err = maxRankError(summary, values.slice().sort(), 1000);
      assert.ok(err <= STATED_BOUND, `max rank error ${(err * 100).toFixed(3)}% for ${name}`);
      // ≈3k sketch items + a 16K staging buffer, whatever n is.
      assert.ok(sketch.retained < 16_384 + 4 * DEFAULT_STATS_OPTIONS.kllK, `retained ${sketch.retained}`);
    });
  }

  it('merging sketches of 10 parts keeps the bound', () => {
    const values = DATASETS.uniform;
    const parts = Array.from({ length: 10 }, (_, p) => {
      const s = new QuantileSketch(DEFAULT_STATS_OPTIONS.exactQuantileLimit, DEFAULT_STATS_OPTIONS.kllK, 100 + p);
      feed(s, values.subarray((p * N) / 10, ((p + 1) * N) / 10));
      return s;
    });
    // Merge as a tree, in an order unrelated to the data order.
    const merged = parts[3];
    for (const p of [7, 1, 9, 0, 5, 2, 8, 4, 6]) merged.merge(parts[p]);
    assert.equal(merged.count, N);
    const err = maxRankError(merged.summary(), values.slice().sort(), 1000);
    assert.ok(err <= STATED_BOUND, `merged max rank error ${(err * 100).toFixed(3)}%`);
  });

  it('a small exact limit switches to the sketch early and still meets the bound', () => {
    const values = DATASETS.heavyTailed.subarray(0, 300_000);
    const sketch = new QuantileSketch(1024, DEFAULT_STATS_OPTIONS.kllK, 3);
    feed(sketch, values, 777);
    const err = maxRankError(sketch.summary(), values.slice().sort(), 1000);
    assert.ok(err <= STATED_BOUND, `max rank error ${(err * 100).toFixed(3)}%`);
  });

  it('is exact up to the exact limit: boundaries are the values of rank ⌊r·n/q⌋', () => {
    const values = DATASETS.uniform.subarray(0, DEFAULT_STATS_OPTIONS.exactQuantileLimit);
    const sketch = new QuantileSketch(DEFAULT_STATS_OPTIONS.exactQuantileLimit, DEFAULT_STATS_OPTIONS.kllK, 1);
    feed(sketch, values, 4096);
    assert.equal(sketch.isExact, true);
    const sorted = values.slice().sort();
    const got = quantileBoundaries(sketch.summary(), 1000);
    for (let r = 0; r <= 1000; r++) assert.equal(got[r], sorted[Math.min(sorted.length - 1, Math.floor((r * sorted.length) / 1000))]);
  });

  it('survives toState → structuredClone → fromState with identical answers', () => {
    const values = DATASETS.uniform.subarray(0, 200_000);
    const sketch = new QuantileSketch(DEFAULT_STATS_OPTIONS.exactQuantileLimit, DEFAULT_STATS_OPTIONS.kllK, 1);
    feed(sketch, values);
    const copy = QuantileSketch.fromState(structuredClone(sketch.toState()), DEFAULT_STATS_OPTIONS.exactQuantileLimit, DEFAULT_STATS_OPTIONS.kllK, 1);
    assert.deepEqual(quantileBoundaries(copy.summary(), 100), quantileBoundaries(sketch.summary(), 100));
    // And both continue identically (the coin-flip state travelled too).
    const more = DATASETS.uniform.subarray(200_000, 400_000);
    feed(sketch, more);
    feed(copy, more);
    assert.deepEqual(quantileBoundaries(copy.summary(), 100), quantileBoundaries(sketch.summary(), 100));
  });
});
