/**
 * The shapes of the small inline charts, computed without the DOM (rowViews.ts turns them into SVG). Coordinates
 * are in the chart's own pixel box, y growing downwards; all rounded to 0.01 to keep the SVG small.
 */
import { formatCount, formatPercent, formatStat } from '../shared/numberFormat.js';
import type { HistogramBucket, RankBucket } from './featureModel.js';

export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

export interface BarShape {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Tooltip text. */
  readonly title: string;
}

export interface QuantileTick {
  readonly x: number;
  /** Fraction of the data at or below this value (0, 0.1, …, 1 for deciles). */
  readonly quantile: number;
  readonly value: number;
  readonly title: string;
}

export interface QuantileMarks {
  readonly baselineY: number;
  readonly ticks: readonly QuantileTick[];
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** Bar height for `count` out of `max` (linear, or log(1 + x) scaled); at least 1px for any non-zero count. */
export function barHeight(count: number, max: number, height: number, logScale: boolean): number {
  if (!(count > 0) || !(max > 0)) return 0;
  const share = logScale ? Math.log1p(count) / Math.log1p(max) : count / max;
  return round(Math.max(1, Math.min(1, share) * height));
}

function maxCount(counts: readonly number[]): number {
  let max = 0;
  for (const c of counts) if (c > max) max = c;
  return max;
}

/**
 * Equal-width bars, one per bucket, in bucket order, with a 1px gap. STANDARD histograms have equal-width buckets,
 * so bar position is proportional to value. Tooltip: the bucket's range, in TFDV's convention the first bucket
 * closed "[low, high]" and the others "(low, high]", and its count.
 */
export function histogramBars(buckets: readonly HistogramBucket[], size: ChartSize, logScale: boolean): BarShape[] {
  const n = buckets.length;
  if (n === 0) return [];
  const max = maxCount(buckets.map((b) => b.count));
  const slot = size.width / n;
  const gap = slot > 3 ? 1 : 0;
  return buckets.map((b, i) => {
    const h = barHeight(b.count, max, size.height, logScale);
    const range = `${i === 0 ? '[' : '('}${formatStat(b.low)}, ${formatStat(b.high)}]`;
    return { x: round(i * slot), y: round(size.height - h), width: round(slot - gap), height: h, title: `${range}: ${formatStat(b.count)}` };
  });
}

/**
 * A QUANTILES histogram as Facets draws it: a tick at each quantile boundary along a value axis from min to max,
 * so crowded ticks show where the values are dense. n equal-count buckets give n + 1 boundaries.
 */
export function quantileMarks(buckets: readonly HistogramBucket[], size: ChartSize): QuantileMarks | undefined {
  const n = buckets.length;
  if (n === 0) return undefined;
  const values = [buckets[0].low, ...buckets.map((b) => b.high)];
  if (!values.every(Number.isFinite)) return undefined;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = 2;
  const span = hi - lo;
  const x = (v: number): number => round(span > 0 ? pad + ((v - lo) / span) * (size.width - 2 * pad) : size.width / 2);
  return {
    baselineY: round(size.height / 2),
    ticks: values.map((v, i) => {
      const quantile = i / n;
      return { x: x(v), quantile, value: v, title: `${formatPercent(quantile)} of values \u2264 ${formatStat(v)}` };
    }),
  };
}

/** Widest a categorical bar gets, so that two values do not draw two slabs. */
export const MAX_RANK_BAR_WIDTH = 12;

/**
 * Bars for the most frequent values, most frequent first, left-aligned. Tooltip: the value (as text), its count
 * and its share of all values (`totalCount`, which includes values beyond the listed ones).
 */
export function rankBars(ranks: readonly RankBucket[], totalCount: number, size: ChartSize, logScale: boolean, maxBars = 20): BarShape[] {
  const shown = ranks.slice(0, maxBars);
  if (shown.length === 0) return [];
  const max = maxCount(shown.map((r) => r.count));
  const slot = Math.min(size.width / shown.length, MAX_RANK_BAR_WIDTH + 2);
  const gap = slot > 3 ? Math.min(2, slot / 4) : 0;
  return shown.map((r, i) => {
    const h = barHeight(r.count, max, size.height, logScale);
    const share = totalCount > 0 ? ` (${formatPercent(r.count / totalCount)})` : '';
    return {
      x: round(i * slot),
      y: round(size.height - h),
      width: round(slot - gap),
      height: h,
      title: `${displayValue(r.label)}: ${formatCount(r.count)}${share}`,
    };
  });
}

/** A categorical value as text: the empty string is shown as a visible placeholder. */
export function displayValue(value: string): string {
  return value === '' ? '(empty string)' : value;
}

/** All bars as one SVG path (one node per chart instead of one per bar: it keeps 1,000 rows light). */
export function barsPath(bars: readonly BarShape[]): string {
  return bars
    .filter((b) => b.height > 0 && b.width > 0)
    .map((b) => `M${b.x} ${b.y}h${b.width}v${b.height}h${round(-b.width)}z`)
    .join('');
}

/** Vertical strokes at the given x positions from y1 to y2, as one path. */
export function ticksPath(xs: readonly number[], y1: number, y2: number): string {
  return xs.map((x) => `M${x} ${y1}V${y2}`).join('');
}

/**
 * The bar (or, for quantiles, the tick) under the pointer at `x` in chart coordinates: what the hover tooltip
 * shows. Bars are hit across their whole slot (gap included); ticks within `reach` pixels, nearest first.
 */
export function hitBar(bars: readonly BarShape[], x: number): BarShape | undefined {
  for (let i = 0; i < bars.length; i++) {
    const next = bars[i + 1];
    const end = next ? next.x : bars[i].x + bars[i].width;
    if (x >= bars[i].x && x < end + (next ? 0 : 1)) return bars[i];
  }
  return undefined;
}

export function hitTick(ticks: readonly QuantileTick[], x: number, reach = 4): QuantileTick | undefined {
  let best: QuantileTick | undefined;
  for (const t of ticks) {
    const d = Math.abs(t.x - x);
    if (d <= reach && (!best || d < Math.abs(best.x - x))) best = t;
  }
  return best;
}
