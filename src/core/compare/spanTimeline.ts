/**
 * A drift timeline over spans (TFDV's drift story: each day's data against the day before, and against a chosen
 * reference span): per feature, the distance from every span to the previous span and to the reference, as
 * TFDV defines it (L-infinity for categorical features, Jensen–Shannon for numeric: what a schema's
 * drift_comparator checks) and Facetwise's fine Jensen–Shannon from the fine quantiles (numeric features; absent,
 * with the reason, where a side has none — e.g. statistics TFDV wrote). Computed from statistics only, each pair
 * once (datasetComparison.ts's per-feature distances); the schema's drift_comparator threshold is carried per
 * feature and each span over it is listed. Features come most drifted first.
 */
import type { Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetFeatureStatistics, DatasetFeatureStatisticsList } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { comparatorThresholds, getFeature } from '../schema/schemaModel.js';
import { parsePath } from '../schema/featurePath.js';
import { asDatasetStatistics } from '../schema/statsView.js';
import type { ComparedKind, DatasetComparison, FeatureDistances } from './datasetComparison.js';
import { buildComparison } from './datasetComparison.js';

export interface SpanStatistics {
  /** What the user calls the span (its folder or file name). */
  readonly name: string;
  readonly statistics: DatasetFeatureStatistics | DatasetFeatureStatisticsList;
}

/** One span against another, for one feature. */
export interface SpanDistance {
  /** TFDV's distance: L-infinity (categorical) or Jensen–Shannon (numeric). Absent when TFDV's is undefined. */
  readonly tfdv?: number;
  /** Facetwise's fine Jensen–Shannon (numeric, from the fine quantiles). */
  readonly fine?: number;
  /** The feature is in one of the two spans only (distance 1 by convention, as in the pairwise panel). */
  readonly oneSided?: boolean;
}

export interface DriftThreshold {
  /** The drift_comparator metric for this kind of feature, in the schema's words. */
  readonly metric: 'infinity_norm' | 'jensen_shannon_divergence';
  readonly threshold: number;
}

export interface FeatureTimeline {
  readonly pathKey: string;
  readonly kind: ComparedKind;
  /** Per span: whether it has the feature. */
  readonly present: readonly boolean[];
  /** The TFDV metric of `tfdv` values. */
  readonly tfdvMetric: 'lInfinity' | 'jensenShannon';
  /** Per span: the distance to the previous span (undefined for the first span and where nothing compares). */
  readonly toPrevious: ReadonlyArray<SpanDistance | null>;
  /** Per span: the distance to the reference span (null for the reference itself). */
  readonly toReference: ReadonlyArray<SpanDistance | null>;
  /** Why `fine` is missing (categorical features, statistics without fine quantiles); absent when it is there. */
  readonly fineUnavailable?: string;
  /** The sort key: the largest distance of either series, fine where the feature has it, else TFDV's. */
  readonly maxDrift: number;
  readonly driftThreshold?: DriftThreshold;
  /** Spans whose TFDV distance to the previous span is over the threshold (TFDV's drift anomaly). */
  readonly overThreshold: readonly number[];
}

export interface SpanTimeline {
  readonly spans: ReadonlyArray<{ readonly name: string; readonly numExamples: number }>;
  readonly reference: number;
  readonly features: readonly FeatureTimeline[];
}

export interface TimelineOptions {
  /** Index of the reference span (default 0, the first). */
  readonly reference?: number;
  /** The schema whose drift_comparator thresholds are carried. */
  readonly schema?: Schema;
}

function distanceOf(f: FeatureDistances | undefined): SpanDistance | null {
  if (!f) return null;
  if (!f.present.every(Boolean)) return { oneSided: true };
  const tfdv = f.kind === 'categorical' ? f.values.lInfinity : f.values.jensenShannon;
  const fine = f.kind === 'numeric' ? f.values.fineJsd : undefined;
  if (tfdv === undefined && fine === undefined) return null;
  return { ...(tfdv !== undefined ? { tfdv } : {}), ...(fine !== undefined ? { fine } : {}) };
}

/** The value a distance is sorted by: fine when the feature has fine distances, else TFDV's. */
function keyOf(d: SpanDistance | null, useFine: boolean): number {
  if (!d) return 0;
  if (d.oneSided) return 1;
  return (useFine ? d.fine : d.tfdv) ?? d.tfdv ?? 0;
}

export function buildSpanTimeline(spans: readonly SpanStatistics[], options: TimelineOptions = {}): SpanTimeline {
  const reference = options.reference ?? 0;
  if (spans.length < 2) throw new RangeError('A timeline needs at least two spans.');
  if (!Number.isSafeInteger(reference) || reference < 0 || reference >= spans.length) throw new RangeError(`The reference span must be 1 to ${spans.length}; got ${reference + 1}.`);
  const stats = spans.map((s) => asDatasetStatistics(s.statistics));
  // Each pair once: with the first span as reference, span 1's "previous" and "reference" are the same pair.
  const pairs = new Map<string, Map<string, FeatureDistances>>();
  const pair = (from: number, to: number): Map<string, FeatureDistances> => {
    const key = `${from}:${to}`;
    let byKey = pairs.get(key);
    if (!byKey) {
      const model: DatasetComparison = buildComparison({
        datasets: [
          { name: spans[from]?.name ?? '', statistics: stats[from] as DatasetFeatureStatistics },
          { name: spans[to]?.name ?? '', statistics: stats[to] as DatasetFeatureStatistics },
        ],
      });
      byKey = new Map(model.features.map((f) => [f.pathKey, f]));
      pairs.set(key, byKey);
    }
    return byKey;
  };
  const previous = spans.map((_, i) => (i === 0 ? undefined : pair(i - 1, i)));
  const toRef = spans.map((_, i) => (i === reference ? undefined : pair(reference, i)));

  // Every feature of any span, in first-seen order, with its kind where two spans compare it.
  const kinds = new Map<string, ComparedKind>();
  for (const byKey of [...previous, ...toRef]) for (const [k, f] of byKey ?? []) if (!kinds.has(k) || (kinds.get(k) === 'other' && f.present.every(Boolean))) kinds.set(k, f.kind);

  const features: FeatureTimeline[] = [];
  for (const [pathKey, kind] of kinds) {
    const present = spans.map((_, i) => (i > 0 ? previous[i]?.get(pathKey)?.present[1] : previous[1]?.get(pathKey)?.present[0]) ?? false);
    const toPrevious = spans.map((_, i) => (i === 0 ? null : distanceOf(previous[i]?.get(pathKey))));
    const toReference = spans.map((_, i) => (i === reference ? null : distanceOf(toRef[i]?.get(pathKey))));
    const all = [...toPrevious, ...toReference];
    const hasFine = kind === 'numeric' && all.some((d) => d?.fine !== undefined);
    const maxDrift = Math.max(0, ...all.map((d) => keyOf(d, hasFine)));
    const tfdvMetric = kind === 'categorical' ? 'lInfinity' : 'jensenShannon';
    const schemaFeature = options.schema ? getFeature(options.schema, parsePath(pathKey) ?? [pathKey]) : undefined;
    const t = comparatorThresholds(schemaFeature?.driftComparator);
    const value = kind === 'categorical' ? t.infinityNorm : t.jensenShannonDivergence;
    const driftThreshold: DriftThreshold | undefined =
      value === undefined ? undefined : { metric: kind === 'categorical' ? 'infinity_norm' : 'jensen_shannon_divergence', threshold: value };
    const overThreshold = driftThreshold ? toPrevious.flatMap((d, i) => (d?.tfdv !== undefined && d.tfdv > driftThreshold.threshold ? [i] : [])) : [];
    const fineUnavailable = hasFine
      ? undefined
      : kind === 'categorical'
        ? 'Facetwise’s fine distance is for numeric features; L∞ (TFDV) is exact for categorical ones'
        : 'unavailable: these statistics have no fine quantiles (statistics written by TFDV keep only 10-bucket histograms)';
    features.push({
      pathKey,
      kind,
      present,
      tfdvMetric,
      toPrevious,
      toReference,
      ...(fineUnavailable ? { fineUnavailable } : {}),
      maxDrift,
      ...(driftThreshold ? { driftThreshold } : {}),
      overThreshold,
    });
  }
  features.sort((x, y) => y.maxDrift - x.maxDrift || (x.pathKey < y.pathKey ? -1 : x.pathKey > y.pathKey ? 1 : 0));
  return { spans: spans.map((s, i) => ({ name: s.name, numExamples: Number((stats[i] as DatasetFeatureStatistics).numExamples) })), reference, features };
}
