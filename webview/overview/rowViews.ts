/**
 * The overview's tables as ViewNode descriptions (see ../shared/viewNode.ts): pure functions of the model, so
 * that what a row shows — and that every value from the data is text, never markup — is unit-tested without a
 * DOM. overviewPage.ts mounts them.
 *
 * The tables are ARIA tables made of CSS-grid rows rather than <table> elements: a feature's block can then use
 * `content-visibility: auto`, which lets the browser skip style and layout of the rows off screen (table row
 * groups cannot), and that is what keeps 1,000 features fast.
 */
import { classes, h, svg } from '../shared/viewNode.js';
import type { ViewChild, ViewElement } from '../shared/viewNode.js';
import { formatCount, formatExact, formatPercent, formatStat } from '../shared/numberFormat.js';
import { facetsMarkNote, isFacetsMarked } from '../shared/facetsMarks.js';
import type { FacetsMarkKind } from '../shared/facetsMarks.js';
import type { AnomalySeverity, FeatureAnomaly } from './anomalyModel.js';
import { barsPath, displayValue, hitBar, hitTick, histogramBars, quantileMarks, rankBars, ticksPath } from './chartGeometry.js';
import type { BarShape, ChartSize, QuantileMarks } from './chartGeometry.js';
import { detailId } from './featureDetail.js';
import type { FeatureRow } from './featureModel.js';
import type { ChartKind, SectionId } from './overviewState.js';

export interface RowViewOptions {
  readonly chart: ChartKind;
  readonly logScale: boolean;
}

export interface ColumnSpec {
  readonly label: string;
  /** Header tooltip: what the column means. */
  readonly title: string;
  /** CSS class of the column's cells ('num' right-aligns numbers). */
  readonly className: string;
}

export const CHART_SIZE: ChartSize = { width: 120, height: 28 };

const FEATURE_COLUMN: ColumnSpec = { label: 'Feature', title: 'Feature name and type. Enter or click reveals the column in the file.', className: 'col-name' };
const COUNT: ColumnSpec = { label: 'Count', title: 'Examples with a value (num_non_missing)', className: 'num' };
const MISSING: ColumnSpec = { label: 'Missing', title: 'Share of examples without a value', className: 'num' };

export const SECTION_COLUMNS: Record<SectionId, readonly ColumnSpec[]> = {
  numeric: [
    FEATURE_COLUMN,
    COUNT,
    MISSING,
    { label: 'Zeros', title: 'Share of values equal to zero', className: 'num' },
    { label: 'Mean', title: 'Mean', className: 'num' },
    { label: 'Std dev', title: 'Standard deviation (population)', className: 'num' },
    { label: 'Min', title: 'Minimum', className: 'num' },
    { label: 'Median', title: 'Median (approximate)', className: 'num' },
    { label: 'Max', title: 'Maximum', className: 'num' },
    { label: 'Distribution', title: 'Histogram of the values (hover for buckets)', className: 'col-chart' },
  ],
  categorical: [
    FEATURE_COLUMN,
    COUNT,
    MISSING,
    { label: 'Unique', title: 'Distinct values', className: 'num' },
    { label: 'Top value', title: 'Most frequent value', className: 'col-top' },
    { label: 'Freq top', title: 'Occurrences of the most frequent value', className: 'num' },
    { label: 'Avg length', title: 'Average length of a value (characters; bytes for bytes features)', className: 'num' },
    { label: 'Top values', title: 'Frequency of the most frequent values (hover for values)', className: 'col-chart' },
  ],
};

export const SECTION_TITLES: Record<SectionId, string> = {
  numeric: 'Numeric Features',
  categorical: 'Categorical Features',
};

/** "Numeric Features (14)", or "(3 of 14)" while a filter hides some. */
export function sectionHeading(section: SectionId, shown: number, total: number): string {
  return `${SECTION_TITLES[section]} (${shown === total ? formatCount(total) : `${formatCount(shown)} of ${formatCount(total)}`})`;
}

/** The Feature column's splitter (webview/overview/columnResize.ts gives it its behaviour and ARIA values). */
function columnResizerView(): ViewElement {
  return h('div', {
    class: 'col-resizer',
    role: 'separator',
    tabindex: 0,
    'aria-orientation': 'vertical',
    'aria-label': 'Resize the Feature column',
    title: 'Drag, or focus and press \u2190 / \u2192, to resize the Feature column; double-click or Enter fits the names',
  });
}

/** The column header row group of a section's table. */
export function tableHeadView(section: SectionId): ViewElement {
  return h(
    'div',
    { class: 'ov-thead', role: 'rowgroup' },
    h(
      'div',
      { class: 'ov-row ov-head-row', role: 'row' },
      SECTION_COLUMNS[section].map((c) =>
        h('div', { class: classes('cell', c.className), role: 'columnheader', title: c.title }, c.label, c === FEATURE_COLUMN ? columnResizerView() : null),
      ),
    ),
  );
}

/** The error (circle) or warning (triangle) glyph before an anomalous feature's name; coloured by CSS. */
export function anomalyMarkerView(severity: AnomalySeverity): ViewElement {
  const label = severity === 'error' ? 'Error' : 'Warning';
  const shape =
    severity === 'error'
      ? svg('circle', { cx: 7, cy: 7, r: 6.5, class: 'marker-shape' })
      : svg('path', { d: 'M7 0.8 L13.6 13 H0.4 Z', class: 'marker-shape' });
  const top = severity === 'error' ? 3 : 4.6;
  return svg(
    'svg',
    { class: `anomaly-marker severity-${severity}`, viewBox: '0 0 14 14', width: 14, height: 14, role: 'img', 'aria-label': label },
    shape,
    svg('path', { d: `M6.1 ${top}h1.8v5h-1.8zM6.1 ${top + 6.4}h1.8v1.8h-1.8z`, class: 'marker-glyph' }),
  );
}

function cell(text: string, title: string | undefined, className?: string | false): ViewElement {
  return h('div', { class: classes('cell', 'num', className), role: 'cell', title }, text);
}

function statCell(x: number): ViewElement {
  return cell(formatStat(x), formatExact(x));
}

function countCell(n: number | undefined): ViewElement {
  return n === undefined ? cell('\u2013', 'unknown', 'muted') : cell(formatCount(n), formatExact(n));
}

function percentCell(ratio: number | undefined, part: number, whole: string, mark: FacetsMarkKind): ViewElement {
  const marked = isFacetsMarked(mark, ratio);
  const title = ratio === undefined ? 'no examples' : `${formatExact(part)} of ${whole}${marked ? ` \u2014 ${facetsMarkNote(mark)}` : ''}`;
  return cell(formatPercent(ratio), title, ratio === 0 ? 'zero' : marked && `facets-mark facets-mark-${mark}`);
}

function noChart(): ViewElement {
  return h('span', { class: 'muted no-chart' }, 'no data');
}

/** The shapes a row's chart draws, shared by the view and the hover hit test. */
export type ChartShapes =
  | { readonly kind: 'bars'; readonly bars: readonly BarShape[] }
  | { readonly kind: 'quantiles'; readonly marks: QuantileMarks }
  | { readonly kind: 'none' };

export function chartShapes(row: FeatureRow, options: RowViewOptions): ChartShapes {
  if (row.numeric) {
    if (options.chart === 'quantiles') {
      const marks = quantileMarks(row.numeric.quantiles, CHART_SIZE);
      return marks ? { kind: 'quantiles', marks } : { kind: 'none' };
    }
    const bars = histogramBars(row.numeric.standard, CHART_SIZE, options.logScale);
    return bars.length > 0 ? { kind: 'bars', bars } : { kind: 'none' };
  }
  const s = row.categorical;
  if (!s || s.ranks.length === 0) return { kind: 'none' };
  const total = s.ranks.reduce((sum, r) => sum + r.count, 0) + s.otherCount;
  return { kind: 'bars', bars: rankBars(s.ranks, total, CHART_SIZE, options.logScale) };
}

/** The tooltip for the pointer at `x` (chart pixels) over a row's chart: a bucket, a value or a quantile. */
export function chartTooltip(row: FeatureRow, options: RowViewOptions, x: number): string | undefined {
  const shapes = chartShapes(row, options);
  switch (shapes.kind) {
    case 'bars':
      return hitBar(shapes.bars, x)?.title;
    case 'quantiles':
      return hitTick(shapes.marks.ticks, x)?.title;
    case 'none':
      return undefined;
    default: {
      const never: never = shapes;
      return never;
    }
  }
}

function chartView(row: FeatureRow, options: RowViewOptions): ViewElement {
  const shapes = chartShapes(row, options);
  const { width, height } = CHART_SIZE;
  const what = row.numeric ? (options.chart === 'quantiles' ? 'Quantiles' : 'Histogram') : 'Top values';
  const frame = (extra: string, ...children: ViewChild[]): ViewElement =>
    svg('svg', { class: classes('chart', extra), viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': `${what} of ${row.name}` }, children);
  switch (shapes.kind) {
    case 'bars':
      return frame(
        '',
        svg('path', { d: `M0 ${height - 0.5}H${width}`, class: 'axis' }),
        svg('path', { d: barsPath(shapes.bars), class: 'bar' }),
      );
    case 'quantiles': {
      const { baselineY, ticks } = shapes.marks;
      const last = ticks.length - 1;
      const isMajor = (i: number): boolean => i === 0 || i === last || Math.abs(ticks[i].quantile - 0.5) < 1e-9;
      const minor = ticks.filter((_, i) => !isMajor(i)).map((t) => t.x);
      const major = ticks.filter((_, i) => isMajor(i)).map((t) => t.x);
      return frame(
        'chart-quantiles',
        svg('path', { d: `M0 ${baselineY}H${width}`, class: 'axis' }),
        svg('path', { d: ticksPath(minor, baselineY - height / 4, baselineY + height / 4), class: 'tick' }),
        svg('path', { d: ticksPath(major, 2, height - 2), class: 'tick tick-major' }),
      );
    }
    case 'none':
      return noChart();
    default: {
      const never: never = shapes;
      return never;
    }
  }
}

/** The expander before a name: opens the row's full-width charts (featureDetail.ts). */
function expanderView(row: FeatureRow, expanded: boolean): ViewElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'feature-expander',
      tabindex: -1,
      'data-index': row.index,
      'aria-expanded': expanded ? 'true' : 'false',
      'aria-controls': expanded ? detailId(row) : undefined,
      'aria-label': `Charts of ${row.name}`,
      title: expanded ? 'Hide the charts' : 'Show the charts: axes, bucket bounds and counts',
    },
    svg('svg', { class: 'chevron', viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true' }, svg('path', { d: 'M6 4l4 4-4 4' })),
  );
}

function nameCell(row: FeatureRow, anomaly: FeatureAnomaly | undefined, expanded: boolean): ViewElement {
  const button = h(
    'button',
    {
      type: 'button',
      class: 'feature-name',
      tabindex: -1,
      'data-index': row.index,
      title: `${row.name} (${row.typeLabel}) \u2014 reveal in file`,
    },
    anomaly ? anomalyMarkerView(anomaly.severity) : null,
    h('span', { class: 'name-text' }, row.name),
  );
  return h('div', { class: 'cell col-name', role: 'rowheader' }, expanderView(row, expanded), button, h('span', { class: 'type-tag' }, row.typeLabel));
}

function anomalyRow(anomaly: FeatureAnomaly): ViewElement {
  return h(
    'div',
    { class: 'ov-row anomaly-row', role: 'row' },
    h(
      'div',
      { class: 'cell anomaly-cell', role: 'cell' },
      anomaly.lines.map((line) => {
        const s = line.shortDescription.trim();
        const d = line.description.trim();
        return h(
          'div',
          { class: 'anomaly-line' },
          s && d && s !== d
            ? [h('span', { class: 'anomaly-short' }, s), ' \u2014 ', h('span', { class: 'anomaly-description' }, d)]
            : h('span', { class: 'anomaly-short' }, line.text),
        );
      }),
    ),
  );
}

function numericCells(row: FeatureRow, examples: string): ViewElement[] {
  const s = row.numeric;
  if (!s) return [];
  return [
    countCell(row.count),
    percentCell(row.missingRatio, row.missing, examples, 'missing'),
    percentCell(s.zerosRatio, s.zeros, 'values', 'zeros'),
    statCell(s.mean),
    statCell(s.stdDev),
    statCell(s.min),
    statCell(s.median),
    statCell(s.max),
  ];
}

function categoricalCells(row: FeatureRow, examples: string): ViewElement[] {
  const s = row.categorical;
  if (!s) return [];
  const top =
    s.topValue === undefined
      ? h('div', { class: 'cell col-top muted', role: 'cell' }, '\u2013')
      : h('div', { class: classes('cell', 'col-top', s.topValue === '' && 'muted'), role: 'cell', title: displayValue(s.topValue) }, displayValue(s.topValue));
  return [
    countCell(row.count),
    percentCell(row.missingRatio, row.missing, examples, 'missing'),
    countCell(s.unique),
    top,
    countCell(s.topCount),
    s.avgLength === undefined ? countCell(undefined) : statCell(s.avgLength),
  ];
}

/**
 * One feature: a row group holding its row and, when it has an anomaly, a second row with the reasons, so that
 * sorting and filtering move both as one.
 */
export function featureBodyView(row: FeatureRow, anomaly: FeatureAnomaly | undefined, options: RowViewOptions, numExamples: number, expanded = false): ViewElement {
  const examples = `${formatExact(row.count + row.missing || numExamples)} examples`;
  const cells = row.kind === 'numeric' ? numericCells(row, examples) : categoricalCells(row, examples);
  return h(
    'div',
    { class: classes('feature', anomaly && `has-anomaly severity-${anomaly.severity}`, expanded && 'expanded'), role: 'rowgroup', 'data-index': row.index },
    h(
      'div',
      { class: 'ov-row feature-row', role: 'row' },
      nameCell(row, anomaly, expanded),
      cells,
      h('div', { class: 'cell col-chart', role: 'cell' }, chartView(row, options)),
    ),
    anomaly ? anomalyRow(anomaly) : null,
  );
}

/**
 * Anomalies that no table row can show: the dataset's own, and those of features that the statistics do not have
 * (e.g. a column the schema requires but the data lacks).
 */
export function otherAnomaliesView(anomalies: readonly FeatureAnomaly[]): ViewElement {
  return h(
    'ul',
    { class: 'other-anomalies' },
    anomalies.map((a) =>
      h(
        'li',
        { class: `other-anomaly severity-${a.severity}` },
        anomalyMarkerView(a.severity),
        h('span', { class: 'other-anomaly-name' }, a.feature === '' ? 'Dataset' : a.feature),
        h('span', { class: 'other-anomaly-text' }, a.lines.map((l) => l.text).join(' ')),
      ),
    ),
  );
}
