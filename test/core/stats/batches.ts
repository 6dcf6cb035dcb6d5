/**
 * Builders of RowBatches from plain arrays for the statistics tests, and a naive CSV reader for the real datasets
 * (which have no quoted fields — readCsvNaive checks that and refuses otherwise).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BytesColumn, EmptyColumn, FeatureColumn, NumberColumn, RowBatch, TextColumn } from '../../../src/core/data/rowBatch.js';

const encoder = new TextEncoder();

export const REPO_ROOT = resolve(__dirname, '../../..');
export const SHARED_DATA = resolve(REPO_ROOT, '../shared/data');

/** A text cell: a string, or null / '' for an empty (missing) cell. Strings may also be raw bytes. */
export type Cell = string | Uint8Array | null;

export function textColumn(name: string, cells: readonly Cell[]): TextColumn {
  const parts = cells.map((c) => (c === null ? new Uint8Array(0) : typeof c === 'string' ? encoder.encode(c) : c));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const data = new Uint8Array(total);
  const starts = new Int32Array(cells.length);
  const ends = new Int32Array(cells.length);
  let o = 0;
  parts.forEach((p, i) => {
    data.set(p, o);
    starts[i] = o;
    o += p.length;
    ends[i] = o;
  });
  return { kind: 'text', name, data, starts, ends };
}

/** A typed value list per row: null = feature absent, [] = present with no values. */
export function numberColumn(name: string, kind: 'int' | 'float', rows: readonly (readonly number[] | null)[]): NumberColumn {
  const present = new Uint8Array(rows.length);
  const offsets = new Int32Array(rows.length + 1);
  const values: number[] = [];
  rows.forEach((r, i) => {
    offsets[i] = values.length;
    if (r !== null) {
      present[i] = 1;
      values.push(...r);
    }
  });
  offsets[rows.length] = values.length;
  return { kind, name, present, offsets, values: Float64Array.from(values) };
}

export function bytesColumn(name: string, rows: readonly (readonly (string | Uint8Array)[] | null)[]): BytesColumn {
  const present = new Uint8Array(rows.length);
  const offsets = new Int32Array(rows.length + 1);
  const chunks: Uint8Array[] = [];
  rows.forEach((r, i) => {
    offsets[i] = chunks.length;
    if (r !== null) {
      present[i] = 1;
      for (const v of r) chunks.push(typeof v === 'string' ? encoder.encode(v) : v);
    }
  });
  offsets[rows.length] = chunks.length;
  const data = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  const starts = new Int32Array(chunks.length);
  const ends = new Int32Array(chunks.length);
  let o = 0;
  chunks.forEach((c, i) => {
    data.set(c, o);
    starts[i] = o;
    o += c.length;
    ends[i] = o;
  });
  return { kind: 'bytes', name, present, offsets, data, starts, ends };
}

export function emptyColumn(name: string, present: readonly boolean[]): EmptyColumn {
  return { kind: 'empty', name, present: Uint8Array.from(present.map((p) => (p ? 1 : 0))) };
}

/** A batch of `rowCount` rows whose positions are firstPosition, firstPosition+1, … */
export function batchOf(
  rowCount: number,
  columns: readonly FeatureColumn[],
  opts: { firstPosition?: number; shardIndex?: number; source?: string; positionKind?: 'line' | 'record' } = {},
): RowBatch {
  const first = opts.firstPosition ?? 2;
  return {
    source: opts.source ?? 'test.csv',
    shardIndex: opts.shardIndex ?? 0,
    rowCount,
    positionKind: opts.positionKind ?? 'line',
    positions: Float64Array.from({ length: rowCount }, (_, i) => first + i),
    columns,
  };
}

/** Text batches of a table (rows of cells), `batchRows` rows each; line numbers start at 2 (after the header). */
export function textBatches(header: readonly string[], rows: readonly (readonly Cell[])[], batchRows = 1000): RowBatch[] {
  const out: RowBatch[] = [];
  for (let from = 0; from < rows.length || (from === 0 && out.length === 0); from += batchRows) {
    const slice = rows.slice(from, from + batchRows);
    const columns = header.map((name, c) => textColumn(name, slice.map((r) => r[c] ?? null)));
    out.push(batchOf(slice.length, columns, { firstPosition: 2 + from }));
    if (rows.length === 0) break;
  }
  return out;
}

export interface NaiveCsv {
  readonly header: string[];
  readonly rows: string[][];
}

/** Splits a CSV on newlines and commas; throws if any quote appears (the split would be wrong). */
export function readCsvNaive(relativeToSharedData: string): NaiveCsv {
  const text = readFileSync(resolve(SHARED_DATA, relativeToSharedData), 'utf8');
  if (text.includes('"')) throw new Error(`${relativeToSharedData} has quoted fields; the naive reader cannot split it`);
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const header = (lines.shift() ?? '').split(',');
  const rows = lines.map((l) => l.split(','));
  for (const r of rows) if (r.length !== header.length) throw new Error(`ragged row in ${relativeToSharedData}: ${r.join(',')}`);
  return { header, rows };
}
