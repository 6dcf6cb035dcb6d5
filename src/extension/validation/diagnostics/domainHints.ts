/**
 * What the quick fixes of an "unexpected string values" anomaly need to know, from the statistics and the
 * schema: which values fall outside the feature's domain (most frequent first) and what fraction of the values
 * are in it. Pure: no `vscode`.
 */
import type { Schema } from '../../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetFeatureStatistics } from '../../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { FeaturePath } from '../../../core/schema/featurePath.js';
import { getFeature, stringDomainOf } from '../../../core/schema/schemaModel.js';
import { DatasetStatsView } from '../../../core/schema/statsView.js';

export interface DomainHints {
  /** Values outside the domain with their counts, most frequent first (ties by value). */
  readonly unexpected: ReadonlyArray<{ readonly value: string; readonly count: number }>;
  /** In-domain values / all values counted in the statistics' rank histogram; undefined when nothing counted. */
  readonly inDomainFraction: number | undefined;
}

export function domainHints(stats: DatasetFeatureStatistics, schema: Schema, path: FeaturePath): DomainHints | undefined {
  const feature = getFeature(schema, path);
  const domain = feature ? stringDomainOf(schema, feature) : undefined;
  if (!domain) return undefined;
  const view = new DatasetStatsView(stats).getByPath(path);
  if (!view) return undefined;
  const allowed = new Set(domain.value);
  const unexpected: Array<{ value: string; count: number }> = [];
  let total = 0;
  let inside = 0;
  for (const [value, count] of view.stringValuesWithCounts()) {
    total += count;
    if (allowed.has(value)) inside += count;
    else unexpected.push({ value, count });
  }
  unexpected.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { unexpected, inDomainFraction: total > 0 ? inside / total : undefined };
}
