/**
 * Messages between the extension host and the model comparison panel (webview/models). Both sides import this
 * file, so it uses neither `vscode` nor the DOM.
 *
 * Sequence: the webview posts `ready` once its listeners are installed; the host then posts `comparison` (or
 * `progress` while it computes, `error` when it cannot). `rerun` and `sliceBy` carry a `requestId` that the
 * answering `comparison` or `error` repeats. The per-row chart data travels as typed arrays (binary), never JSON.
 */
import type { AttributionChange, MetricDelta, SliceComparison } from '../../core/model/compareVersions.js';
import type { ModelTask } from '../../core/model/featureSpec.js';
import type { ChartRows } from './compareJobProtocol.js';

export type { AttributionChange, MetricDelta, SliceComparison } from '../../core/model/compareVersions.js';
export type { ChartRows, RowSliceColumn } from './compareJobProtocol.js';

export type GateDecision = 'KEEP' | 'ROLL BACK' | 'INCONCLUSIVE';

/** What the panel shows: the engine's report (trimmed to what is drawn), the gate's verdict, the chart rows. */
export interface ComparisonView {
  readonly datasetName: string;
  readonly datasetPath: string;
  readonly base: string;
  readonly candidate: string;
  readonly baseVersion: number | null;
  readonly candidateVersion: number | null;
  readonly task: ModelTask;
  readonly rows: number;
  readonly skipped: number;
  readonly metric: string;
  readonly bootstrap: { readonly replicates: number; readonly seed: number; readonly confidence: number };
  readonly metrics: readonly MetricDelta[];
  readonly disagreement: { readonly rate: number; readonly rows: number; readonly meanAbsoluteScoreDifference: number };
  readonly slices: readonly SliceComparison[];
  readonly worseSlices: readonly SliceComparison[];
  readonly attributionChanges: readonly AttributionChange[];
  readonly attributionNote?: string;
  readonly verdict: { readonly decision: GateDecision; readonly reason: string; readonly decidedBy: string };
  /** Every feature of either version's spec (the slice feature picker), and those sliced now. */
  readonly specFeatures: readonly string[];
  readonly sliceBy: readonly string[];
  readonly chart: ChartRows;
  /** The version a roll back would serve (the base), when it is a numbered version. */
  readonly rollBackTo: number | null;
  /** e.g. `served: v2 (stable)`, from models.config. */
  readonly served?: string;
  /** How long the comparison took, and whether it came from the cache. */
  readonly elapsedMs: number;
  readonly cached: boolean;
}

/** Host → webview. */
export type HostToComparisonMessage =
  | { readonly type: 'comparison'; readonly requestId?: number; readonly view: ComparisonView }
  | { readonly type: 'progress'; readonly message: string; readonly fraction?: number }
  | { readonly type: 'rolledBack'; readonly version: number; readonly message: string }
  | { readonly type: 'error'; readonly requestId?: number; readonly message: string };

/** Webview → host. */
export type ComparisonToHostMessage =
  | { readonly type: 'ready' }
  /** Compute again (ignoring the cache). */
  | { readonly type: 'rerun'; readonly requestId: number }
  /** Slice by this feature of the spec instead. */
  | { readonly type: 'sliceBy'; readonly requestId: number; readonly feature: string }
  /** Show this row in its file: index into the chart rows' sources, and the line / record. */
  | { readonly type: 'revealRow'; readonly shard: number; readonly position: number }
  /** The user pressed Roll Back to vN. */
  | { readonly type: 'rollBack'; readonly version: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Checks a message from the webview (untrusted input); undefined when it is not one this protocol defines. */
export function parseComparisonToHostMessage(raw: unknown): ComparisonToHostMessage | undefined {
  if (!isObject(raw)) return undefined;
  switch (raw['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'rerun':
      return isId(raw['requestId']) ? { type: 'rerun', requestId: raw['requestId'] } : undefined;
    case 'sliceBy': {
      const feature = raw['feature'];
      return isId(raw['requestId']) && typeof feature === 'string' && feature.length > 0 && feature.length <= 1000
        ? { type: 'sliceBy', requestId: raw['requestId'], feature }
        : undefined;
    }
    case 'revealRow':
      return isId(raw['shard']) && isId(raw['position']) ? { type: 'revealRow', shard: raw['shard'], position: raw['position'] } : undefined;
    case 'rollBack':
      return isId(raw['version']) ? { type: 'rollBack', version: raw['version'] } : undefined;
    default:
      return undefined;
  }
}

/** Checks a message from the host enough to dispatch it (the host is trusted; this guards against stray messages). */
export function parseHostToComparisonMessage(raw: unknown): HostToComparisonMessage | undefined {
  if (!isObject(raw)) return undefined;
  switch (raw['type']) {
    case 'comparison':
      return isObject(raw['view']) ? (raw as unknown as HostToComparisonMessage) : undefined;
    case 'progress':
    case 'error':
      return typeof raw['message'] === 'string' ? (raw as unknown as HostToComparisonMessage) : undefined;
    case 'rolledBack':
      return isId(raw['version']) && typeof raw['message'] === 'string' ? (raw as unknown as HostToComparisonMessage) : undefined;
    default:
      return undefined;
  }
}

/** The webview's saved state (restored after a reload; the host checks what it names again). */
export interface ComparisonPanelState {
  readonly base: { readonly root: string; readonly version: number | null };
  readonly candidate: { readonly root: string; readonly version: number | null };
  readonly dataset: string;
  readonly sliceFeature?: string;
}
