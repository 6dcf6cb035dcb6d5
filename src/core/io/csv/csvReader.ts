/**
 * Streams a CSV/TSV file (or a byte range of one) as RowBatches of TextColumns.
 *
 * Buffer lifetime: every file read goes into a freshly allocated buffer, which is not written again once its
 * batches are handed out (quotes are undone in place before that), and every batch gets fresh index arrays. A
 * RowBatch therefore stays valid for as long as it is referenced: consumers may keep batches, or hand them on,
 * after asking for the next one. (On the 200 MB benchmark, fresh index arrays cost about 5% of the reader's time.)
 *
 * Issues go to onIssue as they are found, batch by batch; a batch's invalid-UTF-8 warnings come after its other
 * issues, so the order is not strictly the file's.
 */
import { basename } from 'node:path';
import { FacetwiseError, formatPosition } from '../../data/issues.js';
import type { DataIssue } from '../../data/issues.js';
import { throwIfAborted } from '../../data/job.js';
import type { RowBatch, TextColumn } from '../../data/rowBatch.js';
import { compressionOfFile } from '../compression/textCompression.js';
import type { TextCompression } from '../compression/textCompression.js';
import { DecompressedChunkReader } from '../decompressedChunks.js';
import type { ChunkSource } from '../decompressedChunks.js';
import { ChunkedFileReader, DEFAULT_CHUNK_SIZE } from '../fileChunks.js';
import type { FileChunk } from '../fileChunks.js';
import { bomLength, delimiterByte, quoteByte } from './csvBytes.js';
import type { CsvBlock, CsvHeader, CsvReadOptions, CsvReadSummary } from './csvOptions.js';
import { readCsvHeader } from './header.js';
import { IssueLog } from './issueLog.js';
import { lineColumnAt } from './textPosition.js';
import { CsvTokenizer, PARSE_DONE, PARSE_FULL } from './tokenizer.js';
import { unescapeInPlace } from './unescape.js';
import { invalidUtf8Offsets, isValidUtf8 } from './utf8.js';

export const DEFAULT_BATCH_ROWS = 8192;
export const DEFAULT_BATCH_BYTES = 4 * 1024 * 1024;
/**
 * Cells (rows × columns) per batch at most: the batch's index arrays are 8 bytes a cell, so a wide file gets
 * fewer rows per batch (10,000 columns: 104 rows) instead of rows × columns of arrays (8192 × 10,000 = 655 MB).
 */
export const MAX_BATCH_CELLS = 1 << 20;

/** reuseBatches: row counts whose offset views are kept at once (more distinct counts start the set again). */
const MAX_KEPT_ROW_COUNTS = 8;

/** A TextColumn as the reader rewrites it under reuseBatches (consumers see it read-only). */
interface MutableTextColumn {
  readonly kind: 'text';
  readonly name: string;
  data: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
}

/** Header problems that leave nothing to read: reported as an issue, and the reader yields no rows. */
const FATAL_CODES = new Set(['CSV_NOT_TEXT', 'CSV_EMPTY_FILE', 'CSV_UNTERMINATED_QUOTE', 'CSV_HEADER_TOO_LONG']);

interface Layout {
  readonly columnNames: readonly string[];
  readonly delimiter: number;
  readonly quote: number;
  readonly start: number;
  readonly firstLine: number;
  /** Total bytes this reader is expected to cover, for progress (on disk, for a compressed file). */
  readonly total: number | undefined;
  readonly compression: TextCompression;
}

/** `for await (const batch of readCsv(path, options))`, then `reader.summary`. */
export function readCsv(path: string, options: CsvReadOptions = {}): CsvReader {
  return new CsvReader(path, options);
}

export class CsvReader implements AsyncIterable<RowBatch> {
  readonly path: string;
  private readonly options: CsvReadOptions;
  private started = false;
  private result: CsvReadSummary | undefined;

  constructor(path: string, options: CsvReadOptions = {}) {
    this.path = path;
    this.options = options;
  }

  /** What was read; set once iteration has ended (normally, by a break, or by an error). */
  get summary(): CsvReadSummary | undefined {
    return this.result;
  }

  [Symbol.asyncIterator](): AsyncIterator<RowBatch> {
    if (this.started) throw new Error('a CsvReader can be iterated only once');
    this.started = true;
    return this.batches();
  }

  private async *batches(): AsyncGenerator<RowBatch, void, undefined> {
    const options = this.options;
    const file = this.path;
    const log = new IssueLog(file, options.onIssue, options.maxIssuesPerCode);
    throwIfAborted(options.signal);

    let layout: Layout;
    try {
      layout = await this.layout(log);
    } catch (error) {
      if (!(error instanceof FacetwiseError) || !FATAL_CODES.has(error.code) || options.range) throw error;
      const fatal = issueOf(error, file);
      log.push(fatal);
      this.result = emptySummary(file, log, fatal);
      return;
    }

    const range = options.range;
    const tokenizer = new CsvTokenizer({
      columnNames: layout.columnNames,
      delimiter: layout.delimiter,
      quote: layout.quote,
      batchRows: Math.min(options.batchRows ?? DEFAULT_BATCH_ROWS, Math.max(1, Math.floor(MAX_BATCH_CELLS / layout.columnNames.length))),
      batchBytes: options.batchBytes ?? DEFAULT_BATCH_BYTES,
      issues: log,
    });
    tokenizer.line = layout.firstLine;
    const stopAtOffset = range ? range.end : Infinity;
    // A compressed file is decompressed front to back; progress is then in compressed bytes read.
    let compressedRead = 0;
    const chunks: ChunkSource = options.block
      ? blockSource(options.block)
      : layout.compression === 'none'
        ? await ChunkedFileReader.open(file, { start: layout.start, softEnd: range?.end, chunkSize: options.readBufferSize ?? DEFAULT_CHUNK_SIZE, recycle: options.reuseBatches })
        : new DecompressedChunkReader(file, layout.compression, {
            start: layout.start,
            chunkSize: options.readBufferSize ?? DEFAULT_CHUNK_SIZE,
            signal: options.signal,
            onCompressedBytes: (n) => {
              compressedRead = n;
            },
          });
    const counters = { rows: 0, invalidUtf8Cells: 0 };
    let stopOffset = layout.start;
    let complete = false;
    try {
      let chunk: FileChunk | undefined = await chunks.next();
      let begin = chunk?.begin ?? 0;
      // A range that starts at byte 0 has no header reading before it to skip a byte order mark.
      if (chunk && chunk.fileOffset === 0) begin += bomLength(chunk.buffer.subarray(0, chunk.end), chunk.begin);
      while (chunk) {
        const fileBase = chunk.fileOffset - chunk.begin;
        tokenizer.setChunk(chunk.buffer, begin, chunk.end, chunk.eof, fileBase, stopAtOffset - fileBase);
        let status: number;
        do {
          throwIfAborted(options.signal);
          tokenizer.startBatch();
          status = tokenizer.parse();
          if (tokenizer.rowCount > 0) {
            const batch = this.finishBatch(tokenizer, layout, log, counters);
            counters.rows += batch.rowCount;
            yield batch;
          }
        } while (status === PARSE_FULL);
        stopOffset = tokenizer.fileOffsetOf(tokenizer.pos);
        const advanced = layout.compression === 'none' ? stopOffset - layout.start : compressedRead;
        options.onProgress?.({
          done: layout.total === undefined ? advanced : Math.min(layout.total, advanced),
          total: layout.total,
          unit: 'bytes',
          message: basename(file),
        });
        if (status === PARSE_DONE) break;
        // Carry the record the chunk cut into the next chunk, where it is parsed again from its start.
        chunk = await chunks.next(chunk.buffer.subarray(tokenizer.pos, chunk.end));
        begin = chunk?.begin ?? 0;
      }
      if (options.summarizeIssues !== false) log.finish();
      complete = true;
    } finally {
      await chunks.close();
      this.result = {
        file,
        columnNames: layout.columnNames,
        delimiter: layout.delimiter,
        rows: counters.rows,
        startOffset: layout.start,
        stopOffset,
        firstLine: layout.firstLine,
        stopLine: tokenizer.line,
        linesConsumed: tokenizer.line - layout.firstLine,
        blankLines: tokenizer.blankLines,
        invalidUtf8Cells: counters.invalidUtf8Cells,
        issueCounts: log.countsByCode(),
        issueTally: log.tally(),
        // Only a range can start in the wrong place; a whole-file read starts after the header by construction.
        startConsistent: range ? tokenizer.startClean : true,
        fatal: undefined,
        complete,
      };
    }
  }

  /** Column names, dialect and where to start, from the options or the file's header. */
  private async layout(log: IssueLog): Promise<Layout> {
    const options = this.options;
    const range = options.range;
    const quote = quoteByte(options.quote);
    const delimiter = delimiterByte(options.delimiter);
    const block = options.block;
    if (block) {
      const columnNames = options.columnNames;
      if (range) throw new RangeError('a CSV block cannot be read by byte range');
      if (columnNames === undefined || columnNames.length === 0 || delimiter === undefined)
        throw new RangeError('a CSV block needs its columnNames and delimiter');
      if (delimiter === quote) throw new RangeError('the CSV delimiter and quote must differ');
      return { columnNames, delimiter, quote, start: block.offset, firstLine: block.firstLine, total: block.length, compression: 'none' };
    }
    if (range) {
      if (!(range.start >= 0 && range.end >= range.start))
        throw new RangeError(`invalid byte range [${range.start}, ${range.end})`);
      let columnNames = options.columnNames;
      let resolved = delimiter;
      // Ranges index bytes on disk; a compressed file can only be read whole (checked by its header's magic bytes).
      if ((await compressionOfFile(this.path)) !== 'none') {
        throw new RangeError('a compressed file cannot be read by byte range');
      }
      if (columnNames === undefined || resolved === undefined) {
        // Issues of the header are the whole-file reader's to report, not every range's.
        const header = await readCsvHeader(this.path, { ...options, onIssue: undefined });
        columnNames ??= header.columnNames;
        resolved ??= header.delimiter;
      }
      if (columnNames.length === 0) throw new RangeError('columnNames must name at least one column');
      if (resolved === quote) throw new RangeError('the CSV delimiter and quote must differ');
      return {
        columnNames,
        delimiter: resolved,
        quote,
        start: range.start,
        firstLine: range.firstLine ?? 1,
        total: range.end - range.start,
        compression: 'none',
      };
    }
    const header: CsvHeader = await readCsvHeader(this.path, { ...options, onIssue: (issue) => log.push(issue) });
    return {
      columnNames: header.columnNames,
      delimiter: header.delimiter,
      quote: header.quote,
      start: header.dataStart,
      firstLine: header.firstDataLine,
      total: header.compression === 'none' ? header.fileSize - header.dataStart : header.fileSize,
      compression: header.compression,
    };
  }

  /** Validates UTF-8 and undoes quoting in the batch's bytes, then wraps its arrays as a RowBatch. */
  private finishBatch(
    tokenizer: CsvTokenizer,
    layout: Layout,
    log: IssueLog,
    counters: { rows: number; invalidUtf8Cells: number },
  ): RowBatch {
    const rows = tokenizer.rowCount;
    const cap = tokenizer.batchRows;
    const data = tokenizer.buffer.subarray(tokenizer.batchBegin, tokenizer.pos);
    const { starts, ends, positions } = tokenizer;
    const checkpoints = this.options.rowCheckpoints;
    if (checkpoints) {
      const first = counters.rows;
      for (let r = (checkpoints.every - (first % checkpoints.every)) % checkpoints.every; r < rows; r += checkpoints.every)
        checkpoints.add(first + r, tokenizer.fileOffsetOf(tokenizer.batchBegin + tokenizer.rowStarts[r]), positions[r]);
    }
    // Before unescaping: afterwards, bytes between shrunk cells are leftovers that need not be valid UTF-8.
    if (!isValidUtf8(data)) counters.invalidUtf8Cells += this.reportInvalidUtf8(tokenizer, data, layout, log);
    const cleanups = tokenizer.cleanups;
    for (let k = 0; k < tokenizer.cleanupCount; k++) {
      const cell = cleanups[k];
      ends[cell] = unescapeInPlace(data, starts[cell], ends[cell], layout.quote);
    }
    let columns: readonly TextColumn[];
    let batchPositions: Float64Array;
    if (this.options.reuseBatches) {
      ({ columns, positions: batchPositions } = this.reusedColumns(data, starts, ends, positions, rows, cap, layout));
    } else {
      columns = layout.columnNames.map((name, c) => ({
        kind: 'text',
        name,
        data,
        starts: starts.subarray(c * cap, c * cap + rows),
        ends: ends.subarray(c * cap, c * cap + rows),
      }));
      batchPositions = positions.subarray(0, rows);
      tokenizer.handOutBatch();
    }
    return {
      source: this.path,
      shardIndex: this.options.shardIndex ?? 0,
      rowCount: rows,
      positionKind: 'line',
      positions: batchPositions,
      columns,
    };
  }

  /** reuseBatches: the column objects, rewritten batch after batch, and the offset views per row count. */
  private reused: { starts: Int32Array; columns: MutableTextColumn[]; views: Map<number, { starts: Int32Array[]; ends: Int32Array[]; positions: Float64Array }> } | undefined;

  /**
   * The batch's columns over the tokenizer's arrays without handing them out (reuseBatches). Nothing is allocated per batch
   * in the steady state: the column objects are rewritten in place, and the views into the offset arrays are kept
   * per row count (batches also end where a read buffer ends, so a few counts recur). On 100,000 columns a fresh
   * object and two views per column and batch were half a gigabyte of garbage over a 50 MB file.
   */
  private reusedColumns(
    data: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    positions: Float64Array,
    rows: number,
    cap: number,
    layout: Layout,
  ): { columns: readonly TextColumn[]; positions: Float64Array } {
    const names = layout.columnNames;
    let kept = this.reused;
    if (kept === undefined || kept.starts !== starts) {
      const empty = new Int32Array(0);
      kept = { starts, columns: names.map((name) => ({ kind: 'text', name, data, starts: empty, ends: empty })), views: new Map() };
      this.reused = kept;
    }
    let views = kept.views.get(rows);
    if (views === undefined) {
      if (kept.views.size >= MAX_KEPT_ROW_COUNTS) kept.views.clear();
      views = { starts: new Array<Int32Array>(names.length), ends: new Array<Int32Array>(names.length), positions: positions.subarray(0, rows) };
      for (let c = 0; c < names.length; c++) {
        views.starts[c] = starts.subarray(c * cap, c * cap + rows);
        views.ends[c] = ends.subarray(c * cap, c * cap + rows);
      }
      kept.views.set(rows, views);
    }
    const columns = kept.columns;
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c];
      column.data = data;
      column.starts = views.starts[c];
      column.ends = views.ends[c];
    }
    return { columns, positions: views.positions };
  }

  /** Finds the cells holding invalid UTF-8 in a batch that failed validation; returns how many. */
  private reportInvalidUtf8(tokenizer: CsvTokenizer, data: Uint8Array, layout: Layout, log: IssueLog): number {
    const rows = tokenizer.rowCount;
    const cap = tokenizer.batchRows;
    const { starts, ends, positions, rowStarts } = tokenizer;
    let cells = 0;
    let lastCell = -1;
    for (const at of invalidUtf8Offsets(data, 0, data.length)) {
      // The row: the last one starting at or before `at`.
      let lo = 0;
      let hi = rows - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (rowStarts[mid] <= at) lo = mid;
        else hi = mid - 1;
      }
      let column = -1;
      for (let c = 0; c < layout.columnNames.length; c++) {
        const cell = c * cap + lo;
        if (starts[cell] <= at && at < ends[cell]) {
          column = c;
          break;
        }
      }
      const cell = column * cap + lo;
      if (column < 0 || cell === lastCell) continue; // in a dropped field, or a cell already counted
      lastCell = cell;
      cells++;
      if (!log.admit('CSV_INVALID_UTF8', 'warning', 'cells with bytes that are not valid UTF-8')) continue;
      const where = lineColumnAt(data, rowStarts[lo], positions[lo], at);
      log.report({
        code: 'CSV_INVALID_UTF8',
        severity: 'warning',
        message: `the value in column ${JSON.stringify(layout.columnNames[column])} is not valid UTF-8; it is kept as raw bytes`,
        position: { file: this.path, ...where, offset: tokenizer.fileOffsetOf(tokenizer.batchBegin + at) },
      });
    }
    return cells;
  }
}

/** A block held in memory as the reader's only chunk. */
function blockSource(block: CsvBlock): ChunkSource {
  let given = false;
  return {
    next: async () => {
      if (given) return undefined;
      given = true;
      return { buffer: block.bytes, begin: 0, end: block.length, fileOffset: block.offset, eof: true };
    },
    close: async () => undefined,
  };
}

function issueOf(error: FacetwiseError, file: string): DataIssue {
  const position = error.position ?? { file };
  const prefix = `${formatPosition(position)}: `;
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return { code: error.code, severity: 'error', message, position };
}

function emptySummary(file: string, log: IssueLog, fatal: DataIssue): CsvReadSummary {
  return {
    file,
    columnNames: [],
    delimiter: 0,
    rows: 0,
    startOffset: 0,
    stopOffset: 0,
    firstLine: 1,
    stopLine: 1,
    linesConsumed: 0,
    blankLines: 0,
    invalidUtf8Cells: 0,
    issueCounts: log.countsByCode(),
    startConsistent: true,
    fatal,
    complete: true,
  };
}
