/**
 * The overview page's DOM: builds the static chrome once, mounts one row group per feature (cached until the
 * data, the anomalies or the chart options change; the first screenful at once, the rest in chunks after the first
 * frame), and on sort / filter only re-orders the cached row groups, so typing in the filter box stays instant at
 * thousands of features. All content comes from ViewNode descriptions (text only).
 */
import { columnWidths } from './columnWidths.js';
import { attachColumnResize } from './columnResize.js';
import type { ColumnResize } from './columnResize.js';
import { attachNameTooltips } from './nameTooltip.js';
import { attachDataTips } from '../shared/charts/dataTips.js';
import { featureDetailView } from './featureDetail.js';
import { toggleExpanded } from './overviewState.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeCollapsible } from '@vscode-elements/elements/dist/vscode-collapsible/vscode-collapsible.js';
import type { VscodeProgressBar } from '@vscode-elements/elements/dist/vscode-progress-bar/vscode-progress-bar.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { mountView } from '../shared/mountView.js';
import { formatCount } from '../shared/numberFormat.js';
import { h, svg } from '../shared/viewNode.js';
import type { ViewNode } from '../shared/viewNode.js';
import { EMPTY_ANOMALIES, anomalyCount } from './anomalyModel.js';
import type { AnomalyIndex, FeatureAnomaly } from './anomalyModel.js';
import type { DatasetSummary, FeatureRow } from './featureModel.js';
import { matchesFilter, nextFocusIndex, visibleFeatures } from './featureOrder.js';
import { CHART_KINDS, CHART_LABELS, SORT_DESCRIPTIONS, SORT_KEYS, SORT_LABELS } from './overviewState.js';
import type { ChartKind, OverviewUiState, SectionId, SortKey } from './overviewState.js';
import { CHART_SIZE, SECTION_TITLES, chartTooltip, featureBodyView, otherAnomaliesView, sectionHeading, tableHeadView } from './rowViews.js';

export interface OverviewPageCallbacks {
  /** The user changed a persisted choice (sort, filter, …). */
  onStateChange(state: OverviewUiState): void;
  /** The user activated a feature's name. */
  onReveal(row: FeatureRow): void;
  /** The user pressed Validate. */
  onValidate(): void;
}

export interface DatasetInfo {
  readonly summary: DatasetSummary;
  /** What the header calls the dataset. */
  readonly displayName: string;
  /** Rows in the file, when the host knows them. */
  readonly rowCount: number | undefined;
}

const SECTIONS: readonly SectionId[] = ['numeric', 'categorical'];
/** Rows mounted before the first frame (more than a screen holds), then per later task. */
const FIRST_CHUNK = 60;
const CHUNK = 150;

function byId<T extends Element>(root: ParentNode, id: string): T {
  const el = root.querySelector(`#${id}`);
  if (!el) throw new Error(`overview: #${id} missing`);
  return el as T;
}

function searchIcon(): ViewNode {
  return svg(
    'svg',
    { slot: 'content-before', class: 'search-icon', viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true' },
    svg('circle', { cx: 6.5, cy: 6.5, r: 4.5 }),
    svg('line', { x1: 10, y1: 10, x2: 14, y2: 14 }),
  );
}

function chromeView(state: OverviewUiState): ViewNode {
  const option = (value: string, label: string, selected: boolean, description?: string): ViewNode =>
    h('vscode-option', { value, selected, description }, label);
  return h(
    'div',
    { class: 'ov-page' },
    h(
      'header',
      { class: 'ov-header' },
      h(
        'div',
        { class: 'ov-heading' },
        h('h1', { id: 'ov-title', class: 'ov-title' }, 'Dataset overview'),
        h('div', { id: 'ov-summary', class: 'ov-summary' }, 'Waiting for statistics\u2026'),
      ),
      h('vscode-button', { id: 'ov-validate', title: 'Check the statistics against the schema' }, 'Validate'),
    ),
    h(
      'div',
      { class: 'ov-toolbar' },
      h(
        'vscode-textfield',
        { id: 'ov-filter', class: 'ov-filter', placeholder: 'Filter features by name', label: 'Filter features by name', value: state.filter },
        searchIcon(),
      ),
      h(
        'div',
        { class: 'ov-control' },
        h('span', { class: 'ov-control-label', id: 'ov-sort-label' }, 'Sort by'),
        h(
          'vscode-single-select',
          { id: 'ov-sort', class: 'ov-select', 'aria-labelledby': 'ov-sort-label' },
          SORT_KEYS.map((k) => option(k, SORT_LABELS[k], k === state.sort, SORT_DESCRIPTIONS[k])),
        ),
        h('vscode-checkbox', { id: 'ov-reverse', label: 'Reverse', checked: state.reverse }),
      ),
      h(
        'div',
        { class: 'ov-control' },
        h('span', { class: 'ov-control-label', id: 'ov-chart-label' }, 'Chart'),
        h(
          'vscode-single-select',
          { id: 'ov-chart', class: 'ov-select', 'aria-labelledby': 'ov-chart-label' },
          CHART_KINDS.map((k) => option(k, CHART_LABELS[k], k === state.chart)),
        ),
        h('vscode-checkbox', { id: 'ov-log', label: 'Log scale', checked: state.logScale }),
      ),
      h('span', { id: 'ov-count', class: 'ov-count', role: 'status', 'aria-live': 'polite' }),
    ),
    h(
      'div',
      { id: 'ov-status', class: 'ov-status', hidden: true },
      h('vscode-progress-bar', { id: 'ov-progress', class: 'ov-progress', 'aria-label': 'Progress' }),
      h('span', { id: 'ov-progress-text', class: 'ov-progress-text' }),
    ),
    h('div', { id: 'ov-error', class: 'ov-error', role: 'alert', hidden: true }),
    h(
      'section',
      { id: 'ov-other', class: 'ov-other', hidden: true, 'aria-labelledby': 'ov-other-title' },
      h('h2', { id: 'ov-other-title', class: 'ov-other-title' }),
      h('div', { id: 'ov-other-list' }),
    ),
    SECTIONS.map((s) =>
      h(
        'vscode-collapsible',
        { id: `ov-section-${s}`, class: 'ov-section', heading: sectionHeading(s, 0, 0), open: !state.collapsed[s], hidden: true },
        h('div', { id: `ov-table-${s}`, class: `ov-table ov-table-${s}`, role: 'table', 'aria-label': SECTION_TITLES[s] }),
      ),
    ),
    h('p', { id: 'ov-empty', class: 'ov-empty', hidden: true }),
    h('div', { id: 'ov-tooltip', class: 'ov-tooltip', role: 'tooltip', hidden: true }),
  );
}

export class OverviewPage {
  private state: OverviewUiState;
  private dataset: DatasetInfo | undefined;
  private anomalies: AnomalyIndex = EMPTY_ANOMALIES;
  private anomaliesKnown = false;
  private readonly bodies = new Map<number, HTMLElement>();
  private readonly rowsByIndex = new Map<number, FeatureRow>();
  private readonly heads = new Map<SectionId, Node>();
  /** The feature index whose name button is each table's Tab stop. */
  private readonly tabStops = new Map<SectionId, number>();
  private layoutQueued = false;
  private readonly resize: ColumnResize;
  /** Rows not mounted yet, in the order they were visible when the rebuild started. */
  private pending: FeatureRow[] = [];
  private pendingTimer: ReturnType<typeof setTimeout> | undefined;
  private rebuildStart = 0;
  /** Bumped when pending work is cancelled, so a stale animation-frame callback does nothing. */
  private generation = 0;

  private readonly el: {
    title: HTMLElement;
    summary: HTMLElement;
    validate: VscodeButton;
    filter: VscodeTextfield;
    sort: VscodeSingleSelect;
    reverse: VscodeCheckbox;
    chart: VscodeSingleSelect;
    log: VscodeCheckbox;
    count: HTMLElement;
    status: HTMLElement;
    progress: VscodeProgressBar;
    progressText: HTMLElement;
    error: HTMLElement;
    other: HTMLElement;
    otherTitle: HTMLElement;
    otherList: HTMLElement;
    empty: HTMLElement;
    tooltip: HTMLElement;
    sections: Record<SectionId, VscodeCollapsible>;
    tables: Record<SectionId, HTMLElement>;
  };

  constructor(
    private readonly root: HTMLElement,
    initial: OverviewUiState,
    private readonly callbacks: OverviewPageCallbacks,
  ) {
    this.state = initial;
    root.replaceChildren(mountView(chromeView(initial)));
    this.el = {
      title: byId(root, 'ov-title'),
      summary: byId(root, 'ov-summary'),
      validate: byId(root, 'ov-validate'),
      filter: byId(root, 'ov-filter'),
      sort: byId(root, 'ov-sort'),
      reverse: byId(root, 'ov-reverse'),
      chart: byId(root, 'ov-chart'),
      log: byId(root, 'ov-log'),
      count: byId(root, 'ov-count'),
      status: byId(root, 'ov-status'),
      progress: byId(root, 'ov-progress'),
      progressText: byId(root, 'ov-progress-text'),
      error: byId(root, 'ov-error'),
      other: byId(root, 'ov-other'),
      otherTitle: byId(root, 'ov-other-title'),
      otherList: byId(root, 'ov-other-list'),
      empty: byId(root, 'ov-empty'),
      tooltip: byId(root, 'ov-tooltip'),
      sections: { numeric: byId(root, 'ov-section-numeric'), categorical: byId(root, 'ov-section-categorical') },
      tables: { numeric: byId(root, 'ov-table-numeric'), categorical: byId(root, 'ov-table-categorical') },
    };
    for (const s of SECTIONS) this.heads.set(s, mountView(tableHeadView(s)));
    this.resize = attachColumnResize({ root, initial: initial.nameWidth, onChange: (nameWidth) => this.update({ nameWidth }, 'none') });
    this.wire();
    for (const s of SECTIONS) {
      attachNameTooltips(this.el.tables[s], this.el.tooltip);
      attachDataTips(this.el.tables[s]);
    }
    // Expanded charts are drawn at the table's width: redraw them when it changes.
    let lastWidth = 0;
    new ResizeObserver(() => {
      const width = this.detailWidth();
      if (Math.abs(width - lastWidth) < 24) return;
      lastWidth = width;
      for (const row of this.rowsByIndex.values()) if (this.state.expanded.includes(row.name) && this.bodies.has(row.index)) this.remountRow(row);
    }).observe(root);
    // The column headers stick just below the toolbar, whose height changes when it wraps.
    const toolbar = root.querySelector('.ov-toolbar');
    if (toolbar) {
      new ResizeObserver(() => {
        root.style.setProperty('--ov-sticky-top', `${Math.ceil(toolbar.getBoundingClientRect().height)}px`);
      }).observe(toolbar);
    }
  }

  private wire(): void {
    const { el } = this;
    el.filter.addEventListener('input', () => this.update({ filter: el.filter.value }, 'layout'));
    el.filter.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && el.filter.value !== '') {
        el.filter.value = '';
        this.update({ filter: '' }, 'layout');
        e.stopPropagation();
      }
    });
    el.sort.addEventListener('change', () => {
      const value = el.sort.value as SortKey;
      if ((SORT_KEYS as readonly string[]).includes(value)) this.update({ sort: value }, 'layout');
    });
    el.reverse.addEventListener('change', () => this.update({ reverse: el.reverse.checked }, 'layout'));
    el.chart.addEventListener('change', () => {
      const value = el.chart.value as ChartKind;
      if ((CHART_KINDS as readonly string[]).includes(value)) this.update({ chart: value }, 'rebuild');
    });
    el.log.addEventListener('change', () => this.update({ logScale: el.log.checked }, 'rebuild'));
    el.validate.addEventListener('click', () => {
      if (!el.validate.disabled) this.callbacks.onValidate();
    });
    window.addEventListener('scroll', () => this.hideTooltip(), { passive: true });
    for (const s of SECTIONS) {
      el.sections[s].addEventListener('vsc-collapsible-toggle', (e) => {
        this.update({ collapsed: { ...this.state.collapsed, [s]: !e.detail.open } }, 'none');
      });
      const table = el.tables[s];
      table.addEventListener('click', (e) => {
        if (this.onExpansionClick(s, e)) return;
        const button = this.nameButton(e.target);
        if (!button) return;
        const row = this.rowsByIndex.get(Number(button.dataset.index));
        if (!row) return;
        this.setTabStop(s, row.index);
        this.callbacks.onReveal(row);
      });
      table.addEventListener('keydown', (e) => this.onTableKey(s, e));
      table.addEventListener('pointermove', (e) => this.onChartHover(e));
      table.addEventListener('pointerleave', () => this.hideTooltip());
    }
  }

  /**
   * Clicks that expand or collapse a row (its expander, or the row outside the name, the chart and the top
   * value, which have their own actions) or switch an expanded row's chart. True when the click was one.
   */
  private onExpansionClick(section: SectionId, e: MouseEvent): boolean {
    const target = e.target instanceof Element ? e.target : null;
    const toggle = target?.closest<HTMLElement>('button.detail-chart-toggle');
    const block = target?.closest<HTMLElement>('.feature');
    const row = block ? this.rowsByIndex.get(Number(block.dataset.index)) : undefined;
    if (!target || !row) return false;
    if (toggle) {
      const chart = toggle.dataset.chart as ChartKind;
      if ((CHART_KINDS as readonly string[]).includes(chart) && chart !== this.state.chart) {
        this.el.chart.value = chart;
        this.update({ chart }, 'rebuild');
        this.bodies.get(row.index)?.querySelector<HTMLElement>(`button.detail-chart-toggle[data-chart="${chart}"]`)?.focus();
      }
      return true;
    }
    const onRow = target.closest('.feature-row') && !target.closest('button.feature-name, svg.chart, .col-top');
    if (!target.closest('button.feature-expander') && !onRow) return false;
    this.update({ expanded: toggleExpanded(this.state.expanded, row.name) }, 'none');
    this.remountRow(row);
    this.setTabStop(section, row.index);
    this.bodies.get(row.index)?.querySelector<HTMLElement>('button.feature-expander')?.focus();
    return true;
  }

  /** Re-creates one feature's row group in place (it was expanded or collapsed, or its width changed). */
  private remountRow(row: FeatureRow): void {
    const d = this.dataset;
    const old = this.bodies.get(row.index);
    if (!d || !old) return;
    const el = this.mountRow(row, d.summary.numExamples);
    if (old.isConnected) old.replaceWith(el);
    if (this.tabStops.get(row.kind) === row.index) this.setTabStop(row.kind, row.index);
  }

  /** The width expanded charts are drawn at: the page's, less the detail's indent and padding. */
  private detailWidth(): number {
    return Math.max(360, Math.round(this.root.clientWidth - 112));
  }

  /** One tooltip element for every chart, filled from the model on hover (no per-bar nodes in the DOM). */
  private onChartHover(e: PointerEvent): void {
    const hit = e.target instanceof Element ? e.target.closest('svg.chart') : null;
    // An expanded row's charts have their own data tips (featureDetail.ts).
    const chart = hit?.closest('.feature-detail') ? null : hit;
    const block = chart?.closest<HTMLElement>('.feature');
    const row = block ? this.rowsByIndex.get(Number(block.dataset.index)) : undefined;
    if (!chart || !row) {
      this.hideTooltip();
      return;
    }
    const box = chart.getBoundingClientRect();
    const x = ((e.clientX - box.left) / box.width) * CHART_SIZE.width;
    const text = chartTooltip(row, { chart: this.state.chart, logScale: this.state.logScale }, x);
    if (text === undefined) {
      this.hideTooltip();
      return;
    }
    const tip = this.el.tooltip;
    tip.textContent = text;
    tip.hidden = false;
    const width = tip.offsetWidth;
    const left = Math.max(4, Math.min(window.innerWidth - width - 4, e.clientX - width / 2));
    tip.style.setProperty('left', `${left}px`);
    tip.style.setProperty('top', `${box.top - tip.offsetHeight - 6}px`);
  }

  private hideTooltip(): void {
    this.el.tooltip.hidden = true;
  }

  private nameButton(target: EventTarget | null, selector = 'button.feature-name'): HTMLButtonElement | undefined {
    const el = target instanceof Element ? target.closest(selector) : null;
    return el instanceof HTMLButtonElement ? el : undefined;
  }

  /** ↑/↓ (Home, End, Page keys) move between the rows' names, or between their expanders. */
  private onTableKey(section: SectionId, e: KeyboardEvent): void {
    const kind = this.nameButton(e.target) ? 'button.feature-name' : this.nameButton(e.target, 'button.feature-expander') ? 'button.feature-expander' : undefined;
    const button = kind ? this.nameButton(e.target, kind) : undefined;
    if (!kind || !button) return;
    const buttons = Array.from(this.el.tables[section].querySelectorAll<HTMLButtonElement>(kind));
    const next = nextFocusIndex(buttons.indexOf(button), e.key, buttons.length);
    if (next === undefined) return;
    e.preventDefault();
    const target = buttons[next];
    this.setTabStop(section, Number(target.dataset.index));
    target.focus();
  }

  private setTabStop(section: SectionId, index: number): void {
    const previous = this.tabStops.get(section);
    if (previous !== undefined && previous !== index) {
      this.nameButtonOf(previous)?.setAttribute('tabindex', '-1');
      this.bodies.get(previous)?.querySelector('button.feature-expander')?.setAttribute('tabindex', '-1');
    }
    this.tabStops.set(section, index);
    this.nameButtonOf(index)?.setAttribute('tabindex', '0');
    this.bodies.get(index)?.querySelector('button.feature-expander')?.setAttribute('tabindex', '0');
  }

  private nameButtonOf(index: number): HTMLButtonElement | null | undefined {
    return this.bodies.get(index)?.querySelector<HTMLButtonElement>('button.feature-name');
  }

  private update(change: Partial<OverviewUiState>, effect: 'layout' | 'rebuild' | 'none'): void {
    this.state = { ...this.state, ...change };
    this.callbacks.onStateChange(this.state);
    if (effect === 'rebuild') {
      this.rebuild();
      this.layout(false);
    } else if (effect === 'layout') {
      this.queueLayout();
    }
  }

  /** Coalesces bursts (fast typing) into one layout per frame. */
  private queueLayout(): void {
    if (this.layoutQueued) return;
    this.layoutQueued = true;
    requestAnimationFrame(() => {
      this.layoutQueued = false;
      this.layout();
    });
  }

  /**
   * Shows a dataset, replacing whatever was shown. Its `anomalies`, when the host sent them with the statistics,
   * are shown in the same pass; without them the dataset counts as not validated (earlier anomalies described
   * other statistics).
   */
  setDataset(dataset: DatasetInfo, anomalies?: AnomalyIndex): void {
    this.dataset = dataset;
    this.anomalies = anomalies ?? EMPTY_ANOMALIES;
    this.anomaliesKnown = anomalies !== undefined;
    this.rowsByIndex.clear();
    for (const row of dataset.summary.features) this.rowsByIndex.set(row.index, row);
    this.tabStops.clear();
    this.renderHeader();
    this.rebuild();
    this.layout(false);
    this.root.setAttribute('aria-busy', 'false');
  }

  setAnomalies(anomalies: AnomalyIndex): void {
    this.anomalies = anomalies;
    this.anomaliesKnown = true;
    this.renderHeader();
    this.renderOtherAnomalies();
    if (this.dataset) {
      this.rebuild();
      this.layout(false);
    }
  }

  setValidating(busy: boolean): void {
    this.el.validate.disabled = busy;
    this.el.validate.textContent = busy ? 'Validating\u2026' : 'Validate';
  }

  /** Shows progress; `undefined` hides it. */
  setProgress(progress: { message: string; fraction?: number } | undefined): void {
    const { status, progress: bar, progressText } = this.el;
    status.hidden = progress === undefined;
    if (!progress) return;
    progressText.textContent = progress.message;
    if (progress.fraction === undefined) {
      bar.indeterminate = true;
    } else {
      bar.indeterminate = false;
      bar.max = 100;
      bar.value = Math.round(progress.fraction * 100);
    }
  }

  /** Shows an error banner; `undefined` hides it. */
  setError(message: string | undefined): void {
    this.el.error.hidden = message === undefined;
    this.el.error.textContent = message ?? '';
  }

  private renderHeader(): void {
    const d = this.dataset;
    if (!d) return;
    const { summary } = d;
    this.el.title.textContent = d.displayName || summary.name || 'Dataset';
    this.el.title.title = this.el.title.textContent;
    const parts: ViewNode[] = [];
    const examples = `${formatCount(summary.numExamples)} example${summary.numExamples === 1 ? '' : 's'}`;
    parts.push(h('span', { class: 'ov-fact' }, examples));
    if (d.rowCount !== undefined && d.rowCount !== summary.numExamples) {
      parts.push(h('span', { class: 'ov-fact muted' }, `${formatCount(d.rowCount)} rows in file`));
    }
    const n = summary.features.length;
    parts.push(h('span', { class: 'ov-fact' }, `${formatCount(n)} feature${n === 1 ? '' : 's'}`));
    if (this.anomaliesKnown) {
      const count = anomalyCount(this.anomalies);
      parts.push(
        count > 0
          ? h('span', { class: 'ov-fact ov-anomaly-count' }, h('vscode-badge', { variant: 'counter', class: 'ov-badge-error' }, String(count)), count === 1 ? ' anomaly' : ' anomalies')
          : h('span', { class: 'ov-fact ov-no-anomalies' }, 'No anomalies'),
      );
    } else {
      parts.push(h('span', { class: 'ov-fact muted' }, 'Not validated'));
    }
    this.el.summary.replaceChildren(...parts.map((p) => mountView(p)));
  }

  private renderOtherAnomalies(): void {
    const known = new Set(this.dataset?.summary.features.map((f) => f.name) ?? []);
    const others: FeatureAnomaly[] = [];
    if (this.anomalies.dataset) others.push(this.anomalies.dataset);
    for (const a of this.anomalies.byFeature.values()) if (this.dataset && !known.has(a.feature)) others.push(a);
    this.el.other.hidden = others.length === 0;
    this.el.otherTitle.textContent = `Other anomalies (${others.length})`;
    this.el.otherList.replaceChildren(mountView(otherAnomaliesView(others)));
  }

  /** Mounts one feature's row group. */
  private mountRow(row: FeatureRow, numExamples: number): HTMLElement {
    const options = { chart: this.state.chart, logScale: this.state.logScale };
    const expanded = this.state.expanded.includes(row.name);
    const el = mountView(featureBodyView(row, this.anomalies.byFeature.get(row.name), options, numExamples, expanded)) as HTMLElement;
    if (expanded) el.appendChild(mountView(featureDetailView(row, { ...options, width: this.detailWidth() })));
    this.bodies.set(row.index, el);
    return el;
  }

  /**
   * Re-creates every feature's row group from the model (data, anomalies or chart options changed). The first
   * screenful is mounted at once; the rest in chunks after the first frame, appended in order, so that a large
   * dataset shows at once and the page stays responsive while the rest arrives.
   */
  private rebuild(): void {
    this.cancelPending();
    this.bodies.clear();
    const d = this.dataset;
    if (!d) return;
    this.rebuildStart = performance.now();
    const visible = SECTIONS.flatMap((s) => this.visibleRows(s));
    const shown = new Set(visible.map((r) => r.index));
    const all = [...visible, ...d.summary.features.filter((r) => !shown.has(r.index))];
    for (const row of all.slice(0, FIRST_CHUNK)) this.mountRow(row, d.summary.numExamples);
    this.pending = all.slice(FIRST_CHUNK);
    this.schedulePending(true);
    this.renderOtherAnomalies();
  }

  /** Mounts the next chunk in a later task; the first one only after the first frame, so it is not delayed. */
  private schedulePending(afterFrame = false): void {
    if (this.pending.length === 0) {
      performance.measure('overview:allRowsMounted', { start: this.rebuildStart });
      return;
    }
    if (afterFrame) {
      const generation = ++this.generation;
      requestAnimationFrame(() => {
        if (generation === this.generation && this.pending.length > 0) this.schedulePending();
      });
      return;
    }
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = undefined;
      const d = this.dataset;
      if (!d) return;
      for (const row of this.pending.splice(0, CHUNK)) {
        const el = this.mountRow(row, d.summary.numExamples);
        // Pending rows are in the order they were visible, and any re-ordering flushes them first: appending
        // keeps each table in order.
        if (matchesFilter(row, this.state.filter)) this.el.tables[row.kind].appendChild(el);
      }
      this.schedulePending();
    }, 0);
  }

  private cancelPending(): void {
    this.generation++;
    if (this.pendingTimer !== undefined) clearTimeout(this.pendingTimer);
    this.pendingTimer = undefined;
    this.pending = [];
  }

  /** Mounts whatever is still pending, before the tables are re-ordered. */
  private flushPending(): void {
    const d = this.dataset;
    if (!d || this.pending.length === 0) return;
    if (this.pendingTimer !== undefined) clearTimeout(this.pendingTimer);
    this.pendingTimer = undefined;
    for (const row of this.pending) this.mountRow(row, d.summary.numExamples);
    this.pending = [];
    this.schedulePending();
  }

  private visibleRows(section: SectionId): FeatureRow[] {
    const all = this.dataset?.summary.features.filter((f) => f.kind === section) ?? [];
    return visibleFeatures(all, this.state.filter, this.state.sort, this.state.reverse, this.anomalies);
  }

  /** Puts the visible features' bodies in order, updates headings, counts and each table's Tab stop. */
  private layout(flush = true): void {
    const d = this.dataset;
    if (!d) return;
    if (flush) this.flushPending();
    let shown = 0;
    for (const s of SECTIONS) {
      const all = d.summary.features.filter((f) => f.kind === s);
      const visible = this.visibleRows(s);
      shown += visible.length;
      const table = this.el.tables[s];
      const bodies = visible.map((r) => this.bodies.get(r.index)).filter((b): b is HTMLElement => b !== undefined);
      const head = this.heads.get(s);
      table.replaceChildren(...(head ? [head] : []), ...bodies);
      const widths = columnWidths(all);
      table.style.setProperty('--ov-name-width', widths.name);
      table.style.setProperty('--ov-count-width', widths.count);
      const section = this.el.sections[s];
      section.hidden = all.length === 0;
      section.heading = sectionHeading(s, visible.length, all.length);
      const stop = this.tabStops.get(s);
      const keep = stop !== undefined && visible.some((r) => r.index === stop);
      if (visible.length > 0) this.setTabStop(s, keep ? stop : visible[0].index);
    }
    this.resize.sync();
    const total = d.summary.features.length;
    const filtering = this.state.filter.trim() !== '';
    this.el.count.textContent = filtering ? `${formatCount(shown)} of ${formatCount(total)} features` : '';
    this.el.empty.hidden = !(total === 0 || (filtering && shown === 0));
    this.el.empty.textContent = total === 0 ? 'The statistics contain no features.' : `No feature name contains \u201c${this.state.filter.trim()}\u201d.`;
  }
}
