/** The comparison page's UI state (kept with setState in VS Code), and its check when restored. Pure. */
import type { MetricId } from '../../src/protocol/compare/compareProtocol.js';

export type SortMetric = 'default' | MetricId;

export interface CompareUiState {
  readonly metric: SortMetric;
  readonly filter: string;
  readonly overOnly: boolean;
  readonly logScale: boolean;
  readonly percent: boolean;
  readonly expanded: readonly string[];
}

export const DEFAULT_STATE: CompareUiState = { metric: 'default', filter: '', overOnly: false, logScale: false, percent: true, expanded: [] };

const METRICS: readonly SortMetric[] = ['default', 'lInfinity', 'jensenShannon', 'psi', 'wasserstein', 'ks', 'fineJsd'];

export function isSortMetric(x: unknown): x is SortMetric {
  return typeof x === 'string' && (METRICS as readonly string[]).includes(x);
}

export function restoreState(x: unknown): CompareUiState {
  if (typeof x !== 'object' || x === null) return DEFAULT_STATE;
  const s = x as Record<string, unknown>;
  return {
    metric: isSortMetric(s.metric) ? s.metric : DEFAULT_STATE.metric,
    filter: typeof s.filter === 'string' ? s.filter.slice(0, 200) : '',
    overOnly: s.overOnly === true,
    logScale: s.logScale === true,
    percent: s.percent !== false,
    expanded: Array.isArray(s.expanded) ? s.expanded.filter((e): e is string => typeof e === 'string').slice(0, 100) : [],
  };
}
