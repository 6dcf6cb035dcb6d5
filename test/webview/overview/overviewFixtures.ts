/**
 * Statistics and anomalies for the overview's tests and for scripts/webviewPreview.mjs: the TFDV-written taxi
 * statistics (from ../shared/data, never copied into the repo) plus a hostile feature name, a hand-made Anomalies
 * message, and a generated statistics list of any size for timing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  AnomaliesSchema,
  AnomalyInfoSchema,
  AnomalyInfo_ReasonSchema,
  AnomalyInfo_Severity,
  AnomalyInfo_Type,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Anomalies, AnomalyInfo } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import {
  CommonStatisticsSchema,
  DatasetFeatureStatisticsListSchema,
  DatasetFeatureStatisticsSchema,
  FeatureNameStatisticsSchema,
  FeatureNameStatistics_Type,
  HistogramSchema,
  Histogram_BucketSchema,
  Histogram_HistogramType,
  NumericStatisticsSchema,
  RankHistogramSchema,
  RankHistogram_BucketSchema,
  StringStatisticsSchema,
  StringStatistics_FreqAndValueSchema,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type {
  DatasetFeatureStatisticsList,
  FeatureNameStatistics,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';

/** A feature name (and category value) that is markup: it must show as these literal characters. */
export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
export const HOSTILE_DESCRIPTION = '<script>alert(2)</script> & "quotes"';

/** The repository root when this file runs as a test (callers that load it otherwise pass their own root). */
export const REPO_ROOT = resolve(__dirname, '../../..');

export function taxiTrainStatsPath(repoRoot = REPO_ROOT): string {
  return resolve(repoRoot, '../shared/data/tfdv-interop/train_FeatureStats.pb');
}

function reason(type: AnomalyInfo_Type, shortDescription: string, description: string) {
  return create(AnomalyInfo_ReasonSchema, { type, shortDescription, description });
}

function info(severity: AnomalyInfo_Severity, ...reasons: ReturnType<typeof reason>[]): AnomalyInfo {
  return create(AnomalyInfoSchema, {
    severity,
    shortDescription: reasons.length === 1 ? reasons[0].shortDescription : 'Multiple errors',
    description: reasons.map((r) => r.description).join(' '),
    reason: reasons,
  });
}

/** A string feature with one top value: how the hostile feature is added to real statistics. */
export function stringFeature(name: string, values: ReadonlyArray<readonly [string, number]>, numExamples: number): FeatureNameStatistics {
  const total = values.reduce((s, [, c]) => s + c, 0);
  return create(FeatureNameStatisticsSchema, {
    fieldId: { case: 'name', value: name },
    type: FeatureNameStatistics_Type.STRING,
    stats: {
      case: 'stringStats',
      value: create(StringStatisticsSchema, {
        commonStats: create(CommonStatisticsSchema, {
          numNonMissing: BigInt(Math.min(total, numExamples)),
          numMissing: BigInt(Math.max(0, numExamples - total)),
          minNumValues: 1n,
          maxNumValues: 1n,
          avgNumValues: 1,
          totNumValues: BigInt(total),
        }),
        unique: BigInt(values.length),
        topValues: values.map(([value, frequency]) => create(StringStatistics_FreqAndValueSchema, { value, frequency })),
        avgLength: values.reduce((s, [v, c]) => s + v.length * c, 0) / Math.max(1, total),
        rankHistogram: create(RankHistogramSchema, {
          buckets: values.map(([label, sampleCount], i) =>
            create(RankHistogram_BucketSchema, { lowRank: BigInt(i), highRank: BigInt(i), label, sampleCount }),
          ),
        }),
      }),
    },
  });
}

/** The TFDV taxi training statistics with the hostile feature appended. */
export function taxiStatisticsWithHostileFeature(repoRoot = REPO_ROOT): DatasetFeatureStatisticsList {
  const list = fromBinary(DatasetFeatureStatisticsListSchema, readFileSync(taxiTrainStatsPath(repoRoot)));
  const dataset = list.datasets[0];
  const n = Number(dataset.numExamples);
  dataset.features.push(stringFeature(HOSTILE_NAME, [[HOSTILE_NAME, Math.round(n * 0.6)], ['plain', Math.round(n * 0.3)]], n));
  return list;
}

/**
 * The taxi lab's story as Anomalies: payment_type has an unexpected value, tips is missing (as in serving data),
 * company drifts (a warning), a column the schema requires is absent from the statistics, and the hostile feature
 * has an anomaly whose description is markup too.
 */
export function demoAnomalies(): Anomalies {
  return create(AnomaliesSchema, {
    anomalyInfo: {
      payment_type: info(
        AnomalyInfo_Severity.ERROR,
        reason(AnomalyInfo_Type.ENUM_TYPE_UNEXPECTED_STRING_VALUES, 'Unexpected string values', 'Examples contain values missing from the schema: Prcard (<1%).'),
      ),
      tips: info(AnomalyInfo_Severity.ERROR, reason(AnomalyInfo_Type.SCHEMA_MISSING_COLUMN, 'Column dropped', 'Column is completely missing')),
      company: info(
        AnomalyInfo_Severity.WARNING,
        reason(
          AnomalyInfo_Type.COMPARATOR_L_INFTY_HIGH,
          'High Linfty distance between current and previous',
          'The Linfty distance between current and previous is 0.0342105 (up to six significant digits), above the threshold 0.01. The feature value with maximum difference is: Dispatch Taxi Affiliation',
        ),
      ),
      trip_id: info(AnomalyInfo_Severity.ERROR, reason(AnomalyInfo_Type.SCHEMA_MISSING_COLUMN, 'Column dropped', 'The feature was present in fewer examples than required.')),
      [HOSTILE_NAME]: info(AnomalyInfo_Severity.ERROR, reason(AnomalyInfo_Type.ENUM_TYPE_UNEXPECTED_STRING_VALUES, HOSTILE_NAME, HOSTILE_DESCRIPTION)),
    },
  });
}

/** demoAnomalies() less one feature's anomaly: what a second validation might find. */
export function demoAnomaliesWithout(feature: string): Anomalies {
  const anomalies = demoAnomalies();
  delete anomalies.anomalyInfo[feature];
  return anomalies;
}

/** Deterministic pseudo-random numbers (mulberry32), so generated statistics are the same every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` features (about 70% numeric with STANDARD and QUANTILES histograms of 10 buckets, 30% categorical with
 * 20 top values and a rank histogram), as TFDV would write them for `numExamples` examples.
 */
export function syntheticStatistics(count: number, numExamples = 100_000, seed = 7): DatasetFeatureStatisticsList {
  const rnd = random(seed);
  const features: FeatureNameStatistics[] = [];
  for (let i = 0; i < count; i++) {
    const missing = rnd() < 0.3 ? Math.floor(rnd() * numExamples * 0.2) : 0;
    const present = numExamples - missing;
    if (rnd() < 0.7) {
      const lo = (rnd() - 0.5) * 1000;
      const hi = lo + 1 + rnd() * 1000;
      const weights = Array.from({ length: 10 }, () => rnd() ** 2);
      const sum = weights.reduce((s, w) => s + w, 0);
      const width = (hi - lo) / 10;
      const standard = create(HistogramSchema, {
        type: Histogram_HistogramType.STANDARD,
        buckets: weights.map((w, b) =>
          create(Histogram_BucketSchema, { lowValue: lo + b * width, highValue: lo + (b + 1) * width, sampleCount: (present * w) / sum }),
        ),
      });
      const cuts = Array.from({ length: 11 }, (_, q) => lo + (hi - lo) * (q / 10) ** (1 + rnd()));
      cuts.sort((a, b) => a - b);
      const quantiles = create(HistogramSchema, {
        type: Histogram_HistogramType.QUANTILES,
        buckets: cuts.slice(1).map((c, q) => create(Histogram_BucketSchema, { lowValue: cuts[q], highValue: c, sampleCount: present / 10 })),
      });
      features.push(
        create(FeatureNameStatisticsSchema, {
          fieldId: { case: 'name', value: `numeric_feature_${String(i).padStart(4, '0')}` },
          type: rnd() < 0.5 ? FeatureNameStatistics_Type.FLOAT : FeatureNameStatistics_Type.INT,
          stats: {
            case: 'numStats',
            value: create(NumericStatisticsSchema, {
              commonStats: create(CommonStatisticsSchema, {
                numNonMissing: BigInt(present),
                numMissing: BigInt(missing),
                minNumValues: 1n,
                maxNumValues: 1n,
                avgNumValues: 1,
                totNumValues: BigInt(present),
              }),
              mean: (lo + hi) / 2,
              stdDev: (hi - lo) / 4,
              numZeros: BigInt(rnd() < 0.2 ? Math.floor(present * rnd() * 0.5) : 0),
              min: lo,
              median: cuts[5],
              max: hi,
              histograms: [standard, quantiles],
            }),
          },
        }),
      );
    } else {
      const values: Array<[string, number]> = [];
      let left = present;
      for (let v = 0; v < 20 && left > 0; v++) {
        const c = Math.max(1, Math.floor(left * (0.2 + rnd() * 0.3)));
        values.push([`value_${i}_${v}`, c]);
        left -= c;
      }
      features.push(stringFeature(`categorical_feature_${String(i).padStart(4, '0')}`, values, numExamples));
    }
  }
  return create(DatasetFeatureStatisticsListSchema, {
    datasets: [create(DatasetFeatureStatisticsSchema, { name: `synthetic-${count}`, numExamples: BigInt(numExamples), features })],
  });
}

/** Anomalies for every `every`-th feature of a synthetic list (half errors, half warnings). */
export function syntheticAnomalies(list: DatasetFeatureStatisticsList, every = 25): Anomalies {
  const anomalyInfo: Record<string, AnomalyInfo> = {};
  list.datasets[0].features.forEach((f, i) => {
    if (i % every !== 0 || f.fieldId.case !== 'name') return;
    anomalyInfo[f.fieldId.value] = info(
      i % (2 * every) === 0 ? AnomalyInfo_Severity.ERROR : AnomalyInfo_Severity.WARNING,
      reason(AnomalyInfo_Type.FEATURE_TYPE_LOW_FRACTION_PRESENT, 'Column dropped', 'The feature was present in fewer examples than expected.'),
    );
  });
  return create(AnomaliesSchema, { anomalyInfo });
}

export function statisticsBytes(list: DatasetFeatureStatisticsList): Uint8Array {
  return toBinary(DatasetFeatureStatisticsListSchema, list);
}

export function anomaliesBytes(anomalies: Anomalies): Uint8Array {
  return toBinary(AnomaliesSchema, anomalies);
}
