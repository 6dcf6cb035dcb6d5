/**
 * Feature-by-feature distances between two datasets' statistics (`facetwise compare`, the compare view):
 * TFDV's L-infinity, normalized absolute difference and Jensen-Shannon divergence, plus PSI and — for numeric
 * features — Wasserstein-1 and Kolmogorov–Smirnov, sorted with the most changed feature first. Thresholds from
 * Facetwise's own config turn distances into alerts.
 */
import type { DatasetFeatureStatistics, DatasetFeatureStatisticsList } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { FeaturePath } from '../schema/featurePath.js';
import type { FeatureStatsView } from '../schema/statsView.js';
import { asDatasetStatistics, DatasetStatsView } from '../schema/statsView.js';
import type { DistanceResult } from './distances.js';
import { jensenShannonDivergenceCounts, jensenShannonDivergenceHistograms, lInfinityDistance, normalizedAbsoluteDifference } from './distances.js';
import { kolmogorovSmirnovHistograms, psiCounts, psiHistograms, wassersteinHistograms } from './extraDistances.js';

export type DistanceMetric = 'lInfinity' | 'normalizedAbsDifference' | 'jensenShannon' | 'psi' | 'wasserstein' | 'ks';

export type DistanceThresholds = { readonly [M in DistanceMetric]?: number };

/** Facetwise's comparison config: thresholds for every feature, overridden per feature (by serialized path). */
export interface CompareConfig {
  readonly defaults?: DistanceThresholds;
  readonly features?: Readonly<Record<string, DistanceThresholds>>;
}

export interface DistanceAlert {
  readonly metric: DistanceMetric;
  readonly value: number;
  readonly threshold: number;
}

export type FeatureKind = 'categorical' | 'numeric' | 'other';

export interface FeatureComparison {
  readonly path: FeaturePath;
  readonly pathKey: string;
  readonly kind: FeatureKind;
  /** Where the feature has statistics. */
  readonly presentIn: 'both' | 'a' | 'b';
  /** Fraction of examples missing the feature, per side (undefined where absent). */
  readonly missingFraction: { readonly a: number | undefined; readonly b: number | undefined };
  /** Every distance that could be computed. */
  readonly distances: { readonly [M in DistanceMetric]?: number };
  /** The value behind the L-infinity distance (categorical features). */
  readonly maxDifferenceValue?: string;
  /**
   * The sort key: the Jensen-Shannon divergence (bounded in [0, 1] for every kind); 1 for a feature on one side
   * only; 0 when nothing could be compared.
   */
  readonly distance: number;
  readonly alerts: DistanceAlert[];
}

type Stats = DatasetFeatureStatistics | DatasetFeatureStatisticsList;

function kindOf(v: FeatureStatsView): FeatureKind {
  if (v.data.stats.case === 'stringStats') return 'categorical';
  if (v.data.stats.case === 'numStats') return 'numeric';
  return 'other';
}

function missingFraction(v: FeatureStatsView | undefined): number | undefined {
  if (!v) return undefined;
  const n = v.numExamples();
  return n > 0 ? v.numMissing() / n : undefined;
}

function set(out: { [M in DistanceMetric]?: number }, metric: DistanceMetric, r: DistanceResult): void {
  if (r.ok) out[metric] = r.value;
}

function compareFeature(a: FeatureStatsView, b: FeatureStatsView): { kind: FeatureKind; distances: { [M in DistanceMetric]?: number }; maxValue?: string } {
  const distances: { [M in DistanceMetric]?: number } = {};
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'categorical' || kb === 'categorical') {
    const ca = a.stringValuesWithCounts();
    const cb = b.stringValuesWithCounts();
    const linf = lInfinityDistance(ca, cb);
    distances.lInfinity = linf.distance;
    distances.normalizedAbsDifference = normalizedAbsoluteDifference(ca, cb).distance;
    set(distances, 'jensenShannon', jensenShannonDivergenceCounts(ca, cb));
    set(distances, 'psi', psiCounts(ca, cb));
    return { kind: 'categorical', distances, maxValue: linf.value };
  }
  if (ka === 'numeric' && kb === 'numeric') {
    const sa = a.standardHistogram();
    const sb = b.standardHistogram();
    if (sa && sb) {
      set(distances, 'jensenShannon', jensenShannonDivergenceHistograms(sa, sb));
      set(distances, 'psi', psiHistograms(sa, sb));
    }
    // The equal-mass histogram resolves the tails better; the equal-width one is the fallback.
    const qa = a.quantilesHistogram() ?? sa;
    const qb = b.quantilesHistogram() ?? sb;
    if (qa && qb) {
      set(distances, 'wasserstein', wassersteinHistograms(qa, qb));
      set(distances, 'ks', kolmogorovSmirnovHistograms(qa, qb));
    }
    return { kind: 'numeric', distances };
  }
  return { kind: 'other', distances };
}

function alertsFor(pathKey: string, distances: { [M in DistanceMetric]?: number }, config: CompareConfig): DistanceAlert[] {
  const thresholds: DistanceThresholds = { ...config.defaults, ...config.features?.[pathKey] };
  const alerts: DistanceAlert[] = [];
  for (const metric of Object.keys(thresholds) as DistanceMetric[]) {
    const threshold = thresholds[metric];
    const value = distances[metric];
    if (threshold !== undefined && value !== undefined && value > threshold) alerts.push({ metric, value, threshold });
  }
  return alerts;
}

/** Distances for every feature of either dataset, most changed first (ties by path). */
export function compareStatistics(a: Stats, b: Stats, config: CompareConfig = {}): FeatureComparison[] {
  const va = new DatasetStatsView(asDatasetStatistics(a));
  const vb = new DatasetStatsView(asDatasetStatistics(b));
  const keys = new Map<string, FeaturePath>();
  for (const v of [...va.features(), ...vb.features()]) if (!keys.has(v.pathKey)) keys.set(v.pathKey, v.path);
  const out: FeatureComparison[] = [];
  for (const [pathKey, path] of keys) {
    const fa = va.getByPath(path);
    const fb = vb.getByPath(path);
    const missing = { a: missingFraction(fa), b: missingFraction(fb) };
    if (!fa || !fb) {
      out.push({
        path,
        pathKey,
        kind: kindOf((fa ?? fb) as FeatureStatsView),
        presentIn: fa ? 'a' : 'b',
        missingFraction: missing,
        distances: {},
        distance: 1,
        alerts: [],
      });
      continue;
    }
    const { kind, distances, maxValue } = compareFeature(fa, fb);
    out.push({
      path,
      pathKey,
      kind,
      presentIn: 'both',
      missingFraction: missing,
      distances,
      ...(maxValue !== undefined ? { maxDifferenceValue: maxValue } : {}),
      distance: distances.jensenShannon ?? 0,
      alerts: alertsFor(pathKey, distances, config),
    });
  }
  return out.sort((x, y) => y.distance - x.distance || (x.pathKey < y.pathKey ? -1 : x.pathKey > y.pathKey ? 1 : 0));
}
