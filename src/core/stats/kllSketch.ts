/**
 * KLL quantile sketch (Karnin, Lang & Liberty, "Optimal Quantile Approximation in Streams", FOCS 2016), written
 * for batched input: values arrive as sorted runs (the caller radix-sorts a staging buffer), so the per-value
 * cost is a sort plus a few linear merges, not a compaction per value.
 *
 * Level h holds sorted items of weight 2^h. Level capacities are max(8, ⌈k·(2/3)^(H−1−h)⌉) for H levels (total
 * ≈ 3k items). While more items are held than the capacities allow, the lowest over-full level is compacted: its
 * items (an even number; an odd one out stays) are halved by keeping every other one from a random offset, and
 * the survivors (weight doubled) are merged into the level above. Total weight is preserved exactly.
 *
 * Error bound: a compaction at level h moves any rank estimate by at most 2^h, with a random sign, so the errors
 * add up like a random walk dominated by the top levels. The normalized rank error of one query is below
 * ε(k) = 2.296/k^0.9723 of n with 99% probability — DataSketches' measured law for this compaction scheme
 * (c = 2/3, min width 8); our batched runs compact the bottom levels less often, which only lowers it. With the
 * default k = 512, ε ≈ 0.53%; quantileSketch.ts's sampler adds at most 15% to that, so the engine states
 * "≤ 1% of n" (TFDV's own quantile sketch uses ε = 0.01). test/core/stats/kllSketch.test.ts checks the bound
 * over 1,000 quantiles of 1M values in several orders. Coin flips come from a seeded xorshift, so a given sequence
 * of operations is reproducible. Memory: ≈ 3k values (12 KiB at k = 512).
 */

export interface KllState {
  readonly k: number;
  readonly n: number;
  readonly rng: number;
  readonly levels: readonly Float64Array[];
}

const MIN_WIDTH = 8;

/** The 99%-confidence normalized rank error of a single query (see the file comment). */
export function kllRankErrorBound(k: number): number {
  return 2.296 / k ** 0.9723;
}
const EMPTY = new Float64Array(0);

function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < a.length && j < b.length) out[o++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[o++] = a[i++];
  while (j < b.length) out[o++] = b[j++];
  return out;
}

export class KllSketch {
  /** Total weight (values added). */
  n = 0;
  private levels: Float64Array[] = [];
  private rng: number;

  constructor(
    readonly k: number,
    seed: number,
  ) {
    this.rng = (seed ^ 0x5bd1e995) >>> 0 || 0x9e3779b9;
  }

  /** Items held (memory is 8 bytes each). */
  get retained(): number {
    let r = 0;
    for (const l of this.levels) r += l.length;
    return r;
  }

  /** Adds a run of values of weight 2^level, sorted ascending (copied: the caller keeps `run`). */
  addSortedRun(run: Float64Array, level = 0): void {
    if (run.length === 0) return;
    this.n += run.length * 2 ** level;
    while (this.levels.length <= level) this.levels.push(EMPTY);
    const current = this.levels[level];
    this.levels[level] = current.length === 0 ? run.slice() : mergeSorted(current, run);
    this.compress();
  }

  merge(other: KllSketch): void {
    if (other.n === 0) return;
    this.n += other.n;
    for (let h = 0; h < other.levels.length; h++) this.levels[h] = mergeSorted(this.levels[h] ?? EMPTY, other.levels[h]);
    for (let h = 0; h < this.levels.length; h++) if (this.levels[h] === undefined) this.levels[h] = EMPTY;
    this.compress();
  }

  /**
   * Every held item with its weight, ascending, together with `extra` (sorted, weight 1): the levels are each
   * sorted already, so this is a merge, not a sort. On ties the lower level comes first and `extra` last (what a
   * stable sort of the levels from the bottom, then `extra`, gives).
   */
  sortedItems(extra: Float64Array): { values: Float64Array; weights: Float64Array } {
    let values = new Float64Array(0);
    let weights = new Float64Array(0);
    const runs: Array<[Float64Array, number]> = this.levels.map((l, h) => [l, 2 ** h]);
    runs.push([extra, 1]);
    for (const [run, w] of runs) {
      if (run.length === 0) continue;
      const n = values.length + run.length;
      const v = new Float64Array(n);
      const wt = new Float64Array(n);
      let i = 0;
      let j = 0;
      for (let o = 0; o < n; o++) {
        // `<=` keeps what is merged already ahead of an equal value (−0 and +0 too), as a stable sort would.
        if (j >= run.length || (i < values.length && values[i] <= run[j])) {
          v[o] = values[i];
          wt[o] = weights[i++];
        } else {
          v[o] = run[j++];
          wt[o] = w;
        }
      }
      values = v;
      weights = wt;
    }
    return { values, weights };
  }

  toState(): KllState {
    return { k: this.k, n: this.n, rng: this.rng, levels: this.levels.map((l) => l.slice()) };
  }

  /** The state without copying the levels; the sketch must not be used afterwards. */
  takeState(): KllState {
    const levels = this.levels;
    this.levels = [];
    return { k: this.k, n: this.n, rng: this.rng, levels };
  }

  static fromState(state: KllState): KllSketch {
    const sketch = new KllSketch(state.k, 0);
    sketch.n = state.n;
    sketch.rng = state.rng;
    sketch.levels = state.levels.map((l) => l.slice());
    return sketch;
  }

  private capacity(h: number): number {
    const depth = this.levels.length - 1 - h;
    return Math.max(MIN_WIDTH, Math.ceil(this.k * (2 / 3) ** depth));
  }

  private compress(): void {
    for (;;) {
      let retained = 0;
      let capacity = 0;
      for (let h = 0; h < this.levels.length; h++) {
        retained += this.levels[h].length;
        capacity += this.capacity(h);
      }
      if (retained <= capacity) return;
      let h = 0;
      while (h < this.levels.length && this.levels[h].length < this.capacity(h)) h++;
      if (h === this.levels.length) return; // cannot happen while retained > capacity; guards the loop
      this.compact(h);
    }
  }

  private coin(): number {
    let x = this.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rng = x >>> 0;
    return (x >>> 16) & 1;
  }

  private compact(h: number): void {
    const items = this.levels[h];
    const odd = items.length & 1;
    const pairs = items.length - odd;
    const offset = this.coin();
    const promoted = new Float64Array(pairs >>> 1);
    for (let i = 0, j = offset; i < promoted.length; i++, j += 2) promoted[i] = items[j];
    // The odd item out (the largest) stays at this level with its weight.
    this.levels[h] = odd ? items.slice(items.length - 1) : EMPTY;
    if (h + 1 === this.levels.length) this.levels.push(EMPTY);
    this.levels[h + 1] = mergeSorted(this.levels[h + 1], promoted);
  }
}
