/**
 * The comparison page in the DOM: the header (title, summary, sort metric, filter, "only over threshold", log
 * scale, percent/count) built once, the feature list re-rendered from comparisonViews.ts on every change. User
 * actions come back through the callbacks (Set threshold, reveal). Every data value is text (mountView).
 */
import { fromBinary } from '@bufbuild/protobuf';
import { DatasetFeatureStatisticsListSchema } from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { ComparatorName, DatasetComparison, ThresholdMetric } from '../../src/protocol/compare/compareProtocol.js';
import { mountView } from '../shared/mountView.js';
import { h } from '../shared/viewNode.js';
import type { FeatureFigures } from './featureFigures.js';
import { datasetFigures } from './featureFigures.js';
import type { CompareUiState, SortMetric } from './compareState.js';
import { isSortMetric } from './compareState.js';
import { featureListView, METRIC_NAMES, summaryText, visibleFeatures } from './compareViews.js';

export interface ComparePageCallbacks {
  onStateChange(state: CompareUiState): void;
  /** Undefined when there is no host (the offline report). */
  readonly onSetThreshold?: (request: { feature: string; comparator: ComparatorName; metric: ThresholdMetric; threshold: number }) => void;
}

interface Loaded {
  readonly model: DatasetComparison;
  readonly figures: ReadonlyArray<ReadonlyMap<string, FeatureFigures>>;
  readonly canSetThreshold: boolean;
  readonly schemaName: string | undefined;
  readonly note: string | undefined;
}

export class ComparePage {
  private loaded: Loaded | undefined;
  private readonly list: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;

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
        { class: 'cmp-controls' },
        h('label', null, 'Sort by ', h('select', { id: 'cmp-metric' }, metricOptions)),
        h('input', { id: 'cmp-filter', type: 'search', placeholder: 'Filter features', value: state.filter, 'aria-label': 'Filter features by name' }),
        h('label', null, h('input', { id: 'cmp-over', type: 'checkbox', checked: state.overOnly }), ' Only over threshold'),
        h('label', null, h('input', { id: 'cmp-log', type: 'checkbox', checked: state.logScale }), ' Log scale'),
        h('label', null, h('input', { id: 'cmp-percent', type: 'checkbox', checked: state.percent }), ' Percent'),
      ),
      h('div', { id: 'cmp-status', class: 'cmp-status', role: 'status' }, ''),
    );
    root.replaceChildren(mountView(header, doc), mountView(h('div', { id: 'cmp-body', class: 'cmp-body' }), doc));
    this.list = root.querySelector('#cmp-body') as HTMLElement;
    this.summary = root.querySelector('#cmp-summary') as HTMLElement;
    this.title = root.querySelector('#cmp-title') as HTMLElement;
    this.status = root.querySelector('#cmp-status') as HTMLElement;
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

  show(stats: Uint8Array, model: DatasetComparison, options: { canSetThreshold: boolean; schemaName?: string; note?: string }): void {
    const list = fromBinary(DatasetFeatureStatisticsListSchema, stats);
    const figures = model.datasets.map((_, i) => {
      const d = list.datasets[i];
      return d ? datasetFigures(d) : new Map<string, FeatureFigures>();
    });
    this.loaded = { model, figures, canSetThreshold: options.canSetThreshold && this.callbacks.onSetThreshold !== undefined, schemaName: options.schemaName, note: options.note };
    const a = model.datasets[model.baseline]?.name ?? '';
    const b = model.datasets[model.target]?.name ?? '';
    this.title.textContent = `${b} vs ${a}`;
    this.root.setAttribute('aria-busy', 'false');
    this.render();
  }

  private render(): void {
    const l = this.loaded;
    if (!l) return;
    const ctx = { model: l.model, figures: l.figures, state: this.state, canSetThreshold: l.canSetThreshold };
    const shown = visibleFeatures(l.model, this.state).length;
    const extra = [l.schemaName ? `thresholds from ${l.schemaName}` : 'no schema: no thresholds', l.note].filter((x): x is string => !!x);
    this.summary.textContent = [summaryText(l.model, shown), ...extra].join(' · ');
    this.list.replaceChildren(mountView(featureListView(ctx), this.root.ownerDocument));
  }
}
