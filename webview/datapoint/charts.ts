/**
 * The datapoint editor's charts as ViewNodes (pure, no DOM): signed attribution bars per version, and PDP/ICE
 * curves (numeric features) or grouped bars (vocabulary features) with the row's current value marked. Values are
 * text and attributes; colours come from CSS classes over --vscode-* variables.
 */
import { h, svg } from '../shared/viewNode.js';
import type { ViewElement, ViewNode } from '../shared/viewNode.js';

export interface AttributionBar {
  readonly feature: string;
  readonly value: number;
}

export function formatNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1000 || a < 1e-3 ? v.toExponential(2) : v.toFixed(digits);
}

/** One version's bars: a row per feature, positive to the right of the axis, negative to the left. */
export function attributionChart(version: string, bars: readonly AttributionBar[], scale: number): ViewElement {
  const rowH = 20;
  const labelW = 130;
  const barW = 200;
  const valueW = 80;
  const width = labelW + barW + valueW;
  const mid = labelW + barW / 2;
  const max = scale > 0 ? scale : 1;
  const rows = bars.map((b, i) => {
    const len = (Math.min(Math.abs(b.value), max) / max) * (barW / 2);
    const y = i * rowH;
    const sign = b.value > 0 ? 'positive' : b.value < 0 ? 'negative' : 'zero';
    return svg(
      'g',
      { class: `dp-attr dp-attr-${sign}`, 'data-version': version, 'data-feature': b.feature, 'data-value': String(b.value) },
      svg('text', { x: labelW - 6, y: y + 14, 'text-anchor': 'end', class: 'dp-axis-label' }, b.feature),
      svg('rect', { x: b.value >= 0 ? mid : mid - len, y: y + 4, width: Math.max(len, 0.5), height: rowH - 8, class: 'dp-bar' }),
      svg('text', { x: labelW + barW + 6, y: y + 14, class: 'dp-value' }, formatNumber(b.value)),
    );
  });
  return svg(
    'svg',
    { class: 'dp-chart', width, height: bars.length * rowH + 4, viewBox: `0 0 ${width} ${bars.length * rowH + 4}`, role: 'img', 'aria-label': `Attributions of ${version}` },
    svg('line', { x1: mid, x2: mid, y1: 0, y2: bars.length * rowH, class: 'dp-axis' }),
    ...rows,
  );
}

export interface CurveSeries {
  readonly version: string;
  /** Index into the series colours. */
  readonly index: number;
  /** PDP: mean score per grid value. */
  readonly pdp: readonly number[];
  /** ICE: this row's score per grid value. */
  readonly ice: readonly number[];
}

const W = 460;
const H = 200;
const PAD = { l: 48, r: 12, t: 10, b: 40 };

function yScale(series: readonly CurveSeries[]): (v: number) => number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) for (const v of [...s.pdp, ...s.ice]) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!(lo < hi)) { lo = Number.isFinite(lo) ? lo - 0.5 : 0; hi = lo + 1; }
  return (v) => PAD.t + (1 - (v - lo) / (hi - lo)) * (H - PAD.t - PAD.b);
}

function axes(y: (v: number) => number, series: readonly CurveSeries[]): ViewNode[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) for (const v of [...s.pdp, ...s.ice]) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const ticks = Number.isFinite(lo) ? [lo, (lo + hi) / 2, hi] : [];
  return [
    svg('line', { x1: PAD.l, x2: PAD.l, y1: PAD.t, y2: H - PAD.b, class: 'dp-axis' }),
    svg('line', { x1: PAD.l, x2: W - PAD.r, y1: H - PAD.b, y2: H - PAD.b, class: 'dp-axis' }),
    ...ticks.map((t) => svg('text', { x: PAD.l - 4, y: y(t) + 4, 'text-anchor': 'end', class: 'dp-axis-label' }, formatNumber(t, 3))),
  ];
}

/** Numeric feature: PDP (solid) and ICE (dashed) per version over the grid; a vertical marker at the current value. */
export function curveChart(feature: string, grid: readonly number[], series: readonly CurveSeries[], current: number | undefined): ViewElement {
  const y = yScale(series);
  const gLo = grid[0] ?? 0;
  const gHi = grid[grid.length - 1] ?? 1;
  const x = (v: number): number => PAD.l + ((v - gLo) / (gHi - gLo || 1)) * (W - PAD.l - PAD.r);
  const path = (vals: readonly number[]): string => vals.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(grid[i]!).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const lines = series.flatMap((s) => [
    svg('path', { d: path(s.pdp), class: `dp-series dp-series-${s.index % 4} dp-pdp`, 'data-version': s.version }),
    svg('path', { d: path(s.ice), class: `dp-series dp-series-${s.index % 4} dp-ice`, 'data-version': s.version }),
  ]);
  const marker =
    current !== undefined && Number.isFinite(current)
      ? svg('line', { x1: x(Math.min(Math.max(current, gLo), gHi)), x2: x(Math.min(Math.max(current, gLo), gHi)), y1: PAD.t, y2: H - PAD.b, class: 'dp-current', 'data-value': String(current) })
      : null;
  return svg(
    'svg',
    { class: 'dp-chart dp-pdp-chart', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Partial dependence on ${feature}` },
    ...axes(y, series),
    svg('text', { x: PAD.l, y: H - PAD.b + 16, class: 'dp-axis-label' }, formatNumber(gLo, 2)),
    svg('text', { x: W - PAD.r, y: H - PAD.b + 16, 'text-anchor': 'end', class: 'dp-axis-label' }, formatNumber(gHi, 2)),
    svg('text', { x: (W + PAD.l) / 2, y: H - 6, 'text-anchor': 'middle', class: 'dp-axis-label' }, feature),
    ...lines,
    marker,
  );
}

/** Vocabulary feature: per value, one PDP bar per version and an ICE tick; the current value's label marked. */
export function barChart(feature: string, values: readonly string[], series: readonly CurveSeries[], current: string | undefined): ViewElement {
  const y = yScale(series);
  const groupW = (W - PAD.l - PAD.r) / Math.max(values.length, 1);
  const barW = Math.max(2, (groupW - 6) / Math.max(series.length, 1));
  const base = H - PAD.b;
  const bars = values.flatMap((v, i) =>
    series.flatMap((s, j) => {
      const x0 = PAD.l + i * groupW + 3 + j * barW;
      const top = y(s.pdp[i]!);
      return [
        svg('rect', { x: x0, y: Math.min(top, base), width: barW - 1, height: Math.max(Math.abs(base - top), 0.5), class: `dp-series-fill dp-series-${s.index % 4}`, 'data-version': s.version, 'data-value': String(s.pdp[i]) }),
        svg('line', { x1: x0, x2: x0 + barW - 1, y1: y(s.ice[i]!), y2: y(s.ice[i]!), class: `dp-series dp-series-${s.index % 4} dp-ice-tick` }),
      ];
    }),
  );
  const labels = values.map((v, i) =>
    svg('text', { x: PAD.l + i * groupW + groupW / 2, y: base + 14, 'text-anchor': 'middle', class: v === current ? 'dp-axis-label dp-current-label' : 'dp-axis-label' }, v.length > 12 ? v.slice(0, 11) + '…' : v),
  );
  return svg(
    'svg',
    { class: 'dp-chart dp-pdp-chart', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Partial dependence on ${feature}` },
    ...axes(y, series),
    ...bars,
    ...labels,
  );
}

export function legend(series: readonly { readonly version: string; readonly index: number }[]): ViewElement {
  return h(
    'p',
    { class: 'dp-legend' },
    ...series.map((s) => h('span', { class: 'dp-legend-item' }, svg('svg', { width: 14, height: 10 }, svg('rect', { x: 0, y: 2, width: 14, height: 6, class: `dp-series-fill dp-series-${s.index % 4}` })), ` ${s.version}`)),
    h('span', { class: 'dp-legend-item' }, ' — solid/bars: PDP (dataset mean) · dashed/ticks: ICE (this row)'),
  );
}
