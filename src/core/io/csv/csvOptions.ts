/** The options and results of the CSV/TSV reader's public functions. */
import type { TextCompression } from '../compression/textCompression.js';
import type { DataIssue } from '../../data/issues.js';
import type { JobOptions } from '../../data/job.js';
import type { CsvDialect } from './dialect.js';
import type { IssueTally } from './issueLog.js';

export interface CsvFormatOptions {
  /**
   * Field delimiter: one ASCII character (`'\t'` or `'\\t'` for tab) or its byte.
   * Default: tab for `.tsv`/`.tab` files, else sniffed from the first 64 KiB.
   */
  readonly delimiter?: string | number;
  /** Quote character (default `"`); `null` turns quoting off (every quote is then a literal character). */
  readonly quote?: string | null;
  /** Whether the first record is a header row. Default: true, unless `columnNames` is given. */
  readonly header?: boolean;
  /**
   * Column names for a file without a header row. With `header: true` as well, the header row is skipped and
   * these names are used instead. With neither, columns are named `column_1`, `column_2`, … after the first record.
   */
  readonly columnNames?: readonly string[];
}

export interface CsvIssueOptions {
  /** Receives warnings and errors found in the data (ragged rows, bad quoting, invalid UTF-8, …). */
  readonly onIssue?: (issue: DataIssue) => void;
  /** Issues of one code reported individually before a single summary issue stands for the rest (default 100). */
  readonly maxIssuesPerCode?: number;
}

export type CsvHeaderOptions = CsvFormatOptions & CsvIssueOptions;

export interface CsvHeader {
  readonly file: string;
  readonly columnNames: readonly string[];
  readonly delimiter: number;
  /** Quote byte, or -1 when quoting is off. */
  readonly quote: number;
  /** Whether a header row was read (and skipped). */
  readonly hasHeaderRow: boolean;
  /** Byte offset of the first data record (after the BOM and the header row). */
  readonly dataStart: number;
  /** Line number of the first data record. */
  readonly firstDataLine: number;
  readonly bom: boolean;
  /** Bytes on disk (compressed, for a compressed file). */
  readonly fileSize: number;
  /** A compressed file's offsets (dataStart, ranges) count decompressed bytes; it can only be read front to back. */
  readonly compression: TextCompression;
  /** The sniffing result, when the delimiter was guessed. */
  readonly dialect: CsvDialect | undefined;
}

/** A byte range of a file for one worker; see CsvReadOptions.range. */
export interface CsvByteRange {
  /** A record start: 0, the header's `dataStart`, or the offset just after a line break. */
  readonly start: number;
  /** Records starting before this offset are read, the last one to its end even past `end`. */
  readonly end: number;
  /** Line number of the record at `start` (default 1). */
  readonly firstLine?: number;
}

/** Bytes of a file to parse in memory; see CsvReadOptions.block. */
export interface CsvBlock {
  /** The records are bytes[0 .. length); `bytes` should be 4-byte aligned with 8 bytes to spare after `length`. */
  readonly bytes: Uint8Array;
  readonly length: number;
  /** File (decompressed) offset of bytes[0]. */
  readonly offset: number;
  /** Line number of the record at bytes[0]. */
  readonly firstLine: number;
}

export interface CsvReadOptions extends CsvFormatOptions, CsvIssueOptions, JobOptions {
  /** Rows per batch at most (default 8192, and at most MAX_BATCH_CELLS / columns: wide files get shorter batches). */
  readonly batchRows?: number;
  /** Bytes of text per batch, roughly (default 4 MiB). A batch also ends where a read buffer ends. */
  readonly batchBytes?: number;
  /** Bytes per file read (default 2 MiB: larger reads are no faster and, each being a fresh buffer, raise peak memory). */
  readonly readBufferSize?: number;
  /**
   * The consumer is done with a batch once it asks for the next one (it copies what it keeps, as the statistics
   * engine does): the reader then reuses the batch's offset arrays and column objects instead of allocating them
   * per batch. On a wide file that garbage (8 bytes a cell) is what raises peak memory, not the data.
   */
  readonly reuseBatches?: boolean;
  /**
   * Read only the records starting in [start, end). No header row is read there: pass `columnNames` and
   * `delimiter` (from readCsvHeader); when either is missing, the header is read from the file's start to get it.
   */
  readonly range?: CsvByteRange;
  /**
   * Parse these bytes instead of reading the file: whole records of it (a RecordBlock cut from a decompressed
   * stream, recordBlocks.ts), with the stream offset and line number of their first byte, so positions are the
   * file's. No header row is read: pass `columnNames` and `delimiter`. Cannot be combined with `range`.
   */
  readonly block?: CsvBlock;
  /**
   * False: do not report the closing "N more issues like this" summaries; summary.issueTally has what they would
   * say, for a caller that merges the issues of several readers of one file (IssueLog.merge). Default true.
   */
  readonly summarizeIssues?: boolean;
  /** Index of this file among the dataset's shards, copied into each RowBatch (default 0). */
  readonly shardIndex?: number;
  /** Called with the file offset and line of every `every`-th record read (0th, every-th, …): the sparse row index's feed. */
  readonly rowCheckpoints?: { readonly every: number; readonly add: (row: number, offset: number, line: number) => void };
}

export interface CsvReadSummary {
  readonly file: string;
  readonly columnNames: readonly string[];
  readonly delimiter: number;
  readonly rows: number;
  /** Byte offset the data reading started at. */
  readonly startOffset: number;
  /**
   * Byte offset just after the last record read: where the next record starts. For a range, this equals the next
   * range's start exactly when that start was a true record start (the check for a planner fooled by a quoted
   * line break).
   */
  readonly stopOffset: number;
  /** Line number of the first record read (the range's firstLine, or the header's firstDataLine). */
  readonly firstLine: number;
  /** Line number at stopOffset: the next range's firstLine. */
  readonly stopLine: number;
  /** Line breaks consumed between startOffset and stopOffset (stopLine - firstLine). */
  readonly linesConsumed: number;
  /** Blank lines skipped (only when there is more than one column). */
  readonly blankLines: number;
  /** Cells whose bytes are not valid UTF-8 (kept as bytes). */
  readonly invalidUtf8Cells: number;
  /** Every issue seen, per code, including those not reported individually. */
  readonly issueCounts: Readonly<Record<string, number>>;
  /** The same, with each code's severity and description (see CsvReadOptions.summarizeIssues). */
  readonly issueTally?: readonly IssueTally[];
  /**
   * For a range: false when one of its first 8 records was suspicious (wrong field count, a quote in the middle of
   * a field, an unterminated quote), a hint that the range started inside a quoted field. The stopOffset chain
   * check is the reliable test; this one can miss, and a file with ragged rows trips it. Always true for a
   * whole-file read.
   */
  readonly startConsistent: boolean;
  /** The error that stopped reading before any row (not a text file, empty file), if any. */
  readonly fatal: DataIssue | undefined;
  /** False when the consumer stopped iterating (or an exception ended it) before the end. */
  readonly complete: boolean;
}
