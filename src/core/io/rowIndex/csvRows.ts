/**
 * Reads CSV rows by number (through the sparse index, at most one checkpoint gap of records read and dropped),
 * by line, or from an arbitrary byte offset (resynchronised to the next record start). Small reads: the first
 * rows of a 10 GB file cost one 256 KiB read, not a pass.
 */
import { readCsvHeader } from '../csv/header.js';
import { readCsv } from '../csv/csvReader.js';
import type { CsvFormatOptions, CsvHeader, CsvReadSummary } from '../csv/csvOptions.js';
import { nextRecordStart } from './csvResync.js';
import type { ResyncResult } from './csvResync.js';
import { checkpointAtOrBefore, checkpointAtOrBeforeLine } from './rowIndex.js';
import type { CsvRowIndex } from './rowIndex.js';
import type { RowWindow } from './rowWindow.js';

/** Read size for windows: small, since a window is a few hundred rows. */
const WINDOW_READ_BYTES = 256 * 1024;

export interface CsvRowSource {
  readonly file: string;
  readonly header: CsvHeader;
  readonly index: CsvRowIndex | undefined;
}

export async function openCsvRows(file: string, format: CsvFormatOptions = {}, index?: CsvRowIndex): Promise<CsvRowSource> {
  return { file, header: await readCsvHeader(file, format), index };
}

/** Rows [row, row + count) by 0-based data row. Without an index the rows before `row` are read and dropped. */
export async function csvRowsAt(source: CsvRowSource, row: number, count: number, signal?: AbortSignal): Promise<RowWindow> {
  const { index, header } = source;
  const start = index ? checkpointAtOrBefore(index, row) : { row: 0, offset: header.dataStart, line: header.firstDataLine };
  return readFrom(source, start.offset, start.line, start.row, (r) => r >= row, count, signal);
}

/** Rows starting with the record on 1-based `line` (or the first record after it), with their row numbers when indexed. */
export async function csvRowsAtLine(source: CsvRowSource, line: number, count: number, signal?: AbortSignal): Promise<RowWindow> {
  const { index, header } = source;
  const start = index ? checkpointAtOrBeforeLine(index, line) : { row: 0, offset: header.dataStart, line: header.firstDataLine };
  return readFrom(source, start.offset, start.line, start.row, (_r, l) => l >= line, count, signal);
}

/** Rows from the first record start at or after byte `offset`; their row numbers are unknown without an index. */
export async function csvRowsAtByte(source: CsvRowSource, offset: number, count: number, signal?: AbortSignal): Promise<RowWindow & { resync: ResyncResult }> {
  const { header } = source;
  const resync = await nextRecordStart(
    source.file,
    { delimiter: header.delimiter, quote: header.quote, columnCount: header.columnNames.length, dataStart: header.dataStart },
    offset,
    { signal },
  );
  const knownRow = resync.offset === header.dataStart ? 0 : undefined;
  const window = await readFrom(source, resync.offset, knownRow === 0 ? header.firstDataLine : 0, knownRow, () => true, count, signal);
  return { ...window, resync };
}

/**
 * Reads from a record start, skipping records until `take(row, line)` holds, then keeps `count` of them.
 * `firstRow` undefined: row numbers unknown (and `line` is then unknown too, reported as 0-based counts from 1).
 */
async function readFrom(
  source: CsvRowSource,
  startOffset: number,
  firstLine: number,
  firstRow: number | undefined,
  take: (row: number, line: number) => boolean,
  count: number,
  signal: AbortSignal | undefined,
): Promise<RowWindow> {
  const { header } = source;
  const decoder = new TextDecoder();
  const rows: Array<Array<string | null>> = [];
  const positions: number[] = [];
  let windowFirst: number | undefined;
  let windowStart = startOffset;
  let windowEnd = startOffset;
  let seen = 0;
  const offsets: number[] = [];
  const reader = readCsv(source.file, {
    delimiter: header.delimiter,
    quote: header.quote < 0 ? null : String.fromCharCode(header.quote),
    columnNames: header.columnNames,
    range: { start: startOffset, end: header.fileSize, firstLine: firstLine > 0 ? firstLine : 1 },
    readBufferSize: WINDOW_READ_BYTES,
    batchRows: Math.min(8192, Math.max(64, count)),
    signal,
    // Every record's start, to say where the window begins and ends in bytes.
    rowCheckpoints: { every: 1, add: (_row, offset) => void offsets.push(offset) },
  });
  let done = false;
  for await (const batch of reader) {
    for (let r = 0; r < batch.rowCount && !done; r++) {
      const rowNumber = (firstRow ?? 0) + seen;
      const line = batch.positions[r];
      const offset = offsets[r];
      seen++;
      if (rows.length === 0 && !take(rowNumber, line)) continue;
      if (rows.length === count) {
        windowEnd = offset;
        done = true;
        break;
      }
      if (rows.length === 0) {
        windowFirst = firstRow === undefined ? undefined : rowNumber;
        windowStart = offset;
      }
      const cells: Array<string | null> = [];
      for (const column of batch.columns) {
        if (column.kind !== 'text') continue;
        const s = column.starts[r];
        const e = column.ends[r];
        cells.push(s === e ? null : decoder.decode(column.data.subarray(s, e)));
      }
      rows.push(cells);
      positions.push(firstLine > 0 ? line : 0);
    }
    offsets.length = 0;
    if (done) break;
  }
  const summary = reader.summary as CsvReadSummary | undefined;
  if (!done) windowEnd = summary?.stopOffset ?? windowEnd;
  return {
    columnNames: header.columnNames,
    firstRow: windowFirst ?? (rows.length === 0 ? firstRow : undefined),
    rows,
    positions,
    shards: rows.map(() => 0),
    startOffset: windowStart,
    endOffset: windowEnd,
    atEnd: !done,
  };
}
