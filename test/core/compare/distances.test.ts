import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { create } from '@bufbuild/protobuf';
import type { Histogram } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import {
  Histogram_BucketSchema,
  Histogram_HistogramType,
  HistogramSchema,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import {
  jensenShannonDivergenceCounts,
  jensenShannonDivergenceHistograms,
  lInfinityDistance,
  normalizedAbsoluteDifference,
} from '../../../src/core/compare/distances.js';
import { kolmogorovSmirnovHistograms, psiCounts, psiHistograms, wassersteinHistograms } from '../../../src/core/compare/extraDistances.js';
import { alignHistograms, rebucket } from '../../../src/core/compare/histogramAlign.js';

const m = (o: Record<string, number>) => new Map(Object.entries(o));
const hist = (buckets: Array<[number, number, number]>, nan = 0, type = Histogram_HistogramType.STANDARD): Histogram =>
  create(HistogramSchema, {
    type,
    numNan: BigInt(nan),
    buckets: buckets.map(([lowValue, highValue, sampleCount]) => create(Histogram_BucketSchema, { lowValue, highValue, sampleCount })),
  });
const value = (r: { ok: boolean; value?: number }) => {
  assert.ok(r.ok);
  return r.value as number;
};
const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`);
const jsdRef = (p: number[], q: number[]) =>
  p.reduce((s, pi, i) => {
    const qi = q[i] as number;
    const mi = (pi + qi) / 2;
    return s + (pi > 0 ? 0.5 * pi * Math.log2(pi / mi) : 0) + (qi > 0 ? 0.5 * qi * Math.log2(qi / mi) : 0);
  }, 0);

describe('L-infinity and normalized absolute difference (TFDV metrics.cc)', () => {
  it('normalizes each side over its own total; a value on one side only counts 0 on the other', () => {
    const r = lInfinityDistance(m({ a: 3, b: 1 }), m({ a: 1, c: 1 }));
    // a: .75 − .5 = .25, b: .25 − 0, c: 0 − .5 → c wins with .5
    assert.deepEqual(r, { value: 'c', distance: 0.5 });
  });
  it('ties go to the last value in byte order, like TFDV’s std::map scan', () => {
    assert.equal(lInfinityDistance(m({ a: 1 }), m({ b: 1 })).value, 'b');
    assert.deepEqual(lInfinityDistance(m({ a: 1, b: 1 }), m({ a: 1, b: 1 })), { value: 'b', distance: 0 });
    assert.deepEqual(lInfinityDistance(m({}), m({})), { value: '', distance: 0 });
  });
  it('normalized absolute difference divides by the combined total', () => {
    const r = normalizedAbsoluteDifference(m({ a: 30, b: 10 }), m({ a: 10, b: 10 }));
    assert.equal(r.value, 'a');
    close(r.distance, 20 / 60);
  });
});

describe('Jensen-Shannon divergence', () => {
  it('over value counts, log base 2, equals the definition', () => {
    const r = value(jensenShannonDivergenceCounts(m({ a: 3, b: 1 }), m({ a: 1, c: 1 })));
    close(r, jsdRef([0.75, 0.25, 0], [0.5, 0, 0.5]));
    close(value(jensenShannonDivergenceCounts(m({ a: 1 }), m({ b: 5 }))), 1);
    close(value(jensenShannonDivergenceCounts(m({ a: 2, b: 2 }), m({ a: 1, b: 1 }))), 0);
  });
  it('refuses empty maps and non-positive counts, as TFDV does', () => {
    assert.equal(jensenShannonDivergenceCounts(m({}), m({ a: 1 })).ok, false);
    assert.equal(jensenShannonDivergenceCounts(m({ a: 0 }), m({ a: 1 })).ok, false);
  });
  it('over histograms with equal buckets', () => {
    close(value(jensenShannonDivergenceHistograms(hist([[0, 1, 10], [1, 2, 0]]), hist([[0, 1, 5], [1, 2, 5]]))), jsdRef([1, 0], [0.5, 0.5]));
  });
  it('rebuckets onto the union of boundaries, spreading counts uniformly', () => {
    // [0,2] holding 4 split at 1 → 2 and 2; [1,3] holding 4 split at 2 → 2 and 2.
    const a = hist([[0, 2, 4]]);
    const b = hist([[1, 3, 4]]);
    const aligned = alignHistograms(a, b);
    assert.deepEqual(aligned.a, [2, 2, 0]);
    assert.deepEqual(aligned.b, [0, 2, 2]);
    close(value(jensenShannonDivergenceHistograms(a, b)), jsdRef([0.5, 0.5, 0], [0, 0.5, 0.5]));
  });
  it('point buckets and infinities become their own buckets; NaNs always diverge', () => {
    const aligned = alignHistograms(hist([[0, 1, 2], [5, 5, 3], [1, Infinity, 1]], 2), hist([[0, 1, 2], [5, 5, 1]]));
    assert.deepEqual(aligned.a, [2, 3, 1, 0, 2]);
    assert.deepEqual(aligned.b, [2, 1, 0, 0, 0]);
    // Same NaN count on both sides still differs: TFDV puts them in opposite buckets.
    const nan = alignHistograms(hist([[0, 1, 1]], 1), hist([[0, 1, 1]], 1));
    assert.deepEqual(nan.a, [1, 0, 1]);
    assert.deepEqual(nan.b, [1, 1, 0]);
    assert.ok(value(jensenShannonDivergenceHistograms(hist([[0, 1, 1]], 1), hist([[0, 1, 1]], 1))) > 0);
  });
  it('an empty histogram cannot be compared; different histogram types neither', () => {
    assert.equal(jensenShannonDivergenceHistograms(hist([]), hist([[0, 1, 1]])).ok, false);
    assert.equal(jensenShannonDivergenceHistograms(hist([[0, 1, 1]]), hist([[0, 1, 1]], 0, Histogram_HistogramType.QUANTILES)).ok, false);
  });
  it('rebucket fills gaps with empty buckets', () => {
    assert.deepEqual(
      rebucket([0, 1, 2, 3], [{ low: 0, high: 1, count: 1 }, { low: 2, high: 3, count: 1 }]).map((b) => b.count),
      [1, 0, 1],
    );
  });
});

describe('PSI, Wasserstein-1 and Kolmogorov–Smirnov', () => {
  it('PSI over values: Σ (q − p) ln(q / p)', () => {
    const r = value(psiCounts(m({ a: 50, b: 50 }), m({ a: 80, b: 20 })));
    close(r, (0.8 - 0.5) * Math.log(0.8 / 0.5) + (0.2 - 0.5) * Math.log(0.2 / 0.5));
    close(value(psiCounts(m({ a: 1 }), m({ a: 7 }))), 0);
  });
  it('PSI over histograms uses aligned buckets and floors empty ones at 1e-4', () => {
    const r = value(psiHistograms(hist([[0, 1, 10], [1, 2, 0]]), hist([[0, 1, 5], [1, 2, 5]])));
    close(r, (0.5 - 1) * Math.log(0.5 / 1) + (0.5 - 1e-4) * Math.log(0.5 / 1e-4));
  });
  it('Wasserstein-1 of a uniform block shifted by 3 is 3; KS is the largest CDF gap', () => {
    const a = hist([[0, 2, 10]]);
    const b = hist([[3, 5, 10]]);
    close(value(wassersteinHistograms(a, b)), 3);
    close(value(kolmogorovSmirnovHistograms(a, b)), 1);
    // Overlapping halves: U[0,2] vs U[1,3]: W1 = 1, KS = ½ (at x = 1 and 2).
    close(value(wassersteinHistograms(a, hist([[1, 3, 10]]))), 1);
    close(value(kolmogorovSmirnovHistograms(a, hist([[1, 3, 10]]))), 0.5);
    close(value(wassersteinHistograms(a, a)), 0);
  });
  it('Wasserstein handles point masses and crossing CDFs', () => {
    // δ0 vs δ1 → 1. U[0,2] vs δ1: ∫0..1 x/2 dx + ∫1..2 (1 − x/2) dx = ¼ + ¼.
    close(value(wassersteinHistograms(hist([[0, 0, 1]]), hist([[1, 1, 1]]))), 1);
    close(value(wassersteinHistograms(hist([[0, 2, 4]]), hist([[1, 1, 4]]))), 0.5);
    close(value(kolmogorovSmirnovHistograms(hist([[0, 2, 4]]), hist([[1, 1, 4]]))), 0.5);
  });
  it('no finite values, no distance', () => {
    assert.equal(wassersteinHistograms(hist([], 3), hist([[0, 1, 1]])).ok, false);
  });
});
