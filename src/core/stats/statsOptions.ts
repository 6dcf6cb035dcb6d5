/**
 * What the statistics engine computes and how hard it tries. The first five mirror TFDV's `StatsOptions` (same
 * defaults); the rest are sizing knobs of the sketches, exposed so tests can exercise the sketched paths on small
 * inputs and so the driver can trade memory for exactness.
 */

export interface StatsOptions {
  /** Most frequent string values reported in `top_values` (TFDV default 20). */
  readonly numTopValues?: number;
  /** Buckets of the string `rank_histogram` (TFDV default 1000). */
  readonly numRankHistogramBuckets?: number;
  /** Buckets of the equal-width STANDARD numeric histogram (TFDV default 10). */
  readonly numHistogramBuckets?: number;
  /** Buckets of the QUANTILES numeric histogram (TFDV default 10). */
  readonly numQuantilesHistogramBuckets?: number;
  /** Buckets of the QUANTILES histogram over the number of values per example (TFDV default 10). */
  readonly numValuesHistogramBuckets?: number;
  /** Fraction of rows kept (Bernoulli, decided per row from seed/shard/position, so any split agrees). Default 1. */
  readonly sampleRate?: number;
  /** Seed of the row sampler and of the quantile sketch's coin flips. Default 0. */
  readonly seed?: number;
  /** Text (CSV) columns to treat as STRING from the first value, without numeric inference (used for rescans). */
  readonly forceStringColumns?: readonly string[];
  /** When set, only these features are accumulated; every other column is skipped. */
  readonly onlyColumns?: readonly string[];
  /** Values per feature kept exactly for quantiles before switching to the KLL sketch. Default 65,536. */
  readonly exactQuantileLimit?: number;
  /** Distinct strings per feature counted exactly before switching to HyperLogLog + Misra–Gries. Default 100,000. */
  readonly exactDistinctLimit?: number;
  /** Counters kept by the Misra–Gries top-k summary once sketched (error ≤ N/(k+1)). Default 10,000. */
  readonly topKSketchSize?: number;
  /**
   * While a text column still parses as numbers, its string side (for a late turn to STRING) is kept for this many
   * values; a column that turns STRING later is flagged for a rescan. Default 25,000: the string side costs
   * ~80 bytes per distinct value, so 100,000 would hold ~7 MB per numeric column (~100 MB per worker on a
   * 15-numeric-column file) at its peak.
   */
  readonly numericStringSideLimit?: number;
  /** KLL accuracy parameter k. Default 512: rank error ≤ 1% of n at 99% confidence (≈0.6% typical). */
  readonly kllK?: number;
}

export type ResolvedStatsOptions = Required<Omit<StatsOptions, 'forceStringColumns' | 'onlyColumns'>> & {
  readonly forceStringColumns: ReadonlySet<string>;
  readonly onlyColumns: ReadonlySet<string> | undefined;
};

export const DEFAULT_STATS_OPTIONS = {
  numTopValues: 20,
  numRankHistogramBuckets: 1000,
  numHistogramBuckets: 10,
  numQuantilesHistogramBuckets: 10,
  numValuesHistogramBuckets: 10,
  sampleRate: 1,
  seed: 0,
  exactQuantileLimit: 65_536,
  exactDistinctLimit: 100_000,
  topKSketchSize: 10_000,
  numericStringSideLimit: 25_000,
  kllK: 512,
} as const;

function positiveInt(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`StatsOptions.${name} must be an integer ≥ ${min}, got ${value}`);
  return value;
}

/** Fills defaults and checks ranges; throws RangeError on nonsense (a programming error, not a data error). */
export function resolveStatsOptions(options: StatsOptions = {}): ResolvedStatsOptions {
  const d = DEFAULT_STATS_OPTIONS;
  const sampleRate = options.sampleRate ?? d.sampleRate;
  if (!(sampleRate > 0 && sampleRate <= 1)) throw new RangeError(`StatsOptions.sampleRate must be in (0, 1], got ${sampleRate}`);
  return {
    numTopValues: positiveInt('numTopValues', options.numTopValues ?? d.numTopValues, 0),
    numRankHistogramBuckets: positiveInt('numRankHistogramBuckets', options.numRankHistogramBuckets ?? d.numRankHistogramBuckets, 0),
    numHistogramBuckets: positiveInt('numHistogramBuckets', options.numHistogramBuckets ?? d.numHistogramBuckets, 1),
    numQuantilesHistogramBuckets: positiveInt(
      'numQuantilesHistogramBuckets',
      options.numQuantilesHistogramBuckets ?? d.numQuantilesHistogramBuckets,
      1,
    ),
    numValuesHistogramBuckets: positiveInt('numValuesHistogramBuckets', options.numValuesHistogramBuckets ?? d.numValuesHistogramBuckets, 1),
    sampleRate,
    seed: Math.trunc(options.seed ?? d.seed),
    exactQuantileLimit: positiveInt('exactQuantileLimit', options.exactQuantileLimit ?? d.exactQuantileLimit, 16),
    exactDistinctLimit: positiveInt('exactDistinctLimit', options.exactDistinctLimit ?? d.exactDistinctLimit, 1),
    topKSketchSize: positiveInt('topKSketchSize', options.topKSketchSize ?? d.topKSketchSize, 1),
    numericStringSideLimit: positiveInt('numericStringSideLimit', options.numericStringSideLimit ?? d.numericStringSideLimit, 0),
    kllK: positiveInt('kllK', options.kllK ?? d.kllK, 8),
    forceStringColumns: new Set(options.forceStringColumns ?? []),
    onlyColumns: options.onlyColumns ? new Set(options.onlyColumns) : undefined,
  };
}
