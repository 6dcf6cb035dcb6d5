/**
 * Distribution of the number of values per non-missing example (for `num_values_histogram`), exact: lengths below
 * SMALL are counted in a dense array (a CSV column is all 1s), longer ones go to a quantile sketch, which is
 * itself exact up to its limit. The dense array grows to the longest length seen (2 slots for a CSV column), so a
 * wide dataset's 10,000 features do not each hold SMALL slots.
 */
import { QuantileSketch } from './quantileSketch.js';
import type { QuantileSketchState, WeightedSummary } from './quantileSketch.js';

const SMALL = 256;

export interface ValueCountsState {
  readonly small: Float64Array;
  readonly large: QuantileSketchState | null;
}

export class ValueCounts {
  private small = new Float64Array(2);
  private large: QuantileSketch | null = null;

  constructor(
    private readonly exactLimit: number,
    private readonly k: number,
    private readonly seed: number,
  ) {}

  /** Records `times` examples with `length` values each. */
  add(length: number, times: number): void {
    if (length < SMALL) {
      if (length >= this.small.length) this.grow(length + 1);
      this.small[length] += times;
      return;
    }
    this.large ??= new QuantileSketch(this.exactLimit, this.k, this.seed);
    const one = new Float64Array(1);
    one[0] = length;
    for (let t = 0; t < times; t++) this.large.addRange(one, 0, 1);
  }

  merge(other: ValueCounts): void {
    const theirs = other.small;
    if (theirs.length > this.small.length) this.grow(theirs.length);
    for (let i = 0; i < theirs.length; i++) this.small[i] += theirs[i];
    if (other.large) {
      if (this.large) this.large.merge(other.large);
      else this.large = other.large;
    }
  }

  /** Sorted lengths with their example counts. */
  summary(): WeightedSummary {
    const values: number[] = [];
    const weights: number[] = [];
    let total = 0;
    for (let i = 0; i < this.small.length; i++) {
      if (this.small[i] > 0) {
        values.push(i);
        weights.push(this.small[i]);
        total += this.small[i];
      }
    }
    if (this.large) {
      const s = this.large.summary();
      for (let i = 0; i < s.values.length; i++) {
        values.push(s.values[i]);
        weights.push(s.weights ? s.weights[i] : 1);
      }
      total += s.total;
    }
    return { values: Float64Array.from(values), weights: Float64Array.from(weights), total };
  }

  /** Room for lengths below `n` (a power of two, at most SMALL). */
  private grow(n: number): void {
    let size = this.small.length;
    while (size < n) size *= 2;
    const bigger = new Float64Array(Math.min(SMALL, size));
    bigger.set(this.small);
    this.small = bigger;
  }

  toState(): ValueCountsState {
    return { small: this.small.slice(), large: this.large ? this.large.toState() : null };
  }

  /** The state without copying the sketch of long lists; do not use this afterwards. */
  takeState(): ValueCountsState {
    return { small: this.small, large: this.large ? this.large.takeState() : null };
  }

  static fromState(state: ValueCountsState, exactLimit: number, k: number, seed: number): ValueCounts {
    const counts = new ValueCounts(exactLimit, k, seed);
    if (state.small.length > SMALL) throw new RangeError(`ValueCountsState has ${state.small.length} slots, more than ${SMALL}`);
    counts.small = state.small.length >= 2 ? state.small.slice() : new Float64Array(2);
    if (state.small.length === 1) counts.small[0] = state.small[0];
    counts.large = state.large ? QuantileSketch.fromState(state.large, exactLimit, k, seed) : null;
    return counts;
  }
}
