/**
 * A window of grid rows as one Apache Arrow IPC stream (one record batch): column `r` the 0-based row number (NaN
 * when not known yet), `p` the position (line or record), `s` the shard, then `c0`…`cN` the cells as nullable
 * Utf8 (null = missing). Real column names travel beside it in the message (they may repeat or be empty, which
 * Arrow field names should not). Both sides import this; it uses neither `vscode` nor the DOM.
 */
import { Utf8, makeVector, Table, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { Vector } from 'apache-arrow';

/** What one window message may carry at most. */
export const MAX_WINDOW_BYTES = 1024 * 1024;
/** Cell text beyond this is cut in a window (the grid says so); long values are for the cell view. */
export const MAX_CELL_CHARS = 4096;

export interface GridWindowRows {
  readonly rowNumbers: readonly number[];
  readonly positions: readonly number[];
  readonly shards: readonly number[];
  /** Per row, per column. */
  readonly cells: ReadonlyArray<ReadonlyArray<string | null>>;
}

export function encodeWindow(columnCount: number, rows: GridWindowRows): Uint8Array {
  const vectors: Record<string, Vector> = {
    r: makeVector(Float64Array.from(rows.rowNumbers)),
    p: makeVector(Float64Array.from(rows.positions)),
    s: makeVector(Float64Array.from(rows.shards)),
  };
  for (let c = 0; c < columnCount; c++) {
    vectors[`c${c}`] = vectorFromArray(
      rows.cells.map((row) => {
        const v = row[c] ?? null;
        return v !== null && v.length > MAX_CELL_CHARS ? v.slice(0, MAX_CELL_CHARS) : v;
      }),
      new Utf8(),
    );
  }
  return tableToIPC(new Table(vectors), 'stream');
}

/** Encodes as many leading rows as fit in MAX_WINDOW_BYTES (at least one); returns the bytes and how many rows. */
export function encodeWindowWithin(columnCount: number, rows: GridWindowRows, limit = MAX_WINDOW_BYTES): { bytes: Uint8Array; rows: number } {
  let n = rows.cells.length;
  for (;;) {
    const bytes = encodeWindow(columnCount, slice(rows, n));
    if (bytes.byteLength <= limit || n <= 1) return { bytes, rows: n };
    n = Math.max(1, Math.floor((n * limit) / bytes.byteLength / 1.1));
  }
}

function slice(rows: GridWindowRows, n: number): GridWindowRows {
  return { rowNumbers: rows.rowNumbers.slice(0, n), positions: rows.positions.slice(0, n), shards: rows.shards.slice(0, n), cells: rows.cells.slice(0, n) };
}

/** The inverse of encodeWindow; throws on bytes that are not such a window. */
export function decodeWindow(bytes: Uint8Array, columnCount: number): GridWindowRows {
  const table = tableFromIPC(bytes);
  const column = (name: string) => {
    const v = table.getChild(name);
    if (!v) throw new Error(`the row window lacks column ${name}`);
    return v;
  };
  const numbers = (name: string): number[] => Array.from(column(name).toArray() as Float64Array);
  const cellColumns = Array.from({ length: columnCount }, (_, c) => column(`c${c}`));
  const cells: Array<Array<string | null>> = [];
  for (let r = 0; r < table.numRows; r++) cells.push(cellColumns.map((v) => (v.get(r) as string | null) ?? null));
  return { rowNumbers: numbers('r'), positions: numbers('p'), shards: numbers('s'), cells };
}
