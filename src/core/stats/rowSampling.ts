/**
 * TFDV's `sample_rate`: statistics over a Bernoulli sample of the examples. Whether a row is kept depends only on
 * (seed, shard index, row position), never on how rows were cut into batches or spread over workers, so a
 * parallel run, a sequential run and a rescan of some columns all see the very same sample.
 */
import type { BytesColumn, EmptyColumn, FeatureColumn, NumberColumn, RowBatch, TextColumn } from '../data/rowBatch.js';
import { mix32 } from './byteHash.js';

const TWO_32 = 4294967296;

/** Whether the row at (shardIndex, position) is in the sample. */
export function isRowSampled(seed: number, shardIndex: number, position: number, rate: number): boolean {
  if (rate >= 1) return true;
  const lo = (position % TWO_32) >>> 0;
  const hi = Math.floor(position / TWO_32) >>> 0;
  const h = mix32(mix32(mix32(mix32(seed) ^ Math.imul(shardIndex + 1, 0x9e3779b1)) ^ lo) ^ hi);
  return (h >>> 0) / TWO_32 < rate;
}

/** The batch restricted to its sampled rows (cell bytes are shared, not copied). */
export function sampleBatch(batch: RowBatch, rate: number, seed: number): RowBatch {
  if (rate >= 1) return batch;
  const keep: number[] = [];
  for (let r = 0; r < batch.rowCount; r++) if (isRowSampled(seed, batch.shardIndex, batch.positions[r], rate)) keep.push(r);
  const rows = Int32Array.from(keep);
  const positions = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) positions[i] = batch.positions[rows[i]];
  return {
    source: batch.source,
    shardIndex: batch.shardIndex,
    rowCount: rows.length,
    positionKind: batch.positionKind,
    positions,
    columns: batch.columns.map((c) => sampleColumn(c, rows)),
  };
}

function sampleColumn(column: FeatureColumn, rows: Int32Array): FeatureColumn {
  switch (column.kind) {
    case 'text':
      return sampleText(column, rows);
    case 'int':
    case 'float':
      return sampleNumbers(column, rows);
    case 'bytes':
      return sampleBytes(column, rows);
    case 'empty':
      return sampleEmpty(column, rows);
    default: {
      const unreachable: never = column;
      return unreachable;
    }
  }
}

function sampleText(c: TextColumn, rows: Int32Array): TextColumn {
  const starts = new Int32Array(rows.length);
  const ends = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    starts[i] = c.starts[rows[i]];
    ends[i] = c.ends[rows[i]];
  }
  return { kind: 'text', name: c.name, data: c.data, starts, ends };
}

function sampleOffsets(present: Uint8Array, offsets: Int32Array, rows: Int32Array): { present: Uint8Array; offsets: Int32Array; total: number } {
  const p = new Uint8Array(rows.length);
  const o = new Int32Array(rows.length + 1);
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    p[i] = present[r];
    o[i] = total;
    total += offsets[r + 1] - offsets[r];
  }
  o[rows.length] = total;
  return { present: p, offsets: o, total };
}

function sampleNumbers(c: NumberColumn, rows: Int32Array): NumberColumn {
  const { present, offsets, total } = sampleOffsets(c.present, c.offsets, rows);
  const values = new Float64Array(total);
  for (let i = 0; i < rows.length; i++) values.set(c.values.subarray(c.offsets[rows[i]], c.offsets[rows[i] + 1]), offsets[i]);
  return { kind: c.kind, name: c.name, present, offsets, values };
}

function sampleBytes(c: BytesColumn, rows: Int32Array): BytesColumn {
  const { present, offsets, total } = sampleOffsets(c.present, c.offsets, rows);
  const starts = new Int32Array(total);
  const ends = new Int32Array(total);
  for (let i = 0; i < rows.length; i++) {
    const from = c.offsets[rows[i]];
    const to = c.offsets[rows[i] + 1];
    starts.set(c.starts.subarray(from, to), offsets[i]);
    ends.set(c.ends.subarray(from, to), offsets[i]);
  }
  return { kind: 'bytes', name: c.name, present, offsets, data: c.data, starts, ends };
}

function sampleEmpty(c: EmptyColumn, rows: Int32Array): EmptyColumn {
  const present = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) present[i] = c.present[rows[i]];
  return { kind: 'empty', name: c.name, present };
}
