/**
 * L-infinity and Jensen–Shannon distances between two histograms over the same buckets, with TFDV's conventions
 * (frequencies normalised to sum 1; JS divergence in log base 2). A local stand-in: the shared src/core/compare
 * module is to replace it.
 */

function normalise(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/** max_i |p_i − q_i| over normalised frequencies. */
export function lInfinityDistance(a: readonly number[], b: readonly number[]): number {
  const p = normalise(a);
  const q = normalise(b);
  let max = 0;
  for (let i = 0; i < Math.max(p.length, q.length); i++) max = Math.max(max, Math.abs((p[i] ?? 0) - (q[i] ?? 0)));
  return max;
}

/** JSD(P‖Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = ½(P + Q), log base 2: 0 for equal, 1 for disjoint. */
export function jensenShannonDivergence(a: readonly number[], b: readonly number[]): number {
  const p = normalise(a);
  const q = normalise(b);
  let d = 0;
  for (let i = 0; i < Math.max(p.length, q.length); i++) {
    const pi = p[i] ?? 0;
    const qi = q[i] ?? 0;
    const m = (pi + qi) / 2;
    if (pi > 0) d += 0.5 * pi * Math.log2(pi / m);
    if (qi > 0) d += 0.5 * qi * Math.log2(qi / m);
  }
  return d;
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
