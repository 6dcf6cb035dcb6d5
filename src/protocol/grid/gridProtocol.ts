/**
 * Messages between the extension host and the rows grid, which lives in the overview webview (webview/grid,
 * mounted by webview/overview/main.ts). Every type starts with `grid/`, so the overview's own messages and these
 * share one channel and each side routes by prefix. Neither `vscode` nor the DOM is imported here.
 *
 * Sequence: after the overview's `ready`, the grid asks `grid/open`; the host answers `grid/info` (columns, size,
 * whether the row index is complete) and starts indexing when there is no cached index (`grid/indexProgress`,
 * then `grid/indexed`). Rows are asked for by `grid/window` (by row number, by line, by byte offset before the
 * index exists, or the n-th match of the current filter) and come back as `grid/rows` carrying one Arrow IPC
 * record batch (≤ 1 MB) as bytes. A `grid/filter` streams `grid/filterProgress` and ends with `grid/filterDone`;
 * `grid/cancelFilter` stops it. `grid/reveal` (host → grid) asks the grid to show a line/row, a filter, a cell.
 */

export type GridAt =
  | { readonly kind: 'row'; readonly row: number }
  | { readonly kind: 'line'; readonly line: number }
  | { readonly kind: 'byte'; readonly offset: number }
  | { readonly kind: 'match'; readonly match: number };

export interface GridInfo {
  readonly columns: readonly string[];
  readonly format: 'csv' | 'tfrecord';
  readonly totalBytes: number;
  /** Exact row count once the index is complete. */
  readonly rowCount?: number;
  /** Byte offset of the first data record (CSV), for the byte-proportional scrollbar. */
  readonly dataStart: number;
}

/** Host → grid. */
export type HostToGridMessage =
  | { readonly type: 'grid/info'; readonly requestId: number; readonly info: GridInfo }
  | {
      readonly type: 'grid/rows';
      readonly requestId: number;
      /** encodeWindow's Arrow IPC bytes. */
      readonly window: Uint8Array;
      readonly rows: number;
      /** 0-based row of the first row, when known. */
      readonly firstRow?: number;
      readonly startOffset: number;
      readonly endOffset: number;
      readonly atEnd: boolean;
      /** Cells the schema finds anomalous: (row in window, column, index into `reasons`) triples. */
      readonly anomalies?: Uint32Array;
      readonly reasons?: readonly string[];
    }
  | { readonly type: 'grid/indexProgress'; readonly fraction: number }
  | { readonly type: 'grid/indexed'; readonly rowCount: number }
  | { readonly type: 'grid/filterProgress'; readonly requestId: number; readonly matches: number; readonly fraction?: number }
  | { readonly type: 'grid/filterDone'; readonly requestId: number; readonly matches: number; readonly cancelled: boolean }
  | {
      readonly type: 'grid/reveal';
      /** Show the record on this 1-based line (CSV) or this 0-based row. */
      readonly line?: number;
      readonly row?: number;
      /** Highlight this column's cell in that row. */
      readonly column?: string;
      /** Apply this filter expression. */
      readonly filter?: string;
    }
  | { readonly type: 'grid/error'; readonly requestId?: number; readonly message: string };

/** Grid → host. */
export type GridToHostMessage =
  | { readonly type: 'grid/open'; readonly requestId: number }
  | { readonly type: 'grid/window'; readonly requestId: number; readonly at: GridAt; readonly count: number }
  | { readonly type: 'grid/filter'; readonly requestId: number; readonly expression: string }
  | { readonly type: 'grid/cancelFilter'; readonly requestId: number }
  | { readonly type: 'grid/copy'; readonly text: string };

export type HostToGridType = HostToGridMessage['type'];
export type GridToHostType = GridToHostMessage['type'];

/** Rows a window may ask for. */
export const MAX_WINDOW_ROWS = 2000;
const MAX_EXPRESSION = 10_000;
const MAX_COPY = 16 * 1024 * 1024;

type Fields = Record<string, unknown>;
const isRecord = (x: unknown): x is Fields => typeof x === 'object' && x !== null && !Array.isArray(x);
const isId = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

export function isGridMessage(data: unknown): boolean {
  return isRecord(data) && typeof data.type === 'string' && data.type.startsWith('grid/');
}

function bytesOf(x: unknown): Uint8Array | undefined {
  if (x instanceof Uint8Array) return x;
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  const tag = Object.prototype.toString.call(x);
  if (tag === '[object ArrayBuffer]') return new Uint8Array(x as ArrayBuffer);
  return undefined;
}

function parseAt(x: unknown): GridAt | undefined {
  if (!isRecord(x)) return undefined;
  switch (x.kind) {
    case 'row':
      return isCount(x.row) ? { kind: 'row', row: x.row } : undefined;
    case 'line':
      return isCount(x.line) ? { kind: 'line', line: x.line } : undefined;
    case 'byte':
      return isCount(x.offset) ? { kind: 'byte', offset: x.offset } : undefined;
    case 'match':
      return isCount(x.match) ? { kind: 'match', match: x.match } : undefined;
    default:
      return undefined;
  }
}

/** Checks a message from the grid (untrusted input); undefined when malformed. */
export function parseGridToHostMessage(data: unknown): GridToHostMessage | undefined {
  if (!isRecord(data)) return undefined;
  const type = data.type as GridToHostType;
  switch (type) {
    case 'grid/open':
      return isId(data.requestId) ? { type, requestId: data.requestId } : undefined;
    case 'grid/window': {
      const at = parseAt(data.at);
      if (!isId(data.requestId) || !at || !isCount(data.count) || data.count > MAX_WINDOW_ROWS) return undefined;
      return { type, requestId: data.requestId, at, count: data.count };
    }
    case 'grid/filter':
      if (!isId(data.requestId) || typeof data.expression !== 'string' || data.expression.length > MAX_EXPRESSION) return undefined;
      return { type, requestId: data.requestId, expression: data.expression };
    case 'grid/cancelFilter':
      return isId(data.requestId) ? { type, requestId: data.requestId } : undefined;
    case 'grid/copy':
      return typeof data.text === 'string' && data.text.length <= MAX_COPY ? { type, text: data.text } : undefined;
    default: {
      const never: never = type;
      void never;
      return undefined;
    }
  }
}

const optionalNumber = (x: unknown): boolean => x === undefined || (typeof x === 'number' && Number.isFinite(x));
const optionalString = (x: unknown): boolean => x === undefined || typeof x === 'string';

/** Checks a message from the host, in the webview. */
export function parseHostToGridMessage(data: unknown): HostToGridMessage | undefined {
  if (!isRecord(data)) return undefined;
  const type = data.type as HostToGridType;
  switch (type) {
    case 'grid/info': {
      const info = data.info;
      if (!isId(data.requestId) || !isRecord(info)) return undefined;
      if (!Array.isArray(info.columns) || !info.columns.every((c) => typeof c === 'string')) return undefined;
      if ((info.format !== 'csv' && info.format !== 'tfrecord') || !isCount(info.totalBytes) || !isCount(info.dataStart)) return undefined;
      if (info.rowCount !== undefined && !isCount(info.rowCount)) return undefined;
      return { type, requestId: data.requestId, info: info as unknown as GridInfo };
    }
    case 'grid/rows': {
      const window = bytesOf(data.window);
      if (!isId(data.requestId) || !window || !isCount(data.rows) || !isCount(data.startOffset) || !isCount(data.endOffset)) return undefined;
      if (typeof data.atEnd !== 'boolean' || (data.firstRow !== undefined && !isCount(data.firstRow))) return undefined;
      const anomalyBytes = data.anomalies === undefined ? undefined : bytesOf(data.anomalies);
      const reasons = data.reasons;
      if (data.anomalies !== undefined && (!anomalyBytes || anomalyBytes.byteLength % 12 !== 0)) return undefined;
      if (reasons !== undefined && !(Array.isArray(reasons) && reasons.every((r) => typeof r === 'string'))) return undefined;
      const anomalies = anomalyBytes ? new Uint32Array(anomalyBytes.slice().buffer) : undefined;
      return {
        ...(anomalies ? { anomalies } : {}),
        ...(reasons ? { reasons: reasons as string[] } : {}),
        type,
        requestId: data.requestId,
        window,
        rows: data.rows,
        startOffset: data.startOffset,
        endOffset: data.endOffset,
        atEnd: data.atEnd,
        ...(data.firstRow !== undefined ? { firstRow: data.firstRow as number } : {}),
      };
    }
    case 'grid/indexProgress':
      return typeof data.fraction === 'number' && Number.isFinite(data.fraction) ? { type, fraction: data.fraction } : undefined;
    case 'grid/indexed':
      return isCount(data.rowCount) ? { type, rowCount: data.rowCount } : undefined;
    case 'grid/filterProgress':
      if (!isId(data.requestId) || !isCount(data.matches) || !optionalNumber(data.fraction)) return undefined;
      return { type, requestId: data.requestId, matches: data.matches, ...(data.fraction !== undefined ? { fraction: data.fraction as number } : {}) };
    case 'grid/filterDone':
      if (!isId(data.requestId) || !isCount(data.matches) || typeof data.cancelled !== 'boolean') return undefined;
      return { type, requestId: data.requestId, matches: data.matches, cancelled: data.cancelled };
    case 'grid/reveal':
      if ((data.line !== undefined && !isCount(data.line)) || (data.row !== undefined && !isCount(data.row))) return undefined;
      if (!optionalString(data.column) || !optionalString(data.filter)) return undefined;
      return {
        type,
        ...(data.line !== undefined ? { line: data.line as number } : {}),
        ...(data.row !== undefined ? { row: data.row as number } : {}),
        ...(data.column !== undefined ? { column: data.column as string } : {}),
        ...(data.filter !== undefined ? { filter: data.filter as string } : {}),
      };
    case 'grid/error':
      if (typeof data.message !== 'string' || (data.requestId !== undefined && !isId(data.requestId))) return undefined;
      return { type, message: data.message, ...(data.requestId !== undefined ? { requestId: data.requestId as number } : {}) };
    default: {
      const never: never = type;
      void never;
      return undefined;
    }
  }
}
