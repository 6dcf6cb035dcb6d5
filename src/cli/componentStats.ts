/**
 * For a dataset validated against a schema with sparse or weighted features: their statistics (missing
 * components, length differences), computed in one more pass over the rows, as TFDV computes them when
 * statistics are generated with the schema. A statistics file is used as it is.
 */
import { clone } from '@bufbuild/protobuf';
import type { RowBatch } from '../core/data/rowBatch.js';
import type { Schema } from '../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetFeatureStatistics } from '../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { DatasetFeatureStatisticsSchema } from '../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { computeComponentFeatureStats } from '../core/stats/componentFeatureStats.js';
import type { CliIo } from './cliIo.js';
import { isStatisticsFile } from './loadStatistics.js';

export async function withComponentStats(
  stats: DatasetFeatureStatistics,
  schema: Schema,
  input: string,
  readRows: () => Promise<AsyncIterable<RowBatch>>,
  io: CliIo,
): Promise<DatasetFeatureStatistics> {
  if (isStatisticsFile(input) || (schema.sparseFeature.length === 0 && schema.weightedFeature.length === 0)) return stats;
  const entries = await computeComponentFeatureStats(await readRows(), schema, { signal: io.signal });
  const out = clone(DatasetFeatureStatisticsSchema, stats);
  out.features.push(...entries);
  return out;
}
