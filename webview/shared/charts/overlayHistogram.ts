/**
 * Histograms of several datasets overlaid on one value axis (Facets' "overlaid" view), as a ViewNode: each
 * series' buckets drawn at their own bounds on the shared axis, translucent so that both show where they overlap,
 * with an axis, tick labels, and a hover title per bar giving its bounds, count and share. Percent mode scales
 * each series by its own total, so datasets of different sizes compare; log scale uses log(1 + y). Density mode
 * draws each bar's height as count ÷ bucket width (the honest picture of a QUANTILES histogram, whose buckets hold
 * equal counts over unequal ranges). Each bar carries its text in `data-tip` and its bucket index in `data-bar`,
 * for dataTips.ts. Pure: no DOM.
 */
import { svg } from '../viewNode.js';
import type { ViewChild, ViewElement } from '../viewNode.js';
import { formatCount, formatPercent, formatStat } from '../numberFormat.js';
import { niceTicks } from './axisTicks.js';

export interface ChartBucket {
  readonly low: number;
  readonly high: number;
  readonly count: number;
}

export interface ChartSeries {
  readonly label: string;
  readonly buckets: readonly ChartBucket[];
}

export interface OverlayOptions {
  readonly width: number;
  readonly height: number;
  readonly logScale: boolean;
  readonly percent: boolean;
  /** Draw axes and tick labels (the expanded chart); the inline one is a bare sparkline. */
  readonly axes: boolean;
  readonly ariaLabel: string;
  /** Heights by count ÷ bucket width (QUANTILES histograms); log scale and percent do not apply then. */
  readonly density?: boolean;
}

const round = (x: number): number => Math.round(x * 100) / 100;

function share(count: number, total: number, percent: boolean): number {
  return percent ? (total > 0 ? count / total : 0) : count;
}

/** The value range all series share (finite bounds only); undefined when there is none. */
export function sharedRange(series: readonly ChartSeries[]): { lo: number; hi: number } | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const b of s.buckets) {
      if (Number.isFinite(b.low)) lo = Math.min(lo, b.low);
      if (Number.isFinite(b.high)) hi = Math.max(hi, b.high);
    }
  }
  return lo <= hi ? { lo, hi } : undefined;
}

export function overlayHistogramView(series: readonly ChartSeries[], o: OverlayOptions): ViewElement {
  const margin = o.axes ? { left: 44, right: 24, top: 6, bottom: 20 } : { left: 0, right: 0, top: 1, bottom: 1 };
  const plotW = o.width - margin.left - margin.right;
  const plotH = o.height - margin.top - margin.bottom;
  const range = sharedRange(series);
  const frame = (...children: ViewChild[]): ViewElement =>
    svg('svg', { class: 'chart overlay-chart', viewBox: `0 0 ${o.width} ${o.height}`, width: o.width, height: o.height, role: 'img', 'aria-label': o.ariaLabel }, children);
  if (!range) return frame(svg('text', { x: 4, y: o.height / 2, class: 'axis-label' }, 'no values'));
  const span = range.hi - range.lo;
  const x = (v: number): number => margin.left + (span > 0 ? ((v - range.lo) / span) * plotW : plotW / 2);
  const totals = series.map((s) => s.buckets.reduce((t, b) => t + b.count, 0));
  // A zero-width bucket (many equal values) counts as 1/200 of the range wide, so its density stays finite.
  const minWidth = span > 0 ? span / 200 : 1;
  const value = (b: ChartBucket, total: number): number =>
    o.density ? (total > 0 ? b.count / total : 0) / Math.max(minWidth, b.high - b.low) : share(b.count, total, o.percent);
  let max = 0;
  series.forEach((s, i) => {
    for (const b of s.buckets) max = Math.max(max, value(b, totals[i] as number));
  });
  const log = o.logScale && !o.density;
  const y = (v: number): number => {
    if (!(v > 0) || !(max > 0)) return 0;
    const f = log ? Math.log1p(o.percent ? v * 1e4 : v) / Math.log1p(o.percent ? max * 1e4 : max) : v / max;
    return Math.max(1, f * plotH);
  };
  const bars = series.map((s, si) =>
    svg(
      'g',
      { class: `series series-${si}` },
      s.buckets.map((b, bi) => {
        const v = value(b, totals[si] as number);
        const h = round(y(v));
        const x0 = Number.isFinite(b.low) ? x(b.low) : margin.left;
        const x1 = Number.isFinite(b.high) ? x(b.high) : margin.left + plotW;
        const w = Math.max(1.5, x1 - x0 - (x1 - x0 > 4 ? 1 : 0));
        const bounds = `${bi === 0 ? '[' : '('}${formatStat(b.low)}, ${formatStat(b.high)}]`;
        const title = `${s.label ? `${s.label} ` : ''}${bounds}: ${formatCount(b.count)} (${formatPercent(totals[si] ? b.count / (totals[si] as number) : undefined)})`;
        return svg('rect', { x: round(x0), y: round(margin.top + plotH - h), width: round(w), height: h, class: 'bar', 'data-bar': bi, 'data-tip': title }, svg('title', null, title));
      }),
    ),
  );
  const axes: ViewChild[] = [];
  if (o.axes) {
    // About one value label per 90px, each with a tick mark; the y axis labels its top (the largest bar) and 0.
    const ticks = span > 0 ? niceTicks(range.lo, range.hi, Math.max(2, Math.floor(plotW / 90))) : [range.lo];
    const bottom = margin.top + plotH;
    const yTop = o.density ? 'density' : o.percent ? formatPercent(max) : formatCount(max);
    axes.push(
      svg('path', { d: `M${margin.left} ${margin.top + 0.5}H${margin.left + plotW}M${margin.left} ${round(margin.top + plotH / 2) + 0.5}H${margin.left + plotW}`, class: 'gridline' }),
      svg('path', { d: `M${margin.left} ${bottom + 0.5}H${margin.left + plotW}M${margin.left - 0.5} ${margin.top}V${bottom}`, class: 'axis' }),
      svg('path', { d: ticks.map((t) => `M${round(x(t))} ${bottom}v4`).join(''), class: 'axis' }),
      ticks.map((t) => svg('text', { x: round(x(t)), y: o.height - 5, class: 'axis-label', 'text-anchor': 'middle' }, formatStat(t))),
      svg('text', { x: margin.left - 4, y: margin.top + 9, class: 'axis-label', 'text-anchor': 'end' }, yTop),
      svg('text', { x: margin.left - 4, y: bottom, class: 'axis-label', 'text-anchor': 'end' }, '0'),
    );
  } else {
    axes.push(svg('path', { d: `M0 ${o.height - 0.5}H${o.width}`, class: 'axis' }));
  }
  return frame(axes, bars);
}
