/**
 * Distribution of the number of values per non-missing example (for `num_values_histogram`), exact: lengths below
 * SMALL are counted in a dense array (a CSV column is all 1s), longer ones go to a quantile sketch, which is
 * itself exact up to its limit.
 */
import { QuantileSketch } from './quantileSketch.js';
import type { QuantileSketchState, WeightedSummary } from './quantileSketch.js';

const SMALL = 256;

export interface ValueCountsState {
  readonly small: Float64Array;
  readonly large: QuantileSketchState | null;
}

export class ValueCounts {
  private readonly small = new Float64Array(SMALL);
  private large: QuantileSketch | null = null;

  constructor(
    private readonly exactLimit: number,
    private readonly k: number,
    private readonly seed: number,
  ) {}

  /** Records `times` examples with `length` values each. */
  add(length: number, times: number): void {
    if (length < SMALL) {
      this.small[length] += times;
      return;
    }
    this.large ??= new QuantileSketch(this.exactLimit, this.k, this.seed);
    const one = new Float64Array(1);
    one[0] = length;
    for (let t = 0; t < times; t++) this.large.addRange(one, 0, 1);
  }

  merge(other: ValueCounts): void {
    for (let i = 0; i < SMALL; i++) this.small[i] += other.small[i];
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
    for (let i = 0; i < SMALL; i++) {
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

  toState(): ValueCountsState {
    return { small: this.small.slice(), large: this.large ? this.large.toState() : null };
  }

  static fromState(state: ValueCountsState, exactLimit: number, k: number, seed: number): ValueCounts {
    const counts = new ValueCounts(exactLimit, k, seed);
    counts.small.set(state.small);
    counts.large = state.large ? QuantileSketch.fromState(state.large, exactLimit, k, seed) : null;
    return counts;
  }
}
