/**
 * Non-uniformity of a distribution, the measure Facets Overview sorts by.
 *
 * Given the counts c₁..c_k of the k buckets of a feature's distribution — the STANDARD histogram's buckets for a
 * numeric feature (empty buckets included: they are part of the shape), the rank-histogram / top values plus one
 * "all other values" bucket for a categorical feature — with p_i = c_i / Σc:
 *
 *     H = −Σ p_i ln p_i            (Shannon entropy; 0·ln 0 = 0)
 *     nonUniformity = 1 − H / ln k  (1 − normalized entropy)
 *
 * 0 means perfectly uniform (every bucket equally full); 1 means all values in one bucket (a constant feature, or
 * a single bucket). Facets computes the same normalized entropy and sorts by it ascending; we sort by
 * 1 − that, descending, which is the same order. Undefined when there is nothing to judge (no buckets or no counts).
 */
export function nonUniformity(counts: readonly number[]): number | undefined {
  let total = 0;
  for (const c of counts) if (c > 0 && Number.isFinite(c)) total += c;
  if (total <= 0) return undefined;
  if (counts.length <= 1) return 1;
  let entropy = 0;
  for (const c of counts) {
    if (!(c > 0) || !Number.isFinite(c)) continue;
    const p = c / total;
    entropy -= p * Math.log(p);
  }
  const value = 1 - entropy / Math.log(counts.length);
  // Rounding can leave -1e-16 for a perfectly uniform distribution.
  return Math.min(1, Math.max(0, value));
}
