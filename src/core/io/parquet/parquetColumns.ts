/**
 * hyparquet's decoded column values → the shared row model (NumberColumn / BytesColumn). Values arrive as typed
 * arrays (required columns) or arrays holding numbers, bigints, booleans, byte arrays and null/undefined (nulls);
 * list columns as arrays of such arrays. The reader asks hyparquet to leave timestamps, dates, strings and JSON
 * as their stored integers and bytes (see PARQUET_PARSERS), so nothing is decoded to text and back.
 */
import type { BytesColumn, NumberColumn } from '../../data/rowBatch.js';
import type { ParquetFeature } from './parquetSchema.js';

/** A value this reader cannot place in a feature of its kind; the reader turns it into an issue with a position. */
export class ParquetValueError extends Error {
  constructor(
    message: string,
    /** Row within the converted slice. */
    readonly row: number,
  ) {
    super(message);
    this.name = 'ParquetValueError';
  }
}

const encoder = new TextEncoder();

/** One feature's values for `rowCount` rows as a column of the row model. */
export function toFeatureColumn(feature: ParquetFeature, values: ArrayLike<unknown>, rowCount: number): NumberColumn | BytesColumn {
  return feature.kind === 'bytes' ? bytesColumn(feature, values, rowCount) : numberColumn(feature, values, rowCount);
}

function numberColumn(feature: ParquetFeature, values: ArrayLike<unknown>, rowCount: number): NumberColumn {
  const present = new Uint8Array(rowCount);
  const offsets = new Int32Array(rowCount + 1);
  if (!feature.list && (values instanceof Float64Array || values instanceof Float32Array || values instanceof Int32Array || values instanceof Uint32Array)) {
    // A required scalar column: every row holds one value.
    present.fill(1);
    for (let r = 0; r <= rowCount; r++) offsets[r] = r;
    return { kind: feature.kind === 'float' ? 'float' : 'int', name: feature.name, present, offsets, values: Float64Array.from(values.subarray(0, rowCount)) };
  }
  let out = new Float64Array(rowCount);
  let n = 0;
  const push = (v: unknown, r: number): void => {
    if (v === null || v === undefined) return; // a null element of a list: not a value
    if (n === out.length) {
      const grown = new Float64Array(out.length * 2 + 16);
      grown.set(out);
      out = grown;
    }
    out[n++] = toNumber(v, r);
  };
  for (let r = 0; r < rowCount; r++) {
    const v = values[r];
    offsets[r] = n;
    if (v === null || v === undefined) continue;
    present[r] = 1;
    if (feature.list) {
      if (!isArrayLike(v)) throw new ParquetValueError(`expected a list, found ${describe(v)}`, r);
      for (let i = 0; i < v.length; i++) push(v[i], r);
    } else {
      push(v, r);
    }
  }
  offsets[rowCount] = n;
  return { kind: feature.kind === 'float' ? 'float' : 'int', name: feature.name, present, offsets, values: out.slice(0, n) };
}

function bytesColumn(feature: ParquetFeature, values: ArrayLike<unknown>, rowCount: number): BytesColumn {
  const present = new Uint8Array(rowCount);
  const offsets = new Int32Array(rowCount + 1);
  const parts: Uint8Array[] = [];
  let bytes = 0;
  const push = (v: unknown, r: number): void => {
    if (v === null || v === undefined) return;
    const b = toBytes(v, r);
    parts.push(b);
    bytes += b.length;
  };
  for (let r = 0; r < rowCount; r++) {
    const v = values[r];
    offsets[r] = parts.length;
    if (v === null || v === undefined) continue;
    present[r] = 1;
    if (feature.list) {
      if (!isArrayLike(v)) throw new ParquetValueError(`expected a list, found ${describe(v)}`, r);
      for (let i = 0; i < v.length; i++) push(v[i], r);
    } else {
      push(v, r);
    }
  }
  offsets[rowCount] = parts.length;
  const data = new Uint8Array(bytes);
  const starts = new Int32Array(parts.length);
  const ends = new Int32Array(parts.length);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    data.set(parts[i], at);
    starts[i] = at;
    at += parts[i].length;
    ends[i] = at;
  }
  return { kind: 'bytes', name: feature.name, present, offsets, data, starts, ends };
}

function toNumber(v: unknown, row: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v); // int64 as float64: exact up to 2^53, as TFDV computes
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new ParquetValueError(`expected a number, found ${describe(v)}`, row);
}

function toBytes(v: unknown, row: number): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return encoder.encode(v);
  throw new ParquetValueError(`expected bytes, found ${describe(v)}`, row);
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  return v instanceof Uint8Array ? 'bytes' : typeof v;
}
