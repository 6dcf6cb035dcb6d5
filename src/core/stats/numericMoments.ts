/**
 * Count, mean and variance (plus zeros, NaN, ±Inf, min and max) of a numeric feature, mergeable.
 *
 * Accuracy: each batch is summed as deviations from a shift K (the running mean, or the batch's first finite value),
 * Σ(x−K) and Σ(x−K)², which is exact enough within a batch (≤ ~64K values) and free of cancellation when K is near
 * the data; batches and accumulators are then combined with Chan et al.'s parallel formula
 * (M2 = M2a + M2b + δ²·na·nb/n), which is stable, so 10^8 values keep ~1e-12 relative accuracy, unlike
 * Σx² − (Σx)²/n.
 *
 * TFDV semantics (basic_stats_generator.py), matched here:
 *  - NaN values are counted in `num_nan` and otherwise ignored (not in mean, std, min, max, quantiles, zeros).
 *  - ±Inf are values: min/max are ±Inf if present, and they go into the quantile sketch; the STANDARD histogram
 *    spans the finite min/max with ±Inf as separate point buckets.
 *  - mean with infinities: +Inf if only +Inf occur, −Inf if only −Inf, NaN if both (the mathematical value, and
 *    what TFDV's sum-based versions output; TFDV ≥ 1.4's Welford combine turns any Inf into NaN through 0·Inf).
 *  - std_dev with infinities: 0 — TFDV computes a NaN variance and then takes sqrt(max(0, NaN)), which is 0 in
 *    Python; every TFDV version outputs 0, so we do too.
 *  - num_zeros counts values equal to 0 (so −0.0 too).
 *  - min and max: −0.0 and 0.0 are equal (TFDV's proto comparisons, and Python's `==`, say so), but a file holds one
 *    of them, and TFDV's (first seen, `np.min`) depends on the order of the rows and of Beam's merges. Here the
 *    min is −0.0 and the max +0.0 whenever both occur, so any split or merge order writes the same bytes.
 */

export interface NumericMomentsState {
  readonly count: number;
  readonly mean: number;
  readonly m2: number;
  readonly numNan: number;
  readonly numZeros: number;
  readonly posInf: number;
  readonly negInf: number;
  readonly finiteMin: number;
  readonly finiteMax: number;
}

export class NumericMoments {
  /** Finite values. */
  count = 0;
  mean = 0;
  /** Sum of squared deviations from the mean (finite values). */
  m2 = 0;
  numNan = 0;
  numZeros = 0;
  posInf = 0;
  negInf = 0;
  finiteMin = Infinity;
  finiteMax = -Infinity;

  /** Adds values[from..to); returns how many were NaN (the caller keeps them out of the quantile sketch). */
  addRange(values: Float64Array, from: number, to: number): number {
    let i = from;
    let shift = this.mean;
    if (this.count === 0) {
      while (i < to && !(values[i] - values[i] === 0)) i++;
      shift = i < to ? values[i] : 0;
      i = from;
    }
    let n = 0;
    let s1 = 0;
    let s2 = 0;
    let zeros = 0;
    let min = this.finiteMin;
    let max = this.finiteMax;
    let nonFinite = 0;
    for (; i < to; i++) {
      const x = values[i];
      if (x - x === 0) {
        const d = x - shift;
        s1 += d;
        s2 += d * d;
        n++;
        if (x < min) min = x;
        if (x > max) max = x;
        if (x === 0) {
          zeros++;
          // −0 and +0 are equal; which one is the min must not depend on the order or the split (file comment).
          if (1 / x < 0) {
            if (min === 0) min = -0;
          } else if (max === 0) {
            max = 0;
          }
        }
      } else {
        nonFinite++;
      }
    }
    let nan = 0;
    if (nonFinite > 0) {
      for (let j = from; j < to; j++) {
        const x = values[j];
        if (x !== x) nan++;
        else if (x === Infinity) this.posInf++;
        else if (x === -Infinity) this.negInf++;
      }
      this.numNan += nan;
    }
    this.numZeros += zeros;
    this.finiteMin = min;
    this.finiteMax = max;
    if (n > 0) {
      const batchMean = shift + s1 / n;
      const batchM2 = Math.max(0, s2 - (s1 * s1) / n);
      this.combine(n, batchMean, batchM2);
    }
    return nan;
  }

  merge(other: NumericMoments): void {
    this.numNan += other.numNan;
    this.numZeros += other.numZeros;
    this.posInf += other.posInf;
    this.negInf += other.negInf;
    if (other.finiteMin < this.finiteMin || (other.finiteMin === 0 && this.finiteMin === 0 && 1 / other.finiteMin < 0)) this.finiteMin = other.finiteMin;
    if (other.finiteMax > this.finiteMax || (other.finiteMax === 0 && this.finiteMax === 0 && 1 / other.finiteMax > 0)) this.finiteMax = other.finiteMax;
    if (other.count > 0) this.combine(other.count, other.mean, other.m2);
  }

  /** Non-NaN values (finite and infinite). */
  get numValues(): number {
    return this.count + this.posInf + this.negInf;
  }

  get min(): number {
    return this.negInf > 0 ? -Infinity : this.count > 0 ? this.finiteMin : Infinity;
  }

  get max(): number {
    return this.posInf > 0 ? Infinity : this.count > 0 ? this.finiteMax : -Infinity;
  }

  /** Mean over non-NaN values, with TFDV's handling of infinities (see the file comment). */
  get meanValue(): number {
    if (this.posInf > 0 && this.negInf > 0) return NaN;
    if (this.posInf > 0) return Infinity;
    if (this.negInf > 0) return -Infinity;
    return this.mean;
  }

  /** Population standard deviation, 0 when infinities are present (as TFDV). */
  get stdDev(): number {
    if (this.posInf > 0 || this.negInf > 0 || this.count === 0) return 0;
    return Math.sqrt(Math.max(0, this.m2 / this.count));
  }

  toState(): NumericMomentsState {
    return {
      count: this.count,
      mean: this.mean,
      m2: this.m2,
      numNan: this.numNan,
      numZeros: this.numZeros,
      posInf: this.posInf,
      negInf: this.negInf,
      finiteMin: this.finiteMin,
      finiteMax: this.finiteMax,
    };
  }

  static fromState(state: NumericMomentsState): NumericMoments {
    return Object.assign(new NumericMoments(), state);
  }

  private combine(nb: number, meanB: number, m2B: number): void {
    const na = this.count;
    const n = na + nb;
    const delta = meanB - this.mean;
    this.mean = na === 0 ? meanB : this.mean + (delta * nb) / n;
    this.m2 = na === 0 ? m2B : this.m2 + m2B + ((delta * delta * na) / n) * nb;
    this.count = n;
  }
}
