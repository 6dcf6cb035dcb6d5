/**
 * TFRecord rows by number across the dataset, shards in order: the shard index gives the record offset of the
 * checkpoint at or before the row, the headers are walked from there. Without an index (or for a compressed
 * shard) records are read from the shard's start.
 */
import { open } from 'node:fs/promises';
import type { JobOptions } from '../../data/job.js';
import { throwIfAborted } from '../../data/job.js';
import { readTfRecords } from '../tfrecord/recordReader.js';
import { exampleCells } from './exampleCells.js';
import { HeaderReader } from './tfrecordIndex.js';
import type { TfRecordRowIndex, TfRecordShardIndex } from './rowIndex.js';
import type { RowWindow } from './rowWindow.js';

interface RawRow {
  readonly shard: number;
  readonly record: number;
  readonly cells: Map<string, string | null>;
}

/** Rows [row, row + count) of the dataset; columns are `columns` when given, else the features in order of appearance. */
export async function tfRecordRowsAt(
  shards: readonly string[],
  index: TfRecordRowIndex | undefined,
  row: number,
  count: number,
  options: JobOptions & { columns?: readonly string[] } = {},
): Promise<RowWindow> {
  const raw: RawRow[] = [];
  let shardFirstRow = 0;
  let firstRow: number | undefined;
  for (let s = 0; s < shards.length && raw.length < count; s++) {
    const shardIndex = index?.shards[s];
    if (shardIndex && shardFirstRow + shardIndex.records <= row) {
      shardFirstRow += shardIndex.records;
      continue; // the whole shard lies before the row
    }
    const local = Math.max(0, row - shardFirstRow);
    const got = shardIndex && !shardIndex.compressed
      ? await readIndexed(shardIndex, s, local, count - raw.length, options.signal)
      : await readStreaming(shards[s], s, local, count - raw.length, options.signal);
    if (got.rows.length > 0 && firstRow === undefined) firstRow = shardFirstRow + local;
    raw.push(...got.rows);
    shardFirstRow += got.records;
  }
  const names: string[] = options.columns ? [...options.columns] : [];
  const known = new Set(names);
  if (!options.columns) for (const r of raw) for (const key of r.cells.keys()) if (!known.has(key)) (known.add(key), names.push(key));
  return {
    columnNames: names,
    firstRow: firstRow ?? row,
    rows: raw.map((r) => names.map((n) => r.cells.get(n) ?? null)),
    positions: raw.map((r) => r.record),
    shards: raw.map((r) => r.shard),
    startOffset: 0,
    endOffset: 0,
    atEnd: raw.length < count,
  };
}

async function readIndexed(shard: TfRecordShardIndex, shardNumber: number, local: number, count: number, signal?: AbortSignal): Promise<{ rows: RawRow[]; records: number }> {
  const rows: RawRow[] = [];
  if (local >= shard.records) return { rows, records: shard.records };
  const handle = await open(shard.file, 'r');
  try {
    const size = shard.identity.size;
    const headers = new HeaderReader(handle, size);
    const checkpoint = Math.floor(local / shard.every);
    let offset = shard.offsets[checkpoint];
    let record = checkpoint * shard.every;
    while (record < shard.records && rows.length < count) {
      throwIfAborted(signal);
      const length = await headers.lengthAt(offset);
      if (record >= local) {
        const payload = Buffer.allocUnsafe(length);
        await handle.read(payload, 0, length, offset + 12);
        rows.push({ shard: shardNumber, record, cells: exampleCells(payload) });
      }
      offset += 12 + length + 4;
      record++;
    }
    return { rows, records: shard.records };
  } finally {
    await handle.close();
  }
}

async function readStreaming(path: string, shardNumber: number, local: number, count: number, signal?: AbortSignal): Promise<{ rows: RawRow[]; records: number }> {
  const rows: RawRow[] = [];
  let records = 0;
  for await (const record of readTfRecords(path, { signal, verifyCrc: false })) {
    records = record.index + 1;
    if (record.index < local) continue;
    rows.push({ shard: shardNumber, record: record.index, cells: exampleCells(record.payload) });
    if (rows.length >= count) break;
  }
  return { rows, records };
}
