/**
 * Streams a dataset's rows in order and keeps those a filter matches: their row numbers (all of them) and their
 * cells (the first `keepCells`), with progress ("1,240 matching rows so far") and cancellation.
 */
import { FacetwiseError } from '../../data/issues.js';
import type { Progress } from '../../data/job.js';
import { throwIfAborted } from '../../data/job.js';
import { readDataset } from '../dataset.js';
import type { DatasetInfo, DatasetReadOptions } from '../dataset.js';
import { columnCellText } from '../rowIndex/cellText.js';
import { matchesFilter } from './filterEval.js';
import { filterColumns } from './filterParser.js';
import type { FilterExpr } from './filterParser.js';

export interface FilterScanOptions {
  readonly read?: Omit<DatasetReadOptions, 'signal' | 'onProgress' | 'onIssue'>;
  readonly signal?: AbortSignal;
  /** Called with bytes read and matches so far. */
  readonly onProgress?: (progress: Progress & { readonly matches: number }) => void;
  /** Cells kept for the first this many matches (default 10,000); row numbers are kept for all. */
  readonly keepCells?: number;
  /** Matches to skip before keeping cells (CLI `--at`). */
  readonly skipMatches?: number;
  /** Stop once this many matches have been kept with their cells. */
  readonly stopAfter?: number;
}

export interface FilterScanResult {
  readonly columnNames: readonly string[];
  /** 0-based data rows that match, in order. */
  readonly rows: Float64Array;
  /** Cells of the kept matches (after `skipMatches`), one array per row in `columnNames` order. */
  readonly cells: ReadonlyArray<ReadonlyArray<string | null>>;
  /** Row numbers of the kept matches. */
  readonly cellRows: readonly number[];
  /** Per kept match: line (CSV) or record index in its shard (TFRecord). */
  readonly positions: readonly number[];
  /** False when stopped early (stopAfter). */
  readonly complete: boolean;
}

export async function scanFilter(info: DatasetInfo, expr: FilterExpr, options: FilterScanOptions = {}): Promise<FilterScanResult> {
  const keep = options.keepCells ?? 10_000;
  const skip = options.skipMatches ?? 0;
  const wanted = [...filterColumns(expr)];
  const decoder = new TextDecoder();
  let rows = new Float64Array(1024);
  let matches = 0;
  let row = 0;
  let columnNames: string[] = [];
  const kept: Array<Map<string, string | null>> = [];
  const cellRows: number[] = [];
  const positions: number[] = [];
  let lastProgress: Progress | undefined;
  let checked = false;
  let complete = true;
  const report = (): void => {
    if (lastProgress) options.onProgress?.({ ...lastProgress, matches });
  };
  const batches = readDataset(info, {
    ...options.read,
    signal: options.signal,
    onProgress: (p) => {
      lastProgress = p;
      report();
    },
  });
  outer: for await (const batch of batches) {
    throwIfAborted(options.signal);
    for (const c of batch.columns) if (!columnNames.includes(c.name)) columnNames = [...columnNames, c.name];
    const byName = new Map(batch.columns.map((c) => [c.name, c]));
    if (!checked && info.format === 'csv') {
      // CSV names every column in every batch: an unknown name is a mistake to report, not an empty result.
      const unknown = wanted.filter((w) => !byName.has(w));
      if (unknown.length > 0) {
        throw new FacetwiseError('FILTER_UNKNOWN_COLUMN', `the filter names ${unknown.map((u) => `'${u}'`).join(', ')}, which the data does not have (columns: ${columnNames.join(', ')})`);
      }
      checked = true;
    }
    let r = 0;
    const lookup = (name: string): string | null | undefined => {
      const column = byName.get(name);
      return column ? columnCellText(column, r, decoder) : undefined;
    };
    for (r = 0; r < batch.rowCount; r++, row++) {
      if (!matchesFilter(expr, lookup)) continue;
      if (matches === rows.length) {
        const grown = new Float64Array(rows.length * 2);
        grown.set(rows);
        rows = grown;
      }
      rows[matches++] = row;
      if (matches > skip && kept.length < keep) {
        kept.push(new Map(batch.columns.map((c) => [c.name, columnCellText(c, r, decoder)])));
        cellRows.push(row);
        positions.push(batch.positions[r]);
        if (options.stopAfter !== undefined && kept.length >= options.stopAfter) {
          complete = false;
          break outer;
        }
      }
    }
    report();
  }
  // TFRecord batches may lack a feature another batch has: cells are laid out by the final column list.
  const cells = kept.map((m) => columnNames.map((n) => m.get(n) ?? null));
  return { columnNames, rows: rows.slice(0, matches), cells, cellRows, positions, complete };
}
