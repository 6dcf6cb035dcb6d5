/**
 * The host side of the rows grid in one overview webview: opens the dataset's rows (reusing the row index cached
 * in globalStorage, else building it in the background with progress), answers window requests with Arrow IPC
 * batches, runs filters (streamed, cancellable) and forwards "Show in Rows" / chart clicks to the grid.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { resolveDataset } from '../../core/io/dataset.js';
import { FilterSyntaxError, parseFilter } from '../../core/io/rowFilter/index.js';
import type { FilterScanResult } from '../../core/io/rowFilter/index.js';
import { DatasetRows, RowIndexCache } from '../../core/io/rowIndex/index.js';
import type { RowIndex, RowWindow } from '../../core/io/rowIndex/index.js';
import { encodeWindowWithin } from '../../protocol/grid/rowWindowArrow.js';
import type { GridAt, GridToHostMessage, HostToGridMessage } from '../../protocol/grid/gridProtocol.js';
import { isGridMessage, parseGridToHostMessage } from '../../protocol/grid/gridProtocol.js';
import { isAbort } from '../progress.js';
import { readSchema } from '../../core/proto/protoFiles.js';
import { cellChecks } from '../../core/validate/cellAnomalies.js';
import type { CellCheck } from '../../core/validate/cellAnomalies.js';
import type { Services } from '../services.js';

/** A window, with the real row numbers when they are not consecutive (the matches of a filter). */
type Shown = RowWindow & { readonly rowNumbers?: readonly number[] };

export type GridReveal = Omit<Extract<HostToGridMessage, { type: 'grid/reveal' }>, 'type'>;

export class GridController implements vscode.Disposable {
  private rows: Promise<DatasetRows> | undefined;
  private columns: readonly string[] = [];
  private filter: { id: number; abort: AbortController; result?: FilterScanResult } | undefined;
  private readonly abort = new AbortController();
  private pendingReveal: GridReveal | undefined;
  private gridOpen = false;
  private checks: Promise<Array<CellCheck | undefined>> | undefined;
  private disposed = false;

  constructor(
    private readonly services: Services,
    private readonly dataset: string,
    private readonly postMessage: (message: HostToGridMessage) => void,
    /** The index the overview's statistics pass built, when it ran (so the file is not read again for it). */
    private readonly statisticsIndex: () => Promise<RowIndex | undefined> = async () => undefined,
  ) {}

  /** Handles `data` when it is a grid message (true), leaving every other message to the overview (false). */
  handle(data: unknown): boolean {
    if (!isGridMessage(data)) return false;
    const message = parseGridToHostMessage(data);
    if (!message) {
      this.services.log.warn(`Rows of ${this.dataset}: ignored a malformed message from the webview.`);
      return true;
    }
    void this.dispatch(message).catch((error: unknown) => {
      if (isAbort(error)) return;
      const text = error instanceof Error ? error.message : String(error);
      this.services.log.error(`Rows of ${this.dataset}: ${text}`);
      this.post({ type: 'grid/error', message: text, ...('requestId' in message ? { requestId: message.requestId } : {}) });
    });
    return true;
  }

  /** The webview was hidden (and destroyed): it will open the grid again when shown. */
  webviewGone(): void {
    this.gridOpen = false;
  }

  /** Shows a row / line / filter in the grid (now, or once the grid has opened). */
  reveal(target: GridReveal): void {
    if (this.gridOpen) this.post({ type: 'grid/reveal', ...target });
    else this.pendingReveal = target;
  }

  private post(message: HostToGridMessage): void {
    if (!this.disposed) this.postMessage(message);
  }

  private async dispatch(message: GridToHostMessage): Promise<void> {
    switch (message.type) {
      case 'grid/open': {
        this.checks = undefined; // the schema may have changed (a quick fix) since the grid last opened
        const rows = await this.open();
        const info = rows.info;
        const header = rows.columnNames;
        if (!header) this.columns = (await rows.rowsAt(0, 200, { signal: this.abort.signal })).columnNames;
        this.post({
          type: 'grid/info',
          requestId: message.requestId,
          info: {
            columns: this.columns,
            format: info.format === 'parquet' ? 'csv' : info.format, // never: DatasetRows.open refuses Parquet
            totalBytes: info.totalBytes,
            dataStart: rows.dataStart ?? 0,
            ...(rows.index ? { rowCount: rows.index.rows } : {}),
          },
        });
        this.gridOpen = true;
        if (this.pendingReveal) {
          this.post({ type: 'grid/reveal', ...this.pendingReveal });
          this.pendingReveal = undefined;
        }
        if (!rows.index) void this.buildIndex(rows);
        return;
      }
      case 'grid/window': {
        const rows = await this.open();
        const window = await this.windowAt(rows, message.at, message.count);
        const encoded = encodeWindowWithin(this.columns.length, {
          rowNumbers: window.rowNumbers ?? window.rows.map((_, i) => (window.firstRow === undefined ? Number.NaN : window.firstRow + i)),
          positions: window.positions,
          shards: window.shards,
          cells: window.rows,
        });
        const anomalies = await this.anomaliesOf(window.rows.slice(0, encoded.rows));
        this.post({
          type: 'grid/rows',
          requestId: message.requestId,
          window: encoded.bytes,
          ...anomalies,
          rows: encoded.rows,
          ...(window.firstRow !== undefined ? { firstRow: window.firstRow } : {}),
          startOffset: window.startOffset,
          endOffset: window.endOffset,
          atEnd: window.atEnd && encoded.rows === window.rows.length,
        });
        return;
      }
      case 'grid/filter':
        await this.runFilter(message.requestId, message.expression);
        return;
      case 'grid/cancelFilter':
        if (this.filter?.id === message.requestId) this.filter.abort.abort(new DOMException('Filter cancelled', 'AbortError'));
        return;
      case 'grid/copy':
        await vscode.env.clipboard.writeText(message.text);
        return;
      default: {
        const never: never = message;
        this.services.log.warn(`Rows: unknown message ${JSON.stringify(never)}`);
      }
    }
  }

  private open(): Promise<DatasetRows> {
    this.rows ??= (async () => {
      const info = await resolveDataset([this.dataset]);
      const rows = await DatasetRows.open(info, { cache: this.cache() });
      this.columns = rows.columnNames ?? [];
      return rows;
    })();
    return this.rows;
  }

  /** The window's cells the schema (beside the data, as validation finds it) calls anomalous; none without one. */
  private async anomaliesOf(rows: ReadonlyArray<ReadonlyArray<string | null>>): Promise<{ anomalies?: Uint32Array; reasons?: string[] }> {
    this.checks ??= (async () => {
      const schemaPath = await this.services.schemas.currentFile(vscode.Uri.file(this.dataset));
      if (!schemaPath) return [];
      return cellChecks(await readSchema(schemaPath), this.columns);
    })().catch((error: unknown) => {
      this.services.log.warn(`Rows of ${this.dataset}: no schema checks (${error instanceof Error ? error.message : String(error)}).`);
      return [];
    });
    const checks = await this.checks;
    if (checks.length === 0) return {};
    const triples: number[] = [];
    const reasons: string[] = [];
    const reasonIndex = new Map<string, number>();
    rows.forEach((cells, r) =>
      cells.forEach((value, c) => {
        const reason = value === null ? undefined : checks[c]?.(value);
        if (!reason) return;
        let k = reasonIndex.get(reason);
        if (k === undefined) {
          k = reasons.push(reason) - 1;
          reasonIndex.set(reason, k);
        }
        triples.push(r, c, k);
      }),
    );
    return triples.length > 0 ? { anomalies: Uint32Array.from(triples), reasons } : {};
  }

  private cache(): RowIndexCache {
    return new RowIndexCache(join(this.services.context.globalStorageUri.fsPath, 'row-index'));
  }

  private async windowAt(rows: DatasetRows, at: GridAt, count: number): Promise<Shown> {
    const signal = this.abort.signal;
    const columns = this.columns;
    switch (at.kind) {
      case 'row':
        return rows.rowsAt(at.row, count, { signal, columns });
      case 'line':
        return rows.info.format === 'csv' ? rows.rowsAtLine(at.line, count, signal) : rows.rowsAt(at.line, count, { signal, columns });
      case 'byte':
        return rows.info.format === 'csv' ? rows.rowsAtByte(at.offset, count, signal) : rows.rowsAt(0, count, { signal, columns });
      case 'match': {
        const result = this.filter?.result;
        if (!result) throw new Error('There is no filter result to show.');
        const end = Math.min(result.cells.length, at.match + count);
        const byName = result.columnNames;
        const order = columns.map((c) => byName.indexOf(c));
        return {
          columnNames: columns,
          firstRow: at.match,
          rows: result.cells.slice(at.match, end).map((cells) => order.map((i) => (i < 0 ? null : cells[i]))),
          positions: result.positions.slice(at.match, end),
          shards: result.cellRows.slice(at.match, end).map(() => 0),
          startOffset: 0,
          endOffset: 0,
          atEnd: end >= result.cells.length,
          rowNumbers: result.cellRows.slice(at.match, end),
        };
      }
      default: {
        const never: never = at;
        throw new Error(`unknown position ${JSON.stringify(never)}`);
      }
    }
  }

  private async buildIndex(rows: DatasetRows): Promise<void> {
    let last = 0;
    try {
      const fromStatistics = await this.statisticsIndex().catch(() => undefined);
      if (fromStatistics && !rows.index) {
        rows.adopt(fromStatistics);
        const savedTo = await this.cache().save(rows.info.shards, fromStatistics);
        this.services.log.info(`Rows of ${this.dataset}: the statistics pass indexed ${fromStatistics.rows} rows (cached in ${savedTo}).`);
        this.post({ type: 'grid/indexed', rowCount: fromStatistics.rows });
        return;
      }
      const built = await rows.ensureIndex({
        signal: this.abort.signal,
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < 200 || !p.total) return;
          last = now;
          this.post({ type: 'grid/indexProgress', fraction: p.done / p.total });
        },
      });
      this.services.log.info(`Rows of ${this.dataset}: indexed ${built.index.rows} rows${built.savedTo ? ` (cached in ${built.savedTo})` : ''}.`);
      this.post({ type: 'grid/indexed', rowCount: built.index.rows });
    } catch (error) {
      if (isAbort(error)) return;
      this.services.log.error(`Rows of ${this.dataset}: indexing failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async runFilter(requestId: number, expression: string): Promise<void> {
    this.filter?.abort.abort(new DOMException('Filter replaced', 'AbortError'));
    try {
      parseFilter(expression); // a syntax error is reported at once, before any worker starts
    } catch (error) {
      if (error instanceof FilterSyntaxError) {
        this.post({ type: 'grid/error', requestId, message: `Filter: ${error.message}` });
        return;
      }
      throw error;
    }
    const rows = await this.open();
    const abort = new AbortController();
    const onClose = (): void => abort.abort(new DOMException('Overview closed', 'AbortError'));
    this.abort.signal.addEventListener('abort', onClose);
    const filter: { id: number; abort: AbortController; result?: FilterScanResult } = { id: requestId, abort };
    this.filter = filter;
    let last = 0;
    try {
      // On a worker: a filter over 10 GB is CPU work the extension host must not do.
      filter.result = await this.services.engine.filterRows(
        { dataset: rows.info, expression, keepCells: 100_000 },
        {
          signal: abort.signal,
          onProgress: (p) => {
            const now = Date.now();
            if (now - last < 100) return;
            last = now;
            const matches = Number(p.message ?? 0);
            this.post({ type: 'grid/filterProgress', requestId, matches: Number.isSafeInteger(matches) ? matches : 0, ...(p.total ? { fraction: p.done / p.total } : {}) });
          },
        },
      );
      this.post({ type: 'grid/filterDone', requestId, matches: filter.result.rows.length, cancelled: false });
    } catch (error) {
      if (!isAbort(error)) throw error;
      this.post({ type: 'grid/filterDone', requestId, matches: 0, cancelled: true });
    } finally {
      this.abort.signal.removeEventListener('abort', onClose);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.abort.abort(new DOMException('Overview closed', 'AbortError'));
  }
}
