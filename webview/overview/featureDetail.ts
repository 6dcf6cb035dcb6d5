/**
 * A feature row expanded, as Facets expands one: full-width charts with axes, and every bar's bounds, count and
 * share in a data tip on hover or keyboard focus (webview/shared/charts/dataTips.ts). Numeric features get the
 * standard histogram or the quantiles one (a toggle, the same choice as the toolbar's Chart), categorical ones
 * their top values as a labelled bar list, and list features the distribution of values per example. Built from
 * the shared chart components the comparison panel uses. Pure: a ViewNode description (text only), no DOM.
 */
import { overlayHistogramView } from '../shared/charts/overlayHistogram.js';
import type { ChartSeries } from '../shared/charts/overlayHistogram.js';
import { pairedBarsView } from '../shared/charts/pairedBars.js';
import { formatCount, formatPercent, formatStat } from '../shared/numberFormat.js';
import { classes, h } from '../shared/viewNode.js';
import type { ViewChild, ViewElement } from '../shared/viewNode.js';
import type { FeatureRow, HistogramBucket } from './featureModel.js';
import { CHART_KINDS, CHART_LABELS } from './overviewState.js';
import type { ChartKind } from './overviewState.js';

export interface DetailOptions {
  readonly chart: ChartKind;
  readonly logScale: boolean;
  /** Width of the chart area in pixels (the table's width, measured by the page). */
  readonly width: number;
}

export const DETAIL_CHART_HEIGHT = 180;
/** Top values listed when expanded (TFDV keeps 20 by default). */
export const DETAIL_TOP_VALUES = 20;
export const TIP_HINT = 'Hover a bar, or focus the chart and use the arrow keys, for its bounds and count.';

/** The id of a feature's detail region (the expander's aria-controls). */
export function detailId(row: FeatureRow): string {
  return `ov-detail-${row.index}`;
}

/**
 * A chart with its data-tip line. `filter` says how a bar maps to a grid filter (webview/grid/chartClicks.ts):
 * 'standard' (bar i is STANDARD bucket i) or 'ranks' (bar i is the i-th most frequent value); absent: no filter.
 */
function tipHost(chart: ViewElement, label: string, filter?: 'standard' | 'ranks'): ViewElement {
  return h(
    'div',
    { class: 'tip-host' },
    h('div', { class: 'tip-target', tabindex: 0, role: 'group', 'aria-label': `${label}. Arrow keys step through the bars.`, 'data-filter': filter }, chart),
    h('div', { class: 'data-tip', role: 'status', 'aria-live': 'polite', 'data-hint': TIP_HINT }, TIP_HINT),
  );
}

function block(title: string, ...children: ViewChild[]): ViewElement {
  return h('section', { class: 'detail-block', 'aria-label': title }, h('h3', { class: 'detail-title' }, title), children);
}

function empty(text: string): ViewElement {
  return h('p', { class: 'detail-empty muted' }, text);
}

function histogram(row: FeatureRow, buckets: readonly HistogramBucket[], density: boolean, o: DetailOptions, label: string, filter?: 'standard'): ViewElement {
  const series: ChartSeries[] = [{ label: '', buckets }];
  const chart = overlayHistogramView(series, { width: o.width, height: DETAIL_CHART_HEIGHT, logScale: o.logScale, percent: false, axes: true, density, ariaLabel: label });
  return tipHost(chart, label, filter);
}

function chartToggle(row: FeatureRow, chart: ChartKind): ViewElement {
  return h(
    'div',
    { class: 'detail-toggle', role: 'group', 'aria-label': `Chart of ${row.name}` },
    CHART_KINDS.map((k) =>
      h('button', { type: 'button', class: classes('detail-chart-toggle', k === chart && 'selected'), 'data-chart': k, 'aria-pressed': k === chart ? 'true' : 'false' }, CHART_LABELS[k]),
    ),
  );
}

function numericBlock(row: FeatureRow, o: DetailOptions): ViewElement | null {
  const s = row.numeric;
  if (!s) return null;
  const log = o.logScale ? ', log scale' : '';
  if (o.chart === 'quantiles') {
    const title = `Quantiles of ${row.name}: ${formatCount(s.quantiles.length)} equal-count buckets, bar height = values per unit`;
    return block(title, chartToggle(row, o.chart), s.quantiles.length > 0 ? histogram(row, s.quantiles, true, o, title) : empty('The statistics hold no quantiles histogram.'));
  }
  const title = `Histogram of ${row.name}: ${formatCount(s.standard.length)} buckets from ${formatStat(s.min)} to ${formatStat(s.max)}${log}`;
  return block(title, chartToggle(row, o.chart), s.standard.length > 0 ? histogram(row, s.standard, false, o, title, 'standard') : empty('The statistics hold no standard histogram.'));
}

function categoricalBlock(row: FeatureRow, o: DetailOptions): ViewElement | null {
  const s = row.categorical;
  if (!s) return null;
  if (s.ranks.length === 0) return block(`Top values of ${row.name}`, empty('The statistics list no values for this feature.'));
  const total = s.ranks.reduce((sum, r) => sum + r.count, 0) + s.otherCount;
  const shown = s.ranks.slice(0, DETAIL_TOP_VALUES);
  const unique = s.unique !== undefined ? ` of ${formatCount(s.unique)} distinct` : '';
  const title = `Top ${formatCount(shown.length)}${unique} values of ${row.name}, by count${o.logScale ? ', log scale' : ''}`;
  const bars = pairedBarsView(
    shown.map((r) => ({ label: r.label, counts: [r.count] })),
    { seriesLabels: [row.name], totals: [total], percent: false, logScale: o.logScale, barWidth: Math.max(120, Math.min(480, o.width - 320)) },
  );
  const rest = total - shown.reduce((sum, r) => sum + r.count, 0);
  return block(
    title,
    tipHost(bars, title, 'ranks'),
    rest > 0 ? h('p', { class: 'detail-note muted' }, `Other values: ${formatCount(rest)} (${formatPercent(rest / total)})`) : null,
  );
}

function valueCountBlock(row: FeatureRow, o: DetailOptions): ViewElement | null {
  const v = row.valueCounts;
  if (!v) return null;
  const title = `Values per example of ${row.name}: min ${formatCount(v.min)}, mean ${formatStat(v.avg)}, max ${formatCount(v.max)}${v.histogramType === 'quantiles' ? ' (equal-count buckets, bar height = examples per unit)' : ''}`;
  if (v.buckets.length === 0) return block(title, empty('The statistics hold no histogram of values per example.'));
  return block(title, histogram(row, v.buckets, v.histogramType === 'quantiles', { ...o, logScale: false }, title));
}

/** The expanded row: a full-width row of the feature's table holding its charts. */
export function featureDetailView(row: FeatureRow, o: DetailOptions): ViewElement {
  return h(
    'div',
    { class: 'ov-row detail-row', role: 'row' },
    h(
      'div',
      { class: 'cell feature-detail', role: 'cell', id: detailId(row), 'data-index': row.index },
      row.kind === 'numeric' ? numericBlock(row, o) : categoricalBlock(row, o),
      valueCountBlock(row, o),
    ),
  );
}
