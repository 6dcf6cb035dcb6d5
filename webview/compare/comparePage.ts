/**
 * The comparison page in the DOM: the header (title, summary, sort metric, filter, "only over threshold", log
 * scale, percent/count) built once, the feature list re-rendered from comparisonViews.ts on every change. With
 * spans, two tabs: the drift timeline (timelineViews.ts, with the reference span to choose) and the last span
 * against the one before. User actions come back through the callbacks (Set threshold, reference, reveal).
 * Every data value is text (mountView).
 */
import { fromBinary } from '@bufbuild/protobuf';
import { DatasetFeatureStatisticsListSchema } from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { ComparatorName, DatasetComparison, SpanTimeline, ThresholdMetric } from '../../src/protocol/compare/compareProtocol.js';
import { mountView } from '../shared/mountView.js';
import { h } from '../shared/viewNode.js';
import type { FeatureFigures } from './featureFigures.js';
import { datasetFigures } from './featureFigures.js';
import type { CompareUiState, SortMetric } from './compareState.js';
import { isSortMetric } from './compareState.js';
import { featureListView, METRIC_NAMES, summaryText, visibleFeatures } from './compareViews.js';
import { timelineListView, timelineSummaryText, visibleTimelineFeatures } from './timelineViews.js';

export interface ComparePageCallbacks {
  onStateChange(state: CompareUiState): void;
  /** Undefined when there is no host (the offline report). */
  readonly onSetThreshold?: (request: { feature: string; comparator: ComparatorName; metric: ThresholdMetric; threshold: number }) => void;
  /** Undefined when there is no host (the offline report). */
  readonly onSetReference?: (reference: number) => void;
}

export interface ShowOptions {
  readonly canSetThreshold: boolean;
  readonly schemaName?: string;
  readonly note?: string;
  readonly inputs?: readonly string[];
  readonly timeline?: SpanTimeline;
}

interface Loaded {
  readonly model: DatasetComparison;
  readonly figures: ReadonlyArray<ReadonlyMap<string, FeatureFigures>>;
  readonly canSetThreshold: boolean;
  readonly schemaName: string | undefined;
  readonly note: string | undefined;
  readonly timeline: SpanTimeline | undefined;
}

export class ComparePage {
  private loaded: Loaded | undefined;
  private readonly list: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;
  private readonly tabs: HTMLElement;
  private readonly referenceSelect: HTMLSelectElement;

  constructor(
    private readonly root: HTMLElement,
    private state: CompareUiState,
    private readonly callbacks: ComparePageCallbacks,
  ) {
    const doc = root.ownerDocument;
    const metricOptions = (['default', ...Object.keys(METRIC_NAMES)] as SortMetric[]).map((m) =>
      h('option', { value: m, selected: m === state.metric }, m === 'default' ? 'Default: L∞ (categorical), fine JSD (numeric)' : METRIC_NAMES[m]),
    );
    const header = h(
      'header',
      { class: 'cmp-header' },
      h('div', { class: 'cmp-heading' }, h('h1', { id: 'cmp-title', class: 'cmp-title' }, 'Comparing…'), h('div', { id: 'cmp-summary', class: 'cmp-summary' }, '')),
      h(
        'div',
        { id: 'cmp-tabs', class: 'cmp-tabs', role: 'tablist', 'aria-label': 'View', hidden: true },
        h('button', { type: 'button', role: 'tab', id: 'cmp-tab-timeline', class: 'cmp-tab', 'data-tab': 'timeline', 'aria-controls': 'cmp-body' }, 'Drift timeline'),
        h('button', { type: 'button', role: 'tab', id: 'cmp-tab-pair', class: 'cmp-tab', 'data-tab': 'pair', 'aria-controls': 'cmp-body' }, 'Last span'),
      ),
      h(
        'div',
        { class: 'cmp-controls' },
        h('label', { class: 'timeline-only', hidden: true }, 'Reference span ', h('select', { id: 'cmp-reference' })),
        h('label', { class: 'pair-only' }, 'Sort by ', h('select', { id: 'cmp-metric' }, metricOptions)),
        h('input', { id: 'cmp-filter', type: 'search', placeholder: 'Filter features', value: state.filter, 'aria-label': 'Filter features by name' }),
        h('label', null, h('input', { id: 'cmp-over', type: 'checkbox', checked: state.overOnly }), ' Only over threshold'),
        h('label', { class: 'pair-only' }, h('input', { id: 'cmp-log', type: 'checkbox', checked: state.logScale }), ' Log scale'),
        h('label', { class: 'pair-only' }, h('input', { id: 'cmp-percent', type: 'checkbox', checked: state.percent }), ' Percent'),
      ),
      h('div', { id: 'cmp-status', class: 'cmp-status', role: 'status' }, ''),
    );
    root.replaceChildren(mountView(header, doc), mountView(h('div', { id: 'cmp-body', class: 'cmp-body' }), doc));
    this.list = root.querySelector('#cmp-body') as HTMLElement;
    this.summary = root.querySelector('#cmp-summary') as HTMLElement;
    this.title = root.querySelector('#cmp-title') as HTMLElement;
    this.status = root.querySelector('#cmp-status') as HTMLElement;
    this.tabs = root.querySelector('#cmp-tabs') as HTMLElement;
    this.referenceSelect = root.querySelector('#cmp-reference') as HTMLSelectElement;
    this.wire();
  }

  private wire(): void {
    const q = <T extends HTMLElement>(id: string): T => this.root.querySelector(`#${id}`) as T;
    q<HTMLSelectElement>('cmp-metric').addEventListener('change', (e) => {
      const v = (e.target as HTMLSelectElement).value;
      if (isSortMetric(v)) this.update({ metric: v });
    });
    q<HTMLInputElement>('cmp-filter').addEventListener('input', (e) => this.update({ filter: (e.target as HTMLInputElement).value }));
    q<HTMLInputElement>('cmp-filter').addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        (e.target as HTMLInputElement).value = '';
        this.update({ filter: '' });
      }
    });
    q<HTMLInputElement>('cmp-over').addEventListener('change', (e) => this.update({ overOnly: (e.target as HTMLInputElement).checked }));
    q<HTMLInputElement>('cmp-log').addEventListener('change', (e) => this.update({ logScale: (e.target as HTMLInputElement).checked }));
    q<HTMLInputElement>('cmp-percent').addEventListener('change', (e) => this.update({ percent: (e.target as HTMLInputElement).checked }));
    this.tabs.addEventListener('click', (e) => {
      const tab = (e.target as Element).closest('[data-tab]')?.getAttribute('data-tab');
      if (tab === 'timeline' || tab === 'pair') this.update({ tab });
    });
    // Arrow keys move between the tabs, as in any tab list.
    this.tabs.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const tab = this.state.tab === 'timeline' ? 'pair' : 'timeline';
      this.update({ tab });
      (this.tabs.querySelector(`[data-tab="${tab}"]`) as HTMLElement | null)?.focus();
    });
    this.referenceSelect.addEventListener('change', () => {
      const reference = Number(this.referenceSelect.value);
      if (!Number.isSafeInteger(reference) || !this.callbacks.onSetReference) return;
      this.setStatus(`Measuring every span against ${this.loaded?.timeline?.spans[reference]?.name ?? 'the new reference'}…`);
      this.callbacks.onSetReference(reference);
    });
    this.list.addEventListener('click', (e) => {
      const target = (e.target as Element).closest('[data-action]');
      if (!target) return;
      const feature = target.getAttribute('data-feature') ?? '';
      const action = target.getAttribute('data-action');
      if (action === 'toggle') {
        const expanded = this.state.expanded.includes(feature) ? this.state.expanded.filter((f) => f !== feature) : [...this.state.expanded, feature];
        this.update({ expanded });
        (this.list.querySelector(`[data-action="toggle"][data-feature="${CSS.escape(feature)}"]`) as HTMLElement | null)?.focus();
      } else if (action === 'set-threshold') {
        const form = target.closest('.threshold-form');
        const comparator = (form?.querySelector('[data-role="comparator"]') as HTMLSelectElement | null)?.value;
        const threshold = Number((form?.querySelector('[data-role="threshold"]') as HTMLInputElement | null)?.value);
        const metric = target.getAttribute('data-metric');
        if ((comparator !== 'skew' && comparator !== 'drift') || (metric !== 'infinityNorm' && metric !== 'jensenShannonDivergence')) return;
        if (!(threshold >= 0 && threshold <= 1)) {
          this.setStatus('A threshold is a number from 0 to 1.');
          return;
        }
        this.setStatus(`Setting the ${comparator} threshold of ${feature} to ${threshold}…`);
        this.callbacks.onSetThreshold?.({ feature, comparator, metric, threshold });
      }
    });
  }

  private update(patch: Partial<CompareUiState>): void {
    this.state = { ...this.state, ...patch };
    this.callbacks.onStateChange(this.state);
    this.render();
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  show(stats: Uint8Array, model: DatasetComparison, options: ShowOptions): void {
    const list = fromBinary(DatasetFeatureStatisticsListSchema, stats);
    const figures = model.datasets.map((_, i) => {
      const d = list.datasets[i];
      return d ? datasetFigures(d) : new Map<string, FeatureFigures>();
    });
    const timeline = options.timeline;
    this.loaded = { model, figures, canSetThreshold: options.canSetThreshold && this.callbacks.onSetThreshold !== undefined, schemaName: options.schemaName, note: options.note, timeline };
    const a = model.datasets[model.baseline]?.name ?? '';
    const b = model.datasets[model.target]?.name ?? '';
    this.title.textContent = timeline ? `Drift over ${timeline.spans.length} spans` : `${b} vs ${a}`;
    this.tabs.hidden = !timeline;
    (this.tabs.querySelector('[data-tab="pair"]') as HTMLElement).textContent = `${b} vs ${a}`;
    if (timeline) {
      this.referenceSelect.replaceChildren(...timeline.spans.map((s, i) => mountView(h('option', { value: String(i), selected: i === timeline.reference }, s.name), this.root.ownerDocument)));
      this.referenceSelect.disabled = !this.callbacks.onSetReference;
    }
    // What is compared travels in the saved state, so that the panel is compared again after a reload.
    this.state = { ...this.state, inputs: options.inputs ?? [], spans: timeline !== undefined, reference: timeline?.reference ?? 0 };
    this.callbacks.onStateChange(this.state);
    this.root.setAttribute('aria-busy', 'false');
    this.render();
  }

  private render(): void {
    const l = this.loaded;
    if (!l) return;
    const onTimeline = l.timeline !== undefined && this.state.tab === 'timeline';
    for (const b of this.tabs.querySelectorAll<HTMLElement>('[data-tab]')) {
      const selected = b.getAttribute('data-tab') === (onTimeline ? 'timeline' : 'pair');
      b.setAttribute('aria-selected', selected ? 'true' : 'false');
      b.tabIndex = selected ? 0 : -1;
    }
    for (const e of this.root.querySelectorAll<HTMLElement>('.timeline-only')) e.hidden = !onTimeline;
    for (const e of this.root.querySelectorAll<HTMLElement>('.pair-only')) e.hidden = onTimeline;
    if (l.timeline && onTimeline) {
      const extra = [l.schemaName ? `drift thresholds from ${l.schemaName}` : 'no schema: no thresholds'];
      this.summary.textContent = [timelineSummaryText(l.timeline, visibleTimelineFeatures(l.timeline, this.state).length), ...extra].join(' · ');
      this.list.replaceChildren(mountView(timelineListView({ timeline: l.timeline, state: this.state }), this.root.ownerDocument));
      return;
    }
    const ctx = { model: l.model, figures: l.figures, state: this.state, canSetThreshold: l.canSetThreshold };
    const shown = visibleFeatures(l.model, this.state).length;
    const extra = [l.schemaName ? `thresholds from ${l.schemaName}` : 'no schema: no thresholds', l.note].filter((x): x is string => !!x);
    this.summary.textContent = [summaryText(l.model, shown), ...extra].join(' · ');
    this.list.replaceChildren(mountView(featureListView(ctx), this.root.ownerDocument));
  }
}
