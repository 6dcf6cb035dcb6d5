/**
 * Turns a FeatureAccumulator into TFDV's `FeatureNameStatistics`, with TFDV's conventions
 * (tensorflow_data_validation/statistics/generators/basic_stats_generator.py, top_k_uniques_stats_util.py):
 *  - the feature is identified by `path { step: name }`;
 *  - type: INT / FLOAT / STRING as inferred; a feature with no value at all (always missing, or only empty
 *    tf.Example features) has no inferred type and TFDV reports it as STRING ("We don't have an 'unknown' type"),
 *    with string_stats holding only common stats;
 *  - common stats: num_missing = num_examples − num_non_missing; min/max/avg_num_values and num_values_histogram
 *    only when num_non_missing > 0;
 *  - numeric stats: over non-NaN values (NaN only in num_nan); when there are none, only the two histograms with
 *    num_nan are set (if any NaN), as TFDV;
 *  - string stats: unique, top_values and rank_histogram (ordered by frequency, ties: larger value first; labels
 *    UTF-8-decoded, `__BYTES_VALUE__` when not valid UTF-8), avg_length in bytes per value, invalid_utf8_count.
 */
import { create } from '@bufbuild/protobuf';
import {
  CommonStatisticsSchema,
  FeatureNameStatistics_Type,
  FeatureNameStatisticsSchema,
  Histogram_HistogramType,
  HistogramSchema,
  NumericStatisticsSchema,
  RankHistogram_BucketSchema,
  RankHistogramSchema,
  StringStatistics_FreqAndValueSchema,
  StringStatisticsSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { CommonStatistics, CustomStatistic, FeatureNameStatistics, NumericStatistics, StringStatistics } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { PathSchema } from '../proto/gen/tensorflow_metadata/proto/v0/path_pb.js';
import { CELL_FLOAT, CELL_INT } from './cellNumber.js';
import type { FeatureAccumulator } from './featureAccumulator.js';
import { FINE_QUANTILES, fineQuantileStats } from './fineQuantiles.js';
import { medianOf, quantilesHistogram, standardHistogram } from './histograms.js';
import type { ResolvedStatsOptions } from './statsOptions.js';
import { labelOf } from './utf8.js';

export function featureType(acc: FeatureAccumulator): FeatureNameStatistics_Type {
  if (acc.source === 'text') {
    if (acc.textType === CELL_INT) return FeatureNameStatistics_Type.INT;
    if (acc.textType === CELL_FLOAT) return FeatureNameStatistics_Type.FLOAT;
    return FeatureNameStatistics_Type.STRING;
  }
  if (acc.typedKind === 'int') return FeatureNameStatistics_Type.INT;
  if (acc.typedKind === 'float') return FeatureNameStatistics_Type.FLOAT;
  return FeatureNameStatistics_Type.STRING;
}

/** `fineQuantiles`: buckets of the feature's fine quantiles (fineQuantiles.ts; fewer in a wide dataset). */
export function buildFeatureStatistics(
  acc: FeatureAccumulator,
  numExamples: number,
  options: ResolvedStatsOptions,
  fineQuantiles: number = FINE_QUANTILES,
): FeatureNameStatistics {
  const type = featureType(acc);
  const common = buildCommon(acc, numExamples, options);
  const result = create(FeatureNameStatisticsSchema, {
    fieldId: { case: 'path', value: create(PathSchema, { step: [acc.name] }) },
    type,
  });
  if (type === FeatureNameStatistics_Type.STRING) result.stats = { case: 'stringStats', value: buildString(acc, common, options) };
  else result.stats = { case: 'numStats', value: buildNumeric(acc, common, type, options, result.customStats, fineQuantiles) };
  return result;
}

function buildCommon(acc: FeatureAccumulator, numExamples: number, options: ResolvedStatsOptions): CommonStatistics {
  const common = create(CommonStatisticsSchema, {
    numNonMissing: BigInt(acc.numNonMissing),
    numMissing: BigInt(Math.max(0, numExamples - acc.numNonMissing)),
    totNumValues: BigInt(acc.totNumValues),
  });
  if (acc.numNonMissing > 0) {
    common.minNumValues = BigInt(acc.minNumValues);
    common.maxNumValues = BigInt(acc.maxNumValues);
    common.avgNumValues = acc.totNumValues / acc.numNonMissing;
    common.numValuesHistogram = quantilesHistogram(acc.valueCounts.summary(), options.numValuesHistogramBuckets, 0);
  }
  return common;
}

function buildNumeric(
  acc: FeatureAccumulator,
  common: CommonStatistics,
  type: FeatureNameStatistics_Type,
  options: ResolvedStatsOptions,
  customStats: CustomStatistic[],
  fineQuantiles: number,
): NumericStatistics {
  const num = create(NumericStatisticsSchema, { commonStats: common });
  const m = acc.moments;
  const q = acc.quantiles;
  if (m === null || q === null) return num;
  if (m.numValues === 0) {
    // Only NaN (TFDV): the two histograms carry num_nan and nothing else.
    if (m.numNan > 0) {
      for (const type of [Histogram_HistogramType.STANDARD, Histogram_HistogramType.QUANTILES]) {
        num.histograms.push(create(HistogramSchema, { type, numNan: BigInt(m.numNan) }));
      }
    }
    return num;
  }
  // INT columns: no −0 (int64 has none).
  const normalize = type === FeatureNameStatistics_Type.INT ? (x: number) => x + 0 : (x: number) => x;
  num.mean = m.meanValue;
  num.stdDev = m.stdDev;
  num.numZeros = BigInt(m.numZeros);
  num.min = normalize(m.min);
  num.max = normalize(m.max);
  const summary = q.summary();
  num.median = normalize(medianOf(summary));
  num.histograms.push(
    standardHistogram({
      summary,
      finiteMin: normalize(m.finiteMin),
      finiteMax: normalize(m.finiteMax),
      finiteCount: m.count,
      negInf: m.negInf,
      posInf: m.posInf,
      numNan: m.numNan,
      numBuckets: options.numHistogramBuckets,
    }),
    quantilesHistogram(summary, options.numQuantilesHistogramBuckets, m.numNan),
  );
  customStats.push(...fineQuantileStats(summary, m.numNan, q.isExact, options.kllK, fineQuantiles));
  return num;
}

function buildString(acc: FeatureAccumulator, common: CommonStatistics, options: ResolvedStatsOptions): StringStatistics {
  const str = create(StringStatisticsSchema, { commonStats: common });
  const sketch = acc.strings;
  if (acc.totNumValues > 0) str.avgLength = acc.totalBytes / acc.totNumValues;
  if (sketch === null || sketch.total === 0) return str;
  str.invalidUtf8Count = BigInt(sketch.invalidUtf8);
  str.unique = BigInt(sketch.distinct());
  const top = sketch.top(Math.max(options.numTopValues, options.numRankHistogramBuckets));
  const labels = top.map((t) => labelOf(t.bytes));
  for (let i = 0; i < top.length && i < options.numTopValues; i++) {
    str.topValues.push(create(StringStatistics_FreqAndValueSchema, { value: labels[i], frequency: top[i].count }));
  }
  if (options.numRankHistogramBuckets > 0) {
    const rank = create(RankHistogramSchema);
    for (let i = 0; i < top.length && i < options.numRankHistogramBuckets; i++) {
      rank.buckets.push(
        create(RankHistogram_BucketSchema, { lowRank: BigInt(i), highRank: BigInt(i), label: labels[i], sampleCount: top[i].count }),
      );
    }
    str.rankHistogram = rank;
  }
  return str;
}

