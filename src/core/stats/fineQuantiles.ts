/**
 * Fine quantiles kept in the statistics as custom statistics, so that distances finer than TFDV's 10-bucket
 * histograms (src/core/compare/fineDistances.ts) can be computed from a statistics file alone, without the data:
 *  - `facetwise/quantiles`: a QUANTILES histogram of FINE_QUANTILES equal-mass buckets (TFDV's boundary rule,
 *    histograms.ts), i.e. FINE_QUANTILES + 1 boundaries from the min to the max;
 *  - `facetwise/quantiles_rank_error`: the 99% bound on the normalized rank error of those boundaries: 0 while
 *    the quantile data is exact, else the sketch's bound (1.35·ε, see quantileSketch.ts).
 * TFDV ignores custom statistics it does not know, so files stay loadable by TFDV.
 * A wide dataset gets fewer buckets per feature (FINE_QUANTILE_BUCKETS_TOTAL shared out over its features, at
 * least MIN_FINE_QUANTILES each): at 1,000 a feature, 10,000 features would write 10M buckets (300 MB; 250 features keep 1,000). Readers
 * take q from the histogram, so the stated KS error (fineDistances.ts: 1/q + ε per side) stays honest.
 */
import { create } from '@bufbuild/protobuf';
import { CustomStatisticSchema } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { CustomStatistic, FeatureNameStatistics, Histogram } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { quantilesHistogram } from './histograms.js';
import { kllRankErrorBound } from './kllSketch.js';
import type { WeightedSummary } from './quantileSketch.js';

export const FINE_QUANTILES_STAT = 'facetwise/quantiles';
export const FINE_QUANTILES_ERROR_STAT = 'facetwise/quantiles_rank_error';
/** Buckets of the fine quantiles histogram: 1,000, as many as TFDV itself asks its quantile sketch for. */
export const FINE_QUANTILES = 1000;
/** Fine-quantile buckets of all the features of one dataset together, at most (down to MIN_FINE_QUANTILES each). */
export const FINE_QUANTILE_BUCKETS_TOTAL = 250_000;
export const MIN_FINE_QUANTILES = 10;

/** Fine-quantile buckets per numeric feature of a dataset of `featureCount` features. */
export function fineQuantilesFor(featureCount: number): number {
  return Math.max(MIN_FINE_QUANTILES, Math.min(FINE_QUANTILES, Math.floor(FINE_QUANTILE_BUCKETS_TOTAL / Math.max(1, featureCount))));
}

/** The two custom statistics for a numeric feature's sorted summary, with `q` buckets (default FINE_QUANTILES). */
export function fineQuantileStats(summary: WeightedSummary, numNan: number, exact: boolean, kllK: number, q: number = FINE_QUANTILES): CustomStatistic[] {
  if (summary.values.length === 0) return [];
  const histogram = quantilesHistogram(summary, q, numNan);
  return [
    create(CustomStatisticSchema, { name: FINE_QUANTILES_STAT, val: { case: 'histogram', value: histogram } }),
    create(CustomStatisticSchema, { name: FINE_QUANTILES_ERROR_STAT, val: { case: 'num', value: exact ? 0 : 1.35 * kllRankErrorBound(kllK) } }),
  ];
}

export interface FineQuantiles {
  readonly histogram: Histogram;
  /** 99% bound on the boundaries' normalized rank error. */
  readonly rankError: number;
}

/** The fine quantiles of a feature's statistics, when they were written (not by TFDV). */
export function readFineQuantiles(feature: FeatureNameStatistics): FineQuantiles | undefined {
  let histogram: Histogram | undefined;
  let rankError: number | undefined;
  for (const c of feature.customStats) {
    if (c.name === FINE_QUANTILES_STAT && c.val.case === 'histogram') histogram = c.val.value;
    if (c.name === FINE_QUANTILES_ERROR_STAT && c.val.case === 'num') rankError = c.val.value;
  }
  if (!histogram || histogram.buckets.length === 0) return undefined;
  return { histogram, rankError: rankError ?? 0 };
}
