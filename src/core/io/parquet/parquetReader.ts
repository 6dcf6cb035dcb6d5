/**
 * Reads Parquet files into RowBatches of the shared row model: one row per Parquet row, positions = the row's
 * 0-based index in its file (positionKind 'record', as TFRecord's). Row groups are read one at a time and only
 * for the supported columns (see parquetSchema.ts); each group is cut into batches of at most `batchRows` rows.
 * hyparquet decodes a column chunk whole, so memory is bounded by one row group's decoded columns.
 */
import { parquetScan } from 'hyparquet';
import type { DecodedArray, ParquetScan } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { DataIssue } from '../../data/issues.js';
import { FacetwiseError } from '../../data/issues.js';
import type { JobOptions, Progress } from '../../data/job.js';
import { throwIfAborted } from '../../data/job.js';
import type { FeatureColumn, RowBatch } from '../../data/rowBatch.js';
import { ParquetValueError, toFeatureColumn } from './parquetColumns.js';
import { openParquet, PARQUET_PARSERS, parquetError } from './parquetFile.js';
import type { OpenParquet } from './parquetFile.js';
import { checkColumnChunk, ParquetPageError } from './parquetPages.js';
import { getSchemaPath } from 'hyparquet/src/schema.js';

export interface ParquetReadOptions extends JobOptions {
  /** Rows per batch (default 8192). */
  readonly batchRows?: number;
  readonly onIssue?: (issue: DataIssue) => void;
}

/** Part of one file: row groups [firstGroup, endGroup). */
export interface ParquetPart {
  readonly file: string;
  readonly shardIndex: number;
  readonly firstGroup: number;
  /** Exclusive; undefined: to the last row group. */
  readonly endGroup?: number;
}

export const DEFAULT_PARQUET_BATCH_ROWS = 8192;

/** Every row of the files, in order (shardIndex = position in `shards`). Progress in compressed bytes. */
export async function* readParquetDataset(shards: readonly string[], options: ParquetReadOptions = {}): AsyncGenerator<RowBatch, void, undefined> {
  yield* readParquetParts(
    shards.map((file, shardIndex) => ({ file, shardIndex, firstGroup: 0 })),
    options,
  );
}

/** The rows of the given parts, in order. Unsupported columns are reported once per file and left out. */
export async function* readParquetParts(parts: readonly ParquetPart[], options: ParquetReadOptions = {}): AsyncGenerator<RowBatch, void, undefined> {
  const opened: OpenParquet[] = [];
  try {
    for (const part of parts) opened.push(await openParquet(part.file));
    let total = 0;
    const ranges = parts.map((part, i) => {
      const end = Math.min(part.endGroup ?? opened[i].groupRows.length, opened[i].groupRows.length);
      for (let g = part.firstGroup; g < end; g++) total += opened[i].groupBytes[g];
      return { first: part.firstGroup, end };
    });
    let done = 0;
    const report = (message: string): void => options.onProgress?.({ done, total, unit: 'bytes', message } satisfies Progress);
    for (let i = 0; i < parts.length; i++) {
      const file = opened[i];
      if (parts[i].firstGroup === 0) reportUnsupported(file, options.onIssue);
      const features = file.plan.features;
      if (features.length === 0 || ranges[i].first >= ranges[i].end) continue;
      let scan: ParquetScan;
      try {
        scan = await parquetScan({ file: file.file, metadata: file.metadata, columns: features.map((f) => f.name), compressors, parsers: PARQUET_PARSERS, utf8: false });
      } catch (err) {
        throw parquetError(err, file.path);
      }
      for (let g = ranges[i].first; g < ranges[i].end; g++) {
        yield* readGroup(file, scan, g, parts[i].shardIndex, options);
        done += file.groupBytes[g];
        report(file.path);
      }
    }
  } finally {
    for (const file of opened) await file.close().catch(() => undefined);
  }
}

async function* readGroup(file: OpenParquet, scan: ParquetScan, group: number, shardIndex: number, options: ParquetReadOptions): AsyncGenerator<RowBatch, void, undefined> {
  const batchRows = Math.max(1, options.batchRows ?? DEFAULT_PARQUET_BATCH_ROWS);
  const groupStart = file.groupStarts[group];
  const groupEnd = groupStart + file.groupRows[group];
  await checkGroupPages(file, group);
  for (let start = groupStart; start < groupEnd; start += batchRows) {
    throwIfAborted(options.signal);
    const end = Math.min(groupEnd, start + batchRows);
    const rowCount = end - start;
    const columns: FeatureColumn[] = [];
    for (const feature of file.plan.features) {
      let values: DecodedArray;
      try {
        values = await scan.readColumn({ column: feature.name, rowStart: start, rowEnd: end });
      } catch (err) {
        throw parquetError(err, file.path, start);
      }
      if (values.length < rowCount) {
        throw new FacetwiseError('PARQUET_INVALID', `Column "${feature.name}" holds ${values.length} values where its row group has ${rowCount} rows.`, { file: file.path, record: start });
      }
      try {
        columns.push(toFeatureColumn(feature, values, rowCount));
      } catch (err) {
        if (err instanceof ParquetValueError) {
          throw new FacetwiseError('PARQUET_INVALID', `Column "${feature.name}": ${err.message}.`, { file: file.path, record: start + err.row });
        }
        throw err;
      }
    }
    const positions = new Float64Array(rowCount);
    for (let r = 0; r < rowCount; r++) positions[r] = start + r;
    yield { source: file.path, shardIndex, rowCount, positionKind: 'record', positions, columns };
  }
}

/** Refuses a row group whose pages would make hyparquet loop or overrun (see parquetPages.ts), before it reads them. */
async function checkGroupPages(file: OpenParquet, group: number): Promise<void> {
  const wanted = new Set(file.plan.features.map((f) => f.name));
  for (const chunk of file.metadata.row_groups[group]?.columns ?? []) {
    const meta = chunk.meta_data;
    if (!meta || !wanted.has(meta.path_in_schema[0])) continue;
    const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
    const end = start + Number(meta.total_compressed_size);
    if (!(start >= 0 && end > start && end <= file.file.byteLength)) continue; // hyparquet reports the bad range
    try {
      const bytes = new Uint8Array(await file.file.slice(start, end));
      checkColumnChunk({ meta, schemaPath: getSchemaPath(file.metadata.schema, meta.path_in_schema), bytes, compressors });
    } catch (err) {
      const reason = err instanceof ParquetPageError ? err.message : `column "${meta.path_in_schema.join('.')}": ${err instanceof Error ? err.message : String(err)}`;
      throw new FacetwiseError('PARQUET_INVALID', `Not a readable Parquet file: row group ${group}, ${reason}.`, { file: file.path, record: file.groupStarts[group] });
    }
  }
}

function reportUnsupported(file: OpenParquet, onIssue: ((issue: DataIssue) => void) | undefined): void {
  for (const column of file.plan.unsupported) {
    onIssue?.({
      code: 'PARQUET_UNSUPPORTED_COLUMN',
      severity: 'warning',
      message: `Column "${column.path}" is left out: ${column.reason}.`,
      position: { file: file.path },
    });
  }
}
