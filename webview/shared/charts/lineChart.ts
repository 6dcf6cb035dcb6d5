/**
 * A small line chart over ordered categories (spans, versions) as a ViewNode: one polyline per series (broken
 * where a point has no value), a dot per point with a hover title, an optional horizontal threshold line (a
 * schema's comparator threshold) and points over it marked. Series are styled by class (`series-N`, `dashed`), so
 * colours stay the theme's. Pure: no DOM.
 */
import { svg } from '../viewNode.js';
import type { ViewChild, ViewElement } from '../viewNode.js';

export interface LinePoint {
  /** Undefined: nothing to draw here (a gap in the line). */
  readonly value: number | undefined;
  /** The hover text of the point (what it is and its value). */
  readonly title: string;
  /** Drawn as over the threshold. */
  readonly over?: boolean;
}

export interface LineSeries {
  readonly label: string;
  /** The colour slot (series-N) and whether the line is dashed. */
  readonly slot: number;
  readonly dashed?: boolean;
  /** One per category, in order. */
  readonly points: readonly LinePoint[];
}

export interface LineChartOptions {
  readonly width: number;
  readonly height: number;
  /** Category labels under the x axis. */
  readonly categories: readonly string[];
  readonly threshold?: { readonly value: number; readonly title: string };
  readonly ariaLabel: string;
  readonly formatValue: (v: number) => string;
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** The top of the y axis: the largest value or threshold with some headroom; 1 when everything is 0. */
export function lineChartTop(series: readonly LineSeries[], threshold: number | undefined): number {
  let max = threshold ?? 0;
  for (const s of series) for (const p of s.points) if (p.value !== undefined && Number.isFinite(p.value)) max = Math.max(max, p.value);
  return max > 0 ? max * 1.1 : 1;
}

export function lineChartView(series: readonly LineSeries[], o: LineChartOptions): ViewElement {
  const margin = { left: 44, right: 10, top: 8, bottom: 22 };
  const plotW = o.width - margin.left - margin.right;
  const plotH = o.height - margin.top - margin.bottom;
  const n = o.categories.length;
  const top = lineChartTop(series, o.threshold?.value);
  const x = (i: number): number => round(margin.left + (n > 1 ? (i / (n - 1)) * plotW : plotW / 2));
  const y = (v: number): number => round(margin.top + plotH - (Math.min(v, top) / top) * plotH);
  const lines = series.map((s) => {
    // One path, a new sub-path after each gap.
    let d = '';
    let pen = false;
    s.points.forEach((p, i) => {
      if (p.value === undefined || !Number.isFinite(p.value)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i)} ${y(p.value)}`;
      pen = true;
    });
    return svg(
      'g',
      { class: `line-series series-${s.slot}${s.dashed ? ' dashed' : ''}`, 'data-series': s.label },
      d !== '' ? svg('path', { d, class: 'line' }) : null,
      s.points.map((p, i) =>
        p.value === undefined || !Number.isFinite(p.value)
          ? null
          : svg('circle', { cx: x(i), cy: y(p.value), r: p.over ? 3.5 : 2.5, class: p.over ? 'point over' : 'point', 'data-index': i, 'data-value': p.value }, svg('title', null, p.title)),
      ),
    );
  });
  const axes: ViewChild[] = [
    svg('path', { d: `M${margin.left} ${margin.top + plotH + 0.5}H${margin.left + plotW}M${margin.left - 0.5} ${margin.top}V${margin.top + plotH}`, class: 'axis' }),
    svg('text', { x: margin.left - 4, y: margin.top + 8, class: 'axis-label', 'text-anchor': 'end' }, o.formatValue(top)),
    svg('text', { x: margin.left - 4, y: margin.top + plotH, class: 'axis-label', 'text-anchor': 'end' }, '0'),
    // Every label when they fit, else the first, the last and some between.
    o.categories.map((label, i) => {
      const step = Math.max(1, Math.ceil((n * 48) / Math.max(plotW, 1)));
      if (i % step !== 0 && i !== n - 1) return null;
      return svg('text', { x: x(i), y: o.height - 6, class: 'axis-label', 'text-anchor': n === 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle' }, label);
    }),
  ];
  const threshold = o.threshold
    ? svg('g', { class: 'threshold' }, svg('path', { d: `M${margin.left} ${y(o.threshold.value)}H${margin.left + plotW}`, class: 'threshold-line' }), svg('title', null, o.threshold.title))
    : null;
  return svg('svg', { class: 'chart line-chart', viewBox: `0 0 ${o.width} ${o.height}`, width: o.width, height: o.height, role: 'img', 'aria-label': o.ariaLabel }, axes, threshold, lines);
}
