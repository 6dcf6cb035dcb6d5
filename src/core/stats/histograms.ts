/**
 * Quantiles, median and the two TFDV histograms, all read from a sorted weighted summary of the values (exact
 * values while they fit, a KLL sketch after — see quantileSketch.ts).
 *
 * Quantile rule (TFDV/tfx_bsl `WeightedQuantilesSummary::GenerateQuantilesAndCumulativeWeights`, which is exact
 * while its buffer holds every value): boundary r of q is the value of 0-based rank ⌊r·N/q⌋ (clamped to N−1), so
 * boundary 0 is the min and boundary q the max. TFDV asks for 1000 quantiles and takes the 500th as the median,
 * i.e. the value of rank ⌊N/2⌋: an element of the data, the upper median when N is even (never an average).
 *
 * QUANTILES histograms: buckets [b_i, b_{i+1}] between consecutive boundaries, each with sample_count N/q — the
 * convention of TFDV's written statistics (see ../shared/data/tfdv-interop/train_FeatureStats.pb; TFDV ≥ 1.10
 * writes rank-derived counts instead).
 *
 * STANDARD histogram: q equal-width buckets between the finite min and max, boundaries min + i·(max−min)/q (the
 * last is max itself, as numpy.linspace); bucket i is (b_i, b_{i+1}], the first [b_0, b_1]. Counts are the values'
 * own counts (exact while exact; the sketch's weights after — TFDV instead spreads 1000 quantile intervals
 * uniformly over the buckets, which only approximates these). As TFDV: −Inf and +Inf values get point buckets
 * [−Inf, −Inf] first and [+Inf, +Inf] last; all-equal finite values give one bucket [v, v]; no finite value at all
 * gives TFDV's single bucket [+Inf, −Inf] holding every value; a range too wide for float64 (max−min overflows)
 * gives no buckets.
 */
import { create } from '@bufbuild/protobuf';
import { Histogram_BucketSchema, Histogram_HistogramType, HistogramSchema } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { Histogram, Histogram_Bucket } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { WeightedSummary } from './quantileSketch.js';

/** The q+1 quantile boundaries of the summary (q ≥ 1); empty when the summary is. */
export function quantileBoundaries(summary: WeightedSummary, q: number): number[] {
  const { values, weights, total } = summary;
  const n = values.length;
  const out: number[] = [];
  if (n === 0) return out;
  if (weights === null) {
    for (let r = 0; r <= q; r++) out.push(values[Math.min(n - 1, Math.floor((r * total) / q))]);
    return out;
  }
  let i = 0;
  let cumulative = weights[0];
  for (let r = 0; r <= q; r++) {
    const target = (r * total) / q;
    while (i < n - 1 && cumulative <= target) cumulative += weights[++i];
    out.push(values[i]);
  }
  return out;
}

/** The value of rank ⌊N/2⌋ (TFDV's median), NaN when there are no values. */
export function medianOf(summary: WeightedSummary): number {
  const b = quantileBoundaries(summary, 2);
  return b.length === 0 ? NaN : b[1];
}

function bucket(low: number, high: number, sampleCount: number): Histogram_Bucket {
  return create(Histogram_BucketSchema, { lowValue: low, highValue: high, sampleCount });
}

export function quantilesHistogram(summary: WeightedSummary, q: number, numNan: number): Histogram {
  const bounds = quantileBoundaries(summary, q);
  const buckets: Histogram_Bucket[] = [];
  if (bounds.length > 0) {
    const each = summary.total / q;
    for (let i = 0; i < q; i++) buckets.push(bucket(bounds[i], bounds[i + 1], each));
  }
  return create(HistogramSchema, { type: Histogram_HistogramType.QUANTILES, numNan: BigInt(numNan), buckets });
}

export interface StandardHistogramInput {
  readonly summary: WeightedSummary;
  readonly finiteMin: number;
  readonly finiteMax: number;
  readonly finiteCount: number;
  readonly negInf: number;
  readonly posInf: number;
  readonly numNan: number;
  readonly numBuckets: number;
}

export function standardHistogram(input: StandardHistogramInput): Histogram {
  const { summary, finiteMin, finiteMax, finiteCount, negInf, posInf, numNan, numBuckets } = input;
  const histogram = create(HistogramSchema, { type: Histogram_HistogramType.STANDARD, numNan: BigInt(numNan) });
  if (finiteCount === 0) {
    histogram.buckets.push(bucket(finiteMin, finiteMax, negInf + posInf));
    return histogram;
  }
  const counts = new Float64Array(numBuckets);
  const bounds = new Float64Array(numBuckets + 1);
  if (finiteMin !== finiteMax) {
    const width = (finiteMax - finiteMin) / numBuckets;
    if (!Number.isFinite(width)) return histogram;
    for (let i = 0; i < numBuckets; i++) bounds[i] = finiteMin + i * width;
    bounds[numBuckets] = finiteMax;
    const { values, weights } = summary;
    for (let j = 0; j < values.length; j++) {
      const x = values[j];
      if (!(x - x === 0)) continue;
      let idx = Math.floor((x - finiteMin) / width);
      if (idx >= numBuckets) idx = numBuckets - 1;
      else if (idx < 0) idx = 0;
      while (idx > 0 && x <= bounds[idx]) idx--;
      while (idx < numBuckets - 1 && x > bounds[idx + 1]) idx++;
      counts[idx] += weights === null ? 1 : weights[j];
    }
  }
  if (negInf > 0) histogram.buckets.push(bucket(-Infinity, -Infinity, negInf));
  if (finiteMin === finiteMax) {
    histogram.buckets.push(bucket(finiteMin, finiteMax, finiteCount));
  } else {
    for (let i = 0; i < numBuckets; i++) histogram.buckets.push(bucket(bounds[i], bounds[i + 1], counts[i]));
  }
  if (posInf > 0) histogram.buckets.push(bucket(Infinity, Infinity, posInf));
  return histogram;
}
