/**
 * One dataset's rows by number, for the CLI and the grid: reuses a cached index, builds one on request, and reads
 * windows through it (or, before it exists, from the start / a byte offset).
 */
import { FacetwiseError } from '../../data/issues.js';
import type { JobOptions } from '../../data/job.js';
import type { CsvFormatOptions } from '../csv/csvOptions.js';
import type { DatasetInfo } from '../dataset.js';
import { scanCsvRowIndex } from './csvIndexScanner.js';
import { csvRowsAt, csvRowsAtByte, csvRowsAtLine, openCsvRows } from './csvRows.js';
import type { CsvRowSource } from './csvRows.js';
import type { ResyncResult } from './csvResync.js';
import type { RowIndex } from './rowIndex.js';
import type { RowIndexCache } from './rowIndexCache.js';
import type { RowWindow } from './rowWindow.js';
import { buildTfRecordIndex } from './tfrecordIndex.js';
import { tfRecordRowsAt } from './tfrecordRows.js';

export class DatasetRows {
  private csv: CsvRowSource | undefined;
  private rowIndex: RowIndex | undefined;

  private constructor(
    readonly info: DatasetInfo,
    private readonly cache: RowIndexCache | undefined,
    private readonly format: CsvFormatOptions,
  ) {}

  static async open(info: DatasetInfo, options: { cache?: RowIndexCache; format?: CsvFormatOptions } = {}): Promise<DatasetRows> {
    // Row access is by byte offset (CSV) or record frame (TFRecord); Parquet and compressed files have neither yet.
    if (info.format === 'parquet') throw new FacetwiseError('ROWS_UNSUPPORTED', 'rows by number are not available for Parquet yet (statistics, validation and models are)', { file: info.shards[0] ?? '' });
    const rows = new DatasetRows(info, options.cache, options.format ?? {});
    rows.rowIndex = await options.cache?.load(info.shards);
    if (info.format === 'csv') {
      rows.csv = await openCsvRows(info.shards[0], rows.format, rows.csvIndex());
      if (rows.csv.header.compression !== 'none') {
        throw new FacetwiseError('ROWS_UNSUPPORTED', `rows by number are not available for a ${rows.csv.header.compression}-compressed file yet (a compressed stream has no byte offsets to jump to)`, { file: info.shards[0] ?? '' });
      }
    }
    return rows;
  }

  get index(): RowIndex | undefined {
    return this.rowIndex;
  }

  /** CSV: offset of the first data record. */
  get dataStart(): number | undefined {
    return this.csv?.header.dataStart;
  }

  get columnNames(): readonly string[] | undefined {
    return this.csv?.header.columnNames;
  }

  /** Builds (and caches) the index unless one is loaded already; returns where it was saved, if anywhere. */
  async ensureIndex(options: JobOptions = {}): Promise<{ index: RowIndex; built: boolean; savedTo: string | undefined }> {
    if (this.rowIndex) return { index: this.rowIndex, built: false, savedTo: undefined };
    const index: RowIndex =
      this.info.format === 'csv'
        ? await scanCsvRowIndex(this.info.shards[0], { format: this.format, signal: options.signal, onProgress: options.onProgress })
        : await buildTfRecordIndex(this.info.shards, options);
    this.adopt(index);
    const savedTo = this.cache ? await this.cache.save(this.info.shards, index) : undefined;
    return { index, built: true, savedTo };
  }

  /** Uses an index built elsewhere (by the statistics pass, say). */
  adopt(index: RowIndex): void {
    this.rowIndex = index;
    if (this.csv) this.csv = { ...this.csv, index: this.csvIndex() };
  }

  /** Rows [row, row + count), 0-based. */
  async rowsAt(row: number, count: number, options: JobOptions & { columns?: readonly string[] } = {}): Promise<RowWindow> {
    if (this.csv) return csvRowsAt(this.csv, row, count, options.signal);
    return tfRecordRowsAt(this.info.shards, this.rowIndex?.kind === 'tfrecord' ? this.rowIndex : undefined, row, count, options);
  }

  /** CSV: rows from the record on 1-based `line`. */
  async rowsAtLine(line: number, count: number, signal?: AbortSignal): Promise<RowWindow> {
    if (!this.csv) throw new RangeError('lines are a CSV notion; TFRecord rows are reached by number');
    return csvRowsAtLine(this.csv, line, count, signal);
  }

  /** CSV: rows from the first record start at or after byte `offset` (row numbers unknown unless indexed). */
  async rowsAtByte(offset: number, count: number, signal?: AbortSignal): Promise<RowWindow & { resync: ResyncResult }> {
    if (!this.csv) throw new RangeError('byte offsets are a CSV notion');
    return csvRowsAtByte(this.csv, offset, count, signal);
  }

  private csvIndex() {
    return this.rowIndex?.kind === 'csv' ? this.rowIndex : undefined;
  }
}
