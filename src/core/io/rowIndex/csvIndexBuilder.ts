/**
 * Builds a CSV file's sparse row index in one read, through the same reader the statistics use (so its records,
 * blank lines and quoting are exactly the reader's). The statistics pass feeds the same checkpoints through
 * CsvReadOptions.rowCheckpoints when it runs; this is for a file whose index is not cached yet.
 */
import { FacetwiseError } from '../../data/issues.js';
import type { JobOptions } from '../../data/job.js';
import { readCsv } from '../csv/csvReader.js';
import type { CsvFormatOptions, CsvReadSummary } from '../csv/csvOptions.js';
import { fileIdentity, sameIdentity } from './fileIdentity.js';
import { CheckpointList, DEFAULT_CHECKPOINT_EVERY } from './rowIndex.js';
import type { CsvRowIndex } from './rowIndex.js';

export interface CsvIndexOptions extends JobOptions {
  readonly format?: CsvFormatOptions;
  /** Records between checkpoints (default 1024). */
  readonly every?: number;
}

export async function buildCsvRowIndex(path: string, options: CsvIndexOptions = {}): Promise<CsvRowIndex> {
  const identity = await fileIdentity(path);
  const every = Math.max(1, Math.floor(options.every ?? DEFAULT_CHECKPOINT_EVERY));
  const list = new CheckpointList();
  const reader = readCsv(path, {
    ...options.format,
    rowCheckpoints: { every, add: (row, offset, line) => list.add(row, offset, line) },
    signal: options.signal,
    onProgress: options.onProgress,
  });
  // Only the checkpoints are wanted; the batches are dropped as they come.
  for await (const batch of reader) void batch;
  const summary = reader.summary as CsvReadSummary;
  if (summary.fatal) throw new FacetwiseError(summary.fatal.code, summary.fatal.message, summary.fatal.position);
  const after = await fileIdentity(path);
  if (!sameIdentity(identity, after)) {
    throw new FacetwiseError('ROW_INDEX_FILE_CHANGED', 'the file changed while it was being indexed; index it again', { file: path });
  }
  return csvIndexOf(path, identity, list, summary);
}

/** The index from collected checkpoints and the reader's summary; adds the end-of-data checkpoint. */
export function csvIndexOf(
  path: string,
  identity: CsvRowIndex['identity'],
  list: CheckpointList,
  summary: Pick<CsvReadSummary, 'rows' | 'stopOffset' | 'stopLine'>,
): CsvRowIndex {
  if (list.length === 0 || summary.rows > 0) list.add(summary.rows, summary.stopOffset, summary.stopLine);
  const arrays = list.toArrays();
  return {
    kind: 'csv',
    file: path,
    identity,
    rows: summary.rows,
    checkpointRows: arrays.rows,
    checkpointOffsets: arrays.offsets,
    checkpointLines: arrays.lines,
  };
}
