/**
 * The figures the comparison shows for one feature of one dataset (count, missing, mean, std, zeros, min, median,
 * max; unique and top value; the histogram and value counts the charts draw), read from decoded statistics into
 * plain numbers. Pure: no DOM.
 */
import type { DatasetFeatureStatistics, FeatureNameStatistics } from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { Histogram_HistogramType } from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { ChartBucket } from '../shared/charts/overlayHistogram.js';

export interface FeatureFigures {
  readonly count: number;
  readonly missingRatio: number | undefined;
  readonly numeric?: {
    readonly mean: number;
    readonly stdDev: number;
    readonly zerosRatio: number | undefined;
    readonly min: number;
    readonly median: number;
    readonly max: number;
    readonly standard: readonly ChartBucket[];
    readonly quantiles: readonly ChartBucket[];
  };
  readonly categorical?: {
    readonly unique: number;
    readonly topValue: string | undefined;
    readonly topCount: number | undefined;
    /** Value → count from the rank histogram (else top values). */
    readonly counts: ReadonlyMap<string, number>;
    readonly totalValues: number;
  };
}

/** The key the comparison model uses: path steps joined with '.' (names without dots, as the data has). */
export function featureKey(f: FeatureNameStatistics): string {
  return f.fieldId.case === 'path' ? f.fieldId.value.step.join('.') : f.fieldId.case === 'name' ? f.fieldId.value : '';
}

function buckets(f: FeatureNameStatistics, type: Histogram_HistogramType): ChartBucket[] {
  if (f.stats.case !== 'numStats') return [];
  const h = f.stats.value.histograms.find((x) => x.type === type);
  return (h?.buckets ?? []).map((b) => ({ low: b.lowValue, high: b.highValue, count: b.sampleCount }));
}

export function featureFigures(f: FeatureNameStatistics, numExamples: number): FeatureFigures {
  const common = f.stats.case === 'numStats' || f.stats.case === 'stringStats' ? f.stats.value.commonStats : undefined;
  const count = Number(common?.numNonMissing ?? 0n);
  const missing = Number(common?.numMissing ?? 0n);
  const examples = count + missing || numExamples;
  const missingRatio = examples > 0 ? missing / examples : undefined;
  const totValues = Number(common?.totNumValues ?? 0n) || count;
  if (f.stats.case === 'numStats') {
    const n = f.stats.value;
    return {
      count,
      missingRatio,
      numeric: {
        mean: n.mean,
        stdDev: n.stdDev,
        zerosRatio: totValues > 0 ? Number(n.numZeros) / totValues : undefined,
        min: n.min,
        median: n.median,
        max: n.max,
        standard: buckets(f, Histogram_HistogramType.STANDARD),
        quantiles: buckets(f, Histogram_HistogramType.QUANTILES),
      },
    };
  }
  if (f.stats.case === 'stringStats') {
    const s = f.stats.value;
    const counts = new Map<string, number>();
    const rank = s.rankHistogram?.buckets ?? [];
    if (rank.length > 0) for (const b of rank) counts.set(b.label, b.sampleCount);
    else for (const t of s.topValues) counts.set(t.value, t.frequency);
    const top = s.topValues[0];
    return {
      count,
      missingRatio,
      categorical: { unique: Number(s.unique), topValue: top?.value, topCount: top?.frequency, counts, totalValues: totValues },
    };
  }
  return { count, missingRatio };
}

/** Per dataset: feature key → figures. */
export function datasetFigures(d: DatasetFeatureStatistics): Map<string, FeatureFigures> {
  const n = Number(d.numExamples);
  return new Map(d.features.map((f) => [featureKey(f), featureFigures(f, n)]));
}
