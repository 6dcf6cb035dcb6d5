/**
 * The sparse row index: a checkpoint (row, byte offset, line) every N records, not one per row, so a 10 GB CSV
 * costs about a megabyte of offsets. Reaching row r reads forward from the last checkpoint at or before r, at most
 * N - 1 records. TFRecord shards get one record-offset list each (uncompressed shards only: a GZIP/ZLIB stream
 * cannot be entered in the middle, so those keep just their record counts and are read from their start).
 */
import type { FileIdentity } from './fileIdentity.js';

/** Records between two checkpoints when a whole file is indexed in one read. */
export const DEFAULT_CHECKPOINT_EVERY = 1024;

export interface CsvRowIndex {
  readonly kind: 'csv';
  readonly file: string;
  readonly identity: FileIdentity;
  /** Data records in the file (blank lines skipped the way the reader skips them). */
  readonly rows: number;
  /** Checkpoint k: data row (0-based), byte offset of its first byte, and its 1-based line. Rows ascend. */
  readonly checkpointRows: Float64Array;
  readonly checkpointOffsets: Float64Array;
  readonly checkpointLines: Float64Array;
}

export interface TfRecordShardIndex {
  readonly file: string;
  readonly identity: FileIdentity;
  readonly records: number;
  readonly every: number;
  /** Byte offset of records 0, every, 2·every, …; empty for a compressed shard. */
  readonly offsets: Float64Array;
  readonly compressed: boolean;
}

export interface TfRecordRowIndex {
  readonly kind: 'tfrecord';
  readonly shards: readonly TfRecordShardIndex[];
  /** Rows in the whole dataset, shards in order. */
  readonly rows: number;
}

export type RowIndex = CsvRowIndex | TfRecordRowIndex;

export interface Checkpoint {
  readonly row: number;
  readonly offset: number;
  readonly line: number;
}

/** The last checkpoint at or before data row `row` (0-based); the first one when `row` is before every checkpoint. */
export function checkpointAtOrBefore(index: CsvRowIndex, row: number): Checkpoint {
  return checkpointBy(index, index.checkpointRows, row);
}

/** The last checkpoint whose record starts at or before 1-based `line`. */
export function checkpointAtOrBeforeLine(index: CsvRowIndex, line: number): Checkpoint {
  return checkpointBy(index, index.checkpointLines, line);
}

function checkpointBy(index: CsvRowIndex, keys: Float64Array, key: number): Checkpoint {
  let lo = 0;
  let hi = keys.length - 1;
  if (hi < 0) throw new RangeError('the row index has no checkpoints');
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (keys[mid] <= key) lo = mid;
    else hi = mid - 1;
  }
  return { row: index.checkpointRows[lo], offset: index.checkpointOffsets[lo], line: index.checkpointLines[lo] };
}

/** Collects checkpoints as a reader reports them (in row order), into growing typed arrays. */
export class CheckpointList {
  private rows: Float64Array<ArrayBuffer> = new Float64Array(256);
  private offsets: Float64Array<ArrayBuffer> = new Float64Array(256);
  private lines: Float64Array<ArrayBuffer> = new Float64Array(256);
  length = 0;

  add(row: number, offset: number, line: number): void {
    if (this.length === this.rows.length) {
      this.rows = grow(this.rows);
      this.offsets = grow(this.offsets);
      this.lines = grow(this.lines);
    }
    this.rows[this.length] = row;
    this.offsets[this.length] = offset;
    this.lines[this.length] = line;
    this.length++;
  }

  /** Appends another list's checkpoints shifted by rows and lines (a later byte range of the same file). */
  append(other: { rows: Float64Array; offsets: Float64Array; lines: Float64Array }, rowShift: number, lineShift: number): void {
    for (let k = 0; k < other.rows.length; k++) this.add(other.rows[k] + rowShift, other.offsets[k], other.lines[k] + lineShift);
  }

  toArrays(): { rows: Float64Array; offsets: Float64Array; lines: Float64Array } {
    return {
      rows: this.rows.slice(0, this.length),
      offsets: this.offsets.slice(0, this.length),
      lines: this.lines.slice(0, this.length),
    };
  }
}

function grow(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
