/**
 * Listens for clicks on the overview's distribution charts and top values and turns them into grid filters. The
 * overview draws each chart as one SVG path, so the bar is found from the click's x position, with the same
 * geometry the overview drew it with (chartGeometry.ts, rowViews.ts's CHART_SIZE).
 */
import type { DatasetSummary } from '../overview/featureModel.js';
import { histogramBars, rankBars } from '../overview/chartGeometry.js';
import { CHART_SIZE } from '../overview/rowViews.js';
import { barFilter, valueFilter } from './chartFilters.js';

export function listenForChartClicks(root: HTMLElement, summary: () => DatasetSummary | undefined, onFilter: (expression: string) => void): void {
  root.addEventListener('click', (e) => {
    const target = e.target as Element | null;
    // An expanded feature's charts (webview/overview/featureDetail.ts): each bar says its index and how it maps.
    const detail = target?.closest('.feature-detail');
    if (detail) {
      const filter = target?.closest('.tip-target')?.getAttribute('data-filter');
      const bar = target?.closest('[data-bar]')?.getAttribute('data-bar');
      const feature = summary()?.features.find((f) => f.index === Number(detail.getAttribute('data-index')));
      if (!feature || !bar || (filter !== 'standard' && filter !== 'ranks')) return;
      const expression = barFilter(feature, Number(bar));
      if (expression) onFilter(expression);
      return;
    }
    const svg = target?.closest('svg.chart');
    const topValue = target?.closest('.col-top');
    if (!svg && !topValue) return;
    const rowElement = (svg ?? topValue)?.closest('.ov-row');
    const indexText = rowElement?.querySelector('[data-index]')?.getAttribute('data-index');
    const data = summary();
    const feature = indexText !== undefined && indexText !== null ? data?.features.find((f) => f.index === Number(indexText)) : undefined;
    if (!feature) return;
    if (topValue) {
      const value = feature.categorical?.topValue;
      if (value !== undefined) onFilter(valueFilter(feature, value));
      return;
    }
    if (!svg) return;
    const rect = svg.getBoundingClientRect();
    const x = ((e.clientX - rect.left) * CHART_SIZE.width) / Math.max(1, rect.width);
    const bars = feature.numeric
      ? histogramBars(feature.numeric.standard, CHART_SIZE, false)
      : rankBars(feature.categorical?.ranks ?? [], 0, CHART_SIZE, false);
    const index = bars.findIndex((b, k) => x >= b.x && x < (bars[k + 1]?.x ?? b.x + b.width + 2));
    if (index < 0) return;
    const expression = barFilter(feature, index);
    if (expression) onFilter(expression);
  });
}
