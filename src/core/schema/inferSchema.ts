/**
 * Schema inference from statistics, TFDV's infer_schema: a schema that the statistics it came from pass.
 * (update_schema, which needs validation's feature update, is validate/updateSchema.ts.)
 */
import { create } from '@bufbuild/protobuf';
import type { Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { SchemaSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetFeatureStatistics, DatasetFeatureStatisticsList } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { InferFeatureOptions } from './inferFeature.js';
import { createFeature } from './inferFeature.js';
import type { FeatureStatsView } from './statsView.js';
import { asDatasetStatistics, DatasetStatsView } from './statsView.js';

export type InferSchemaOptions = InferFeatureOptions;

type Stats = DatasetFeatureStatistics | DatasetFeatureStatisticsList;

/** Infers a schema from statistics (the default slice when there are several). */
export function inferSchema(stats: Stats, options: InferSchemaOptions = {}): Schema {
  const view = new DatasetStatsView(asDatasetStatistics(stats));
  const schema = create(SchemaSchema);
  const visit = (feature: FeatureStatsView): void => {
    createFeature(schema, feature, options);
    for (const child of view.children(feature)) visit(child);
  };
  for (const root of view.rootFeatures()) visit(root);
  return schema;
}
