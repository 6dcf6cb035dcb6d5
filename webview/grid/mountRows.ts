/**
 * Mounts the Rows tab beside the overview's features: a tab strip above the overview root, the grid in a section
 * after it, and the bridge between the grid and the host (request ids, replies, failures). The overview's
 * main.ts calls this once and routes every `grid/` message here.
 */
import type { GridAt, GridToHostMessage, HostToGridMessage } from '../../src/protocol/grid/gridProtocol.js';
import type { DatasetSummary } from '../overview/featureModel.js';
import { columnInfoFrom } from './columnInfo.js';
import { adoptGridStyles } from './gridStyles.js';
import { RowsGrid } from './rowsGrid.js';

type RowsReply = Extract<HostToGridMessage, { type: 'grid/rows' }>;

export interface RowsMount {
  handle(message: HostToGridMessage): void;
  setStatistics(summary: DatasetSummary): void;
  /** Shows the Rows tab with this filter applied (a chart bar or a top value was clicked). */
  filter(expression: string): void;
}

export function mountRows(overviewRoot: HTMLElement, post: (message: GridToHostMessage) => void): RowsMount {
  adoptGridStyles();
  let nextId = 1;
  const waiting = new Map<number, { resolve: (r: RowsReply) => void; reject: (e: Error) => void }>();
  const grid = new RowsGrid({
    request(at: GridAt, count: number): Promise<RowsReply> {
      const requestId = nextId++;
      post({ type: 'grid/window', requestId, at, count });
      return new Promise((resolve, reject) => waiting.set(requestId, { resolve, reject }));
    },
    filter(expression: string): number {
      const requestId = nextId++;
      post({ type: 'grid/filter', requestId, expression });
      return requestId;
    },
    cancelFilter(requestId: number): void {
      post({ type: 'grid/cancelFilter', requestId });
    },
    copy(text: string): void {
      post({ type: 'grid/copy', text });
    },
  });

  const tabs = document.createElement('div');
  tabs.className = 'fw-tabs';
  tabs.setAttribute('role', 'tablist');
  const makeTab = (label: string): HTMLButtonElement => {
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.className = 'fw-tab';
    tab.setAttribute('role', 'tab');
    tab.textContent = label;
    tabs.append(tab);
    return tab;
  };
  const featuresTab = makeTab('Features');
  const rowsTab = makeTab('Rows');
  overviewRoot.before(tabs);
  overviewRoot.after(grid.element);
  const select = (rows: boolean): void => {
    featuresTab.setAttribute('aria-selected', String(!rows));
    rowsTab.setAttribute('aria-selected', String(rows));
    featuresTab.tabIndex = rows ? -1 : 0;
    rowsTab.tabIndex = rows ? 0 : -1;
    overviewRoot.hidden = rows;
    grid.element.hidden = !rows;
  };
  featuresTab.addEventListener('click', () => select(false));
  rowsTab.addEventListener('click', () => select(true));
  tabs.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const rows = featuresTab.getAttribute('aria-selected') === 'true';
    select(rows);
    (rows ? rowsTab : featuresTab).focus();
  });
  select(false);

  const openId = nextId++;
  post({ type: 'grid/open', requestId: openId });

  return {
    handle(message: HostToGridMessage): void {
      switch (message.type) {
        case 'grid/info':
          grid.setInfo(message.info);
          return;
        case 'grid/rows': {
          const w = waiting.get(message.requestId);
          waiting.delete(message.requestId);
          w?.resolve(message);
          return;
        }
        case 'grid/indexProgress':
          grid.setIndexProgress(message.fraction);
          return;
        case 'grid/indexed':
          grid.setIndexed(message.rowCount);
          return;
        case 'grid/filterProgress':
          grid.filterProgress(message.requestId, message.matches, message.fraction);
          return;
        case 'grid/filterDone':
          grid.filterDone(message.requestId, message.matches, message.cancelled);
          return;
        case 'grid/reveal':
          select(true);
          if (message.filter !== undefined) grid.applyFilter(message.filter);
          else void grid.reveal(message);
          return;
        case 'grid/error': {
          const w = message.requestId !== undefined ? waiting.get(message.requestId) : undefined;
          if (w && message.requestId !== undefined) {
            waiting.delete(message.requestId);
            w.reject(new Error(message.message));
          } else {
            grid.setError(message.message);
            if (message.requestId !== undefined) grid.filterDone(message.requestId, 0, true);
          }
          return;
        }
        default: {
          const never: never = message;
          void never;
        }
      }
    },
    setStatistics(summary: DatasetSummary): void {
      grid.setColumnInfo(columnInfoFrom(summary));
    },
    filter(expression: string): void {
      select(true);
      grid.applyFilter(expression);
    },
  };
}
