/**
 * Messages between the extension host and the model comparison panel (webview/models). Both sides import this
 * file, so it uses neither `vscode` nor the DOM.
 *
 * Sequence: the webview posts `ready` once its listeners are installed; the host then posts `comparison` (or
 * `progress` while it computes, `error` when it cannot). `rerun`, `sliceBy`, `setBase` and `showCandidate` carry a
 * `requestId` that the answering `comparison` or `error` repeats. The per-row chart data travels as typed arrays
 * (binary), never JSON.
 *
 * A comparison holds one base and any number of candidates: `versions` (every version of the set, for the Base
 * picker) and `candidates` (each against the base: metrics, deltas, intervals, verdict); the sections below them
 * (slices, curves, disagreement, attributions) detail one candidate, `candidateIndex`.
 */
import type { AttributionChange, MetricDelta, SliceComparison } from '../../core/model/compareVersions.js';
import type { ModelTask } from '../../core/model/featureSpec.js';
import type { ChartRows, VersionRef } from './compareJobProtocol.js';

export type { AttributionChange, MetricDelta, SliceComparison } from '../../core/model/compareVersions.js';
export type { ChartRows, RowSliceColumn, VersionRef } from './compareJobProtocol.js';

export type GateDecision = 'KEEP' | 'ROLL BACK' | 'INCONCLUSIVE';

/** The chart rows of one pair: the base's and the detailed candidate's scores. */
export type PairChartRows = Omit<ChartRows, 'scores'> & { readonly base: Float32Array; readonly candidate: Float32Array };

export interface GateVerdict {
  readonly decision: GateDecision;
  readonly reason: string;
  readonly decidedBy: string;
}

/** One candidate against the base, as the panel's top rows show it. */
export interface CandidateSummary {
  /** As the engine names it (`taxi_model/2`). */
  readonly name: string;
  readonly version: number | null;
  readonly metrics: readonly MetricDelta[];
  readonly verdict: GateVerdict;
  readonly worseSlices: number;
}

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
  /** The detailed candidate's verdict (each candidate's is in `candidates`). */
  readonly verdict: GateVerdict;
  /** Every version of the set, in one order whichever is the base (the Base picker's options). */
  readonly versions: readonly { readonly name: string; readonly version: number | null }[];
  /** Index into `versions` of the base. */
  readonly baseIndex: number;
  /** Every candidate against the base, in the order of `versions`. */
  readonly candidates: readonly CandidateSummary[];
  /** Index into `candidates` of the one the sections below the metrics detail. */
  readonly candidateIndex: number;
  /** What the serializer restores after a reload (the webview saves it with its UI state). */
  readonly panelState: ComparisonPanelState;
  /** Every feature of either version's spec (the slice feature picker), and those sliced now. */
  readonly specFeatures: readonly string[];
  readonly sliceBy: readonly string[];
  readonly chart: PairChartRows;
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
  /** Compare every other version of the set with this one (index into the view's `versions`). */
  | { readonly type: 'setBase'; readonly requestId: number; readonly index: number }
  /** Detail this candidate below the metrics (index into the view's `candidates`). */
  | { readonly type: 'showCandidate'; readonly requestId: number; readonly index: number }
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
    case 'setBase':
    case 'showCandidate':
      return isId(raw['requestId']) && isId(raw['index']) ? { type: raw['type'], requestId: raw['requestId'], index: raw['index'] } : undefined;
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

/**
 * The webview's saved state (restored after a reload; the host checks what it names again): the chosen base, the
 * other versions, and the candidate detailed. A state saved before many versions (`candidate`, one ref) is read too.
 */
export interface ComparisonPanelState {
  readonly base: VersionRef;
  readonly candidates: readonly VersionRef[];
  readonly focus?: VersionRef;
  readonly dataset: string;
  readonly sliceFeature?: string;
}
