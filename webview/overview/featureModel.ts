/**
 * What the overview shows of one dataset, extracted once from the decoded DatasetFeatureStatistics into plain
 * numbers and strings (bigint counts become numbers), so that sorting, filtering and rendering never touch protobuf
 * messages. Pure: no DOM.
 */
import type {
  CommonStatistics,
  DatasetFeatureStatistics,
  FeatureNameStatistics,
  Histogram,
} from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { FeatureNameStatistics_Type, Histogram_HistogramType } from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { nonUniformity } from './nonUniformity.js';

export type FeatureKind = 'numeric' | 'categorical';

/** A histogram bucket; TFDV's buckets are (low, high] except the first, which is [low, high]. */
export interface HistogramBucket {
  readonly low: number;
  readonly high: number;
  readonly count: number;
}

/** One value of a categorical feature and how often it occurs (a rank-histogram bucket or a top value). */
export interface RankBucket {
  readonly label: string;
  readonly count: number;
}

export interface NumericSummary {
  readonly zeros: number;
  /** num_zeros over the number of values (tot_num_values; num_non_missing when that is absent). */
  readonly zerosRatio: number | undefined;
  readonly mean: number;
  readonly stdDev: number;
  readonly min: number;
  readonly median: number;
  readonly max: number;
  readonly standard: readonly HistogramBucket[];
  readonly quantiles: readonly HistogramBucket[];
}

export interface CategoricalSummary {
  /** Distinct values; undefined for struct features. */
  readonly unique: number | undefined;
  readonly topValue: string | undefined;
  readonly topCount: number | undefined;
  /** Average string length in characters (string features) or bytes (bytes features). */
  readonly avgLength: number | undefined;
  /** The most frequent values, most frequent first (from the rank histogram, else top_values). */
  readonly ranks: readonly RankBucket[];
  /** Values not among `ranks` (tot_num_values − Σ ranks), 0 when unknown. */
  readonly otherCount: number;
}

/** How many values an example holds (list features): the statistics' num_values_histogram and its bounds. */
export interface ValueCountSummary {
  readonly min: number;
  readonly max: number;
  readonly avg: number;
  /** QUANTILES (TFDV writes equal-count buckets) or STANDARD. */
  readonly histogramType: 'quantiles' | 'standard';
  readonly buckets: readonly HistogramBucket[];
}

export interface FeatureRow {
  /** Position in the statistics (the "feature order" sort). */
  readonly index: number;
  /** Display name: the path's steps joined with '.'. */
  readonly name: string;
  readonly path: readonly string[];
  readonly kind: FeatureKind;
  /** 'int' | 'float' | 'string' | 'bytes' | 'struct'. */
  readonly typeLabel: string;
  /** num_non_missing. */
  readonly count: number;
  readonly missing: number;
  /** missing / (missing + count); falls back to num_examples when both are 0; undefined with no examples. */
  readonly missingRatio: number | undefined;
  /** Facets' "amount missing/zero": (missing + zeros) / (missing + count); 1 when there is nothing at all. */
  readonly missingOrZeroRatio: number;
  /** See nonUniformity.ts; undefined when the feature has no distribution to judge. */
  readonly nonUniformity: number | undefined;
  readonly numeric?: NumericSummary;
  readonly categorical?: CategoricalSummary;
  /** Present when some example holds more than one value (a list feature). */
  readonly valueCounts?: ValueCountSummary;
}

export interface DatasetSummary {
  readonly name: string;
  readonly numExamples: number;
  readonly features: readonly FeatureRow[];
}

const TYPE_LABELS: Record<FeatureNameStatistics_Type, string> = {
  [FeatureNameStatistics_Type.INT]: 'int',
  [FeatureNameStatistics_Type.FLOAT]: 'float',
  [FeatureNameStatistics_Type.STRING]: 'string',
  [FeatureNameStatistics_Type.BYTES]: 'bytes',
  [FeatureNameStatistics_Type.STRUCT]: 'struct',
};

export function featurePath(f: FeatureNameStatistics): string[] {
  if (f.fieldId.case === 'path') return [...f.fieldId.value.step];
  if (f.fieldId.case === 'name') return [f.fieldId.value];
  return [];
}

function buckets(h: Histogram | undefined): HistogramBucket[] {
  if (!h) return [];
  return h.buckets.map((b) => ({ low: b.lowValue, high: b.highValue, count: b.sampleCount }));
}

function ratio(part: number, whole: number): number | undefined {
  return whole > 0 ? part / whole : undefined;
}

function typeLabel(f: FeatureNameStatistics): string {
  // A numeric feature written without `type` decodes as INT (0); its stats case is still the truth.
  if (f.stats.case === 'structStats') return 'struct';
  if (f.stats.case === 'bytesStats') return 'bytes';
  if (f.stats.case === 'stringStats' && f.type !== FeatureNameStatistics_Type.BYTES) return 'string';
  return TYPE_LABELS[f.type] ?? 'unknown';
}

function commonOf(f: FeatureNameStatistics): CommonStatistics | undefined {
  switch (f.stats.case) {
    case 'numStats':
    case 'stringStats':
    case 'bytesStats':
    case 'structStats':
      return f.stats.value.commonStats;
    case undefined:
      return undefined;
    default: {
      const never: never = f.stats;
      void never;
      return undefined;
    }
  }
}

function numericSummary(f: FeatureNameStatistics, count: number, totValues: number): NumericSummary | undefined {
  if (f.stats.case !== 'numStats') return undefined;
  const s = f.stats.value;
  const zeros = Number(s.numZeros);
  const standard = s.histograms.find((h) => h.type === Histogram_HistogramType.STANDARD);
  const quantiles = s.histograms.find((h) => h.type === Histogram_HistogramType.QUANTILES);
  return {
    zeros,
    zerosRatio: ratio(zeros, totValues > 0 ? totValues : count),
    mean: s.mean,
    stdDev: s.stdDev,
    min: s.min,
    median: s.median,
    max: s.max,
    standard: buckets(standard),
    quantiles: buckets(quantiles),
  };
}

function categoricalSummary(f: FeatureNameStatistics, totValues: number): CategoricalSummary {
  if (f.stats.case === 'stringStats') {
    const s = f.stats.value;
    const fromRanks = (s.rankHistogram?.buckets ?? []).map((b) => ({ label: b.label, count: b.sampleCount }));
    const ranks = fromRanks.length > 0 ? fromRanks : s.topValues.map((v) => ({ label: v.value, count: v.frequency }));
    const top = s.topValues[0] ?? (ranks[0] ? { value: ranks[0].label, frequency: ranks[0].count } : undefined);
    const listed = ranks.reduce((sum, r) => sum + r.count, 0);
    return {
      unique: Number(s.unique),
      topValue: top?.value,
      topCount: top?.frequency,
      avgLength: s.avgLength,
      ranks,
      otherCount: Math.max(0, totValues - listed),
    };
  }
  if (f.stats.case === 'bytesStats') {
    const s = f.stats.value;
    return { unique: Number(s.unique), topValue: undefined, topCount: undefined, avgLength: s.avgNumBytes, ranks: [], otherCount: 0 };
  }
  return { unique: undefined, topValue: undefined, topCount: undefined, avgLength: undefined, ranks: [], otherCount: 0 };
}

function valueCountSummary(common: CommonStatistics | undefined): ValueCountSummary | undefined {
  if (!common || Number(common.maxNumValues) <= 1) return undefined;
  const h = common.numValuesHistogram;
  return {
    min: Number(common.minNumValues),
    max: Number(common.maxNumValues),
    avg: common.avgNumValues,
    histogramType: h?.type === Histogram_HistogramType.STANDARD ? 'standard' : 'quantiles',
    buckets: buckets(h),
  };
}

export function featureRow(f: FeatureNameStatistics, index: number, numExamples: number): FeatureRow {
  const path = featurePath(f);
  const common = commonOf(f);
  const count = Number(common?.numNonMissing ?? 0n);
  const missing = Number(common?.numMissing ?? 0n);
  const totValues = Number(common?.totNumValues ?? 0n);
  const present = count + missing;
  const missingRatio = present > 0 ? missing / present : numExamples > 0 ? (numExamples - count) / numExamples : undefined;
  const numeric = numericSummary(f, count, totValues);
  const kind: FeatureKind = numeric ? 'numeric' : 'categorical';
  const categorical = numeric ? undefined : categoricalSummary(f, totValues);
  const valueCounts = valueCountSummary(common);
  const zeros = numeric?.zeros ?? 0;
  const missingOrZeroRatio = present > 0 ? Math.min(1, (missing + zeros) / present) : 1;
  const distribution = numeric
    ? numeric.standard.map((b) => b.count)
    : [...(categorical?.ranks ?? []).map((r) => r.count), ...(categorical && categorical.otherCount > 0 ? [categorical.otherCount] : [])];
  return {
    index,
    name: path.join('.'),
    path,
    kind,
    typeLabel: typeLabel(f),
    count,
    missing,
    missingRatio,
    missingOrZeroRatio,
    nonUniformity: nonUniformity(distribution),
    ...(numeric ? { numeric } : {}),
    ...(categorical ? { categorical } : {}),
    ...(valueCounts ? { valueCounts } : {}),
  };
}

export function datasetSummary(stats: DatasetFeatureStatistics, fallbackName = ''): DatasetSummary {
  const numExamples = Number(stats.numExamples);
  return {
    name: stats.name || fallbackName,
    numExamples,
    features: stats.features.map((f, i) => featureRow(f, i, numExamples)),
  };
}
