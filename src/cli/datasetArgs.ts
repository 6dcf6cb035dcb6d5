/** The options every command that reads a dataset accepts, parsed the same way everywhere. */
import type { DatasetReadOptions } from '../core/io/dataset.js';
import { UsageError } from './cliIo.js';

export const datasetOptionSpecs = {
  delimiter: { type: 'string' },
  'no-header': { type: 'boolean' },
  columns: { type: 'string' },
  compression: { type: 'string' },
  workers: { type: 'string' },
} as const;

export const datasetOptionsUsage = `Dataset options:
  --delimiter <c>          CSV field delimiter: , ; | or tab (default: sniffed; tab for .tsv)
  --no-header              The CSV has no header row (name the columns with --columns)
  --columns <a,b,...>      Column names for a CSV without a header row
  --compression <c>        TFRecord compression: auto (default), none, gzip, zlib
  --workers <n>            Threads reading at once (default: cores available, at most 4, one under 8 MiB);
                           this thread reads a chunk itself and n - 1 worker threads the others (a compressed
                           CSV: this thread decompresses, n workers parse); 0 = this thread only`;

export interface DatasetArgValues {
  readonly delimiter?: string;
  readonly 'no-header'?: boolean;
  readonly columns?: string;
  readonly compression?: string;
  readonly workers?: string;
}

export function readOptionsFrom(values: DatasetArgValues): Omit<DatasetReadOptions, 'signal' | 'onProgress' | 'onIssue'> {
  let delimiter = values.delimiter;
  if (delimiter !== undefined) {
    if (delimiter === 'tab' || delimiter === '\\t') delimiter = '\t';
    if (delimiter.length !== 1) throw new UsageError(`--delimiter takes one character or 'tab', got '${values.delimiter}'`);
  }
  const columnNames = values.columns?.split(',').map((c) => c.trim());
  if (values['no-header'] && !columnNames) throw new UsageError('--no-header needs --columns a,b,c to name the columns');
  const compression = values.compression;
  if (compression !== undefined && !['auto', 'none', 'gzip', 'zlib'].includes(compression)) {
    throw new UsageError(`--compression must be auto, none, gzip or zlib, got '${compression}'`);
  }
  return {
    delimiter,
    header: values['no-header'] ? false : undefined,
    columnNames,
    compression: compression as DatasetReadOptions['compression'],
  };
}

export function intOption(name: string, value: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got '${value}'`);
  return n;
}

export function fractionOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new UsageError(`--${name} must be a number in (0, 1], got '${value}'`);
  return n;
}
