/**
 * Top values of several datasets as paired horizontal bars (Facets' overlaid categorical view): one line per
 * value — its label, then one bar per dataset with its count or share — so that a value that moved shows as bars
 * of different lengths. Values come in the order given (e.g. by the size of their change). With one series it is
 * the overview's labelled top-values list. Each line carries its text in `data-tip` and its index in `data-bar`,
 * for dataTips.ts. Pure: no DOM.
 */
import { h, svg } from '../viewNode.js';
import type { ViewElement } from '../viewNode.js';
import { formatCount, formatPercent } from '../numberFormat.js';

export interface PairedValue {
  readonly label: string;
  /** Per series: the count (undefined when the value is not listed in that dataset's statistics). */
  readonly counts: ReadonlyArray<number | undefined>;
}

export interface PairedOptions {
  readonly seriesLabels: readonly string[];
  /** Per series: the total the shares are taken of. */
  readonly totals: readonly number[];
  readonly percent: boolean;
  readonly logScale: boolean;
  readonly barWidth: number;
}

export function displayLabel(value: string): string {
  return value === '' ? '(empty string)' : value;
}

/** "1,234 (12.3%)", or "not listed" for a value a dataset's statistics do not list. */
function countText(count: number | undefined, total: number | undefined): string {
  return count === undefined ? 'not listed' : `${formatCount(count)} (${formatPercent(total ? count / total : undefined)})`;
}

export function pairedBarsView(values: readonly PairedValue[], o: PairedOptions): ViewElement {
  const shareOf = (c: number | undefined, i: number): number => (c === undefined ? 0 : o.percent ? (o.totals[i] ? c / (o.totals[i] as number) : 0) : c);
  let max = 0;
  for (const v of values) v.counts.forEach((c, i) => (max = Math.max(max, shareOf(c, i))));
  const len = (x: number): number => {
    if (!(x > 0) || !(max > 0)) return 0;
    const f = o.logScale ? Math.log1p(o.percent ? x * 1e4 : x) / Math.log1p(o.percent ? max * 1e4 : max) : x / max;
    return Math.max(1, Math.round(f * o.barWidth * 100) / 100);
  };
  return h(
    'div',
    { class: 'paired-bars', role: 'table', 'aria-label': 'Top values per dataset' },
    values.map((v, index) =>
      h(
        'div',
        { class: 'paired-row', role: 'row', 'data-bar': index, 'data-tip': `${displayLabel(v.label)}: ${v.counts.map((c, i) => `${o.seriesLabels.length > 1 ? `${o.seriesLabels[i] ?? ''} ` : ''}${countText(c, o.totals[i])}`).join(' \u00b7 ')}` },
        h('div', { class: 'paired-label', role: 'rowheader', title: displayLabel(v.label) }, displayLabel(v.label)),
        h(
          'div',
          { class: 'paired-series', role: 'cell' },
          v.counts.map((c, i) => {
            const text = countText(c, o.totals[i]);
            return h(
              'div',
              { class: `paired-line series-${i}`, title: `${o.seriesLabels[i] ?? ''}: ${text}` },
              svg('svg', { width: o.barWidth, height: 10, class: 'paired-svg', 'aria-hidden': 'true' }, svg('rect', { x: 0, y: 1, width: len(shareOf(c, i)), height: 8, class: 'bar' })),
              h('span', { class: 'paired-text' }, text),
            );
          }),
        ),
      ),
    ),
  );
}
