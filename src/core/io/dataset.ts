/**
 * One entry to read any dataset — CSV/TSV file, TFRecord shard, folder or glob of shards — as RowBatches.
 * The format readers live in ./csv and ./tfrecord; this file picks one and expands inputs.
 *
 * NOTE (lead): the signatures below are the contract other modules code against; the body is wired to the
 * CSV and TFRecord readers as they land.
 */
import type { RowBatch } from '../data/rowBatch.js';
import type { DataIssue } from '../data/issues.js';
import type { JobOptions } from '../data/job.js';

export type DatasetFormat = 'csv' | 'tfrecord';

export interface DatasetReadOptions extends JobOptions {
  /** Default: from the file name (.csv/.tsv/.txt → csv; .tfrecord/.gz/.tfrecords/other shards → tfrecord). */
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
export declare function resolveDataset(inputs: readonly string[], options?: DatasetReadOptions): Promise<DatasetInfo>;

/** Streams every row of the dataset in order. Progress is reported in bytes of the files on disk. */
export declare function readDataset(info: DatasetInfo, options?: DatasetReadOptions): AsyncIterable<RowBatch>;
