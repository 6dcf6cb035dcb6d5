/**
 * Everything the comparison panel and the HTML report show, computed once from statistics (no data is read):
 * per feature, the baseline's and the other datasets' figures are read by the view from the statistics
 * themselves; this model holds what needs the engine — TFDV's distances (labelled as TFDV's, computed exactly as
 * TFDV does), Facetwise's fine distances from the fine quantiles (or why they are unavailable), the per-value /
 * per-bucket terms that sum to them, a sampling-noise estimate for small samples, the schema's skew and drift
 * thresholds and the comparator anomalies in TFDV's wording. Sorted most changed first by the default metric:
 * L-infinity for categorical features (TFDV's); for numeric ones the Jensen–Shannon divergence over the
 * baseline's deciles (Facetwise's fine JSD) — TFDV's own JSD, which rebins 10-bucket histograms and reports large
 * values for samples of one long-tailed distribution, is shown beside it and is the key only when the statistics
 * have no fine quantiles.
 */
import type { Anomalies } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { AnomalyInfo_Type } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetFeatureStatistics } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { readFineQuantiles } from '../stats/fineQuantiles.js';
import type { ComparatorThresholds } from '../schema/schemaModel.js';
import { comparatorThresholds, getFeature } from '../schema/schemaModel.js';
import type { FeatureStatsView } from '../schema/statsView.js';
import { DatasetStatsView } from '../schema/statsView.js';
import type { ValueContribution } from './contributions.js';
import { categoricalContributions, histogramContributions } from './contributions.js';
import { jensenShannonDivergenceCounts, jensenShannonDivergenceHistograms, lInfinityDistance } from './distances.js';
import { finiteMass, psiCounts } from './extraDistances.js';
import type { FineBin } from './fineDistances.js';
import { fineNumericDistances } from './fineDistances.js';
import type { NoiseEstimate } from './samplingNoise.js';
import { binnedJsdOfSamples, lInfinityNoise, numericNoise, poolPieces, seedOf, SMALL_SAMPLE, tfdvJsdOfSamples } from './samplingNoise.js';

/** tfdv: TFDV's own definitions; fine: Facetwise's, from the fine quantiles. */
export type MetricId = 'lInfinity' | 'jensenShannon' | 'psi' | 'wasserstein' | 'ks' | 'fineJsd';

export const METRIC_LABELS: Readonly<Record<MetricId, string>> = {
  lInfinity: 'L∞ (TFDV)',
  jensenShannon: 'JSD (TFDV)',
  psi: 'PSI (Facetwise)',
  wasserstein: 'Wasserstein (Facetwise)',
  ks: 'KS (Facetwise)',
  fineJsd: 'Fine JSD (Facetwise)',
};

export type ComparedKind = 'categorical' | 'numeric' | 'other';

export interface ComparatorAnomaly {
  readonly comparator: 'skew' | 'drift';
  readonly shortDescription: string;
  readonly description: string;
}

export interface FeatureDistances {
  readonly pathKey: string;
  readonly kind: ComparedKind;
  /** Per dataset (same order as the statistics), whether it has the feature. */
  readonly present: readonly boolean[];
  /** The metric the feature is sorted by. */
  readonly defaultMetric: MetricId;
  /** The sort key: the default metric, 1 for a feature on one side only, 0 when nothing compares. */
  readonly distance: number;
  readonly values: Readonly<Partial<Record<MetricId, number>>>;
  /** Why a metric has no value (e.g. fine distances of statistics TFDV wrote). */
  readonly unavailable: Readonly<Partial<Record<MetricId, string>>>;
  /** TFDV's L∞: the value where it occurs. */
  readonly lInfinityValue?: string;
  /** KS: where, and the bound on its error against the exact two-sample statistic. */
  readonly ksAt?: number;
  readonly ksError?: number;
  /** Per value (categorical) or per aligned bucket (numeric, TFDV's JSD): the terms of the TFDV distances. */
  readonly contributions: readonly ValueContribution[];
  /** Baseline-decile bins with the terms of PSI, fine JSD and Wasserstein. */
  readonly fineBins: readonly FineBin[];
  /** Examples with the feature, baseline and other. */
  readonly sizes: readonly [number, number];
  readonly smallSample: boolean;
  /** Noise level of the default metric (absent when not estimated). */
  readonly noise?: NoiseEstimate;
  /** True when the distance is at or below the noise level. */
  readonly withinNoise: boolean;
  readonly skew: ComparatorThresholds;
  readonly drift: ComparatorThresholds;
  readonly anomalies: readonly ComparatorAnomaly[];
}

export interface DatasetComparison {
  readonly datasets: ReadonlyArray<{ readonly name: string; readonly numExamples: number }>;
  readonly baseline: number;
  readonly target: number;
  readonly features: readonly FeatureDistances[];
}

export interface ComparisonInput {
  readonly datasets: ReadonlyArray<{ readonly name: string; readonly statistics: DatasetFeatureStatistics }>;
  /** Index of the baseline (training / previous span) and of the dataset compared with it. */
  readonly baseline?: number;
  readonly target?: number;
  readonly schema?: Schema;
  /** validateStatistics(baseline, schema, { servingStats: target }) — only COMPARATOR_* reasons are used. */
  readonly skewAnomalies?: Anomalies;
  /** validateStatistics(target, schema, { previousStats: baseline }). */
  readonly driftAnomalies?: Anomalies;
  /** Estimate sampling noise (slower: NOISE_DRAWS resamples per feature). */
  readonly noise?: boolean;
}

function kindOf(v: FeatureStatsView): ComparedKind {
  if (v.data.stats.case === 'stringStats') return 'categorical';
  if (v.data.stats.case === 'numStats') return 'numeric';
  return 'other';
}

const COMPARATOR_TYPES = new Set([
  AnomalyInfo_Type.COMPARATOR_L_INFTY_HIGH,
  AnomalyInfo_Type.COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH,
  AnomalyInfo_Type.COMPARATOR_CONTROL_DATA_MISSING,
  AnomalyInfo_Type.COMPARATOR_TREATMENT_DATA_MISSING,
  AnomalyInfo_Type.COMPARATOR_LOW_NUM_EXAMPLES,
  AnomalyInfo_Type.COMPARATOR_HIGH_NUM_EXAMPLES,
]);

/** The comparator reasons per feature of a validation (its other findings belong to the overview). */
export function comparatorAnomalies(anomalies: Anomalies | undefined, comparator: 'skew' | 'drift'): Map<string, ComparatorAnomaly[]> {
  const out = new Map<string, ComparatorAnomaly[]>();
  for (const [feature, info] of Object.entries(anomalies?.anomalyInfo ?? {})) {
    const list = info.reason
      .filter((r) => COMPARATOR_TYPES.has(r.type))
      .map((r) => ({ comparator, shortDescription: r.shortDescription, description: r.description }));
    if (list.length > 0) out.set(feature, list);
  }
  return out;
}

interface Pair {
  readonly a: FeatureStatsView;
  readonly b: FeatureStatsView;
}

function categorical({ a, b }: Pair, noise: boolean, seed: number): Partial<FeatureDistances> {
  const ca = a.stringValuesWithCounts();
  const cb = b.stringValuesWithCounts();
  const linf = lInfinityDistance(ca, cb);
  const values: Partial<Record<MetricId, number>> = { lInfinity: linf.distance };
  const jsd = jensenShannonDivergenceCounts(ca, cb);
  if (jsd.ok) values.jensenShannon = jsd.value;
  const psi = psiCounts(ca, cb);
  if (psi.ok) values.psi = psi.value;
  const why = 'not defined for categorical features';
  const estimate = noise ? lInfinityNoise(ca, cb, a.numPresent(), b.numPresent(), seed) : undefined;
  return {
    values,
    unavailable: { wasserstein: why, ks: why, fineJsd: why },
    lInfinityValue: linf.value,
    contributions: categoricalContributions(ca, cb),
    ...(estimate ? { noise: estimate } : {}),
  };
}

function numeric({ a, b }: Pair, noise: boolean, seed: number): Partial<FeatureDistances> {
  const values: Partial<Record<MetricId, number>> = {};
  const unavailable: Partial<Record<MetricId, string>> = { lInfinity: 'not defined for numeric features' };
  const sa = a.standardHistogram();
  const sb = b.standardHistogram();
  let contributions: ValueContribution[] = [];
  if (sa && sb) {
    const jsd = jensenShannonDivergenceHistograms(sa, sb);
    if (jsd.ok) values.jensenShannon = jsd.value;
    else unavailable.jensenShannon = jsd.reason;
    contributions = histogramContributions(sa, sb);
  } else unavailable.jensenShannon = 'a side has no histogram';
  const fa = readFineQuantiles(a.data);
  const fb = readFineQuantiles(b.data);
  const fine = fineNumericDistances(fa, fb);
  let fineBins: readonly FineBin[] = [];
  const extra: { ksAt?: number; ksError?: number } = {};
  if (fine.ok) {
    values.ks = fine.value.ks;
    values.wasserstein = fine.value.wasserstein;
    values.psi = fine.value.psi;
    values.fineJsd = fine.value.jsd;
    fineBins = fine.value.bins;
    extra.ksAt = fine.value.ksAt;
    extra.ksError = fine.value.ksError;
  } else {
    for (const m of ['ks', 'wasserstein', 'psi', 'fineJsd'] as const) unavailable[m] = fine.reason;
  }
  let estimate: NoiseEstimate | undefined;
  if (noise) {
    // The pooled distribution from the finest description both sides have.
    const pa = fa ? finiteMass(fa.histogram) : sa ? finiteMass(sa) : undefined;
    const pb = fb ? finiteMass(fb.histogram) : sb ? finiteMass(sb) : undefined;
    if (pa && pb) {
      const pooled = poolPieces(pa, pb, a.numPresent(), b.numPresent());
      // The noise of the metric the feature is sorted by.
      estimate = fine.ok
        ? numericNoise(pooled, a.numPresent(), b.numPresent(), seed, binnedJsdOfSamples(fine.value.bins.slice(1).map((x) => x.low)), 'parametric bootstrap of the fine JSD from the pooled distribution')
        : numericNoise(pooled, a.numPresent(), b.numPresent(), seed, tfdvJsdOfSamples, 'parametric bootstrap of TFDV’s JSD from the pooled distribution, each sample binned as TFDV bins it');
    }
  }
  return { values, unavailable, contributions, fineBins, ...extra, ...(estimate ? { noise: estimate } : {}) };
}

export function buildComparison(input: ComparisonInput): DatasetComparison {
  const baseline = input.baseline ?? 0;
  const target = input.target ?? 1;
  const views = input.datasets.map((d) => new DatasetStatsView(d.statistics));
  const va = views[baseline];
  const vb = views[target];
  if (!va || !vb) throw new Error('buildComparison: baseline and target must name two of the datasets');
  const skewAnomalies = comparatorAnomalies(input.skewAnomalies, 'skew');
  const driftAnomalies = comparatorAnomalies(input.driftAnomalies, 'drift');
  const keys = new Map<string, readonly string[]>();
  for (const v of views) for (const f of v.features()) if (!keys.has(f.pathKey)) keys.set(f.pathKey, f.path);
  const features: FeatureDistances[] = [];
  for (const [pathKey, path] of keys) {
    const fa = va.getByPath(path);
    const fb = vb.getByPath(path);
    const present = views.map((v) => v.getByPath(path) !== undefined);
    const schemaFeature = input.schema ? getFeature(input.schema, path) : undefined;
    const skew = comparatorThresholds(schemaFeature?.skewComparator);
    const drift = comparatorThresholds(schemaFeature?.driftComparator);
    const anomalies = [...(skewAnomalies.get(pathKey) ?? []), ...(driftAnomalies.get(pathKey) ?? [])];
    const sizes: [number, number] = [fa?.numPresent() ?? 0, fb?.numPresent() ?? 0];
    const base = { pathKey, present, skew, drift, anomalies, sizes, smallSample: Math.min(...sizes) < SMALL_SAMPLE };
    const any = (fa ?? fb ?? views.map((v) => v.getByPath(path)).find((x) => x)) as FeatureStatsView;
    const kind = kindOf(any);
    const defaultMetric: MetricId = kind === 'categorical' ? 'lInfinity' : 'fineJsd';
    if (!fa || !fb) {
      features.push({ ...base, kind, defaultMetric, distance: 1, values: {}, unavailable: {}, contributions: [], fineBins: [], withinNoise: false });
      continue;
    }
    const seed = seedOf(pathKey);
    const kinds = [kindOf(fa), kindOf(fb)];
    const part =
      kinds.includes('categorical') ? categorical({ a: fa, b: fb }, input.noise ?? false, seed) : kinds[0] === 'numeric' && kinds[1] === 'numeric' ? numeric({ a: fa, b: fb }, input.noise ?? false, seed) : {};
    const realKind: ComparedKind = kinds.includes('categorical') ? 'categorical' : kinds[0] === 'numeric' && kinds[1] === 'numeric' ? 'numeric' : 'other';
    const values = part.values ?? {};
    const metric: MetricId = realKind === 'categorical' ? 'lInfinity' : values.fineJsd !== undefined ? 'fineJsd' : 'jensenShannon';
    const distance = values[metric] ?? 0;
    features.push({
      ...base,
      kind: realKind,
      defaultMetric: metric,
      distance,
      values,
      unavailable: part.unavailable ?? {},
      ...(part.lInfinityValue !== undefined ? { lInfinityValue: part.lInfinityValue } : {}),
      ...(part.ksAt !== undefined ? { ksAt: part.ksAt } : {}),
      ...(part.ksError !== undefined ? { ksError: part.ksError } : {}),
      contributions: part.contributions ?? [],
      fineBins: part.fineBins ?? [],
      ...(part.noise ? { noise: part.noise } : {}),
      withinNoise: part.noise !== undefined && distance <= part.noise.p95,
    });
  }
  features.sort((x, y) => y.distance - x.distance || (x.pathKey < y.pathKey ? -1 : x.pathKey > y.pathKey ? 1 : 0));
  return {
    datasets: input.datasets.map((d, i) => ({ name: d.name, numExamples: (views[i] as DatasetStatsView).numExamples() })),
    baseline,
    target,
    features,
  };
}

