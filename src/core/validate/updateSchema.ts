/**
 * TFDV's update_schema: relaxes an existing schema so that a new span passes it. It lives beside validation
 * because it is validation's own feature update applied without reporting.
 */
import type { Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetFeatureStatistics, DatasetFeatureStatisticsList } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { FeaturePath } from '../schema/featurePath.js';
import { serializePath } from '../schema/featurePath.js';
import type { InferFeatureOptions } from '../schema/inferFeature.js';
import { createFeature } from '../schema/inferFeature.js';
import { cloneSchema } from '../schema/schemaClone.js';
import {
  allFeatures,
  deprecateFeature,
  featureExists,
  hasMinFraction,
  hasValueCountMax,
  hasValueCountMin,
  isExistenceRequired,
  isFeatureDeprecated,
  presenceOf,
  setShape,
} from '../schema/schemaModel.js';
import type { FeatureStatsView } from '../schema/statsView.js';
import { asDatasetStatistics, DatasetStatsView } from '../schema/statsView.js';
import { entriesAt, isPathDeprecated, updateSparseOrWeighted } from './sparseWeightedChecks.js';
import { updateExistingFeature } from './updateFeature.js';

type Stats = DatasetFeatureStatistics | DatasetFeatureStatisticsList;

export type UpdateSchemaOptions = Omit<InferFeatureOptions, 'inferRanges' | 'inferFeatureShape'> & {
  /** Ranges for features the update adds (existing domains are only ever widened). */
  readonly inferRanges?: boolean;
  /**
   * Give required features of constant valency a fixed shape. TFDV's update_schema ignores its
   * infer_feature_shape argument and never does (default false, as TFDV).
   */
  readonly inferFeatureShape?: boolean;
  /** Only these features (and their children, when listed too) are updated or deprecated: Schema::Update's paths_to_consider. */
  readonly pathsToConsider?: readonly FeaturePath[];
};

/**
 * Relaxes `schema` so that `stats` would pass it — new domain values, lower presence, wider valency and ranges,
 * new features added, required features the data lacks deprecated — and returns the result; `schema` itself is
 * not changed, and fields Facetwise does not interpret are kept.
 */
export function updateSchema(schema: Schema, stats: Stats, options: UpdateSchemaOptions = {}): Schema {
  const result = cloneSchema(schema);
  const view = new DatasetStatsView(asDatasetStatistics(stats));
  const consider = options.pathsToConsider ? new Set(options.pathsToConsider.map(serializePath)) : undefined;
  const considered = (path: FeaturePath): boolean => consider === undefined || consider.has(serializePath(path));
  const inferFeatureShape = options.inferFeatureShape ?? false;
  const visit = (feature: FeatureStatsView): void => {
    if (!considered(feature.path)) return;
    const entries = entriesAt(result, feature.path);
    if ((entries.sparse || entries.weighted) && !isPathDeprecated(entries)) {
      // Sparse and weighted features are deprecated when their statistics show a problem (schema.cc UpdateFeature).
      if (updateSparseOrWeighted(feature, entries)) return;
    }
    const existing = entries.feature;
    if (existing) {
      if (isFeatureDeprecated(existing)) return;
      updateExistingFeature({ schema: result, environment: undefined }, feature, existing);
      if (isFeatureDeprecated(existing)) return;
    } else if (featureExists(result, feature.path)) {
      return; // a sparse or weighted feature of that name
    } else {
      createFeature(result, feature, { ...options, inferFeatureShape });
    }
    for (const child of view.children(feature)) visit(child);
  };
  for (const root of view.rootFeatures()) visit(root);

  const present = new Set(view.features().map((f) => f.pathKey));
  for (const { path, feature } of allFeatures(result)) {
    if (!considered(path)) continue;
    if (isExistenceRequired(result, feature, undefined) && !present.has(serializePath(path as FeaturePath))) deprecateFeature(feature);
  }

  if (inferFeatureShape) {
    // TFDV's _infer_shape: required features with a constant value count get a fixed shape.
    for (const { feature } of allFeatures(result)) {
      const presence = presenceOf(feature);
      if (!presence || !hasMinFraction(presence) || presence.minFraction !== 1) continue;
      if (feature.shapeType.case !== 'valueCount') continue;
      const vc = feature.shapeType.value;
      if (hasValueCountMin(vc) && hasValueCountMax(vc) && vc.min === vc.max && vc.min > 0n) setShape(feature, [Number(vc.min)]);
    }
  }
  return result;
}
