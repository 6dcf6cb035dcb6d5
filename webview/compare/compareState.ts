/**
 * The comparison page's UI state (kept with setState in VS Code), and its check when restored. Pure. It also keeps
 * what the panel compares (the input paths, whether they are spans, the reference span), which the host's
 * serializer reads after a reload to compare the same inputs again.
 */
import type { MetricId } from '../../src/protocol/compare/compareProtocol.js';

export type SortMetric = 'default' | MetricId;

export type CompareTab = 'timeline' | 'pair';

export interface CompareUiState {
  readonly metric: SortMetric;
  readonly filter: string;
  readonly overOnly: boolean;
  readonly logScale: boolean;
  readonly percent: boolean;
  readonly expanded: readonly string[];
  /** With spans: the drift timeline or the last span against the one before. */
  readonly tab: CompareTab;
  /** What is compared, in order (the host's paths), for the serializer; empty in the offline report. */
  readonly inputs: readonly string[];
  readonly spans: boolean;
  readonly reference: number;
}

export const DEFAULT_STATE: CompareUiState = { metric: 'default', filter: '', overOnly: false, logScale: false, percent: true, expanded: [], tab: 'timeline', inputs: [], spans: false, reference: 0 };

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
    tab: s.tab === 'pair' ? 'pair' : 'timeline',
    inputs: Array.isArray(s.inputs) ? s.inputs.filter((e): e is string => typeof e === 'string').slice(0, 1000) : [],
    spans: s.spans === true,
    reference: Number.isSafeInteger(s.reference) && (s.reference as number) >= 0 ? (s.reference as number) : 0,
  };
}
