/**
 * Distinct count and most-frequent values of a string feature, in bounded memory.
 *
 * Exact while small: every distinct value is counted in a BytesCountTable (values identified by a 64-bit
 * fingerprint, see there) until there are more than `exactDistinctLimit` of them (or their bytes exceed
 * EXACT_ARENA_LIMIT). Then it becomes a sketch:
 *  - distinct count: HyperLogLog (p = 14, ≈0.81% standard error), seeded with every value seen so far;
 *  - top-k: a mergeable Misra–Gries summary (Agarwal et al., "Mergeable summaries", 2012) with k = topKSketchSize
 *    counters. Whenever 2k values are held, the (k+1)-th largest count v is subtracted from every counter and
 *    non-positive ones are dropped; each such step removes ≥ (k+1)·v of the N occurrences seen, so the total
 *    subtracted, `mgError`, is ≤ N/(k+1). Every reported frequency f̂ satisfies f − mgError ≤ f̂ ≤ f, and any
 *    value with true frequency > mgError is guaranteed to be held. Merging adds counters and reduces the same
 *    way, keeping the same bound over the merged stream.
 * In sketch mode, values longer than LARGE_VALUE_BYTES are counted under TFDV's `__LARGE_BYTES__` placeholder
 * (as TFDV's sketch-based top-k does), which bounds the arena at ≈ 2k · 1 KiB.
 * invalid_utf8_count is counted per occurrence, exactly, in both modes.
 */
import { BytesCountTable } from './bytesCountTable.js';
import type { BytesCountTableState } from './bytesCountTable.js';
import { hashPair, secondHash, viewOf } from './byteHash.js';
import { HyperLogLog } from './hyperLogLog.js';
import { isValidUtf8 } from './utf8.js';

// Module-level copies of hot imports (each cross-module access is a getter call under tsx/CommonJS).
const pair = hashPair;
const second = secondHash;
const validUtf8 = isValidUtf8;

/** Exact mode also ends when the distinct values' bytes exceed this. */
export const EXACT_ARENA_LIMIT = 64 * 1024 * 1024;
export const LARGE_VALUE_BYTES = 1024;
const LARGE_PLACEHOLDER = new TextEncoder().encode('__LARGE_BYTES__');
const LARGE_H = hashPair(viewOf(LARGE_PLACEHOLDER), 0, LARGE_PLACEHOLDER.length);
const LARGE_G = secondHash[0];

export interface StringSketchState {
  readonly table: BytesCountTableState;
  /** HyperLogLog registers; null while exact. */
  readonly hll: Uint8Array | null;
  readonly mgError: number;
  readonly total: number;
  readonly invalidUtf8: number;
}

export interface TopValue {
  readonly bytes: Uint8Array;
  readonly count: number;
}

export class StringSketch {
  private table = new BytesCountTable();
  private hll: HyperLogLog | null = null;
  /** Sum of Misra–Gries decrements: the largest possible under-count of any reported frequency. */
  mgError = 0;
  /** Occurrences added (N). */
  total = 0;
  invalidUtf8 = 0;

  constructor(
    private readonly exactDistinctLimit: number,
    private readonly k: number,
  ) {}

  get isExact(): boolean {
    return this.hll === null;
  }

  /** Distinct values held (exact mode: the distinct count). */
  get retainedValues(): number {
    return this.table.size;
  }

  get retainedBytes(): number {
    return this.table.arenaLength;
  }

  /**
   * Counts the values data[starts[i]..ends[i]) for i in [from, to); with `skipEmpty`, empty ranges (missing CSV
   * cells) are skipped. `view` is viewOf(data), made once per column. This is the hot loop of string columns.
   */
  addCells(data: Uint8Array, view: DataView, starts: Int32Array, ends: Int32Array, from: number, to: number, skipEmpty: boolean): void {
    let i = from;
    while (i < to && this.hll === null) {
      const t = this.table;
      const slots = t.slots;
      const mask = t.mask;
      const meta = t.meta;
      const counts = t.counts;
      let added = 0;
      let bad = 0;
      let inserted = false;
      for (; i < to; i++) {
        const s = starts[i];
        const e = ends[i];
        if (skipEmpty && s === e) continue;
        const h = pair(view, s, e);
        const g = second[0];
        const len = e - s;
        let slot = h & mask;
        let idx = -1;
        for (;;) {
          const x = slots[2 * slot + 1];
          if (x === 0) break;
          if (slots[2 * slot] === h) {
            const m = 4 * (x - 1);
            if (meta[m + 1] === g && meta[m + 2] === len) {
              idx = x - 1;
              bad += meta[m + 3] >>> 31;
              break;
            }
          }
          slot = (slot + 1) & mask;
        }
        added++;
        if (idx >= 0) {
          counts[idx]++;
          continue;
        }
        // New value: insert (the table's arrays may grow, so leave the inner loop to reload them).
        bad += t.invalid(t.insertAt(slot, data, s, len, h, g, 1));
        inserted = true;
        i++;
        break;
      }
      this.total += added;
      this.invalidUtf8 += bad;
      if (inserted && (t.size > this.exactDistinctLimit || t.arenaLength > EXACT_ARENA_LIMIT)) this.toSketch();
    }
    for (; i < to; i++) {
      const s = starts[i];
      const e = ends[i];
      if (skipEmpty && s === e) continue;
      this.add(data, view, s, e);
    }
  }

  /** Counts one value data[start..end) (`view` = viewOf(data)). */
  add(data: Uint8Array, view: DataView, start: number, end: number): void {
    const h = pair(view, start, end);
    const g = second[0];
    this.total++;
    if (this.hll === null) {
      const idx = this.table.add(data, start, end, h, g, 1);
      this.invalidUtf8 += this.table.invalid(idx);
      if (this.table.size > this.exactDistinctLimit || this.table.arenaLength > EXACT_ARENA_LIMIT) this.toSketch();
      return;
    }
    this.hll.add(h);
    if (end - start > LARGE_VALUE_BYTES) {
      if (!validUtf8(data, start, end)) this.invalidUtf8++;
      this.table.add(LARGE_PLACEHOLDER, 0, LARGE_PLACEHOLDER.length, LARGE_H, LARGE_G, 1);
    } else {
      const idx = this.table.add(data, start, end, h, g, 1);
      this.invalidUtf8 += this.table.invalid(idx);
    }
    if (this.table.size >= 2 * this.k) this.reduce();
  }

  merge(other: StringSketch): void {
    this.total += other.total;
    this.invalidUtf8 += other.invalidUtf8;
    const o = other.table;
    if (this.hll === null && other.hll === null) {
      for (let i = 0; i < o.size; i++) this.table.addEntryOf(o, i, o.counts[i]);
      if (this.table.size > this.exactDistinctLimit || this.table.arenaLength > EXACT_ARENA_LIMIT) this.toSketch();
      return;
    }
    if (this.hll === null) this.toSketch();
    const hll = this.hll as HyperLogLog;
    if (other.hll === null) {
      for (let i = 0; i < o.size; i++) hll.add(o.hash(i));
    } else {
      hll.merge(other.hll);
    }
    this.mgError += other.mgError;
    for (let i = 0; i < o.size; i++) {
      if (o.keyLength(i) > LARGE_VALUE_BYTES) this.table.add(LARGE_PLACEHOLDER, 0, LARGE_PLACEHOLDER.length, LARGE_H, LARGE_G, o.counts[i]);
      else this.table.addEntryOf(o, i, o.counts[i]);
    }
    if (this.table.size > this.k) this.reduce();
  }

  /** Number of distinct values: exact, or the HyperLogLog estimate rounded. */
  distinct(): number {
    return this.hll === null ? this.table.size : Math.round(this.hll.estimate());
  }

  /**
   * The `n` most frequent values, most frequent first; ties broken as TFDV does (the larger value first, bytes
   * compared lexicographically as unsigned).
   */
  top(n: number): TopValue[] {
    const t = this.table;
    if (n <= 0 || t.size === 0) return [];
    // Threshold = the n-th largest count, found on a sorted copy of the counts; only candidates reaching it are
    // ordered with the full (count, bytes) comparator.
    const counts = t.counts.slice(0, t.size).sort();
    const threshold = counts[Math.max(0, t.size - n)];
    const candidates: number[] = [];
    for (let i = 0; i < t.size; i++) if (t.counts[i] >= threshold) candidates.push(i);
    candidates.sort((a, b) => t.counts[b] - t.counts[a] || compareBytes(t.key(b), t.key(a)));
    return candidates.slice(0, n).map((i) => ({ bytes: t.key(i).slice(), count: t.counts[i] }));
  }

  toState(): StringSketchState {
    return {
      table: this.table.toState(),
      hll: this.hll ? this.hll.registers.slice() : null,
      mgError: this.mgError,
      total: this.total,
      invalidUtf8: this.invalidUtf8,
    };
  }

  /** The state without copying the HyperLogLog registers; do not use this afterwards. */
  takeState(): StringSketchState {
    const state = { table: this.table.toState(), hll: this.hll ? this.hll.registers : null, mgError: this.mgError, total: this.total, invalidUtf8: this.invalidUtf8 };
    this.table = new BytesCountTable(0);
    this.hll = null;
    return state;
  }

  static fromState(state: StringSketchState, exactDistinctLimit: number, k: number): StringSketch {
    const sketch = new StringSketch(exactDistinctLimit, k);
    sketch.table = BytesCountTable.fromState(state.table);
    sketch.hll = state.hll ? new HyperLogLog(state.hll) : null;
    sketch.mgError = state.mgError;
    sketch.total = state.total;
    sketch.invalidUtf8 = state.invalidUtf8;
    return sketch;
  }

  private toSketch(): void {
    const hll = new HyperLogLog();
    const t = this.table;
    for (let i = 0; i < t.size; i++) hll.add(t.hash(i));
    this.hll = hll;
    let largeCount = 0;
    for (let i = 0; i < t.size; i++) if (t.keyLength(i) > LARGE_VALUE_BYTES) largeCount += t.counts[i];
    if (largeCount > 0) {
      const kept = t.filtered((i) => (t.keyLength(i) > LARGE_VALUE_BYTES ? 0 : t.counts[i]));
      kept.add(LARGE_PLACEHOLDER, 0, LARGE_PLACEHOLDER.length, LARGE_H, LARGE_G, largeCount);
      this.table = kept;
    }
    if (this.table.size > this.k) this.reduce();
  }

  /** Misra–Gries reduction to at most k counters (see the file comment for the error bound). */
  private reduce(): void {
    const t = this.table;
    if (t.size <= this.k) return;
    const v = kthLargest(t.counts.slice(0, t.size), this.k + 1);
    this.mgError += v;
    const counts = t.counts;
    t.retain((i) => counts[i] - v);
  }
}

/** The k-th largest value (1-based) of `a`, by quickselect (reorders `a`). */
export function kthLargest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  const target = a.length - k; // index in ascending order
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target];
  }
  return a[target];
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
