/**
 * An open-addressing hash table from byte strings to counts. Keys are copied once into a byte arena, so counting a
 * string column allocates nothing per cell and no JS string exists until a value is reported. Entries are dense
 * (0..size-1) so sketches can scan, rank and rebuild them cheaply.
 *
 * Keys are identified by their length and a 64-bit fingerprint (byteHash.hashPair), not by comparing bytes: a
 * byte comparison per cell cost more than everything else together. Two distinct values are confused only if
 * both 32-bit lanes collide: for d distinct values the chance of any confusion is ≈ d²/2^65 (3·10⁻¹⁰ at
 * d = 100,000), the same trade ClickHouse's uniqExact makes with 128-bit hashes.
 *
 * Layout is for cache lines, as lookups dominate string columns: a slot holds (hash, entry + 1), so a probe that
 * misses touches only the slot array; an entry's (hash, fingerprint, length, arena offset | invalid-UTF-8 bit) sit
 * together in `meta` (stride 4), and its count in `counts`.
 */
import { isValidUtf8 } from './utf8.js';

export interface BytesCountTableState {
  readonly size: number;
  readonly hashes: Int32Array;
  readonly fingerprints: Int32Array;
  readonly counts: Float64Array;
  readonly keyStarts: Int32Array;
  readonly keyLengths: Int32Array;
  /** 1 where the key is not valid UTF-8. */
  readonly invalid: Uint8Array;
  readonly arena: Uint8Array;
}

const validUtf8 = isValidUtf8; // local copy: cross-module access is a getter call under tsx/CommonJS
const INVALID_BIT = 0x80000000 | 0;
const START_MASK = 0x7fffffff;

export class BytesCountTable {
  size = 0;
  /** Per entry, stride 4: hash, fingerprint, length, arena start | INVALID_BIT. */
  meta: Int32Array;
  counts: Float64Array;
  arena: Uint8Array;
  arenaLength = 0;
  /** Per slot, stride 2: hash, entry index + 1 (0 = empty). Load factor kept ≤ 1/2. */
  slots: Int32Array;
  /** Slot count − 1. */
  mask: number;

  constructor(initialEntries = 16) {
    const entries = Math.max(4, initialEntries);
    this.meta = new Int32Array(entries * 4);
    this.counts = new Float64Array(entries);
    this.arena = new Uint8Array(entries * 16);
    let slots = 16;
    while (slots < entries * 2) slots *= 2;
    this.slots = new Int32Array(slots * 2);
    this.mask = slots - 1;
  }

  hash(idx: number): number {
    return this.meta[4 * idx];
  }

  fingerprint(idx: number): number {
    return this.meta[4 * idx + 1];
  }

  keyLength(idx: number): number {
    return this.meta[4 * idx + 2];
  }

  /** 1 when entry `idx`'s key is not valid UTF-8, else 0. */
  invalid(idx: number): number {
    return this.meta[4 * idx + 3] >>> 31;
  }

  /** A view of entry `idx`'s key bytes (valid until the table changes). */
  key(idx: number): Uint8Array {
    const s = this.meta[4 * idx + 3] & START_MASK;
    return this.arena.subarray(s, s + this.meta[4 * idx + 2]);
  }

  /** Adds `weight` occurrences of data[start..end) with fingerprint (h, g); returns its entry index. */
  add(data: Uint8Array, start: number, end: number, h: number, g: number, weight: number): number {
    const len = end - start;
    const slots = this.slots;
    const meta = this.meta;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const e = slots[2 * slot + 1];
      if (e === 0) break;
      if (slots[2 * slot] === h) {
        const m = 4 * (e - 1);
        if (meta[m + 1] === g && meta[m + 2] === len) {
          this.counts[e - 1] += weight;
          return e - 1;
        }
      }
      slot = (slot + 1) & mask;
    }
    return this.insertAt(slot, data, start, len, h, g, weight);
  }

  /** Adds entry `idx` of `other` with `weight` occurrences. */
  addEntryOf(other: BytesCountTable, idx: number, weight: number): number {
    const m = 4 * idx;
    const s = other.meta[m + 3] & START_MASK;
    return this.add(other.arena, s, s + other.meta[m + 2], other.meta[m], other.meta[m + 1], weight);
  }

  /**
   * Keeps, in place, only the entries whose new count (from `countOf`, read before anything moves) is > 0, with
   * that count; compacts entries and arena and rebuilds the slots. No allocation: Misra–Gries reduces often.
   */
  retain(countOf: (idx: number) => number): void {
    const meta = this.meta;
    const counts = this.counts;
    const arena = this.arena;
    let j = 0;
    let arenaAt = 0;
    for (let i = 0; i < this.size; i++) {
      const c = countOf(i);
      if (!(c > 0)) continue;
      const m = 4 * i;
      const len = meta[m + 2];
      const start = meta[m + 3] & START_MASK;
      const flag = meta[m + 3] & INVALID_BIT;
      if (start !== arenaAt) arena.copyWithin(arenaAt, start, start + len);
      const mj = 4 * j;
      meta[mj] = meta[m];
      meta[mj + 1] = meta[m + 1];
      meta[mj + 2] = len;
      meta[mj + 3] = arenaAt | flag;
      counts[j] = c;
      arenaAt += len;
      j++;
    }
    this.size = j;
    this.arenaLength = arenaAt;
    this.slots.fill(0);
    const mask = this.mask;
    for (let idx = 0; idx < j; idx++) {
      const h = meta[4 * idx];
      let slot = h & mask;
      while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      this.slots[2 * slot] = h;
      this.slots[2 * slot + 1] = idx + 1;
    }
  }

  /** A fresh table holding only the entries whose new count (from `countOf`) is > 0. */
  filtered(countOf: (idx: number) => number): BytesCountTable {
    let keep = 0;
    for (let i = 0; i < this.size; i++) if (countOf(i) > 0) keep++;
    const out = new BytesCountTable(keep);
    for (let i = 0; i < this.size; i++) {
      const c = countOf(i);
      if (c > 0) out.addEntryOf(this, i, c);
    }
    return out;
  }

  toState(): BytesCountTableState {
    const n = this.size;
    const hashes = new Int32Array(n);
    const fingerprints = new Int32Array(n);
    const keyStarts = new Int32Array(n);
    const keyLengths = new Int32Array(n);
    const invalid = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      hashes[i] = this.meta[4 * i];
      fingerprints[i] = this.meta[4 * i + 1];
      keyLengths[i] = this.meta[4 * i + 2];
      keyStarts[i] = this.meta[4 * i + 3] & START_MASK;
      invalid[i] = this.meta[4 * i + 3] >>> 31;
    }
    return { size: n, hashes, fingerprints, counts: this.counts.slice(0, n), keyStarts, keyLengths, invalid, arena: this.arena.slice(0, this.arenaLength) };
  }

  static fromState(state: BytesCountTableState): BytesCountTable {
    const table = new BytesCountTable(state.size);
    for (let i = 0; i < state.size; i++) {
      const s = state.keyStarts[i];
      table.add(state.arena, s, s + state.keyLengths[i], state.hashes[i], state.fingerprints[i], state.counts[i]);
    }
    return table;
  }

  /** Inserts a new key at the empty `slot` the caller's probe ended on. */
  insertAt(slot: number, data: Uint8Array, start: number, len: number, h: number, g: number, weight: number): number {
    const idx = this.size;
    if (4 * idx === this.meta.length) this.growEntries();
    if (this.arenaLength + len > this.arena.length) {
      let cap = this.arena.length * 2;
      while (cap < this.arenaLength + len) cap *= 2;
      const arena = new Uint8Array(cap);
      arena.set(this.arena.subarray(0, this.arenaLength));
      this.arena = arena;
    }
    const arena = this.arena;
    let at = this.arenaLength;
    let high = 0;
    if (len <= 64) {
      // Short keys: a plain loop beats subarray()+set() (which allocates a view per key).
      for (let k = 0; k < len; k++) {
        const b = data[start + k];
        high |= b;
        arena[at++] = b;
      }
    } else {
      arena.set(data.subarray(start, start + len), at);
      high = 0x80;
    }
    const invalid = high >= 0x80 && !validUtf8(data, start, start + len);
    const m = 4 * idx;
    this.meta[m] = h;
    this.meta[m + 1] = g;
    this.meta[m + 2] = len;
    this.meta[m + 3] = invalid ? this.arenaLength | INVALID_BIT : this.arenaLength;
    this.counts[idx] = weight;
    this.arenaLength += len;
    this.slots[2 * slot] = h;
    this.slots[2 * slot + 1] = idx + 1;
    this.size = idx + 1;
    if (this.size * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    return idx;
  }

  private growEntries(): void {
    const meta = new Int32Array(this.meta.length * 2);
    meta.set(this.meta);
    this.meta = meta;
    const counts = new Float64Array(this.counts.length * 2);
    counts.set(this.counts);
    this.counts = counts;
  }

  private rehash(slotCount: number): void {
    const slots = new Int32Array(slotCount * 2);
    const mask = slotCount - 1;
    for (let idx = 0; idx < this.size; idx++) {
      const h = this.meta[4 * idx];
      let slot = h & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = h;
      slots[2 * slot + 1] = idx + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

