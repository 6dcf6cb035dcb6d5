/**
 * L-infinity and Jensen–Shannon distances between two histograms over the same buckets, computed by the shared
 * distances of src/core/compare (TFDV's conventions: frequencies normalised to sum 1, JS divergence in log base 2),
 * so a model's prediction skew and a feature's skew are measured the same way.
 */
import { jensenShannonDivergenceCounts, lInfinityDistance as lInfinityOfCounts } from '../compare/distances.js';

/** Bucket index → count, leaving out empty buckets (a value absent on one side counts 0 there). */
function bucketCounts(counts: readonly number[]): Map<string, number> {
  const out = new Map<string, number>();
  counts.forEach((c, i) => {
    if (c > 0) out.set(String(i), c);
  });
  return out;
}

/** max_i |p_i − q_i| over normalised frequencies. */
export function lInfinityDistance(a: readonly number[], b: readonly number[]): number {
  return lInfinityOfCounts(bucketCounts(a), bucketCounts(b)).distance;
}

/** JSD(P‖Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = ½(P + Q), log base 2: 0 for equal, 1 for disjoint; 0 when a side is empty. */
export function jensenShannonDivergence(a: readonly number[], b: readonly number[]): number {
  const result = jensenShannonDivergenceCounts(bucketCounts(a), bucketCounts(b));
  return result.ok ? result.value : 0;
}

/** Counts of values in `buckets` equal-width buckets over [low, high]; the first bucket includes its low bound. */
export function equalWidthHistogram(values: ArrayLike<number>, low: number, high: number, buckets = 10): number[] {
  const counts = new Array<number>(buckets).fill(0);
  const width = (high - low) / buckets;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    // Low bound exclusive except the first bucket (TFDV): a value on an edge goes to the lower bucket.
    let b = width > 0 ? Math.ceil((v - low) / width) - 1 : 0;
    if (b < 0) b = 0;
    if (b >= buckets) b = buckets - 1;
    counts[b] += 1;
  }
  return counts;
}
