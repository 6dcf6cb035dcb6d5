/**
 * Messages between the extension host and the dataset comparison webview (webview/compare), and the data the
 * offline HTML report embeds (the same page, no host). Both sides import this file: neither `vscode` nor the DOM.
 *
 * Bulk data travels as bytes: the statistics of every compared dataset as one serialized
 * `DatasetFeatureStatisticsList` (in the model's dataset order). The model (src/core/compare/datasetComparison.ts)
 * is small per feature — distances, their terms, thresholds — and travels as structured data.
 *
 * Sequence: the webview posts `ready`; the host answers with `comparison` (again after every change, e.g. a
 * threshold set: it replaces what is shown). `setThreshold` and `setReference` carry a `requestId`; the host
 * answers with a `comparison` carrying it, or an `error` carrying it.
 *
 * Spans: a `comparison` with a `timeline` (src/core/compare/spanTimeline.ts) over every span; its `model` and
 * `stats` are then the last span against the one before it.
 */
import type { DatasetComparison } from '../../core/compare/datasetComparison.js';
import type { SpanTimeline } from '../../core/compare/spanTimeline.js';

export type { DatasetComparison, FeatureDistances, MetricId } from '../../core/compare/datasetComparison.js';
export type { ValueContribution } from '../../core/compare/contributions.js';
export type { FineBin } from '../../core/compare/fineDistances.js';
export type { FeatureTimeline, SpanDistance, SpanTimeline } from '../../core/compare/spanTimeline.js';

export type ComparatorName = 'skew' | 'drift';
export type ThresholdMetric = 'infinityNorm' | 'jensenShannonDivergence';

/** Host → webview. */
export type HostToCompareMessage =
  | {
      readonly type: 'comparison';
      readonly requestId?: number;
      readonly stats: Uint8Array;
      readonly model: DatasetComparison;
      /** The schema whose comparators are drawn and which Set threshold edits; absent when there is none. */
      readonly schemaName?: string;
      /** Whether Set threshold can write (a schema file, a trusted workspace). */
      readonly canSetThreshold: boolean;
      /** One line on where the comparator anomalies went (e.g. "Problems: serving.csv"). */
      readonly note?: string;
      /** The compared inputs' paths in order (kept in the page's state for the serializer). */
      readonly inputs: readonly string[];
      /** The drift timeline, when the inputs are spans. */
      readonly timeline?: SpanTimeline;
    }
  | { readonly type: 'progress'; readonly message: string; readonly fraction?: number }
  | { readonly type: 'error'; readonly requestId?: number; readonly message: string };

/** Webview → host. */
export type CompareToHostMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'revealFeature'; readonly feature: string }
  | {
      readonly type: 'setThreshold';
      readonly requestId: number;
      readonly feature: string;
      readonly comparator: ComparatorName;
      readonly metric: ThresholdMetric;
      readonly threshold: number;
    }
  | { readonly type: 'setReference'; readonly requestId: number; readonly reference: number };

type Fields = Record<string, unknown>;

function isRecord(x: unknown): x is Fields {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function asBytes(x: unknown): Uint8Array | undefined {
  if (x instanceof Uint8Array) return x;
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  const tag = Object.prototype.toString.call(x);
  if (tag === '[object ArrayBuffer]') return new Uint8Array(x as ArrayBuffer);
  return undefined;
}

function optionalId(x: unknown): number | undefined | false {
  if (x === undefined) return undefined;
  return Number.isSafeInteger(x) ? (x as number) : false;
}

function isDistance(x: unknown): boolean {
  return x === null || (isRecord(x) && (x.tfdv === undefined || typeof x.tfdv === 'number') && (x.fine === undefined || typeof x.fine === 'number'));
}

/** A structural check of a timeline: spans, the reference among them, one distance (or null) per span. */
export function isSpanTimeline(x: unknown): x is SpanTimeline {
  if (!isRecord(x) || !Array.isArray(x.spans) || !Array.isArray(x.features) || !Number.isSafeInteger(x.reference)) return false;
  const n = x.spans.length;
  if ((x.reference as number) < 0 || (x.reference as number) >= n) return false;
  if (!x.spans.every((s) => isRecord(s) && typeof s.name === 'string' && typeof s.numExamples === 'number')) return false;
  return x.features.every(
    (f) =>
      isRecord(f) &&
      typeof f.pathKey === 'string' &&
      typeof f.maxDrift === 'number' &&
      (f.tfdvMetric === 'lInfinity' || f.tfdvMetric === 'jensenShannon') &&
      Array.isArray(f.present) &&
      Array.isArray(f.toPrevious) &&
      Array.isArray(f.toReference) &&
      Array.isArray(f.overThreshold) &&
      f.toPrevious.length === n &&
      f.toReference.length === n &&
      f.toPrevious.every(isDistance) &&
      f.toReference.every(isDistance) &&
      (f.driftThreshold === undefined || (isRecord(f.driftThreshold) && typeof f.driftThreshold.threshold === 'number')),
  );
}

/** A structural check of the model: the fields the page reads first are there with the right types. */
export function isComparisonModel(x: unknown): x is DatasetComparison {
  if (!isRecord(x) || !Array.isArray(x.datasets) || !Array.isArray(x.features)) return false;
  if (!Number.isSafeInteger(x.baseline) || !Number.isSafeInteger(x.target)) return false;
  const n = x.datasets.length;
  if ((x.baseline as number) >= n || (x.target as number) >= n) return false;
  if (!x.datasets.every((d) => isRecord(d) && typeof d.name === 'string' && typeof d.numExamples === 'number')) return false;
  return x.features.every(
    (f) =>
      isRecord(f) &&
      typeof f.pathKey === 'string' &&
      typeof f.distance === 'number' &&
      Array.isArray(f.present) &&
      isRecord(f.values) &&
      isRecord(f.unavailable) &&
      Array.isArray(f.contributions) &&
      Array.isArray(f.fineBins) &&
      Array.isArray(f.anomalies) &&
      isRecord(f.skew) &&
      isRecord(f.drift),
  );
}

export function parseHostToCompareMessage(data: unknown): HostToCompareMessage | undefined {
  if (!isRecord(data)) return undefined;
  const type = data.type as HostToCompareMessage['type'];
  switch (type) {
    case 'comparison': {
      const stats = asBytes(data.stats);
      const requestId = optionalId(data.requestId);
      if (!stats || requestId === false || !isComparisonModel(data.model) || typeof data.canSetThreshold !== 'boolean') return undefined;
      if (data.schemaName !== undefined && typeof data.schemaName !== 'string') return undefined;
      if (data.note !== undefined && typeof data.note !== 'string') return undefined;
      if (!Array.isArray(data.inputs) || !data.inputs.every((i) => typeof i === 'string')) return undefined;
      if (data.timeline !== undefined && !isSpanTimeline(data.timeline)) return undefined;
      return {
        type,
        stats,
        model: data.model,
        canSetThreshold: data.canSetThreshold,
        inputs: data.inputs as string[],
        ...(data.timeline !== undefined ? { timeline: data.timeline } : {}),
        ...(requestId !== undefined ? { requestId } : {}),
        ...(typeof data.schemaName === 'string' ? { schemaName: data.schemaName } : {}),
        ...(typeof data.note === 'string' ? { note: data.note } : {}),
      };
    }
    case 'progress': {
      if (typeof data.message !== 'string') return undefined;
      const f = data.fraction;
      if (f !== undefined && !(typeof f === 'number' && Number.isFinite(f))) return undefined;
      return { type, message: data.message, ...(typeof f === 'number' ? { fraction: Math.min(1, Math.max(0, f)) } : {}) };
    }
    case 'error': {
      const requestId = optionalId(data.requestId);
      if (typeof data.message !== 'string' || requestId === false) return undefined;
      return { type, message: data.message, ...(requestId !== undefined ? { requestId } : {}) };
    }
    default: {
      const never: never = type;
      void never;
      return undefined;
    }
  }
}

/** Checks a message from the webview (less trusted than the host). */
export function parseCompareToHostMessage(data: unknown): CompareToHostMessage | undefined {
  if (!isRecord(data)) return undefined;
  const type = data.type as CompareToHostMessage['type'];
  switch (type) {
    case 'ready':
      return { type };
    case 'revealFeature':
      return typeof data.feature === 'string' && data.feature.length < 10_000 ? { type, feature: data.feature } : undefined;
    case 'setThreshold': {
      const requestId = optionalId(data.requestId);
      const { feature, comparator, metric, threshold } = data;
      if (requestId === undefined || requestId === false || typeof feature !== 'string') return undefined;
      if (comparator !== 'skew' && comparator !== 'drift') return undefined;
      if (metric !== 'infinityNorm' && metric !== 'jensenShannonDivergence') return undefined;
      if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) return undefined;
      return { type, requestId, feature, comparator, metric, threshold };
    }
    case 'setReference': {
      const requestId = optionalId(data.requestId);
      if (requestId === undefined || requestId === false || !Number.isSafeInteger(data.reference) || (data.reference as number) < 0 || (data.reference as number) > 100_000) return undefined;
      return { type, requestId, reference: data.reference as number };
    }
    default: {
      const never: never = type;
      void never;
      return undefined;
    }
  }
}

/** The data the offline HTML report embeds (as JSON in a non-executed script element). */
export interface CompareReportData {
  /** Base64 of the statistics list bytes. */
  readonly stats: string;
  readonly model: DatasetComparison;
  readonly schemaName?: string;
  /** The drift timeline of a report over spans. */
  readonly timeline?: SpanTimeline;
}

export function parseCompareReportData(x: unknown): CompareReportData | undefined {
  if (!isRecord(x) || typeof x.stats !== 'string' || !isComparisonModel(x.model)) return undefined;
  if (x.timeline !== undefined && !isSpanTimeline(x.timeline)) return undefined;
  return { stats: x.stats, model: x.model, ...(typeof x.schemaName === 'string' ? { schemaName: x.schemaName } : {}), ...(x.timeline !== undefined ? { timeline: x.timeline } : {}) };
}
