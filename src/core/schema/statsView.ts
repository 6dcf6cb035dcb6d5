/**
 * A read-only view over DatasetFeatureStatistics with the accessors TFDV's validator uses (its StatisticsView):
 * features by path, presence, valency, value counts from the rank histogram, histograms — optionally the weighted
 * variants. Inference, validation and comparison all read statistics through it, so they agree on what
 * "present", "value count" and "values with counts" mean.
 */
import type {
  CommonStatistics,
  DatasetFeatureStatistics,
  DatasetFeatureStatisticsList,
  FeatureNameStatistics,
  Histogram,
  NumericStatistics,
  RankHistogram,
} from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { FeatureNameStatistics_Type, Histogram_HistogramType } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { FeatureType, HistogramSelection_Type } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { FeaturePath } from './featurePath.js';
import { serializePath } from './featurePath.js';
import { compareUtf8 } from '../data/compareUtf8.js';

/** The slice name TFDV gives to "all examples" when statistics hold several slices. */
export const DEFAULT_SLICE_KEY = 'All Examples';

/** What TFDV's top-k generator writes instead of a value that is not valid UTF-8. */
export const INVALID_UTF8_PLACEHOLDER = '__BYTES_VALUE__';

/**
 * TFDV's _get_default_dataset_statistics: the only dataset, or the "All Examples" slice among several.
 * Throws when neither exists.
 */
export function defaultDatasetStatistics(list: DatasetFeatureStatisticsList): DatasetFeatureStatistics {
  if (list.datasets.length === 1) return list.datasets[0] as DatasetFeatureStatistics;
  const all = list.datasets.find((d) => d.name === DEFAULT_SLICE_KEY);
  if (all) return all;
  throw new Error(
    list.datasets.length === 0
      ? 'The statistics hold no dataset.'
      : 'Only statistics with one dataset or the default slice (i.e., "All Examples" slice) are supported.',
  );
}

/** Accepts either form callers have at hand. */
export function asDatasetStatistics(stats: DatasetFeatureStatistics | DatasetFeatureStatisticsList): DatasetFeatureStatistics {
  return stats.$typeName === 'tensorflow.metadata.v0.DatasetFeatureStatisticsList' ? defaultDatasetStatistics(stats) : stats;
}

function hasStats(f: FeatureNameStatistics): boolean {
  return f.stats.case !== undefined || f.customStats.length > 0;
}

export interface DatasetStatsViewOptions {
  /** Read the weighted statistics; default: when every feature carries them (TFDV's WeightedStatisticsExist). */
  readonly byWeight?: boolean;
  /** The environment the data comes from (e.g. SERVING), for environment-aware checks. */
  readonly environment?: string;
}

export class DatasetStatsView {
  readonly data: DatasetFeatureStatistics;
  readonly byWeight: boolean;
  readonly environment: string | undefined;
  private readonly views: FeatureStatsView[] = [];
  private readonly byKey = new Map<string, FeatureStatsView>();
  private readonly parentOf = new Map<FeatureStatsView, FeatureStatsView>();
  private readonly childrenOf = new Map<FeatureStatsView, FeatureStatsView[]>();

  constructor(data: DatasetFeatureStatistics, options: DatasetStatsViewOptions = {}) {
    this.data = data;
    this.environment = options.environment;
    this.byWeight = options.byWeight ?? weightedStatisticsExist(data);
    const features = data.features.filter(hasStats);
    const usesPath = features.length > 0 && features.every((f) => f.fieldId.case === 'path');
    if (usesPath) {
      for (const f of features) {
        const path = f.fieldId.case === 'path' ? f.fieldId.value.step : [];
        this.add(new FeatureStatsView(this, f, path));
      }
      for (const v of this.views) {
        const parent = v.path.length > 1 ? this.byKey.get(serializePath(v.path.slice(0, -1))) : undefined;
        if (parent) this.link(parent, v);
      }
    } else {
      this.initByName(features);
    }
  }

  /**
   * Names only: TFDV derives nesting from STRUCT features whose name is a "."-terminated prefix of another's
   * (`parent.child`). Flat datasets — every CSV — get one-step paths.
   */
  private initByName(features: FeatureNameStatistics[]): void {
    const names = features.map((f) => (f.fieldId.case === 'name' ? f.fieldId.value : ''));
    const order = names.map((_, i) => i).sort((a, b) => compareUtf8(names[a] as string, names[b] as string));
    const paths: FeaturePath[] = new Array<FeaturePath>(features.length);
    const parents: Array<number | undefined> = new Array<number | undefined>(features.length);
    const ancestors: number[] = [];
    for (const i of order) {
      const name = names[i] as string;
      while (ancestors.length > 0) {
        const topName = names[ancestors[ancestors.length - 1] as number] as string;
        if (name.length > topName.length && name.startsWith(topName)) break;
        ancestors.pop();
      }
      const parent = ancestors[ancestors.length - 1];
      parents[i] = parent;
      paths[i] = parent !== undefined ? [...(paths[parent] as FeaturePath), name.slice((names[parent] as string).length + 1)] : [name];
      if ((features[i] as FeatureNameStatistics).type === FeatureNameStatistics_Type.STRUCT) ancestors.push(i);
    }
    // Views stay in file order (TFDV's order of features and root features); nesting came from the sorted pass.
    const views = features.map((f, i) => new FeatureStatsView(this, f, paths[i] as FeaturePath));
    for (const v of views) this.add(v);
    views.forEach((v, i) => {
      const p = parents[i];
      if (p !== undefined) this.link(views[p] as FeatureStatsView, v);
    });
  }

  private add(view: FeatureStatsView): void {
    this.views.push(view);
    this.byKey.set(view.pathKey, view);
  }

  private link(parent: FeatureStatsView, child: FeatureStatsView): void {
    this.parentOf.set(child, parent);
    const list = this.childrenOf.get(parent) ?? [];
    list.push(child);
    this.childrenOf.set(parent, list);
  }

  /** Every feature with statistics, in file order (features with empty statistics are skipped, as TFDV does). */
  features(): readonly FeatureStatsView[] {
    return this.views;
  }

  rootFeatures(): FeatureStatsView[] {
    return this.views.filter((v) => !this.parentOf.has(v));
  }

  children(view: FeatureStatsView): readonly FeatureStatsView[] {
    return this.childrenOf.get(view) ?? [];
  }

  parent(view: FeatureStatsView): FeatureStatsView | undefined {
    return this.parentOf.get(view);
  }

  getByPath(path: FeaturePath): FeatureStatsView | undefined {
    return this.byKey.get(serializePath(path));
  }

  numExamples(): number {
    return this.byWeight ? this.data.weightedNumExamples : Number(this.data.numExamples);
  }
}

function weightedStatisticsExist(data: DatasetFeatureStatistics): boolean {
  if (data.weightedNumExamples === 0) return false;
  return data.features.filter(hasStats).every((f) => commonStatsOf(f)?.weightedCommonStats !== undefined);
}

function commonStatsOf(f: FeatureNameStatistics): CommonStatistics | undefined {
  switch (f.stats.case) {
    case 'numStats':
    case 'stringStats':
    case 'bytesStats':
    case 'structStats':
      return f.stats.value.commonStats;
    default:
      return undefined;
  }
}

export class FeatureStatsView {
  readonly parentView: DatasetStatsView;
  readonly data: FeatureNameStatistics;
  readonly path: FeaturePath;
  readonly pathKey: string;
  private cachedCounts: Map<string, number> | undefined;

  constructor(parentView: DatasetStatsView, data: FeatureNameStatistics, path: FeaturePath) {
    this.parentView = parentView;
    this.data = data;
    this.path = path;
    this.pathKey = serializePath(path);
  }

  /** The name as written in the statistics (the last step for path-keyed statistics). */
  get name(): string {
    return this.data.fieldId.case === 'name' ? this.data.fieldId.value : (this.path[this.path.length - 1] ?? '');
  }

  get type(): FeatureNameStatistics_Type {
    return this.data.type;
  }

  /** The schema type this statistics type corresponds to (STRING and BYTES are both BYTES). */
  featureType(): FeatureType {
    switch (this.data.type) {
      case FeatureNameStatistics_Type.INT:
        return FeatureType.INT;
      case FeatureNameStatistics_Type.FLOAT:
        return FeatureType.FLOAT;
      case FeatureNameStatistics_Type.STRING:
      case FeatureNameStatistics_Type.BYTES:
        return FeatureType.BYTES;
      case FeatureNameStatistics_Type.STRUCT:
        return FeatureType.STRUCT;
      default:
        return FeatureType.TYPE_UNKNOWN;
    }
  }

  commonStats(): CommonStatistics | undefined {
    return commonStatsOf(this.data);
  }

  numStats(): NumericStatistics | undefined {
    return this.data.stats.case === 'numStats' ? this.data.stats.value : undefined;
  }

  numExamples(): number {
    return this.parentView.numExamples();
  }

  numMissing(): number {
    const c = this.commonStats();
    if (!c) return 0;
    return this.parentView.byWeight ? (c.weightedCommonStats?.numMissing ?? 0) : Number(c.numMissing);
  }

  /** Examples in which the feature occurs (with any number of values, even zero). */
  numPresent(): number {
    const c = this.commonStats();
    if (!c) return 0;
    return this.parentView.byWeight ? (c.weightedCommonStats?.numNonMissing ?? 0) : Number(c.numNonMissing);
  }

  fractionPresent(): number | undefined {
    if (this.numMissing() === 0) return 1; // avoids floating point noise, as TFDV does
    const n = this.numExamples();
    return n > 0 ? this.numPresent() / n : undefined;
  }

  /** Values over all examples (TFDV falls back to num_non_missing × avg_num_values for old statistics). */
  totalValueCount(): number {
    const c = this.commonStats();
    if (!c) return 0;
    if (this.parentView.byWeight) return c.weightedCommonStats?.totNumValues ?? 0;
    const tot = Number(c.totNumValues);
    return tot === 0 ? Number(c.numNonMissing) * c.avgNumValues : tot;
  }

  /** [min, max] values per example at each nesting level (one level for flat features). */
  minMaxNumValues(): Array<readonly [number, number]> {
    const c = this.commonStats();
    if (!c) return [[0, 0]];
    if (c.presenceAndValencyStats.length > 0) {
      return c.presenceAndValencyStats.map((p) => [Number(p.minNumValues), Number(p.maxNumValues)] as const);
    }
    return [[Number(c.minNumValues), Number(c.maxNumValues)]];
  }

  numMissingNested(): number[] {
    const c = this.commonStats();
    if (!c) return [0];
    if (this.parentView.byWeight && c.weightedPresenceAndValencyStats.length > 0) {
      return c.weightedPresenceAndValencyStats.map((p) => p.numMissing);
    }
    if (c.presenceAndValencyStats.length > 0) return c.presenceAndValencyStats.map((p) => Number(p.numMissing));
    return [this.numMissing()];
  }

  hasNestedValues(): boolean {
    return (this.commonStats()?.presenceAndValencyStats.length ?? 0) > 1;
  }

  private rankHistogram(): RankHistogram | undefined {
    if (this.data.stats.case !== 'stringStats') return undefined;
    const s = this.data.stats.value;
    return this.parentView.byWeight ? s.weightedStringStats?.rankHistogram : s.rankHistogram;
  }

  /**
   * Each distinct value with its count, from the rank histogram as TFDV reads it. Statistics written without a
   * rank histogram (Facets, older writers) fall back to top_values, which may be truncated. Keys come sorted by
   * their UTF-8 bytes.
   */
  stringValuesWithCounts(): Map<string, number> {
    if (this.cachedCounts) return new Map(this.cachedCounts);
    const result = new Map<string, number>();
    if (this.data.stats.case === 'stringStats') {
      const rank = this.rankHistogram();
      if (rank && rank.buckets.length > 0) {
        // std::map::insert keeps the first of duplicate labels.
        for (const b of rank.buckets) if (!result.has(b.label)) result.set(b.label, b.sampleCount);
      } else {
        const s = this.data.stats.value;
        const top = this.parentView.byWeight ? (s.weightedStringStats?.topValues ?? []) : s.topValues;
        for (const t of top) if (!result.has(t.value)) result.set(t.value, t.frequency);
      }
    }
    // Sorted by bytes, the order TFDV's std::map gives every message that lists values.
    this.cachedCounts = new Map([...result.keys()].sort(compareUtf8).map((k) => [k, result.get(k) as number]));
    return new Map(this.cachedCounts);
  }

  stringValues(): string[] {
    return [...this.stringValuesWithCounts().keys()];
  }

  hasInvalidUtf8Strings(): boolean {
    if (this.data.stats.case === 'stringStats' && this.data.stats.value.invalidUtf8Count > 0n) return true;
    return this.stringValuesWithCounts().has(INVALID_UTF8_PLACEHOLDER);
  }

  /** string_stats.unique; undefined for non-string features (TFDV's GetNumUnique). */
  numUnique(): number | undefined {
    return this.data.stats.case === 'stringStats' ? Number(this.data.stats.value.unique) : undefined;
  }

  private histograms(): readonly Histogram[] {
    const n = this.numStats();
    if (!n) return [];
    return this.parentView.byWeight ? (n.weightedNumericStats?.histograms ?? []) : n.histograms;
  }

  standardHistogram(): Histogram | undefined {
    return this.histograms().find((h) => h.type === Histogram_HistogramType.STANDARD);
  }

  quantilesHistogram(): Histogram | undefined {
    return this.histograms().find((h) => h.type === Histogram_HistogramType.QUANTILES);
  }

  /** The histogram a JSD comparator's `source` selects; DEFAULT means the standard one. */
  histogram(selection: HistogramSelection_Type = HistogramSelection_Type.DEFAULT): Histogram | undefined {
    return selection === HistogramSelection_Type.QUANTILES ? this.quantilesHistogram() : this.standardHistogram();
  }

  /** NaN count from any histogram, as TFDV's CheckFloatNans reads it. */
  numNan(): number {
    let nan = 0;
    for (const h of this.numStats()?.histograms ?? []) nan = Math.max(nan, Number(h.numNan));
    return nan;
  }
}
