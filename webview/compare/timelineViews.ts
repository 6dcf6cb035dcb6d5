/**
 * The drift timeline over spans as ViewNode descriptions (pure, unit-testable without a DOM): one block per
 * feature, most drifted first — its largest drift, the schema's drift_comparator threshold and the spans over it,
 * and a line chart per distance: TFDV's (what drift_comparator checks, with the threshold line) and, for numeric
 * features, Facetwise's fine JSD; in each, the distance to the previous span (solid) and to the reference
 * (dashed).
 */
import type { FeatureTimeline, SpanDistance, SpanTimeline } from '../../src/protocol/compare/compareProtocol.js';
import { classes, h } from '../shared/viewNode.js';
import type { ViewElement } from '../shared/viewNode.js';
import { formatExact } from '../shared/numberFormat.js';
import type { LineSeries } from '../shared/charts/lineChart.js';
import { lineChartView } from '../shared/charts/lineChart.js';
import type { CompareUiState } from './compareState.js';

const TFDV_NAMES = { lInfinity: 'L∞ (TFDV)', jensenShannon: 'JSD (TFDV)' } as const;
const FINE_NAME = 'JSD, fine (Facetwise)';

export interface TimelineContext {
  readonly timeline: SpanTimeline;
  readonly state: CompareUiState;
}

function fmt(x: number | undefined): string {
  if (x === undefined) return '–';
  if (x === 0) return '0';
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(3))) : x.toExponential(2);
}

export function isDrifting(f: FeatureTimeline): boolean {
  return f.overThreshold.length > 0;
}

/** Features as shown: the timeline's order (most drifted first), filtered. */
export function visibleTimelineFeatures(t: SpanTimeline, state: CompareUiState): FeatureTimeline[] {
  const needle = state.filter.trim().toLowerCase();
  return t.features.filter((f) => (needle === '' || f.pathKey.toLowerCase().includes(needle)) && (!state.overOnly || isDrifting(f)));
}

/** The name of the distance a feature's max drift is measured in. */
export function driftMetricName(f: FeatureTimeline): string {
  return f.fineUnavailable === undefined ? FINE_NAME : TFDV_NAMES[f.tfdvMetric];
}

function pointText(d: SpanDistance | null, pick: 'tfdv' | 'fine', what: string, metric: string): { value: number | undefined; title: string } {
  if (!d) return { value: undefined, title: '' };
  if (d.oneSided) return { value: undefined, title: `${what}: the feature is in one of the two spans only` };
  const v = d[pick];
  return { value: v, title: v === undefined ? `${what}: ${metric} unavailable` : `${what}: ${metric} ${formatExact(v)}` };
}

function seriesOf(f: FeatureTimeline, t: SpanTimeline, pick: 'tfdv' | 'fine', metric: string): LineSeries[] {
  const ref = t.spans[t.reference]?.name ?? 'the reference';
  const over = new Set(pick === 'tfdv' ? f.overThreshold : []);
  return [
    {
      label: 'to the previous span',
      slot: 0,
      points: f.toPrevious.map((d, i) => ({ ...pointText(d, pick, `${t.spans[i]?.name ?? ''} vs ${t.spans[i - 1]?.name ?? ''}`, metric), over: over.has(i) })),
    },
    {
      label: `to ${ref}`,
      slot: 1,
      dashed: true,
      points: f.toReference.map((d, i) => pointText(d, pick, `${t.spans[i]?.name ?? ''} vs ${ref}`, metric)),
    },
  ];
}

function chartFigure(f: FeatureTimeline, t: SpanTimeline, pick: 'tfdv' | 'fine'): ViewElement {
  const metric = pick === 'tfdv' ? TFDV_NAMES[f.tfdvMetric] : FINE_NAME;
  const threshold =
    pick === 'tfdv' && f.driftThreshold
      ? { value: f.driftThreshold.threshold, title: `drift_comparator ${f.driftThreshold.metric} threshold ${fmt(f.driftThreshold.threshold)}` }
      : undefined;
  return h(
    'figure',
    { class: 'tl-chart', 'data-metric': pick },
    h('figcaption', null, metric, pick === 'tfdv' ? h('span', { class: 'muted' }, ' — what drift_comparator checks') : h('span', { class: 'muted' }, ' — from 1,000 quantiles')),
    lineChartView(seriesOf(f, t, pick, metric), {
      width: 360,
      height: 120,
      categories: t.spans.map((s) => s.name),
      ...(threshold ? { threshold } : {}),
      ariaLabel: `${metric} of ${f.pathKey} per span`,
      formatValue: fmt,
    }),
  );
}

function thresholdBadge(f: FeatureTimeline, t: SpanTimeline): ViewElement | null {
  const d = f.driftThreshold;
  if (!d) return null;
  const over = f.overThreshold.map((i) => t.spans[i]?.name ?? String(i + 1));
  return h(
    'span',
    { class: classes('badge', 'badge-threshold', over.length > 0 && 'over'), title: `drift_comparator ${d.metric} threshold, checked as TFDV does: each span against the previous one` },
    over.length > 0 ? `drift > ${fmt(d.threshold)} at ${over.join(', ')}` : `drift ≤ ${fmt(d.threshold)}`,
  );
}

function timelineFeatureView(f: FeatureTimeline, ctx: TimelineContext): ViewElement {
  const t = ctx.timeline;
  const missing = t.spans.filter((_, i) => !f.present[i]).map((s) => s.name);
  return h(
    'section',
    { class: classes('tl-feature', isDrifting(f) && 'has-anomaly'), 'data-feature': f.pathKey, 'aria-label': f.pathKey },
    h(
      'div',
      { class: 'tl-head' },
      h('span', { class: 'name-text' }, f.pathKey),
      h('span', { class: 'type-tag inline' }, f.kind),
      h(
        'span',
        { class: 'tl-max' },
        'max drift ',
        h('span', { class: 'distance-value', 'data-max': String(f.maxDrift), title: formatExact(f.maxDrift) }, fmt(f.maxDrift)),
        // A feature some span lacks counts as 1 there (as in the pairwise panel): say so rather than name a metric.
        h('span', { class: 'metric-name' }, missing.length > 0 && f.maxDrift === 1 ? ' (a span lacks the feature)' : ` ${driftMetricName(f)}`),
      ),
      thresholdBadge(f, t),
      missing.length > 0 ? h('span', { class: 'presence' }, `not in ${missing.join(', ')}`) : null,
    ),
    h(
      'div',
      { class: 'tl-charts' },
      chartFigure(f, t, 'tfdv'),
      f.fineUnavailable === undefined ? chartFigure(f, t, 'fine') : h('p', { class: 'tl-note muted' }, f.fineUnavailable),
    ),
  );
}

function legendView(t: SpanTimeline): ViewElement {
  return h(
    'div',
    { class: 'tl-legend', 'aria-hidden': 'true' },
    h('span', { class: 'line-series series-0' }, h('span', { class: 'legend-line' }), ' to the previous span'),
    h('span', { class: 'line-series series-1 dashed' }, h('span', { class: 'legend-line' }), ` to ${t.spans[t.reference]?.name ?? 'the reference'} (reference)`),
    h('span', { class: 'threshold' }, h('span', { class: 'legend-line' }), ' drift_comparator threshold'),
  );
}

export function timelineListView(ctx: TimelineContext): ViewElement {
  const shown = visibleTimelineFeatures(ctx.timeline, ctx.state);
  return h(
    'div',
    { class: 'timeline', id: 'cmp-timeline' },
    legendView(ctx.timeline),
    shown.length === 0
      ? h('p', { class: 'muted empty' }, ctx.state.overOnly ? 'No feature drifts past a drift_comparator threshold of the schema.' : 'No feature matches the filter.')
      : shown.map((f) => timelineFeatureView(f, ctx)),
  );
}

export function timelineSummaryText(t: SpanTimeline, shown: number): string {
  const drifting = t.features.filter(isDrifting).length;
  const first = t.spans[0]?.name ?? '';
  const last = t.spans[t.spans.length - 1]?.name ?? '';
  return [
    `${t.spans.length} spans, ${first} to ${last}; reference ${t.spans[t.reference]?.name ?? ''}`,
    shown === t.features.length ? `${t.features.length} features, most drifted first` : `${shown} of ${t.features.length} features`,
    drifting === 0 ? 'no feature over a drift threshold' : `${drifting} feature${drifting === 1 ? '' : 's'} over a drift threshold`,
  ].join(' · ');
}
