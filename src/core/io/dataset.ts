/**
 * One entry to read any dataset — CSV/TSV file, TFRecord shard, folder or glob of shards — as RowBatches.
 * The format readers live in ./csv and ./tfrecord; this file picks one and expands inputs.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { FacetwiseError } from '../data/issues.js';
import type { RowBatch } from '../data/rowBatch.js';
import type { DataIssue } from '../data/issues.js';
import type { JobOptions } from '../data/job.js';
import { readCsv } from './csv/index.js';
import { assertTfRecordContent } from './contentSniff.js';
import { groupByFolder, mixedFoldersError } from './shardFolders.js';
import { readParquetDataset } from './parquet/index.js';
import { dataFileKind, expandInputs } from './shards.js';
import { readTfRecordDataset } from './tfrecord/index.js';

export type DatasetFormat = 'csv' | 'tfrecord' | 'parquet';

export interface DatasetReadOptions extends JobOptions {
  /** Default: from the file name (.csv/.tsv/.txt → csv; .parquet → parquet; .tfrecord/.gz/.tfrecords/other shards → tfrecord). */
  readonly format?: DatasetFormat;
  /** CSV: a single character; default sniffed (`\t` for .tsv). */
  readonly delimiter?: string;
  /** CSV: whether the first row is a header (default true). */
  readonly header?: boolean;
  /** CSV: column names when there is no header. */
  readonly columnNames?: readonly string[];
  /** TFRecord compression; default detected from the bytes. */
  readonly compression?: 'auto' | 'none' | 'gzip' | 'zlib';
  /** Rows per batch (a hint). */
  readonly batchRows?: number;
  /** Reader findings (malformed rows, CRC failures…), with positions. */
  readonly onIssue?: (issue: DataIssue) => void;
}

export interface DatasetInfo {
  readonly format: DatasetFormat;
  /** The files read, in order (one for CSV). */
  readonly shards: readonly string[];
  /** Sum of the files' sizes on disk. */
  readonly totalBytes: number;
  /** A short name for display: the file, or the folder of shards. */
  readonly name: string;
}

/** Expands inputs (files, folders, globs) and decides the format; throws FacetwiseError when nothing readable. */
export async function resolveDataset(inputs: readonly string[], options: DatasetReadOptions = {}): Promise<DatasetInfo> {
  if (inputs.length === 0) throw new FacetwiseError('INPUT_NOT_FOUND', 'No dataset was given.');
  const shards = await expandInputs(inputs);
  const folders = groupByFolder(shards);
  if (folders.length > 1) throw mixedFoldersError(inputs.join(' '), folders);
  const format = options.format ?? formatOf(shards);
  // Names that say nothing are read as TFRecord only when their bytes look like it.
  if (options.format === undefined && format === 'tfrecord') await assertTfRecordContent(shards.filter((s) => dataFileKind(basename(s)) === 'other'));
  if (format === 'csv' && shards.length > 1) {
    throw new FacetwiseError(
      'INPUT_MULTIPLE_CSV',
      `${shards.length} delimited files were given; Facetwise reads one CSV/TSV file as a dataset (pass one file, or a folder of TFRecord shards).`,
      { file: inputs[0] },
    );
  }
  let totalBytes = 0;
  for (const shard of shards) totalBytes += (await stat(shard)).size;
  const name = shards.length === 1 ? basename(shards[0]) : `${basename(dirname(shards[0]))} (${shards.length} shards)`;
  return { format, shards, totalBytes, name };
}

/** The format a list of files is read as: delimited text or Parquet when every file says so by name, else TFRecord. */
export function formatOf(shards: readonly string[]): DatasetFormat {
  const kinds = shards.map((s) => dataFileKind(basename(s)));
  if (kinds.length > 0 && kinds.every((k) => k === 'parquet')) return 'parquet';
  return kinds.length > 0 && kinds.every((k) => k === 'csv' || k === 'tsv') ? 'csv' : 'tfrecord';
}

/** Streams every row of the dataset in order. Progress is reported in bytes of the files on disk. */
export function readDataset(info: DatasetInfo, options: DatasetReadOptions = {}): AsyncIterable<RowBatch> {
  if (info.format === 'csv') {
    return readCsv(info.shards[0], {
      delimiter: options.delimiter,
      header: options.header,
      columnNames: options.columnNames,
      batchRows: options.batchRows,
      onIssue: options.onIssue,
      signal: options.signal,
      onProgress: options.onProgress,
    });
  }
  if (info.format === 'parquet') {
    return readParquetDataset(info.shards, { batchRows: options.batchRows, onIssue: options.onIssue, signal: options.signal, onProgress: options.onProgress });
  }
  return readTfRecordDataset(info.shards, {
    compression: options.compression,
    batchRows: options.batchRows,
    onIssue: options.onIssue,
    signal: options.signal,
    onProgress: options.onProgress,
  });
}
