/**
 * Quantile data of one numeric feature: every value, exactly, up to `exactLimit` values; beyond that a KLL sketch
 * (kllSketch.ts). Both numeric histograms and the median are read from `summary()`, so they are exact while this
 * is exact.
 *
 * In sketch mode values go to a staging buffer; a full buffer is radix-sorted and handed to the sketch as a run.
 * Sorting is the dominant cost (~25 ns/value), so once n is large the buffer is first thinned by the KLL paper's
 * bottom-level sampler: from each block of 2^s consecutive values one, chosen uniformly at random, enters the
 * sketch at level s (weight 2^s). A block moves any rank by at most 2^s, with zero mean and variance ≤ 4^s/4, so
 * the sampler adds rank variance ≤ n·2^s/4. s is the largest value with 2^s ≤ n·ε²/2, ε being the sketch's own
 * 99% rank-error bound (kllSketch.ts; σ ≈ ε·n/2.58), which keeps the sampler's variance ≤ 0.83 of the sketch's:
 * the combined 99% bound is ≤ 1.35·ε (0.72% of n at k = 512). n = 1M: s = 3, one value in 8 is sorted;
 * n = 10M: s = 7.
 */
import { KllSketch, kllRankErrorBound } from './kllSketch.js';
import type { KllState } from './kllSketch.js';
import { sortFloat64 } from './sortFloat64.js';

export interface QuantileSketchState {
  /** Exact mode: all values (unsorted). Sketch mode: the staging buffer. */
  readonly values: Float64Array;
  /** Only values[0..count) hold data (takeState hands over a buffer with room to spare); absent: all of them. */
  readonly count?: number;
  readonly kll: KllState | null;
  readonly rng: number;
}

/** Values sorted ascending with their weights (null = every weight is 1). */
export interface WeightedSummary {
  readonly values: Float64Array;
  readonly weights: Float64Array | null;
  readonly total: number;
}

const STAGING_SIZE = 16_384;
const INITIAL_SIZE = 16;
/** Blocks stay ≤ STAGING_SIZE/4 values, so a flush always frees the buffer (reached at n ≈ 10^9). */
const MAX_SAMPLER_SHIFT = 12;

export class QuantileSketch {
  private buffer: Float64Array;
  private length = 0;
  private kll: KllSketch | null = null;
  private rng: number;

  constructor(
    private readonly exactLimit: number,
    private readonly k: number,
    private readonly seed: number,
  ) {
    // Small at first and doubled as values arrive: memory follows what the feature has seen (wide datasets).
    this.buffer = new Float64Array(Math.min(INITIAL_SIZE, exactLimit));
    this.rng = (seed ^ 0x2545f491) >>> 0 || 0x6d2b79f5;
  }

  get count(): number {
    return this.length + (this.kll?.n ?? 0);
  }

  get isExact(): boolean {
    return this.kll === null;
  }

  /** Values held in memory (exact values, staging and sketch items). */
  get retained(): number {
    return this.buffer.length + (this.kll?.retained ?? 0);
  }

  /**
   * Makes room for `n` values in all while exact (a caller's projection of the values to come): one allocation
   * instead of a chain of doublings, each leaving the previous buffer as garbage — at 10,000 features that
   * garbage, not the values, set peak memory. Past `exactLimit` nothing is reserved.
   */
  reserve(n: number): void {
    if (this.kll !== null || n <= this.buffer.length) return;
    this.growTo(Math.ceil(n));
  }

  /** Adds values[from..to). */
  addRange(values: Float64Array, from: number, to: number): void {
    let i = from;
    while (i < to) {
      if (this.length === this.buffer.length) this.makeRoom(to - i);
      const take = Math.min(to - i, this.buffer.length - this.length);
      const buffer = this.buffer;
      if (take <= 64) {
        // A view per call (subarray) was the largest garbage on wide files, where each call adds a few values.
        for (let k = 0, at = this.length; k < take; k++) buffer[at + k] = values[i + k];
      } else {
        buffer.set(values.subarray(i, i + take), this.length);
      }
      this.length += take;
      i += take;
    }
  }

  /** Takes `other`'s data (do not use `other` afterwards). */
  merge(other: QuantileSketch): void {
    if (this.kll === null && other.kll === null && this.length + other.length <= this.exactLimit) {
      this.addRange(other.buffer, 0, other.length);
      return;
    }
    if (this.kll === null) this.startSketch();
    this.addRange(other.buffer, 0, other.length);
    if (other.kll !== null) (this.kll as KllSketch).merge(other.kll);
  }

  /** Read-only: while exact, `values` is a view of the held values, sorted in place (their order means nothing). */
  summary(): WeightedSummary {
    if (this.kll === null) {
      // No copy: at 10,000 features a copy per feature was as much garbage as all the values together.
      const values = sortFloat64(this.buffer.subarray(0, this.length));
      return { values, weights: null, total: values.length };
    }
    // A copy: in sketch mode the staging order feeds the sampler's picks, so the buffer is not sorted in place.
    const staged = sortFloat64(this.buffer.slice(0, this.length));
    const { values, weights } = this.kll.sortedItems(staged);
    return { values, weights, total: this.count };
  }

  toState(): QuantileSketchState {
    return { values: this.buffer.slice(0, this.length), kll: this.kll ? this.kll.toState() : null, rng: this.rng };
  }

  /**
   * The state, handing over the held values instead of copying them (a full buffer moves as it is); the sketch
   * must not be used afterwards. What a worker posts: its values are then held once, not twice.
   */
  takeState(): QuantileSketchState {
    // The whole buffer, not a trimmed copy: a copy of every feature's values at once was the peak of a wide file.
    const values = this.buffer;
    const count = this.length;
    this.buffer = new Float64Array(0);
    this.length = 0;
    const kll = this.kll ? this.kll.takeState() : null;
    this.kll = null;
    return { values, count, kll, rng: this.rng };
  }

  /** Takes over `state.values` while exact (a state is used once: a worker's reply), so a merge copies no values. */
  static fromState(state: QuantileSketchState, exactLimit: number, k: number, seed: number): QuantileSketch {
    const sketch = new QuantileSketch(exactLimit, k, seed);
    sketch.rng = state.rng;
    const count = Math.min(state.count ?? state.values.length, state.values.length);
    if (state.kll === null && state.values.length >= INITIAL_SIZE && state.values.length <= exactLimit) {
      sketch.buffer = state.values;
      sketch.length = count;
      return sketch;
    }
    if (state.kll !== null) {
      sketch.kll = KllSketch.fromState(state.kll);
      sketch.buffer = new Float64Array(Math.min(STAGING_SIZE, exactLimit));
    }
    sketch.addRange(state.values, 0, count);
    return sketch;
  }

  /** Room for more values; `incoming` of them are waiting (doubled, or grown to fit them all at once). */
  private makeRoom(incoming: number): void {
    if (this.kll === null && this.buffer.length < this.exactLimit) {
      this.growTo(Math.max(INITIAL_SIZE, this.buffer.length * 2, this.length + incoming));
      return;
    }
    if (this.kll === null) {
      this.startSketch();
      return;
    }
    this.flush();
  }

  /** Exact mode: a buffer of `size` values (at most exactLimit) holding the values so far. */
  private growTo(size: number): void {
    const bigger = new Float64Array(Math.min(this.exactLimit, size));
    bigger.set(this.buffer.subarray(0, this.length));
    this.buffer = bigger;
  }

  /** Leaves exact mode: the exact values become the sketch's first run, and the buffer shrinks to staging size. */
  private startSketch(): void {
    this.kll = new KllSketch(this.k, this.seed);
    const exact = this.buffer.slice(0, this.length);
    this.length = 0;
    this.kll.addSortedRun(sortFloat64(exact));
    this.buffer = new Float64Array(Math.min(STAGING_SIZE, this.exactLimit));
  }

  /** Sampler level for a sketch that has seen n values (see the file comment). */
  private samplerShift(n: number): number {
    const eps = kllRankErrorBound(this.k);
    const limit = (n * eps * eps) / 2;
    let s = 0;
    while (s < MAX_SAMPLER_SHIFT && 2 ** (s + 1) <= limit) s++;
    return s;
  }

  /** Hands the staging buffer to the sketch, thinned by the sampler; an incomplete last block stays staged. */
  private flush(): void {
    const kll = this.kll as KllSketch;
    const s = this.samplerShift(kll.n + this.length);
    if (s === 0) {
      kll.addSortedRun(sortFloat64(this.buffer.subarray(0, this.length)));
      this.length = 0;
      return;
    }
    const block = 2 ** s;
    const blocks = Math.floor(this.length / block);
    const picked = new Float64Array(blocks);
    let x = this.rng;
    for (let b = 0; b < blocks; b++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      picked[b] = this.buffer[b * block + ((x >>> 0) >>> (32 - s))];
    }
    this.rng = x >>> 0;
    const rest = this.length - blocks * block;
    this.buffer.copyWithin(0, blocks * block, this.length);
    this.length = rest;
    kll.addSortedRun(sortFloat64(picked), s);
  }
}
