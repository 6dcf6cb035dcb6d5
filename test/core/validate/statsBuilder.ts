/** Test-only: DatasetFeatureStatistics written by hand, field by field, for targeted validation cases. */
import { create } from '@bufbuild/protobuf';
import type { DatasetFeatureStatistics, FeatureNameStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import {
  CommonStatisticsSchema,
  DatasetFeatureStatisticsSchema,
  FeatureNameStatistics_Type,
  FeatureNameStatisticsSchema,
  Histogram_BucketSchema,
  Histogram_HistogramType,
  HistogramSchema,
  NumericStatisticsSchema,
  PresenceAndValencyStatisticsSchema,
  RankHistogram_BucketSchema,
  RankHistogramSchema,
  StringStatisticsSchema,
  StructStatisticsSchema,
  BytesStatisticsSchema,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { PathSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/path_pb.js';

export { FeatureNameStatistics_Type as StatsType };

export interface FeatureSpec {
  readonly name: string;
  /** Use a path field id instead of a name. */
  readonly path?: readonly string[];
  readonly type: FeatureNameStatistics_Type;
  /** Examples with the feature (default: numExamples − missing). */
  readonly present?: number;
  readonly missing?: number;
  readonly minValues?: number;
  readonly maxValues?: number;
  readonly totValues?: number;
  /** String values with counts (the rank histogram). */
  readonly values?: Readonly<Record<string, number>>;
  readonly unique?: number;
  readonly invalidUtf8?: number;
  /** Numeric statistics: min, max, NaN count, standard-histogram buckets [low, high, count]. */
  readonly num?: {
    readonly min: number;
    readonly max: number;
    readonly nan?: number;
    readonly buckets?: ReadonlyArray<readonly [number, number, number]>;
    readonly quantiles?: ReadonlyArray<readonly [number, number, number]>;
  };
  /** Per nesting level: [missing, minValues, maxValues]. */
  readonly nested?: ReadonlyArray<readonly [number, number, number]>;
}

function feature(numExamples: number, spec: FeatureSpec): FeatureNameStatistics {
  const missing = spec.missing ?? (spec.present !== undefined ? numExamples - spec.present : 0);
  const present = spec.present ?? numExamples - missing;
  const common = create(CommonStatisticsSchema, {
    numNonMissing: BigInt(present),
    numMissing: BigInt(missing),
    minNumValues: BigInt(spec.minValues ?? (present > 0 ? 1 : 0)),
    maxNumValues: BigInt(spec.maxValues ?? (present > 0 ? 1 : 0)),
    totNumValues: BigInt(spec.totValues ?? present * (spec.maxValues ?? 1)),
    avgNumValues: present > 0 ? (spec.totValues ?? present * (spec.maxValues ?? 1)) / present : 0,
    presenceAndValencyStats: (spec.nested ?? []).map(([m, lo, hi]) =>
      create(PresenceAndValencyStatisticsSchema, { numMissing: BigInt(m), minNumValues: BigInt(lo), maxNumValues: BigInt(hi), numNonMissing: BigInt(present) }),
    ),
  });
  const f = create(FeatureNameStatisticsSchema, {
    fieldId: spec.path ? { case: 'path', value: create(PathSchema, { step: [...spec.path] }) } : { case: 'name', value: spec.name },
    type: spec.type,
  });
  if (spec.num) {
    const hist = (type: Histogram_HistogramType, b: ReadonlyArray<readonly [number, number, number]>) =>
      create(HistogramSchema, {
        type,
        numNan: BigInt(spec.num?.nan ?? 0),
        buckets: b.map(([lowValue, highValue, sampleCount]) => create(Histogram_BucketSchema, { lowValue, highValue, sampleCount })),
      });
    f.stats = {
      case: 'numStats',
      value: create(NumericStatisticsSchema, {
        commonStats: common,
        min: spec.num.min,
        max: spec.num.max,
        histograms: [
          hist(Histogram_HistogramType.STANDARD, spec.num.buckets ?? []),
          ...(spec.num.quantiles ? [hist(Histogram_HistogramType.QUANTILES, spec.num.quantiles)] : []),
        ],
      }),
    };
  } else if (spec.type === FeatureNameStatistics_Type.STRING || spec.values) {
    const entries = Object.entries(spec.values ?? {});
    f.stats = {
      case: 'stringStats',
      value: create(StringStatisticsSchema, {
        commonStats: common,
        unique: BigInt(spec.unique ?? entries.length),
        invalidUtf8Count: BigInt(spec.invalidUtf8 ?? 0),
        rankHistogram: create(RankHistogramSchema, {
          buckets: entries.map(([label, sampleCount], i) => create(RankHistogram_BucketSchema, { label, sampleCount, lowRank: BigInt(i), highRank: BigInt(i) })),
        }),
      }),
    };
  } else if (spec.type === FeatureNameStatistics_Type.STRUCT) {
    f.stats = { case: 'structStats', value: create(StructStatisticsSchema, { commonStats: common }) };
  } else if (spec.type === FeatureNameStatistics_Type.BYTES) {
    f.stats = { case: 'bytesStats', value: create(BytesStatisticsSchema, { commonStats: common, unique: BigInt(spec.unique ?? 0) }) };
  } else {
    f.stats = { case: 'numStats', value: create(NumericStatisticsSchema, { commonStats: common }) };
  }
  return f;
}

export function dataset(numExamples: number, features: readonly FeatureSpec[], name = 'test'): DatasetFeatureStatistics {
  return create(DatasetFeatureStatisticsSchema, { name, numExamples: BigInt(numExamples), features: features.map((s) => feature(numExamples, s)) });
}
