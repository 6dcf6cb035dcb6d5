/**
 * Fine quantiles kept in the statistics as custom statistics, so that distances finer than TFDV's 10-bucket
 * histograms (src/core/compare/fineDistances.ts) can be computed from a statistics file alone, without the data:
 *  - `facetwise/quantiles`: a QUANTILES histogram of FINE_QUANTILES equal-mass buckets (TFDV's boundary rule,
 *    histograms.ts), i.e. FINE_QUANTILES + 1 boundaries from the min to the max;
 *  - `facetwise/quantiles_rank_error`: the 99% bound on the normalized rank error of those boundaries: 0 while
 *    the quantile data is exact, else the sketch's bound (1.35·ε, see quantileSketch.ts).
 * TFDV ignores custom statistics it does not know, so files stay loadable by TFDV.
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

/** The two custom statistics for a numeric feature's sorted summary. */
export function fineQuantileStats(summary: WeightedSummary, numNan: number, exact: boolean, kllK: number): CustomStatistic[] {
  if (summary.values.length === 0) return [];
  const histogram = quantilesHistogram(summary, FINE_QUANTILES, numNan);
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
