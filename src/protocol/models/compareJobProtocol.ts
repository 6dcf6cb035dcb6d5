/**
 * The worker job behind the model comparison panel (src/worker/jobs/compareModelsJob.ts): its parameters and its
 * result. Both are structured-clone-able; the per-row arrays travel as typed arrays (transferred, never JSON).
 */
import type { DatasetInfo } from '../../core/io/dataset.js';
import type { ManyComparisonReport } from '../../core/model/compareVersions.js';
import type { MetricName } from '../../core/model/metrics.js';

/** One model version on disk: the model folder and the version number (null for a bare, unnumbered folder). */
export interface VersionRef {
  readonly root: string;
  readonly version: number | null;
}

export interface CompareModelsParams {
  readonly base: VersionRef;
  /** One or more versions, each compared with the base (every version scored once, one paired bootstrap). */
  readonly candidates: readonly VersionRef[];
  readonly dataset: DatasetInfo;
  /** Features to slice by; default every categorical feature of either version. */
  readonly sliceBy?: readonly string[];
  readonly metric?: MetricName;
  readonly minSliceRows?: number;
  readonly replicates?: number;
  readonly attributionRows?: number;
  /** Rows kept for the charts (default 200,000): the first rows, so the charts stay quick on big datasets. */
  readonly maxChartRows?: number;
}

/** A slicing feature's value per chart row, dictionary-encoded (as scoredRows.SliceColumn). */
export interface RowSliceColumn {
  readonly feature: string;
  readonly values: readonly string[];
  readonly codes: Int32Array;
}

/**
 * The rows the charts are drawn from: per row one score per version (binary: P(positive); regression: the
 * prediction; multiclass: the probability of the predicted class), the label, and where the row is in the data.
 * `scores` holds the base first, then each candidate in the order of the params.
 */
export interface ChartRows {
  readonly count: number;
  readonly scores: readonly Float32Array[];
  readonly labels: Float64Array;
  /** 1-based CSV line or 0-based record index of each row (see positionKind). */
  readonly positions: Float64Array;
  /** Index into `sources` of each row's file. */
  readonly shards: Int32Array;
  readonly sources: readonly string[];
  readonly positionKind: 'line' | 'record';
  readonly slices: readonly RowSliceColumn[];
  /** True when the dataset had more usable rows than were kept for the charts. */
  readonly truncated: boolean;
}

export interface CompareModelsResult {
  /** One pair report per candidate (in the order of the params) against the base. */
  readonly report: ManyComparisonReport;
  readonly rows: ChartRows;
  /** Features of either version's spec (what the slice feature picker offers). */
  readonly specFeatures: readonly string[];
  /** The slicing features used. */
  readonly sliceBy: readonly string[];
}
