/**
 * The comparison panel as a ViewNode tree (DOM-free, unit-tested): the Base picker and a verdict per candidate,
 * metrics per version with deltas and intervals against the base; then, for the candidate detailed, curves, score distributions, slices where the candidate is worse, disagreement and attribution changes. Every
 * value is a text child; charts are SVG built from the curves module. Interactive elements carry `data-action`
 * (main.ts dispatches clicks and Enter/Space on them), and are buttons or focusable rows with roles.
 */
import type { CandidateSummary, ComparisonView, MetricDelta, SliceComparison } from '../../src/protocol/models/comparisonProtocol.js';
import { formatCount, formatPercent, formatStat } from '../shared/numberFormat.js';
import type { ViewChild, ViewElement } from '../shared/viewNode.js';
import { classes, h, svg } from '../shared/viewNode.js';
import type { Point } from './curves.js';
import { allRows, calibration, mostDisagreeing, prCurve, rocCurve, rowsWithCode, sharedHistograms } from './curves.js';

/** What the user chose in the panel (kept in the webview's saved state). */
export interface ComparisonUiState {
  /** `feature=value` of the slice the charts are filtered to. */
  readonly slice?: { readonly feature: string; readonly value: string };
  readonly busy?: string;
  readonly error?: string;
  readonly notice?: string;
}

const METRIC_NAMES: Readonly<Record<string, string>> = {
  auc: 'AUC',
  logLoss: 'log loss',
  accuracy: 'accuracy',
  precision: 'precision',
  recall: 'recall',
  mae: 'MAE',
  rmse: 'RMSE',
  r2: 'R²',
};

export function metricName(m: string): string {
  return METRIC_NAMES[m] ?? m;
}

function num(v: number | null | undefined): string {
  return v === null || v === undefined ? 'n/a' : formatStat(v);
}

function signed(v: number | null): string {
  if (v === null) return 'n/a';
  return v > 0 ? `+${formatStat(v)}` : formatStat(v);
}

function interval(ci: readonly [number, number] | null): string {
  return ci ? `[${formatStat(ci[0])}, ${formatStat(ci[1])}]` : 'n/a';
}

function versionName(label: string): string {
  const slash = label.lastIndexOf('/');
  return slash >= 0 && /^\d+$/.test(label.slice(slash + 1)) ? `v${label.slice(slash + 1)}` : label;
}

function verdictClass(decision: string): string {
  return decision === 'KEEP' ? 'verdict-keep' : decision === 'ROLL BACK' ? 'verdict-rollback' : 'verdict-inconclusive';
}

function basePicker(v: ComparisonView): ViewElement {
  return h(
    'span',
    { class: 'cmp-base-picker' },
    h('label', { for: 'cmp-base' }, 'Base '),
    h(
      'select',
      { id: 'cmp-base', 'data-action': 'setBase', title: 'Every other version is compared with the base' },
      v.versions.map((ver, i) => h('option', { value: i, selected: i === v.baseIndex }, versionName(ver.name))),
    ),
  );
}

/** One row per candidate: its verdict against the base on the deciding metric; a row details that candidate. */
function candidatesSection(v: ComparisonView): ViewElement {
  const row = (c: CandidateSummary, i: number): ViewElement => {
    const d = c.metrics.find((m) => m.metric === v.metric);
    const active = i === v.candidateIndex;
    return h(
      'tr',
      {
        class: classes('candidate-row', active && 'selected'),
        tabindex: 0,
        role: 'button',
        'aria-pressed': active ? 'true' : 'false',
        'data-action': 'showCandidate',
        'data-index': i,
        'data-candidate': c.name,
        title: `Show ${versionName(c.name)}'s slices, curves and attributions below`,
      },
      h('th', { scope: 'row' }, versionName(c.name)),
      h('td', { class: classes('candidate-decision', verdictClass(c.verdict.decision)) }, c.verdict.decision),
      h('td', { class: 'num' }, num(d?.candidate)),
      h('td', { class: classes('num', d && deltaClass(d)) }, signed(d?.delta ?? null)),
      h('td', { class: 'num' }, interval(d?.ci ?? null)),
      h('td', { class: 'num' }, formatCount(c.worseSlices)),
      h('td', { class: 'candidate-reason' }, c.verdict.reason),
    );
  };
  return h(
    'section',
    { id: 'cmp-candidates', class: 'cmp-section', 'aria-labelledby': 'cmp-candidates-title' },
    h('h2', { id: 'cmp-candidates-title' }, `Verdict per candidate against ${versionName(v.base)}`),
    h(
      'table',
      { class: 'cmp-table cmp-candidate-table' },
      h(
        'thead',
        null,
        h('tr', null, h('th', { scope: 'col' }, 'candidate'), h('th', { scope: 'col' }, 'verdict'), h('th', { scope: 'col' }, metricName(v.metric)), h('th', { scope: 'col' }, 'Δ'), h('th', { scope: 'col' }, 'interval of Δ'), h('th', { scope: 'col' }, 'worse slices'), h('th', { scope: 'col' }, 'reason')),
      ),
      h('tbody', null, v.candidates.map(row)),
    ),
  );
}

function verdictSection(v: ComparisonView): ViewElement {
  const rollBack = v.rollBackTo !== null && v.baseVersion !== null;
  return h(
    'section',
    { id: 'cmp-verdict', class: classes('cmp-verdict', verdictClass(v.verdict.decision)), 'aria-labelledby': 'cmp-verdict-decision' },
    h(
      'div',
      { class: 'cmp-verdict-head' },
      h('h1', { id: 'cmp-verdict-decision', class: 'cmp-decision' }, v.verdict.decision),
      h('span', { class: 'cmp-versions' }, `${v.candidate} vs ${v.base} on ${v.datasetName}`),
    ),
    h('p', { id: 'cmp-verdict-reason', class: 'cmp-reason' }, v.verdict.reason),
    h('p', { id: 'cmp-verdict-gate', class: 'muted' }, `Decided by: ${v.verdict.decidedBy}`),
    h(
      'div',
      { class: 'cmp-actions' },
      rollBack && h('button', { id: 'cmp-rollback', class: classes('cmp-button', v.verdict.decision === 'ROLL BACK' && 'primary'), type: 'button', 'data-action': 'rollBack', 'data-version': v.rollBackTo ?? 0 }, `Roll Back to v${v.rollBackTo}`),
      h('button', { id: 'cmp-rerun', class: 'cmp-button', type: 'button', 'data-action': 'rerun' }, 'Re-run Comparison'),
      basePicker(v),
      v.served !== undefined && h('span', { id: 'cmp-served', class: 'muted' }, v.served),
    ),
    h(
      'p',
      { class: 'muted cmp-meta' },
      `${formatCount(v.rows)} rows compared${v.skipped > 0 ? `, ${formatCount(v.skipped)} skipped` : ''}; ${Math.round(v.bootstrap.confidence * 100)}% paired-bootstrap intervals (${v.bootstrap.replicates} replicates, seed ${v.bootstrap.seed}); ${v.cached ? 'from the cache' : `computed in ${formatStat(v.elapsedMs / 1000)} s`}.`,
    ),
  );
}

function deltaClass(d: Pick<MetricDelta, 'verdict'>): string {
  return d.verdict === 'worse' ? 'worse' : d.verdict === 'better' ? 'better' : 'same';
}

/** Metrics of every version: the base's value, then per candidate its value, Δ and the interval of Δ. */
function manyMetricsSection(v: ComparisonView): ViewElement {
  const b = versionName(v.base);
  const names = v.candidates[0]?.metrics.map((m) => m.metric) ?? [];
  return h(
    'section',
    { id: 'cmp-metrics', class: 'cmp-section', 'aria-labelledby': 'cmp-metrics-title' },
    h('h2', { id: 'cmp-metrics-title' }, 'Metrics'),
    h(
      'table',
      { class: 'cmp-table cmp-many-metrics' },
      h(
        'thead',
        null,
        h('tr', null, h('th', { scope: 'col', rowspan: 2 }, 'metric'), h('th', { scope: 'col', rowspan: 2 }, `${b} (base)`), v.candidates.map((c) => h('th', { scope: 'colgroup', colspan: 3 }, versionName(c.name)))),
        h('tr', null, v.candidates.map(() => [h('th', { scope: 'col' }, 'value'), h('th', { scope: 'col' }, 'Δ'), h('th', { scope: 'col' }, 'interval of Δ')])),
      ),
      h(
        'tbody',
        null,
        names.map((name) => {
          const first = v.candidates[0]!.metrics.find((m) => m.metric === name)!;
          return h(
            'tr',
            { class: classes('metric-row', name === v.metric && 'primary-metric'), 'data-metric': name },
            h('th', { scope: 'row' }, metricName(name), name === v.metric ? ' (decides)' : '', first.higherIsBetter ? ' ↑' : ' ↓'),
            h('td', { class: 'num' }, num(first.base)),
            v.candidates.map((c) => {
              const d = c.metrics.find((m) => m.metric === name);
              return [
                h('td', { class: 'num', 'data-candidate': c.name }, num(d?.candidate)),
                h('td', { class: classes('num', d && deltaClass(d)), title: d?.verdict ?? '' }, signed(d?.delta ?? null)),
                h('td', { class: 'num' }, interval(d?.ci ?? null)),
              ];
            }),
          );
        }),
      ),
    ),
  );
}

function metricsSection(v: ComparisonView): ViewElement {
  if (v.candidates.length > 1) return manyMetricsSection(v);
  const b = versionName(v.base);
  const c = versionName(v.candidate);
  return h(
    'section',
    { id: 'cmp-metrics', class: 'cmp-section', 'aria-labelledby': 'cmp-metrics-title' },
    h('h2', { id: 'cmp-metrics-title' }, 'Metrics'),
    h(
      'table',
      { class: 'cmp-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'metric'), h('th', { scope: 'col' }, `${b} (base)`), h('th', { scope: 'col' }, `${c} (candidate)`), h('th', { scope: 'col' }, 'Δ'), h('th', { scope: 'col' }, 'interval of Δ'), h('th', { scope: 'col' }, 'candidate is'))),
      h(
        'tbody',
        null,
        v.metrics.map((d) =>
          h(
            'tr',
            { class: classes('metric-row', d.metric === v.metric && 'primary-metric'), 'data-metric': d.metric },
            h('th', { scope: 'row' }, metricName(d.metric), d.metric === v.metric ? ' (decides)' : '', d.higherIsBetter ? ' ↑' : ' ↓'),
            h('td', { class: 'num' }, num(d.base)),
            h('td', { class: 'num' }, num(d.candidate)),
            h('td', { class: classes('num', deltaClass(d)) }, signed(d.delta)),
            h('td', { class: 'num' }, interval(d.ci)),
            h('td', { class: deltaClass(d) }, d.verdict),
          ),
        ),
      ),
    ),
  );
}

// ---- charts ----------------------------------------------------------------------------------------------

const W = 260;
const H = 180;
const PAD = { left: 34, right: 8, top: 8, bottom: 26 };

function sx(x: number, min = 0, max = 1): number {
  return PAD.left + ((x - min) / (max - min || 1)) * (W - PAD.left - PAD.right);
}
function sy(y: number, min = 0, max = 1): number {
  return H - PAD.bottom - ((y - min) / (max - min || 1)) * (H - PAD.top - PAD.bottom);
}

function pathOf(points: readonly Point[], xr: readonly [number, number] = [0, 1], yr: readonly [number, number] = [0, 1]): string {
  // Long curves are thinned to about one point per pixel column.
  const step = Math.max(1, Math.floor(points.length / 400));
  const kept = points.filter((_p, i) => i % step === 0 || i === points.length - 1);
  return kept.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x, xr[0], xr[1]).toFixed(1)},${sy(p.y, yr[0], yr[1]).toFixed(1)}`).join('');
}

function axes(xLabel: string, yLabel: string, xr: readonly [number, number] = [0, 1], yr: readonly [number, number] = [0, 1]): ViewChild[] {
  return [
    svg('path', { class: 'axis', d: `M${PAD.left},${PAD.top}V${H - PAD.bottom}H${W - PAD.right}` }),
    svg('text', { class: 'tick', x: PAD.left, y: H - PAD.bottom + 12, 'text-anchor': 'middle' }, formatStat(xr[0])),
    svg('text', { class: 'tick', x: W - PAD.right, y: H - PAD.bottom + 12, 'text-anchor': 'end' }, formatStat(xr[1])),
    svg('text', { class: 'tick', x: PAD.left - 4, y: H - PAD.bottom, 'text-anchor': 'end' }, formatStat(yr[0])),
    svg('text', { class: 'tick', x: PAD.left - 4, y: PAD.top + 8, 'text-anchor': 'end' }, formatStat(yr[1])),
    svg('text', { class: 'axis-label', x: (PAD.left + W - PAD.right) / 2, y: H - 4, 'text-anchor': 'middle' }, xLabel),
    svg('text', { class: 'axis-label', x: 10, y: (PAD.top + H - PAD.bottom) / 2, 'text-anchor': 'middle', transform: `rotate(-90 10 ${(PAD.top + H - PAD.bottom) / 2})` }, yLabel),
  ];
}

interface Series {
  readonly name: string;
  readonly cls: 'series-base' | 'series-candidate';
}

function legend(series: readonly Series[], notes: readonly string[] = []): ViewElement {
  return h(
    'div',
    { class: 'cmp-legend' },
    series.map((s, i) => h('span', { class: classes('legend-item', s.cls) }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), s.name, notes[i] ? ` ${notes[i]}` : '')),
  );
}

function chartFigure(id: string, title: string, description: string, body: ViewChild[], foot: ViewChild): ViewElement {
  return h(
    'figure',
    { id, class: 'cmp-chart' },
    h('figcaption', null, title),
    svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': description }, body),
    foot,
  );
}

function chartsSection(v: ComparisonView, rows: Int32Array, sliceText: string): ViewElement {
  const chart = v.chart;
  const series: Series[] = [
    { name: `${versionName(v.base)} (base)`, cls: 'series-base' },
    { name: `${versionName(v.candidate)} (candidate)`, cls: 'series-candidate' },
  ];
  const scores = [chart.base, chart.candidate] as const;
  const figures: ViewElement[] = [];
  if (v.task === 'binary') {
    const rocs = scores.map((s) => rocCurve(s, chart.labels, rows));
    figures.push(
      chartFigure(
        'cmp-roc',
        'ROC curve',
        `ROC curves of both versions${sliceText}`,
        [...axes('false positive rate', 'true positive rate'), svg('path', { class: 'diagonal', d: `M${sx(0)},${sy(0)}L${sx(1)},${sy(1)}` }), ...rocs.map((r, i) => r && svg('path', { class: classes('curve', series[i]!.cls), d: pathOf(r.points) }))],
        legend(series, rocs.map((r) => (r ? `AUC ${formatStat(r.auc)}` : 'one class only'))),
      ),
    );
    const prs = scores.map((s) => prCurve(s, chart.labels, rows));
    figures.push(
      chartFigure(
        'cmp-pr',
        'Precision–recall curve',
        `Precision–recall curves of both versions${sliceText}`,
        [...axes('recall', 'precision'), ...prs.map((p, i) => p && svg('path', { class: classes('curve', series[i]!.cls), d: pathOf(p) }))],
        legend(series),
      ),
    );
    const cal = scores.map((s) => calibration(s, chart.labels, rows));
    figures.push(
      chartFigure(
        'cmp-calibration',
        'Calibration (reliability)',
        `Reliability diagram: observed positive rate per predicted probability bin${sliceText}`,
        [
          ...axes('predicted probability', 'observed positive rate'),
          svg('path', { class: 'diagonal', d: `M${sx(0)},${sy(0)}L${sx(1)},${sy(1)}` }),
          ...cal.map((bins, i) => [
            svg('path', { class: classes('curve', series[i]!.cls), d: pathOf(bins.map((b) => ({ x: b.predicted, y: b.observed }))) }),
            bins.map((b) => svg('circle', { class: classes('dot', series[i]!.cls), cx: sx(b.predicted).toFixed(1), cy: sy(b.observed).toFixed(1), r: 2.5 })),
          ]),
        ],
        legend(series),
      ),
    );
  }
  if (v.task === 'regression') {
    const residuals = sharedHistograms([(r) => chart.base[r]! - chart.labels[r]!, (r) => chart.candidate[r]! - chart.labels[r]!], rows);
    figures.push(histogramFigure('cmp-residuals', 'Residuals (prediction − label)', `Residual distributions of both versions${sliceText}`, residuals, series, 'residual'));
  }
  const dist = sharedHistograms([(r) => chart.base[r]!, (r) => chart.candidate[r]!], rows, 20, v.task === 'binary' ? [0, 1] : undefined);
  figures.push(histogramFigure('cmp-scores', v.task === 'regression' ? 'Predictions' : 'Score distribution', `Score distributions of both versions${sliceText}`, dist, series, v.task === 'binary' ? 'P(positive)' : v.task === 'regression' ? 'prediction' : 'P(predicted class)'));
  return h(
    'section',
    { id: 'cmp-charts', class: 'cmp-section', 'aria-labelledby': 'cmp-charts-title' },
    h('h2', { id: 'cmp-charts-title' }, 'Curves', h('span', { id: 'cmp-chart-filter', class: 'muted' }, sliceText ? ` —${sliceText}, ${formatCount(rows.length)} rows` : ` — all ${formatCount(rows.length)} rows`)),
    v.task === 'multiclass' && h('p', { class: 'muted' }, 'ROC, precision–recall and calibration are drawn for binary models; a multiclass model shows its predicted-class probabilities.'),
    chart.truncated && h('p', { class: 'muted' }, `The charts use the first ${formatCount(chart.count)} rows; the metrics use all of them.`),
    h('div', { class: 'cmp-charts' }, figures),
  );
}

function histogramFigure(id: string, title: string, description: string, hists: readonly { min: number; max: number; shares: readonly number[] }[], series: readonly Series[], xLabel: string): ViewElement {
  const top = Math.max(1e-9, ...hists.flatMap((hh) => hh.shares));
  const first = hists[0]!;
  const n = first.shares.length;
  const bw = (W - PAD.left - PAD.right) / n;
  return chartFigure(
    id,
    title,
    description,
    [
      ...axes(xLabel, 'share of rows', [first.min, first.max], [0, top]),
      ...hists.map((hh, i) =>
        svg(
          'path',
          {
            class: classes('bars', series[i]!.cls),
            d: hh.shares.map((s, b) => `M${(PAD.left + b * bw).toFixed(1)},${sy(0, 0, top).toFixed(1)}V${sy(s, 0, top).toFixed(1)}H${(PAD.left + (b + 1) * bw).toFixed(1)}V${sy(0, 0, top).toFixed(1)}`).join(''),
          },
        ),
      ),
    ],
    legend(series),
  );
}

// ---- slices ----------------------------------------------------------------------------------------------

function sliceKey(s: { feature: string; value: string }): string {
  return `${s.feature}=${s.value}`;
}

function slicesSection(v: ComparisonView, state: ComparisonUiState): ViewElement {
  const b = versionName(v.base);
  const c = versionName(v.candidate);
  const picked = v.sliceBy.length === 1 ? v.sliceBy[0] : '';
  const selected = state.slice ? sliceKey(state.slice) : undefined;
  const row = (s: SliceComparison): ViewElement => {
    const key = sliceKey(s);
    const active = key === selected;
    return h(
      'tr',
      {
        class: classes('slice-row', active && 'selected'),
        tabindex: 0,
        role: 'button',
        'aria-pressed': active ? 'true' : 'false',
        'data-action': 'slice',
        'data-feature': s.feature,
        'data-value': s.value,
        title: active ? 'Show all rows again' : 'Filter the charts to this slice',
      },
      h('th', { scope: 'row', class: 'slice-name' }, h('span', { class: 'slice-feature' }, s.feature), ' = ', h('span', { class: 'slice-value' }, s.value)),
      h('td', { class: 'num' }, formatCount(s.rows)),
      h('td', { class: 'num' }, num(s.base)),
      h('td', { class: 'num' }, num(s.candidate)),
      h('td', { class: classes('num', deltaClass(s)) }, signed(s.delta)),
      h('td', { class: 'num' }, interval(s.ci)),
    );
  };
  return h(
    'section',
    { id: 'cmp-slices', class: 'cmp-section', 'aria-labelledby': 'cmp-slices-title' },
    h('h2', { id: 'cmp-slices-title' }, `Slices where ${c} is worse (${metricName(v.metric)})`),
    h(
      'div',
      { class: 'cmp-toolbar' },
      h('label', { for: 'cmp-slice-feature' }, 'Slice by '),
      h(
        'select',
        { id: 'cmp-slice-feature', 'data-action': 'sliceFeature' },
        h('option', { value: '', selected: picked === '' }, `categorical features (${v.sliceBy.join(', ') || 'none'})`),
        v.specFeatures.map((f) => h('option', { value: f, selected: f === picked }, f)),
      ),
      selected !== undefined && h('button', { id: 'cmp-clear-slice', class: 'cmp-button', type: 'button', 'data-action': 'clearSlice' }, 'Show All Rows'),
    ),
    v.worseSlices.length === 0
      ? h('p', { id: 'cmp-no-worse', class: 'muted' }, `No slice is significantly worse for ${c} (slices under the minimum size are not judged).`)
      : h(
          'table',
          { class: 'cmp-table cmp-slice-table' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'slice'), h('th', { scope: 'col' }, 'rows'), h('th', { scope: 'col' }, `${b}`), h('th', { scope: 'col' }, `${c}`), h('th', { scope: 'col' }, 'Δ'), h('th', { scope: 'col' }, 'interval of Δ'))),
          h('tbody', null, v.worseSlices.map(row)),
        ),
    h(
      'details',
      { class: 'cmp-all-slices' },
      h('summary', null, `All ${v.slices.length} slices compared`),
      h('table', { class: 'cmp-table cmp-slice-table' }, h('tbody', null, v.slices.map(row))),
    ),
  );
}

// ---- disagreement ----------------------------------------------------------------------------------------

function disagreementSection(v: ComparisonView, rows: Int32Array): ViewElement {
  const chart = v.chart;
  const top = mostDisagreeing(chart.base, chart.candidate, chart.labels, rows, 15);
  const where = chart.positionKind === 'line' ? 'line' : 'record';
  return h(
    'section',
    { id: 'cmp-disagreement', class: 'cmp-section', 'aria-labelledby': 'cmp-disagreement-title' },
    h('h2', { id: 'cmp-disagreement-title' }, 'Disagreement'),
    h(
      'p',
      { id: 'cmp-disagreement-rate' },
      `The versions ${v.task === 'regression' ? 'predict differently (beyond the tolerance)' : 'predict a different class'} on ${formatPercent(v.disagreement.rate)} of rows (${formatCount(v.disagreement.rows)}); mean |score difference| ${formatStat(v.disagreement.meanAbsoluteScoreDifference)}.`,
    ),
    h(
      'table',
      { class: 'cmp-table cmp-disagree-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, where), h('th', { scope: 'col' }, versionName(v.base)), h('th', { scope: 'col' }, versionName(v.candidate)), h('th', { scope: 'col' }, '|Δ|'), h('th', { scope: 'col' }, 'label'))),
      h(
        'tbody',
        null,
        top.map((d) => {
          const position = chart.positions[d.row]!;
          const file = chart.sources[chart.shards[d.row]!] ?? '';
          return h(
            'tr',
            { class: 'disagree-row', tabindex: 0, role: 'button', 'data-action': 'revealRow', 'data-shard': chart.shards[d.row]!, 'data-position': position, title: `Show ${where} ${position} of ${file}` },
            h('th', { scope: 'row', class: 'num' }, formatCount(position)),
            h('td', { class: 'num' }, formatStat(d.base)),
            h('td', { class: 'num' }, formatStat(d.candidate)),
            h('td', { class: 'num' }, formatStat(Math.abs(d.candidate - d.base))),
            h('td', { class: 'num' }, formatStat(d.label)),
          );
        }),
      ),
    ),
  );
}

// ---- attributions ----------------------------------------------------------------------------------------

function attributionSection(v: ComparisonView): ViewElement {
  const max = Math.max(1e-12, ...v.attributionChanges.flatMap((a) => [a.base, a.candidate]));
  const bw = 220;
  return h(
    'section',
    { id: 'cmp-attributions', class: 'cmp-section', 'aria-labelledby': 'cmp-attributions-title' },
    h('h2', { id: 'cmp-attributions-title' }, 'Attribution change per feature (mean |integrated gradients|)'),
    v.attributionChanges.length === 0
      ? h('p', { class: 'muted' }, v.attributionNote ?? 'No attributions were compared.')
      : [
          legend([
            { name: `${versionName(v.base)} (base)`, cls: 'series-base' },
            { name: `${versionName(v.candidate)} (candidate)`, cls: 'series-candidate' },
          ]),
          h(
            'table',
            { class: 'cmp-table cmp-attr-table' },
            h('tbody', null, v.attributionChanges.map((a) =>
              h(
                'tr',
                { class: 'attr-row', 'data-feature': a.feature },
                h('th', { scope: 'row', class: 'attr-feature' }, a.feature),
                h(
                  'td',
                  { class: 'attr-bars' },
                  svg(
                    'svg',
                    { width: bw, height: 18, viewBox: `0 0 ${bw} 18`, role: 'img', 'aria-label': `${a.feature}: ${versionName(v.base)} ${a.inBase ? formatStat(a.base) : 'absent'}, ${versionName(v.candidate)} ${a.inCandidate ? formatStat(a.candidate) : 'absent'}` },
                    svg('rect', { class: 'attr-bar series-base', x: 0, y: 1, height: 7, width: ((a.base / max) * bw).toFixed(1) }),
                    svg('rect', { class: 'attr-bar series-candidate', x: 0, y: 10, height: 7, width: ((a.candidate / max) * bw).toFixed(1) }),
                  ),
                ),
                h('td', { class: 'num attr-base' }, a.inBase ? formatStat(a.base) : '(absent)'),
                h('td', { class: 'num attr-candidate' }, a.inCandidate ? formatStat(a.candidate) : '(absent)'),
                h('td', { class: classes('num', 'attr-delta') }, signed(a.delta)),
                h('td', { class: 'muted attr-note' }, !a.inCandidate ? `${versionName(v.candidate)} does not use it` : !a.inBase ? `new in ${versionName(v.candidate)}` : ''),
              ),
            )),
          ),
        ],
  );
}

/** The rows the charts show: all, or those of the chosen slice (when the chart data holds that feature). */
export function chartRowsFor(v: ComparisonView, slice: ComparisonUiState['slice']): Int32Array {
  if (!slice) return allRows(v.chart.count);
  const column = v.chart.slices.find((c) => c.feature === slice.feature);
  const code = column?.values.indexOf(slice.value) ?? -1;
  if (!column || code < 0) return allRows(v.chart.count);
  return rowsWithCode(column.codes, code);
}

export function comparisonPage(v: ComparisonView | undefined, state: ComparisonUiState): ViewElement {
  const banner = [
    state.busy !== undefined && h('p', { id: 'cmp-busy', class: 'cmp-busy', role: 'status' }, state.busy),
    state.error !== undefined && h('p', { id: 'cmp-error', class: 'cmp-error', role: 'alert' }, state.error),
    state.notice !== undefined && h('p', { id: 'cmp-notice', class: 'cmp-notice', role: 'status' }, state.notice),
  ];
  if (!v) return h('main', { class: 'cmp-page', 'aria-busy': 'true' }, banner, !state.error && h('p', { class: 'muted' }, 'Comparing…'));
  const rows = chartRowsFor(v, state.slice);
  const sliceText = state.slice && rows.length !== v.chart.count ? ` slice ${state.slice.feature} = ${state.slice.value}` : '';
  return h(
    'main',
    { class: 'cmp-page' },
    banner,
    verdictSection(v),
    v.candidates.length > 1 && candidatesSection(v),
    metricsSection(v),
    v.candidates.length > 1 && h('h2', { id: 'cmp-detail-title', class: 'cmp-detail-title' }, `${versionName(v.candidate)} against ${versionName(v.base)} in detail`),
    slicesSection(v, state),
    chartsSection(v, rows, sliceText),
    attributionSection(v),
    disagreementSection(v, rows),
  );
}
