/**
 * The rows grid: a virtualized view of any number of rows. Only the rows in the viewport exist in the DOM; rows
 * come from the host in blocks (Arrow IPC windows) and are cached. Until the row index is complete (CSV), the
 * scrollbar is byte-proportional: a scroll position is a byte offset, the host resynchronises it to the next
 * record, and row numbers are estimates (≈). With the index, positions are exact row numbers, and past about
 * 330 k rows the scrollbar is scaled (scrollScale.ts) so that 100 M rows stay reachable.
 *
 * Every value is set as text (textContent / title), never as markup.
 */
import type { GridAt, GridInfo, HostToGridMessage } from '../../src/protocol/grid/gridProtocol.js';
import { decodeWindow, MAX_CELL_CHARS } from '../../src/protocol/grid/rowWindowArrow.js';
import type { GridWindowRows } from '../../src/protocol/grid/rowWindowArrow.js';
import { isNumericType, rowLabel, rowsToCsv } from './gridText.js';
import { contentHeight, ROW_HEIGHT, scrollTopFor, topRowAt } from './scrollScale.js';

export interface GridColumnInfo {
  readonly type?: string;
  /** Bar heights 0..1 of the column's histogram or top values. */
  readonly bars?: readonly number[];
}

export interface GridHost {
  request(at: GridAt, count: number): Promise<Extract<HostToGridMessage, { type: 'grid/rows' }>>;
  filter(expression: string): number;
  cancelFilter(id: number): void;
  copy(text: string): void;
}

const BLOCK = 100;
const MAX_BLOCKS = 40;
const GUTTER_WIDTH = 90;
const DEFAULT_WIDTH = 140;

interface Block {
  readonly rows: GridWindowRows;
  /** `row:column` (in the block) → why the schema finds the cell anomalous. */
  readonly marks: ReadonlyMap<string, string>;
}

function marksOf(reply: Extract<HostToGridMessage, { type: 'grid/rows' }>): Map<string, string> {
  const marks = new Map<string, string>();
  const a = reply.anomalies;
  if (!a || !reply.reasons) return marks;
  for (let k = 0; k + 2 < a.length; k += 3) marks.set(`${a[k]}:${a[k + 1]}`, reply.reasons[a[k + 2] as number] ?? 'anomalous');
  return marks;
}

type Mode =
  | { readonly kind: 'rows'; readonly count: number }
  /** Before the index: positions are bytes in [dataStart, totalBytes). */
  | { readonly kind: 'bytes'; readonly estimatedRows: number }
  | { readonly kind: 'matches'; readonly count: number; readonly expression: string };

export class RowsGrid {
  readonly element: HTMLElement;
  private readonly status: HTMLElement;
  private readonly errorText: HTMLElement;
  private readonly filterInput: HTMLInputElement;
  private readonly gotoInput: HTMLInputElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly detail: HTMLElement;
  private readonly headerInner: HTMLElement;
  private readonly header: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly layer: HTMLElement;
  private readonly spacer: HTMLElement;
  private info: GridInfo | undefined;
  private columnInfo: ReadonlyMap<string, GridColumnInfo> = new Map();
  private widths: number[] = [];
  private mode: Mode = { kind: 'rows', count: 0 };
  private blocks = new Map<number, Block>();
  private pending = new Set<number>();
  /** Byte mode: the window shown, for the byte it was asked at. */
  private byteWindow: { offset: number; rows: GridWindowRows; startOffset: number; marks: ReadonlyMap<string, string> } | undefined;
  private byteRequest = 0;
  private avgRowBytes = 100;
  private selected = { row: 0, col: 0 };
  private selectionAnchor = 0;
  private highlight: { row: number; col: number } | undefined;
  private filterId: number | undefined;
  private generation = 0;
  private renderQueued = false;
  private indexFraction: number | undefined;

  constructor(private readonly host: GridHost) {
    this.element = el('section', 'rows-section');
    this.element.setAttribute('aria-label', 'Rows');
    const toolbar = el('div', 'rows-toolbar');
    this.filterInput = document.createElement('input');
    this.filterInput.className = 'rows-filter';
    this.filterInput.placeholder = 'Filter rows, e.g. fare > 100 and payment_type = "Cash"  (Enter)';
    this.filterInput.setAttribute('aria-label', 'Filter rows');
    this.filterInput.spellcheck = false;
    this.gotoInput = document.createElement('input');
    this.gotoInput.className = 'rows-goto';
    this.gotoInput.placeholder = 'Go to row (Ctrl+G)';
    this.gotoInput.setAttribute('aria-label', 'Go to row');
    this.cancelButton = button('Cancel', () => this.cancelFilter());
    this.cancelButton.hidden = true;
    const clear = button('Clear filter', () => this.clearFilter());
    this.status = el('span', 'rows-status');
    this.status.setAttribute('role', 'status');
    this.errorText = el('span', 'rows-error');
    this.errorText.setAttribute('role', 'alert');
    toolbar.append(this.filterInput, this.cancelButton, clear, this.gotoInput, this.status, this.errorText);
    this.detail = el('div', 'rows-detail');
    this.detail.hidden = true;
    const frame = el('div', 'rows-frame');
    this.header = el('div', 'rows-header');
    this.headerInner = el('div', 'rows-header-inner');
    this.headerInner.setAttribute('role', 'row');
    this.header.append(this.headerInner);
    this.scroller = el('div', 'rows-scroller');
    this.scroller.tabIndex = 0;
    this.scroller.setAttribute('role', 'grid');
    this.scroller.setAttribute('aria-label', 'Rows of the dataset');
    this.layer = el('div', 'rows-layer');
    this.spacer = el('div', 'rows-spacer');
    this.scroller.append(this.layer, this.spacer);
    frame.append(this.header, this.scroller);
    this.element.append(toolbar, this.detail, frame);

    this.scroller.addEventListener('scroll', () => {
      this.header.scrollLeft = this.scroller.scrollLeft;
      this.queueRender();
    });
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    this.scroller.addEventListener('mousemove', (e) => this.onHover(e));
    this.scroller.addEventListener('click', (e) => this.onClick(e));
    this.scroller.addEventListener('dblclick', () => this.expandSelected());
    this.filterInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.applyFilter(this.filterInput.value);
      if (e.key === 'Escape') this.scroller.focus();
    });
    this.gotoInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        const n = Number(this.gotoInput.value.replace(/[,_\s]/g, ''));
        if (Number.isInteger(n) && n >= 1) {
          this.goToRow(n - 1);
          this.scroller.focus();
        } else this.setError('Go to row: give a row number from 1.');
      }
      if (e.key === 'Escape') this.scroller.focus();
    });
    this.element.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'g') {
        e.preventDefault();
        this.gotoInput.focus();
        this.gotoInput.select();
      }
    });
    new ResizeObserver(() => this.queueRender()).observe(this.scroller);
  }

  setInfo(info: GridInfo): void {
    this.info = info;
    this.widths = info.columns.map(() => DEFAULT_WIDTH);
    this.resetData();
    this.mode = info.rowCount !== undefined || info.format === 'tfrecord'
      ? { kind: 'rows', count: info.rowCount ?? BLOCK }
      : { kind: 'bytes', estimatedRows: Math.max(1, Math.round((info.totalBytes - info.dataStart) / this.avgRowBytes)) };
    this.renderHeader();
    this.layout();
    this.queueRender();
    this.updateStatus();
  }

  setColumnInfo(columns: ReadonlyMap<string, GridColumnInfo>): void {
    this.columnInfo = columns;
    if (this.info) {
      this.renderHeader();
      this.queueRender();
    }
  }

  /** The index is complete: positions become exact row numbers (the view keeps its relative place). */
  setIndexed(rowCount: number): void {
    if (!this.info) return;
    this.info = { ...this.info, rowCount };
    this.indexFraction = undefined;
    if (this.mode.kind === 'matches') return this.updateStatus();
    const fraction = this.mode.kind === 'bytes' ? this.scrollFraction() : undefined;
    this.mode = { kind: 'rows', count: rowCount };
    this.resetData();
    this.layout();
    if (fraction !== undefined) this.scroller.scrollTop = scrollTopFor(fraction * rowCount, rowCount, this.viewportHeight());
    this.queueRender();
    this.updateStatus();
  }

  setIndexProgress(fraction: number): void {
    this.indexFraction = fraction;
    this.updateStatus();
  }

  setError(message: string | undefined): void {
    this.errorText.textContent = message ?? '';
  }

  filterProgress(id: number, matches: number, fraction: number | undefined): void {
    if (id !== this.filterId) return;
    this.status.textContent = `${matches.toLocaleString('en-US')} matching rows so far${fraction !== undefined ? ` (${Math.round(fraction * 100)}% read)` : ''}`;
  }

  filterDone(id: number, matches: number, cancelled: boolean): void {
    if (id !== this.filterId) return;
    this.cancelButton.hidden = true;
    this.filterId = undefined;
    if (cancelled) {
      this.status.textContent = 'Filter cancelled';
      return;
    }
    this.mode = { kind: 'matches', count: Math.min(matches, 100_000), expression: this.filterInput.value };
    this.resetData();
    this.layout();
    this.scroller.scrollTop = 0;
    this.selected = { row: 0, col: this.selected.col };
    this.queueRender();
    this.status.textContent = `${matches.toLocaleString('en-US')} matching rows${matches > 100_000 ? ' (the first 100,000 shown)' : ''}`;
  }

  applyFilter(expression: string): void {
    this.filterInput.value = expression;
    this.setError(undefined);
    if (expression.trim() === '') return this.clearFilter();
    if (this.filterId !== undefined) this.host.cancelFilter(this.filterId);
    this.filterId = this.host.filter(expression);
    this.cancelButton.hidden = false;
    this.status.textContent = 'Filtering…';
  }

  /** Shows a row (0-based) and optionally marks one of its cells. */
  async reveal(target: { line?: number; row?: number; column?: string }): Promise<void> {
    const col = target.column !== undefined ? this.info?.columns.indexOf(target.column) ?? -1 : -1;
    if (this.mode.kind === 'matches') this.clearFilter();
    if (target.row !== undefined) return this.goToRow(target.row, col);
    if (target.line === undefined) return;
    const reply = await this.host.request({ kind: 'line', line: target.line }, 1);
    if (reply.firstRow === undefined) return this.setError(`Line ${target.line} is not a row of this file.`);
    this.goToRow(reply.firstRow, col);
  }

  goToRow(row: number, col = -1): void {
    const mode = this.mode;
    const count = mode.kind === 'bytes' ? Math.max(row + 1, mode.estimatedRows) : mode.count;
    if (mode.kind !== 'bytes' && row >= count) return this.setError(`There are ${count.toLocaleString('en-US')} rows.`);
    if (mode.kind === 'bytes') {
      // Without the index a row is reached through the host (which reads from the start); show it as a row list.
      this.mode = { kind: 'rows', count: Math.max(row + BLOCK, BLOCK) };
      this.resetData();
      this.layout();
    }
    this.selected = { row, col: col >= 0 ? col : this.selected.col };
    this.selectionAnchor = row;
    this.highlight = col >= 0 ? { row, col } : undefined;
    const visible = this.viewportHeight() / ROW_HEIGHT;
    this.scroller.scrollTop = scrollTopFor(Math.max(0, row - Math.floor(visible / 3)), this.rowCount(), this.viewportHeight());
    this.keepColumnVisible(this.selected.col);
    this.queueRender();
  }

  private keepColumnVisible(col: number): void {
    this.layout();
    let left = GUTTER_WIDTH;
    for (let c = 0; c < col; c++) left += this.widths[c] ?? 0;
    const width = this.widths[col] ?? 0;
    const view = this.scroller.clientWidth;
    if (left < this.scroller.scrollLeft + GUTTER_WIDTH || left + width > this.scroller.scrollLeft + view) {
      this.scroller.scrollLeft = Math.max(0, left - GUTTER_WIDTH - 40);
    }
  }

  private clearFilter(): void {
    if (this.filterId !== undefined) this.cancelFilter();
    this.filterInput.value = '';
    if (!this.info) return;
    this.setInfo(this.info);
  }

  private cancelFilter(): void {
    if (this.filterId !== undefined) this.host.cancelFilter(this.filterId);
  }

  private resetData(): void {
    this.generation++;
    this.blocks.clear();
    this.pending.clear();
    this.byteWindow = undefined;
  }

  private rowCount(): number {
    const mode = this.mode;
    return mode.kind === 'bytes' ? mode.estimatedRows : mode.count;
  }

  private viewportHeight(): number {
    return Math.max(ROW_HEIGHT, this.scroller.clientHeight);
  }

  private layout(): void {
    const cols = [GUTTER_WIDTH, ...this.widths].map((w) => `${w}px`).join(' ');
    this.element.style.setProperty('--fw-cols', cols);
    const width = GUTTER_WIDTH + this.widths.reduce((a, b) => a + b, 0);
    const viewport = this.viewportHeight();
    this.layer.style.width = `${width}px`;
    this.layer.style.height = `${viewport}px`;
    this.spacer.style.height = `${Math.max(0, contentHeight(this.rowCount()) - viewport)}px`;
    this.scroller.setAttribute('aria-rowcount', String(this.rowCount()));
  }

  private scrollFraction(): number {
    const max = this.scroller.scrollHeight - this.scroller.clientHeight;
    return max > 0 ? this.scroller.scrollTop / max : 0;
  }

  private renderHeader(): void {
    const info = this.info;
    if (!info) return;
    const cells: HTMLElement[] = [el('div', 'rows-hcell')];
    cells[0].append(el('div', 'rows-hname', 'Row'), el('div', 'rows-htype', info.format === 'csv' ? 'data row' : 'example'));
    info.columns.forEach((name, c) => {
      const meta = this.columnInfo.get(name);
      const cell = el('div', 'rows-hcell');
      cell.setAttribute('role', 'columnheader');
      cell.title = `${name}${meta?.type ? ` (${meta.type})` : ''}`;
      const type = el('div', 'rows-htype');
      type.append(el('span', '', meta?.type ?? ''));
      if (meta?.bars && meta.bars.length > 0) {
        const hist = el('span', 'rows-hist');
        hist.setAttribute('aria-hidden', 'true');
        for (const b of meta.bars) {
          const bar = document.createElement('span');
          bar.style.height = `${Math.max(1, Math.round(b * 14))}px`;
          hist.append(bar);
        }
        type.append(hist);
      }
      const resize = el('div', 'rows-resize');
      resize.setAttribute('aria-hidden', 'true');
      resize.addEventListener('pointerdown', (e) => this.startResize(e, c, resize));
      cell.append(el('div', 'rows-hname', name), type, resize);
      cells.push(cell);
    });
    this.headerInner.replaceChildren(...cells);
  }

  private startResize(e: PointerEvent, column: number, handle: HTMLElement): void {
    e.preventDefault();
    const startX = e.clientX;
    const startWidth = this.widths[column];
    handle.classList.add('dragging');
    handle.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent): void => {
      this.widths[column] = Math.max(40, startWidth + m.clientX - startX);
      this.layout();
    };
    const up = (): void => {
      handle.classList.remove('dragging');
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      this.queueRender();
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  }

  private queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.layout();
      this.render();
    });
  }

  private render(): void {
    const info = this.info;
    if (!info) return;
    const viewport = this.viewportHeight();
    const visible = Math.ceil(viewport / ROW_HEIGHT) + 1;
    if (this.mode.kind === 'bytes') return this.renderBytes(visible);
    const count = this.rowCount();
    const top = topRowAt(this.scroller.scrollTop, count, viewport);
    const first = Math.floor(top);
    const offset = (top - first) * ROW_HEIGHT;
    const rows: HTMLElement[] = [];
    for (let i = 0; i < visible && first + i < count; i++) {
      const index = first + i;
      const block = this.block(Math.floor(index / BLOCK));
      const local = index - Math.floor(index / BLOCK) * BLOCK;
      const data =
        block && local < block.rows.cells.length
          ? { cells: block.rows.cells[local], row: block.rows.rowNumbers[local], position: block.rows.positions[local], marks: block.marks, local }
          : undefined;
      if (block && !data && this.mode.kind === 'rows' && info.rowCount === undefined) {
        // The end of the data before the index knew how many rows there are.
        this.mode = { kind: 'rows', count: Math.floor(index / BLOCK) * BLOCK + block.rows.cells.length };
        this.layout();
        break;
      }
      rows.push(this.rowElement(index, data, i * ROW_HEIGHT - offset, false));
    }
    if (this.mode.kind === 'rows' && info.rowCount === undefined) {
      // Row count unknown (TFRecord before its index): grow as blocks arrive full.
      const last = this.blocks.get(Math.floor((count - 1) / BLOCK));
      if (last && last.rows.cells.length === BLOCK) {
        this.mode = { kind: 'rows', count: count + BLOCK * 10 };
        this.layout();
      }
    }
    this.layer.replaceChildren(...rows);
    this.updateStatus(top);
  }

  private renderBytes(visible: number): void {
    const info = this.info;
    if (!info) return;
    const span = Math.max(1, info.totalBytes - info.dataStart);
    const offset = Math.floor(info.dataStart + this.scrollFraction() * span);
    const shown = this.byteWindow;
    if (!shown || Math.abs(shown.offset - offset) > 0) this.requestBytes(offset, visible);
    const rows: HTMLElement[] = [];
    if (shown) {
      const estimate = (shown.startOffset - info.dataStart) / this.avgRowBytes;
      for (let i = 0; i < Math.min(visible, shown.rows.cells.length); i++) {
        rows.push(this.rowElement(i, { cells: shown.rows.cells[i], row: estimate + i, position: shown.rows.positions[i], marks: shown.marks, local: i }, i * ROW_HEIGHT, true));
      }
    }
    this.layer.replaceChildren(...rows);
    this.updateStatus(shown ? (shown.startOffset - info.dataStart) / this.avgRowBytes : 0);
  }

  private requestBytes(offset: number, visible: number): void {
    const id = ++this.byteRequest;
    const generation = this.generation;
    void this.host.request({ kind: 'byte', offset }, visible + 2).then(
      (reply) => {
        if (id !== this.byteRequest || generation !== this.generation || !this.info) return;
        const rows = decodeWindow(reply.window, this.info.columns.length);
        if (reply.rows > 0 && reply.endOffset > reply.startOffset) this.avgRowBytes = (reply.endOffset - reply.startOffset) / reply.rows;
        this.byteWindow = { offset, rows, startOffset: reply.startOffset, marks: marksOf(reply) };
        this.render();
      },
      (error: unknown) => this.setError(error instanceof Error ? error.message : String(error)),
    );
  }

  private block(index: number): Block | undefined {
    const found = this.blocks.get(index);
    if (found) {
      // Most recently used last, for eviction.
      this.blocks.delete(index);
      this.blocks.set(index, found);
      return found;
    }
    if (this.pending.has(index)) return undefined;
    this.pending.add(index);
    const generation = this.generation;
    const at: GridAt = this.mode.kind === 'matches' ? { kind: 'match', match: index * BLOCK } : { kind: 'row', row: index * BLOCK };
    void this.host.request(at, BLOCK).then(
      (reply) => {
        if (generation !== this.generation || !this.info) return;
        this.pending.delete(index);
        this.blocks.set(index, { rows: decodeWindow(reply.window, this.info.columns.length), marks: marksOf(reply) });
        while (this.blocks.size > MAX_BLOCKS) this.blocks.delete(this.blocks.keys().next().value as number);
        this.queueRender();
      },
      (error: unknown) => {
        this.pending.delete(index);
        this.setError(error instanceof Error ? error.message : String(error));
      },
    );
    return undefined;
  }

  private rowElement(
    index: number,
    data: { cells: ReadonlyArray<string | null>; row: number; position: number; marks: ReadonlyMap<string, string>; local: number } | undefined,
    y: number,
    estimated: boolean,
  ): HTMLElement {
    const info = this.info as GridInfo;
    const row = el('div', 'rows-row');
    row.setAttribute('role', 'row');
    row.style.top = `${y}px`;
    row.dataset['index'] = String(index);
    const selectedRows = this.selectedRange();
    if (index >= selectedRows[0] && index <= selectedRows[1]) row.classList.add('selected');
    const gutter = el('div', 'rows-cell gutter', data ? (Number.isNaN(data.row) ? '' : rowLabel(data.row, estimated)) : rowLabel(index));
    if (data) gutter.title = info.format === 'csv' ? (data.position > 0 ? `line ${data.position}` : '') : `record ${data.position}`;
    row.append(gutter);
    info.columns.forEach((name, c) => {
      const numeric = isNumericType(this.columnInfo.get(name)?.type);
      const cell = el('div', `rows-cell${numeric ? ' num' : ''}`);
      cell.setAttribute('role', 'gridcell');
      cell.dataset['col'] = String(c);
      if (!data) {
        cell.classList.add('loading');
        cell.textContent = '…';
      } else {
        const value = data.cells[c];
        if (value === null || value === undefined) {
          cell.classList.add('missing');
          cell.textContent = 'missing';
          cell.title = `${name}: missing`;
        } else {
          cell.textContent = value;
          if (value.length > 20) cell.title = value.length >= MAX_CELL_CHARS ? `${value}… (cut at ${MAX_CELL_CHARS} characters)` : value;
          const reason = data.marks.get(`${data.local}:${c}`);
          if (reason) {
            cell.classList.add('anomalous');
            cell.title = `${value}\n${reason}`;
          }
        }
      }
      if (index === this.selected.row && c === this.selected.col) cell.classList.add('current');
      if (this.highlight && this.highlight.row === index && this.highlight.col === c) cell.classList.add('highlight');
      row.append(cell);
    });
    return row;
  }

  private selectedRange(): [number, number] {
    return [Math.min(this.selected.row, this.selectionAnchor), Math.max(this.selected.row, this.selectionAnchor)];
  }

  private updateStatus(top?: number): void {
    if (this.filterId !== undefined) return;
    const info = this.info;
    if (!info) return;
    const mode = this.mode;
    const parts: string[] = [];
    if (mode.kind === 'matches') parts.push(`${mode.count.toLocaleString('en-US')} matching rows`);
    else if (info.rowCount !== undefined) parts.push(`${info.rowCount.toLocaleString('en-US')} rows`);
    else parts.push(`${(info.totalBytes / 1e6).toFixed(1)} MB, indexing${this.indexFraction !== undefined ? ` ${Math.round(this.indexFraction * 100)}%` : '…'}`);
    if (top !== undefined) parts.push(`top: row ${rowLabel(top, mode.kind === 'bytes')}`);
    this.status.textContent = parts.join(' · ');
  }

  private hoverRow(e: MouseEvent): number | undefined {
    const target = (e.target as HTMLElement | null)?.closest('.rows-row') as HTMLElement | null;
    return target?.dataset['index'] !== undefined ? Number(target.dataset['index']) : undefined;
  }

  private onHover(e: MouseEvent): void {
    const index = this.hoverRow(e);
    if (index === undefined) return;
    const gutter = (e.target as HTMLElement).closest('.rows-row')?.querySelector('.gutter');
    this.scroller.title = gutter?.textContent ? `Row ${gutter.textContent}` : '';
  }

  private onClick(e: MouseEvent): void {
    const index = this.hoverRow(e);
    const cell = (e.target as HTMLElement | null)?.closest('.rows-cell') as HTMLElement | null;
    if (index === undefined) return;
    const col = cell?.dataset['col'] !== undefined ? Number(cell.dataset['col']) : this.selected.col;
    this.selected = { row: index, col };
    if (!e.shiftKey) this.selectionAnchor = index;
    this.render();
  }

  private onKey(e: KeyboardEvent): void {
    const count = this.mode.kind === 'bytes' ? (this.byteWindow?.rows.cells.length ?? 0) : this.rowCount();
    const page = Math.max(1, Math.floor(this.viewportHeight() / ROW_HEIGHT) - 1);
    const columns = this.info?.columns.length ?? 0;
    let { row, col } = this.selected;
    switch (e.key) {
      case 'ArrowDown': row++; break;
      case 'ArrowUp': row--; break;
      case 'ArrowLeft': col--; break;
      case 'ArrowRight': col++; break;
      case 'PageDown': row += page; break;
      case 'PageUp': row -= page; break;
      case 'Home': if (e.ctrlKey) row = 0; else col = 0; break;
      case 'End': if (e.ctrlKey) row = count - 1; else col = columns - 1; break;
      case 'Enter': this.expandSelected(); e.preventDefault(); return;
      case 'Escape': this.detail.hidden = true; return;
      case 'c':
      case 'C':
        if (e.ctrlKey || e.metaKey) {
          this.copySelection();
          e.preventDefault();
        }
        return;
      default:
        return;
    }
    e.preventDefault();
    row = Math.max(0, Math.min(count - 1, row));
    col = Math.max(0, Math.min(columns - 1, col));
    this.selected = { row, col };
    if (!e.shiftKey) this.selectionAnchor = row;
    if (this.mode.kind !== 'bytes') this.keepVisible(row);
    this.keepColumnVisible(col);
    this.render();
  }

  private keepVisible(row: number): void {
    const viewport = this.viewportHeight();
    const count = this.rowCount();
    const top = topRowAt(this.scroller.scrollTop, count, viewport);
    const visible = Math.floor(viewport / ROW_HEIGHT);
    if (row < top) this.scroller.scrollTop = scrollTopFor(row, count, viewport);
    else if (row >= top + visible) this.scroller.scrollTop = scrollTopFor(row - visible + 1, count, viewport);
  }

  private cellsOf(index: number): ReadonlyArray<string | null> | undefined {
    if (this.mode.kind === 'bytes') return this.byteWindow?.rows.cells[index];
    const block = this.blocks.get(Math.floor(index / BLOCK));
    return block?.rows.cells[index - Math.floor(index / BLOCK) * BLOCK];
  }

  private copySelection(): void {
    const info = this.info;
    if (!info) return;
    const [from, to] = this.selectedRange();
    if (from === to) {
      const value = this.cellsOf(from)?.[this.selected.col];
      this.host.copy(value ?? '');
      this.status.textContent = 'Copied the cell';
      return;
    }
    const rows: Array<ReadonlyArray<string | null>> = [];
    for (let r = from; r <= to && rows.length < 10_000; r++) {
      const cells = this.cellsOf(r);
      if (cells) rows.push(cells);
    }
    this.host.copy(rowsToCsv(info.columns, rows));
    this.status.textContent = `Copied ${rows.length} rows as CSV`;
  }

  private expandSelected(): void {
    const info = this.info;
    if (!info) return;
    const value = this.cellsOf(this.selected.row)?.[this.selected.col];
    const title = el('div', 'rows-detail-title', `${info.columns[this.selected.col]} — row ${rowLabel(this.selected.row, this.mode.kind === 'bytes')} (Esc closes)`);
    const body = el('div', '', value === null || value === undefined ? '(missing)' : value.length >= MAX_CELL_CHARS ? `${value}… (cut at ${MAX_CELL_CHARS} characters)` : value);
    this.detail.replaceChildren(title, body);
    this.detail.hidden = false;
  }
}

function el(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}
