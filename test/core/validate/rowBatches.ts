/** Test-only RowBatch builders: CSV-like text batches and tf.Example-like typed batches. */
import type { BytesColumn, EmptyColumn, NumberColumn, RowBatch, TextColumn } from '../../../src/core/data/rowBatch.js';

const utf8 = new TextEncoder();

export function textColumn(name: string, cells: readonly string[]): TextColumn {
  const encoded = cells.map((c) => utf8.encode(c));
  const data = new Uint8Array(encoded.reduce((s, e) => s + e.length, 0));
  const starts = new Int32Array(cells.length);
  const ends = new Int32Array(cells.length);
  let at = 0;
  encoded.forEach((e, i) => {
    data.set(e, at);
    starts[i] = at;
    at += e.length;
    ends[i] = at;
  });
  return { kind: 'text', name, data, starts, ends };
}

/** Rows of a CSV file as a batch; `firstLine` is the 1-based line of rows[0] (2 after a header line). */
export function textBatch(source: string, header: readonly string[], rows: readonly string[][], firstLine = 2, shardIndex = 0): RowBatch {
  return {
    source,
    shardIndex,
    rowCount: rows.length,
    positionKind: 'line',
    positions: Float64Array.from(rows, (_, i) => firstLine + i),
    columns: header.map((h, c) => textColumn(h, rows.map((r) => r[c] ?? ''))),
  };
}

/** Per row: the values, or undefined when the feature is absent. */
export function numberColumn(name: string, kind: 'int' | 'float', cells: ReadonlyArray<readonly number[] | undefined>): NumberColumn {
  const present = Uint8Array.from(cells, (c) => (c ? 1 : 0));
  const offsets = new Int32Array(cells.length + 1);
  const values: number[] = [];
  cells.forEach((c, i) => {
    values.push(...(c ?? []));
    offsets[i + 1] = values.length;
  });
  return { kind, name, present, offsets, values: Float64Array.from(values) };
}

export function bytesColumn(name: string, cells: ReadonlyArray<readonly string[] | undefined>): BytesColumn {
  const present = Uint8Array.from(cells, (c) => (c ? 1 : 0));
  const offsets = new Int32Array(cells.length + 1);
  const all = cells.flatMap((c, i) => {
    offsets[i + 1] = (offsets[i] as number) + (c?.length ?? 0);
    return (c ?? []).map((s) => utf8.encode(s));
  });
  const data = new Uint8Array(all.reduce((s, e) => s + e.length, 0));
  const starts = new Int32Array(all.length);
  const ends = new Int32Array(all.length);
  let at = 0;
  all.forEach((e, i) => {
    data.set(e, at);
    starts[i] = at;
    at += e.length;
    ends[i] = at;
  });
  return { kind: 'bytes', name, present, offsets, data, starts, ends };
}

export function emptyColumn(name: string, present: readonly boolean[]): EmptyColumn {
  return { kind: 'empty', name, present: Uint8Array.from(present, (p) => (p ? 1 : 0)) };
}

/** A TFRecord-like batch: records firstRecord, firstRecord + 1, … of shard `shardIndex`. */
export function recordBatch(
  source: string,
  rowCount: number,
  columns: RowBatch['columns'],
  firstRecord = 0,
  shardIndex = 0,
): RowBatch {
  return {
    source,
    shardIndex,
    rowCount,
    positionKind: 'record',
    positions: Float64Array.from({ length: rowCount }, (_, i) => firstRecord + i),
    columns,
  };
}

export async function* batchesOf(...batches: RowBatch[]): AsyncIterable<RowBatch> {
  for (const b of batches) yield b;
}

/** Splits rows into batches of `size` (exercising batch boundaries). */
export function textBatches(source: string, header: readonly string[], rows: readonly string[][], size: number): RowBatch[] {
  const out: RowBatch[] = [];
  for (let i = 0; i < rows.length; i += size) out.push(textBatch(source, header, rows.slice(i, i + size), 2 + i));
  return out;
}
