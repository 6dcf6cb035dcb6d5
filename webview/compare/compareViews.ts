/**
 * The comparison page as ViewNode descriptions (../shared/viewNode.ts): pure functions of the model, the
 * statistics' figures and the UI state, unit-testable without a DOM; comparePage.ts mounts them. One block per
 * feature, most changed first: its distance with the schema's threshold drawn beside it, every dataset's figures
 * side by side, an overlaid chart; expanded, the full-width chart and the terms that sum to the distance.
 */
import type { ComparatorName, DatasetComparison, FeatureDistances, MetricId, ThresholdMetric, ValueContribution } from '../../src/protocol/compare/compareProtocol.js';
import { classes, h, svg } from '../shared/viewNode.js';
import type { ViewChild, ViewElement } from '../shared/viewNode.js';
import { formatCount, formatExact, formatPercent, formatStat } from '../shared/numberFormat.js';
import { overlayHistogramView } from '../shared/charts/overlayHistogram.js';
import { displayLabel, pairedBarsView } from '../shared/charts/pairedBars.js';
import type { FeatureFigures } from './featureFigures.js';
import type { CompareUiState, SortMetric } from './compareState.js';

export const METRIC_NAMES: Readonly<Record<MetricId, string>> = {
  lInfinity: 'L∞ (TFDV)',
  jensenShannon: 'JSD (TFDV)',
  psi: 'PSI (Facetwise)',
  wasserstein: 'Wasserstein (Facetwise)',
  ks: 'KS (Facetwise)',
  fineJsd: 'JSD, fine (Facetwise)',
};

export const METRIC_HELP: Readonly<Record<MetricId, string>> = {
  lInfinity: 'TFDV’s L-infinity distance: the largest difference in a value’s frequency (non-missing values). What a skew/drift infinity_norm comparator checks.',
  jensenShannon: 'TFDV’s Jensen–Shannon divergence (log 2): the two 10-bucket histograms rebinned, values assumed uniform in a bucket — large on long-tailed features even for one distribution. What a jensen_shannon_divergence comparator checks.',
  psi: 'Population stability index over the baseline’s deciles (from 1,000 quantiles).',
  wasserstein: 'Wasserstein-1 (earth mover’s) distance in the feature’s unit, from 1,000 quantiles.',
  ks: 'Kolmogorov–Smirnov statistic: the largest gap between the two CDFs, from 1,000 quantiles (within the stated error of the exact statistic).',
  fineJsd: 'Jensen–Shannon divergence (log 2) over the baseline’s deciles, from 1,000 quantiles.',
};

export interface ViewContext {
  readonly model: DatasetComparison;
  /** Per dataset (model order): feature key → figures. */
  readonly figures: ReadonlyArray<ReadonlyMap<string, FeatureFigures>>;
  readonly state: CompareUiState;
  readonly canSetThreshold: boolean;
}

/** The metric a feature is shown by: the chosen one, or its own default. */
export function shownMetric(f: FeatureDistances, metric: SortMetric): MetricId {
  return metric === 'default' ? f.defaultMetric : metric;
}

function fmt(x: number | undefined): string {
  if (x === undefined) return '–';
  if (x === 0) return '0';
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(3))) : x.toExponential(2);
}

/** The comparator metric TFDV checks for this kind of feature. */
export function thresholdMetric(f: FeatureDistances): ThresholdMetric {
  return f.kind === 'categorical' ? 'infinityNorm' : 'jensenShannonDivergence';
}

/** The schema thresholds of a feature, with the TFDV distance each applies to. */
export function thresholdsOf(f: FeatureDistances): Array<{ comparator: ComparatorName; metric: ThresholdMetric; threshold: number; value: number | undefined }> {
  const out: Array<{ comparator: ComparatorName; metric: ThresholdMetric; threshold: number; value: number | undefined }> = [];
  for (const comparator of ['skew', 'drift'] as const) {
    const t = f[comparator];
    if (t.infinityNorm !== undefined) out.push({ comparator, metric: 'infinityNorm', threshold: t.infinityNorm, value: f.values.lInfinity });
    if (t.jensenShannonDivergence !== undefined) out.push({ comparator, metric: 'jensenShannonDivergence', threshold: t.jensenShannonDivergence, value: f.values.jensenShannon });
  }
  return out;
}

export function isOverThreshold(f: FeatureDistances): boolean {
  return f.anomalies.length > 0 || thresholdsOf(f).some((t) => t.value !== undefined && t.value > t.threshold);
}

/** Features as shown: filtered, then sorted by the chosen metric (features without it last). */
export function visibleFeatures(model: DatasetComparison, state: CompareUiState): FeatureDistances[] {
  const needle = state.filter.trim().toLowerCase();
  const kept = model.features.filter((f) => (needle === '' || f.pathKey.toLowerCase().includes(needle)) && (!state.overOnly || isOverThreshold(f)));
  if (state.metric === 'default') return kept;
  const m = state.metric;
  const key = (f: FeatureDistances): number => (f.present.every(Boolean) ? (f.values[m] ?? -1) : Infinity);
  return [...kept].sort((a, b) => key(b) - key(a) || (a.pathKey < b.pathKey ? -1 : 1));
}

function presenceText(f: FeatureDistances, model: DatasetComparison): string | undefined {
  if (f.present[model.baseline] && f.present[model.target]) return undefined;
  const only = model.datasets.filter((_, i) => f.present[i]).map((d) => d.name);
  return `only in ${only.join(', ')}`;
}

/** A gauge: the distance as a bar, each schema threshold as a tick, the noise level as a shaded band. */
function gaugeView(f: FeatureDistances, metric: MetricId): ViewElement | null {
  const value = f.values[metric];
  if (value === undefined) return null;
  const ticks = thresholdsOf(f).filter((t) => (t.metric === 'infinityNorm' ? 'lInfinity' : 'jensenShannon') === metric);
  const noise = f.noise && metric === f.defaultMetric ? f.noise.p95 : undefined;
  const top = Math.max(value, noise ?? 0, ...ticks.map((t) => t.threshold)) * 1.15 || 1;
  const W = 120;
  const x = (v: number): number => Math.round((Math.min(v, top) / top) * W * 100) / 100;
  return svg(
    'svg',
    { class: 'gauge', viewBox: `0 0 ${W} 10`, width: W, height: 10, role: 'img', 'aria-label': `distance ${fmt(value)}` },
    svg('rect', { x: 0, y: 3, width: W, height: 4, class: 'gauge-track' }),
    noise !== undefined ? svg('rect', { x: 0, y: 2, width: x(noise), height: 6, class: 'gauge-noise' }, svg('title', null, `noise level ${fmt(noise)}`)) : null,
    svg('rect', { x: 0, y: 3, width: Math.max(1, x(value)), height: 4, class: classes('gauge-bar', isOverThreshold(f) && 'over') }),
    ticks.map((t) => svg('rect', { x: Math.max(0, x(t.threshold) - 1), y: 0, width: 2, height: 10, class: 'gauge-threshold' }, svg('title', null, `${t.comparator} threshold ${fmt(t.threshold)}`))),
  );
}

function distanceCell(f: FeatureDistances, ctx: ViewContext): ViewElement {
  const metric = shownMetric(f, ctx.state.metric);
  const presence = presenceText(f, ctx.model);
  const value = f.values[metric];
  const badges: ViewChild[] = [];
  if (!presence && f.smallSample) badges.push(h('span', { class: 'badge badge-small', title: `Fewer than 1,000 examples with the feature on one side (${formatCount(f.sizes[0])} vs ${formatCount(f.sizes[1])}): the distance is noisy.` }, 'small sample'));
  if (!presence && f.withinNoise && metric === f.defaultMetric) badges.push(h('span', { class: 'badge badge-noise', title: 'At or below the noise level: two samples of these sizes from one distribution differ this much.' }, 'within noise'));
  for (const t of thresholdsOf(f)) {
    const over = t.value !== undefined && t.value > t.threshold;
    badges.push(h('span', { class: classes('badge', 'badge-threshold', over && 'over'), title: `${t.comparator}_comparator ${t.metric === 'infinityNorm' ? 'infinity_norm' : 'jensen_shannon_divergence'} threshold` }, `${t.comparator} ${over ? '>' : '≤'} ${fmt(t.threshold)}`));
  }
  return h(
    'div',
    { class: 'cell col-distance' },
    presence
      ? h('span', { class: 'presence' }, presence)
      : [
          h('span', { class: 'metric-name', title: METRIC_HELP[metric] }, METRIC_NAMES[metric]),
          ' ',
          h('span', { class: 'distance-value', title: value === undefined ? (f.unavailable[metric] ?? 'not computed') : formatExact(value) }, value === undefined ? 'unavailable' : fmt(value)),
          gaugeView(f, metric),
        ],
    badges.length > 0 ? h('div', { class: 'badges' }, badges) : null,
  );
}

const NUMERIC_HEAD = ['Dataset', 'Count', 'Missing', 'Mean', 'Std dev', 'Zeros', 'Min', 'Median', 'Max'];
const CATEGORICAL_HEAD = ['Dataset', 'Count', 'Missing', 'Unique', 'Top value', 'Freq top'];

function figuresTable(f: FeatureDistances, ctx: ViewContext): ViewElement {
  const numeric = f.kind === 'numeric';
  const head = numeric ? NUMERIC_HEAD : CATEGORICAL_HEAD;
  const num = (x: number | undefined): ViewElement => h('td', { class: 'num', title: x === undefined ? undefined : formatExact(x) }, x === undefined ? '–' : formatStat(x));
  const pct = (x: number | undefined, mark: number): ViewElement =>
    h('td', { class: classes('num', x !== undefined && x > mark && 'facets-mark'), title: x !== undefined && x > mark ? `above ${formatPercent(mark)} (Facets marks this)` : undefined }, formatPercent(x));
  return h(
    'table',
    { class: 'figures' },
    h('thead', null, h('tr', null, head.map((c, i) => h('th', { scope: 'col', class: i === 0 || c === 'Top value' ? undefined : 'num' }, c)))),
    h(
      'tbody',
      null,
      ctx.model.datasets.map((d, i) => {
        const fig = ctx.figures[i]?.get(f.pathKey);
        const name = h('th', { scope: 'row', class: `dataset-name series-${i}` }, h('span', { class: 'swatch' }), d.name);
        if (!fig) return h('tr', { class: 'absent' }, name, h('td', { colspan: head.length - 1, class: 'muted' }, 'not in this dataset'));
        if (numeric) {
          const n = fig.numeric;
          return h('tr', null, name, h('td', { class: 'num' }, formatCount(fig.count)), pct(fig.missingRatio, 0.02), num(n?.mean), num(n?.stdDev), pct(n?.zerosRatio, 0.1), num(n?.min), num(n?.median), num(n?.max));
        }
        const c = fig.categorical;
        return h(
          'tr',
          null,
          name,
          h('td', { class: 'num' }, formatCount(fig.count)),
          pct(fig.missingRatio, 0.02),
          h('td', { class: 'num' }, c ? formatCount(c.unique) : '–'),
          h('td', { class: 'top-value', title: c?.topValue !== undefined ? displayLabel(c.topValue) : undefined }, c?.topValue !== undefined ? displayLabel(c.topValue) : '–'),
          h('td', { class: 'num' }, c?.topCount !== undefined ? formatCount(c.topCount) : '–'),
        );
      }),
    ),
  );
}

function seriesLabels(ctx: ViewContext): string[] {
  return ctx.model.datasets.map((d) => d.name);
}

function chartView(f: FeatureDistances, ctx: ViewContext, big: boolean): ViewElement {
  const width = big ? 560 : 180;
  const height = big ? 160 : 40;
  if (f.kind === 'numeric') {
    const series = ctx.model.datasets.flatMap((d, i) => {
      const fig = ctx.figures[i]?.get(f.pathKey);
      return fig?.numeric ? [{ label: d.name, index: i, buckets: fig.numeric.standard }] : [];
    });
    return h(
      'div',
      { class: classes('chart-box', big && 'chart-big') },
      overlayHistogramView(series, { width, height, logScale: ctx.state.logScale, percent: ctx.state.percent, axes: big, ariaLabel: `Histograms of ${f.pathKey}, overlaid` }),
    );
  }
  // Values in the order of their change (the contributions are sorted by |Δ|), at most 8 inline, 20 expanded.
  const labels = (f.contributions.length > 0 ? f.contributions.map((c) => c.label) : [...(ctx.figures[ctx.model.baseline]?.get(f.pathKey)?.categorical?.counts.keys() ?? [])]).slice(0, big ? 20 : 4);
  const values = labels.map((label) => ({ label, counts: ctx.model.datasets.map((_, i) => ctx.figures[i]?.get(f.pathKey)?.categorical?.counts.get(label)) }));
  const totals = ctx.model.datasets.map((_, i) => ctx.figures[i]?.get(f.pathKey)?.categorical?.totalValues ?? 0);
  return h(
    'div',
    { class: classes('chart-box', big && 'chart-big') },
    pairedBarsView(values, { seriesLabels: seriesLabels(ctx), totals, percent: ctx.state.percent, logScale: ctx.state.logScale, barWidth: big ? 240 : 60 }),
  );
}

function nameCell(f: FeatureDistances, expanded: boolean): ViewElement {
  return h(
    'div',
    { class: 'cell col-name' },
    h(
      'button',
      { type: 'button', class: 'expander', 'data-action': 'toggle', 'data-feature': f.pathKey, 'aria-expanded': expanded ? 'true' : 'false', title: expanded ? 'Collapse' : 'Expand: full chart and what makes up the distance' },
      h('span', { class: 'chevron', 'aria-hidden': 'true' }, expanded ? '▾' : '▸'),
      f.anomalies.length > 0 ? h('span', { class: 'anomaly-dot', role: 'img', 'aria-label': 'Anomaly' }, '●') : null,
      h('span', { class: 'name-text' }, f.pathKey),
    ),
    h('span', { class: 'type-tag' }, f.kind),
  );
}

/** The term of each value / bucket for a metric, when that metric is a sum. */
function termsFor(f: FeatureDistances, metric: MetricId): { rows: Array<{ label: string; a: number; b: number; term: number }>; total: number | undefined } | undefined {
  const value = f.values[metric];
  if (f.kind === 'categorical' && (metric === 'lInfinity' || metric === 'jensenShannon' || metric === 'psi')) {
    return { rows: f.contributions.map((c: ValueContribution) => ({ label: displayLabel(c.label), a: c.a, b: c.b, term: c[metric] })), total: value };
  }
  if (f.kind === 'numeric' && metric === 'jensenShannon') {
    return { rows: f.contributions.map((c) => ({ label: c.label, a: c.a, b: c.b, term: c.jensenShannon })), total: value };
  }
  if (f.kind === 'numeric' && (metric === 'psi' || metric === 'fineJsd' || metric === 'wasserstein') && f.fineBins.length > 0) {
    const key = metric === 'fineJsd' ? 'jsd' : metric;
    return {
      rows: f.fineBins.map((b, i) => ({ label: `${i === 0 ? '[' : '('}${formatStat(b.low)}, ${formatStat(b.high)}]`, a: b.a, b: b.b, term: b[key] })),
      total: value,
    };
  }
  return undefined;
}

function termsView(f: FeatureDistances, ctx: ViewContext, metric: MetricId): ViewElement {
  const [a, b] = [ctx.model.datasets[ctx.model.baseline]?.name ?? 'baseline', ctx.model.datasets[ctx.model.target]?.name ?? 'other'];
  if (metric === 'ks' && f.values.ks !== undefined) {
    return h('p', { class: 'terms-note' }, `KS is the largest gap between the two CDFs, ${fmt(f.values.ks)} at ${formatStat(f.ksAt ?? NaN)} — a maximum, not a sum. It is within ±${fmt(f.ksError)} of the exact two-sample statistic (1,000 quantiles per side and the sketch’s rank error).`);
  }
  const terms = termsFor(f, metric);
  if (!terms) return h('p', { class: 'terms-note muted' }, f.unavailable[metric] ?? `${METRIC_NAMES[metric]} has no per-value terms here.`);
  const sum = terms.rows.reduce((s, r) => s + r.term, 0);
  const what = f.kind === 'categorical' ? 'Value' : metric === 'jensenShannon' ? 'Bucket (aligned as TFDV aligns)' : 'Baseline decile';
  return h(
    'table',
    { class: 'terms', 'data-metric': metric },
    h('caption', null, `What makes up ${METRIC_NAMES[metric]} = ${fmt(terms.total)}${metric === 'lInfinity' ? ' (the largest single difference: all of it from one value)' : ''}`),
    h('thead', null, h('tr', null, [what, a, b, 'Δ', 'Term'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      null,
      terms.rows.map((r) =>
        h(
          'tr',
          { class: classes(r.term > 0 && 'contributes') },
          h('th', { scope: 'row', class: 'term-label', title: r.label }, r.label),
          h('td', { class: 'num' }, formatPercent(r.a)),
          h('td', { class: 'num' }, formatPercent(r.b)),
          h('td', { class: 'num' }, `${r.b - r.a >= 0 ? '+' : '−'}${formatPercent(Math.abs(r.b - r.a))}`),
          h('td', { class: 'num term', 'data-term': String(r.term), title: formatExact(r.term) }, fmt(r.term)),
        ),
      ),
    ),
    h('tfoot', null, h('tr', null, h('th', { scope: 'row', colspan: 4 }, 'Sum of the terms'), h('td', { class: 'num term-sum', 'data-sum': String(sum) }, fmt(sum)))),
  );
}

function noiseView(f: FeatureDistances): ViewElement | null {
  if (!f.present.every(Boolean)) return null;
  const sizes = `${formatCount(f.sizes[0])} vs ${formatCount(f.sizes[1])} examples with the feature`;
  if (!f.noise) return h('p', { class: 'noise muted' }, `${sizes}${f.smallSample ? '' : ': samples large enough that sampling noise is small'}.`);
  const n = f.noise;
  return h(
    'p',
    { class: classes('noise', f.withinNoise && 'within-noise') },
    `${sizes}. Noise level of ${METRIC_NAMES[f.defaultMetric]}: ${fmt(n.p95)} — the 95th percentile over ${n.draws} pairs of samples of ${formatCount(n.sizes[0])} and ${formatCount(n.sizes[1])} drawn from one distribution (${n.method}). `,
    f.withinNoise ? 'This distance is within it: it may be sampling noise alone.' : 'This distance is above it.',
  );
}

function thresholdForm(f: FeatureDistances, ctx: ViewContext): ViewElement {
  const metric = thresholdMetric(f);
  const current = f.skew[metric];
  const metricName = metric === 'infinityNorm' ? 'infinity_norm (L∞)' : 'jensen_shannon_divergence (JSD, TFDV)';
  return h(
    'div',
    { class: 'threshold-form', 'data-feature': f.pathKey },
    h('label', null, 'Comparator ', h('select', { 'data-role': 'comparator', disabled: !ctx.canSetThreshold }, h('option', { value: 'skew' }, 'skew_comparator'), h('option', { value: 'drift' }, 'drift_comparator'))),
    h('span', { class: 'muted' }, ` ${metricName} threshold `),
    h('input', { type: 'number', min: 0, max: 1, step: 0.001, 'data-role': 'threshold', value: current ?? 0.01, 'aria-label': `Threshold for ${f.pathKey}`, disabled: !ctx.canSetThreshold }),
    h('button', { type: 'button', class: 'button', 'data-action': 'set-threshold', 'data-feature': f.pathKey, 'data-metric': metric, disabled: !ctx.canSetThreshold }, 'Set threshold'),
    ctx.canSetThreshold ? null : h('span', { class: 'muted' }, ' (needs a schema file and a trusted workspace)'),
  );
}

function anomaliesView(f: FeatureDistances): ViewElement | null {
  if (f.anomalies.length === 0) return null;
  return h(
    'div',
    { class: 'anomalies', role: 'alert' },
    f.anomalies.map((a) => h('div', { class: 'anomaly-line' }, h('span', { class: 'anomaly-short' }, `${a.comparator === 'skew' ? 'Skew' : 'Drift'}: ${a.shortDescription}`), ' — ', h('span', { class: 'anomaly-description' }, a.description))),
  );
}

function detailsView(f: FeatureDistances, ctx: ViewContext): ViewElement {
  const metric = shownMetric(f, ctx.state.metric);
  const other: MetricId[] = (Object.keys(METRIC_NAMES) as MetricId[]).filter((m) => f.values[m] !== undefined || (f.unavailable[m] !== undefined && !/not defined/.test(f.unavailable[m] ?? '')));
  return h(
    'div',
    { class: 'details' },
    h('div', { class: 'details-chart' }, chartView(f, ctx, true)),
    h(
      'dl',
      { class: 'all-distances' },
      other.map((m) => [h('dt', { title: METRIC_HELP[m] }, METRIC_NAMES[m]), h('dd', { title: f.unavailable[m] }, f.values[m] !== undefined ? fmt(f.values[m]) : 'unavailable')]),
    ),
    f.lInfinityValue !== undefined && f.values.lInfinity !== undefined ? h('p', { class: 'muted' }, `L∞ occurs at '${displayLabel(f.lInfinityValue)}'.`) : null,
    noiseView(f),
    termsView(f, ctx, metric),
    anomaliesView(f),
    f.present.every(Boolean) && f.kind !== 'other' ? thresholdForm(f, ctx) : null,
  );
}

export function featureView(f: FeatureDistances, ctx: ViewContext): ViewElement {
  const expanded = ctx.state.expanded.includes(f.pathKey);
  return h(
    'section',
    { class: classes('feature', f.anomalies.length > 0 && 'has-anomaly', expanded && 'expanded'), 'data-feature': f.pathKey, 'aria-label': f.pathKey },
    h('div', { class: 'feature-head' }, nameCell(f, expanded), distanceCell(f, ctx), h('div', { class: 'cell col-figures' }, figuresTable(f, ctx)), h('div', { class: 'cell col-chart' }, chartView(f, ctx, false))),
    expanded ? detailsView(f, ctx) : null,
  );
}

export function featureListView(ctx: ViewContext): ViewElement {
  const shown = visibleFeatures(ctx.model, ctx.state);
  return h(
    'div',
    { class: 'feature-list', id: 'cmp-list' },
    shown.length === 0 ? h('p', { class: 'muted empty' }, ctx.state.overOnly ? 'No feature is over a threshold of the schema.' : 'No feature matches the filter.') : shown.map((f) => featureView(f, ctx)),
  );
}

export function summaryText(model: DatasetComparison, shown: number): string {
  const a = model.datasets[model.baseline];
  const b = model.datasets[model.target];
  const anomalies = model.features.filter((f) => f.anomalies.length > 0).length;
  const parts = [
    `${b?.name ?? ''} (${formatCount(b?.numExamples ?? 0)} examples) against ${a?.name ?? ''} (${formatCount(a?.numExamples ?? 0)}, baseline)`,
    shown === model.features.length ? `${model.features.length} features` : `${shown} of ${model.features.length} features`,
    anomalies === 0 ? 'no comparator anomaly' : `${anomalies} comparator anomal${anomalies === 1 ? 'y' : 'ies'}`,
  ];
  return parts.join(' · ');
}
