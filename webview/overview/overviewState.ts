/**
 * The overview's UI state (what the user chose, not the data), persisted with the webview state API so that it
 * survives the panel being hidden and VS Code restarting. Pure: no DOM.
 */
import { clampNameWidth } from './columnResizeKeys.js';

export const SORT_KEYS = ['order', 'name', 'missing', 'nonUniformity', 'anomalies'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Record<SortKey, string> = {
  order: 'Feature order',
  name: 'Name',
  missing: 'Missing/zero %',
  nonUniformity: 'Non-uniformity',
  anomalies: 'Anomalies first',
};

/** What each order means, shown under the option in the sort dropdown. */
export const SORT_DESCRIPTIONS: Record<SortKey, string> = {
  order: 'As in the statistics (the file\u2019s column order)',
  name: 'Alphabetical; digits compare as numbers',
  missing: '(missing + zero values) \u00f7 examples, largest first',
  nonUniformity: '1 \u2212 normalized entropy of the histogram or value counts: least uniform first',
  anomalies: 'Errors, then warnings, then the rest',
};

export const CHART_KINDS = ['standard', 'quantiles'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export const CHART_LABELS: Record<ChartKind, string> = {
  standard: 'Standard histogram',
  quantiles: 'Quantiles',
};

export type SectionId = 'numeric' | 'categorical';

export interface OverviewUiState {
  readonly version: 1;
  readonly filter: string;
  readonly sort: SortKey;
  readonly reverse: boolean;
  readonly chart: ChartKind;
  readonly logScale: boolean;
  readonly collapsed: Readonly<Record<SectionId, boolean>>;
  /** Names of the features whose row is expanded to full charts, in the order they were opened. */
  readonly expanded: readonly string[];
  /** The Feature column's width in pixels, chosen by the user; undefined: fit the names. */
  readonly nameWidth: number | undefined;
}

export const DEFAULT_UI_STATE: OverviewUiState = {
  version: 1,
  filter: '',
  sort: 'order',
  reverse: false,
  chart: 'standard',
  logScale: false,
  collapsed: { numeric: false, categorical: false },
  expanded: [],
  nameWidth: undefined,
};

/** Most expanded rows remembered: the oldest are forgotten first. */
export const MAX_EXPANDED = 100;

/** The expanded list with `name` opened (appended) or closed (removed). */
export function toggleExpanded(expanded: readonly string[], name: string): string[] {
  if (expanded.includes(name)) return expanded.filter((n) => n !== name);
  return [...expanded, name].slice(-MAX_EXPANDED);
}

function isOneOf<T extends string>(values: readonly T[], x: unknown): x is T {
  return typeof x === 'string' && (values as readonly string[]).includes(x);
}

/**
 * Reads state saved by an earlier (possibly older or newer) version: every field that is missing or malformed
 * takes its default, so bad saved state can never break the panel.
 */
export function restoreUiState(saved: unknown): OverviewUiState {
  if (typeof saved !== 'object' || saved === null) return DEFAULT_UI_STATE;
  const s = saved as Record<string, unknown>;
  const collapsed = typeof s.collapsed === 'object' && s.collapsed !== null ? (s.collapsed as Record<string, unknown>) : {};
  return {
    version: 1,
    filter: typeof s.filter === 'string' ? s.filter.slice(0, 1000) : DEFAULT_UI_STATE.filter,
    sort: isOneOf(SORT_KEYS, s.sort) ? s.sort : DEFAULT_UI_STATE.sort,
    reverse: typeof s.reverse === 'boolean' ? s.reverse : DEFAULT_UI_STATE.reverse,
    chart: isOneOf(CHART_KINDS, s.chart) ? s.chart : DEFAULT_UI_STATE.chart,
    logScale: typeof s.logScale === 'boolean' ? s.logScale : DEFAULT_UI_STATE.logScale,
    collapsed: {
      numeric: typeof collapsed.numeric === 'boolean' ? collapsed.numeric : false,
      categorical: typeof collapsed.categorical === 'boolean' ? collapsed.categorical : false,
    },
    expanded: Array.isArray(s.expanded) ? [...new Set(s.expanded.filter((n): n is string => typeof n === 'string'))].slice(-MAX_EXPANDED) : [],
    nameWidth: typeof s.nameWidth === 'number' && Number.isFinite(s.nameWidth) ? clampNameWidth(s.nameWidth) : undefined,
  };
}
