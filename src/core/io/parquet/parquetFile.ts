/**
 * Opens a Parquet file for hyparquet: an AsyncBuffer over a file handle (byte ranges read on demand, so only the
 * footer and the column chunks asked for are read) and the file's metadata, with hyparquet's errors turned into
 * ours.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { parquetMetadataAsync, parquetSchema } from 'hyparquet';
import type { AsyncBuffer, FileMetaData, ParquetParsers } from 'hyparquet';
import { FacetwiseError } from '../../data/issues.js';
import { planParquetFeatures } from './parquetSchema.js';
import type { ParquetFeaturePlan } from './parquetSchema.js';

export interface OpenParquet {
  readonly path: string;
  readonly file: AsyncBuffer;
  readonly metadata: FileMetaData;
  readonly plan: ParquetFeaturePlan;
  /** Rows in each row group, and where each starts in the file's row numbering. */
  readonly groupRows: readonly number[];
  readonly groupStarts: readonly number[];
  /** Compressed bytes of each row group (for progress). */
  readonly groupBytes: readonly number[];
  close(): Promise<void>;
}

/** Keep values as stored: integers for timestamps and dates, bytes for strings and JSON (see parquetSchema.ts). */
export const PARQUET_PARSERS: ParquetParsers = {
  timestampFromMilliseconds: (v) => v,
  timestampFromMicroseconds: (v) => v,
  timestampFromNanoseconds: (v) => v,
  dateFromDays: (v) => v,
  stringFromBytes: (v) => v,
  jsonFromBytes: (v) => v,
  geometryFromBytes: (v) => v,
  geographyFromBytes: (v) => v,
  uuidFromBytes: (v) => v,
};

/** Parquet's magic number, at the start and end of every file. */
export const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

export async function openParquet(path: string): Promise<OpenParquet> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new FacetwiseError('INPUT_NOT_FOUND', `Cannot open the file: ${err instanceof Error ? err.message : String(err)}`, { file: path });
  }
  try {
    const { size } = await handle.stat();
    const file = fileBuffer(handle, size);
    let metadata: FileMetaData;
    let plan: ParquetFeaturePlan;
    try {
      metadata = await parquetMetadataAsync(file, { parsers: PARQUET_PARSERS });
      plan = planParquetFeatures(parquetSchema(metadata));
    } catch (err) {
      throw parquetError(err, path);
    }
    const groupRows = metadata.row_groups.map((g) => Number(g.num_rows));
    const groupStarts: number[] = [];
    let start = 0;
    for (const rows of groupRows) {
      groupStarts.push(start);
      start += rows;
    }
    const groupBytes = metadata.row_groups.map((g) => Number(g.total_compressed_size ?? g.total_byte_size));
    return { path, file, metadata, plan, groupRows, groupStarts, groupBytes, close: () => handle.close() };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** A hyparquet failure (a corrupt or truncated file) as one of ours. */
export function parquetError(err: unknown, path: string, record?: number): FacetwiseError {
  if (err instanceof FacetwiseError) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new FacetwiseError('PARQUET_INVALID', `Not a readable Parquet file: ${reason}`, record === undefined ? { file: path } : { file: path, record });
}

function fileBuffer(handle: FileHandle, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const from = Math.max(0, Math.min(size, start));
      const to = Math.max(from, Math.min(size, end ?? size));
      const buffer = new Uint8Array(to - from);
      let done = 0;
      while (done < buffer.length) {
        const { bytesRead } = await handle.read(buffer, done, buffer.length - done, from + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.buffer;
    },
  };
}
