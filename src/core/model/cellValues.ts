/**
 * Reading single cells out of RowBatch columns of every kind (CSV text bytes, tf.Example int/float/bytes lists,
 * empty features) without decoding whole columns to strings: the hot loops of batch prediction run on these.
 */
import type { FeatureColumn, RowBatch } from '../data/rowBatch.js';
import type { SourcePosition } from '../data/issues.js';

const utf8 = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

export function decodeUtf8(data: Uint8Array, start: number, end: number): string {
  return utf8.decode(data.subarray(start, end));
}

export function encodeUtf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** Number(text) for anything the fast path declines; NaN for text that is not a number (or only blanks). */
function slowNumber(data: Uint8Array, start: number, end: number): number {
  const text = decodeUtf8(data, start, end).trim();
  return text === '' ? NaN : Number(text);
}

/** Significant digits (from the first non-zero one) among the digits of data[start..end), skipping a '.'. */
function significantDigits(data: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && (data[i] === 48 || data[i] === 46)) i++;
  let n = 0;
  for (; i < end; i++) if (data[i] !== 46) n++;
  return n;
}

/**
 * Parses a decimal number from ASCII bytes. Plain `-12.5e3` forms with at most 15 significant digits take an exact
 * fast path (both factors are exact doubles, so one multiply or divide rounds correctly); the rest go to Number().
 * Returns NaN when the bytes are not a number.
 *
 * The digit loops only accumulate: counting significant digits (which needs a per-digit "seen a non-zero yet?"
 * branch that mispredicts on real data) is done afterwards, and only when there are more than 15 digits at all —
 * leading zeros cannot make a number with at most 15 digits exceed 15 significant ones.
 */
export function parseNumberBytes(data: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  let c = data[i];
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    i++;
  }
  const mantissaStart = i;
  let mantissa = 0;
  for (; i < end; i++) {
    const d = data[i]! - 48;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
  }
  let total = i - mantissaStart;
  let fraction = 0;
  if (i < end && data[i] === 46 /* . */) {
    const fractionStart = ++i;
    for (; i < end; i++) {
      const d = data[i]! - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
    }
    fraction = i - fractionStart;
    total += fraction;
  }
  if (total === 0) return slowNumber(data, start, end);
  const mantissaEnd = i;
  let exponent = 0;
  if (i < end && (data[i] === 101 || data[i] === 69) /* e E */) {
    i++;
    let expNegative = false;
    if (data[i] === 45 || data[i] === 43) {
      expNegative = data[i] === 45;
      i++;
    }
    let expDigits = 0;
    while (i < end && (c = data[i]!) >= 48 && c <= 57) {
      exponent = exponent * 10 + (c - 48);
      expDigits++;
      i++;
    }
    if (expDigits === 0 || expDigits > 4) return slowNumber(data, start, end);
    if (expNegative) exponent = -exponent;
  }
  if (i !== end || (total > 15 && significantDigits(data, mantissaStart, mantissaEnd) > 15)) return slowNumber(data, start, end);
  const e10 = exponent - fraction;
  let value: number;
  if (e10 === 0) value = mantissa;
  else if (e10 > 0 && e10 <= 22) value = mantissa * POW10[e10]!;
  else if (e10 < 0 && e10 >= -22) value = mantissa / POW10[-e10]!;
  else return slowNumber(data, start, end);
  return negative ? -value : value;
}

/** FNV-1a over bytes: the out-of-vocabulary bucket hash, identical for CSV bytes and typed strings. */
export function fnv1a(data: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= data[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A cheap O(1) hash of a byte range (length and up to 6 sampled bytes): probing only, not the OOV hash. The bytes
 * are packed into two words that are mixed independently (two multiplies that can run in parallel, rather than a
 * chain of six): it runs once per categorical cell, so its latency is per-cell cost.
 */
function quickHash(data: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n === 0) return 0;
  let a = n ^ (data[start]! << 8) ^ (data[end - 1]! << 16) ^ (data[start + (n >> 1)]! << 24);
  let b = n;
  if (n > 3) b ^= (data[start + 1]! << 8) ^ (data[end - 2]! << 16) ^ (data[start + (n >> 2)]! << 24);
  a = Math.imul(a, 0x9e3779b1);
  b = Math.imul(b, 0x85ebca6b);
  const h = a ^ (b >>> 13) ^ (b << 19);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * A string → index map that can be probed with raw UTF-8 bytes, so CSV cells are looked up without decoding:
 * an open-addressing table over typed arrays, the keys' bytes concatenated in one buffer.
 */
export class ByteStringMap {
  private readonly keyBytes: Uint8Array;
  private readonly keyStart: Int32Array;
  private readonly keyEnd: Int32Array;
  /** Slot → key index + 1 (0 = empty). */
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly byString = new Map<string, number>();

  constructor(keys: readonly string[]) {
    const encoded = keys.map((k) => encodeUtf8(k));
    this.keyBytes = new Uint8Array(encoded.reduce((a, b) => a + b.length, 0));
    this.keyStart = new Int32Array(keys.length);
    this.keyEnd = new Int32Array(keys.length);
    let at = 0;
    encoded.forEach((bytes, i) => {
      this.keyBytes.set(bytes, at);
      this.keyStart[i] = at;
      at += bytes.length;
      this.keyEnd[i] = at;
    });
    let size = 8;
    while (size < keys.length * 4) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    keys.forEach((key, index) => {
      if (!this.byString.has(key)) this.byString.set(key, index);
      let slot = quickHash(this.keyBytes, this.keyStart[index]!, this.keyEnd[index]!) & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = index + 1;
    });
  }

  /** The index of the key equal to data[start..end), or -1. */
  getBytes(data: Uint8Array, start: number, end: number): number {
    const n = end - start;
    const table = this.table;
    const kb = this.keyBytes;
    let slot = quickHash(data, start, end) & this.mask;
    for (;;) {
      const entry = table[slot]!;
      if (entry === 0) return -1;
      const k = entry - 1;
      const ks = this.keyStart[k]!;
      if (this.keyEnd[k]! - ks === n) {
        let i = 0;
        while (i < n && kb[ks + i] === data[start + i]) i++;
        if (i === n) return k;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  getString(key: string): number {
    return this.byString.get(key) ?? -1;
  }
}

/** Where row r of a batch came from, for a per-row issue. */
export function rowPosition(batch: RowBatch, r: number): SourcePosition {
  const p = batch.positions[r] ?? r;
  return batch.positionKind === 'line' ? { file: batch.source, line: p } : { file: batch.source, record: p };
}

export function findColumn(batch: RowBatch, name: string): FeatureColumn | undefined {
  return batch.columns.find((c) => c.name === name);
}

/** How many values a typed column holds in row r (0 when absent). */
export function valueCount(column: Exclude<FeatureColumn, { kind: 'text' | 'empty' }>, r: number): number {
  return column.present[r] ? column.offsets[r + 1]! - column.offsets[r]! : 0;
}

/** Formats a number the way a category value is written (3, not 3.0). */
export function numberKey(v: number): string {
  return String(v);
}

/**
 * One cell as a plain JS value for slow paths (labels, slices, single examples): a number for typed numeric
 * columns, a string for text and bytes; undefined when missing; an array when the row holds several values.
 */
export function cellValue(column: FeatureColumn | undefined, r: number): number | string | undefined | (number | string)[] {
  if (!column) return undefined;
  switch (column.kind) {
    case 'text':
      return column.starts[r] === column.ends[r] ? undefined : decodeUtf8(column.data, column.starts[r]!, column.ends[r]!);
    case 'int':
    case 'float': {
      const n = valueCount(column, r);
      if (n === 0) return undefined;
      const at = column.offsets[r]!;
      return n === 1 ? column.values[at]! : Array.from(column.values.subarray(at, at + n));
    }
    case 'bytes': {
      const n = valueCount(column, r);
      if (n === 0) return undefined;
      const at = column.offsets[r]!;
      const one = (v: number): string => decodeUtf8(column.data, column.starts[v]!, column.ends[v]!);
      if (n === 1) return one(at);
      const out: string[] = [];
      for (let v = at; v < at + n; v++) out.push(one(v));
      return out;
    }
    case 'empty':
      return undefined;
  }
}
