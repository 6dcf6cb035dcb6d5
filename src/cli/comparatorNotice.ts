/**
 * `validate --serving/--previous` against a schema with no skew/drift comparator checks nothing, and "No
 * anomalies found." alone would read as "no skew". This says so, how to set one, and lists the distances it
 * would compare, for information.
 */
import type { DatasetFeatureStatistics } from '../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { Schema } from '../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { compareStatistics } from '../core/compare/compareStatistics.js';
import { allFeatures, comparatorOf, comparatorThresholds } from '../core/schema/schemaModel.js';
import type { ComparatorKind } from '../core/schema/schemaModel.js';
import { formatNumber } from './format/numbers.js';
import { formatTextTable } from './format/textTable.js';

const MAX_ROWS = 30;

export function hasComparator(schema: Schema, kind: ComparatorKind): boolean {
  return allFeatures(schema).some(({ feature }) => Object.keys(comparatorThresholds(comparatorOf(feature, kind))).length > 0);
}

/**
 * The notice for each comparison asked for (`skew` with serving statistics, `drift` with previous ones) whose
 * schema sets no comparator of that kind; '' when every asked comparison has one.
 */
export function missingComparatorNotice(
  schema: Schema,
  schemaPath: string,
  stats: DatasetFeatureStatistics,
  others: { readonly skew?: DatasetFeatureStatistics; readonly drift?: DatasetFeatureStatistics },
  width: number,
): string {
  const parts: string[] = [];
  for (const kind of ['skew', 'drift'] as const) {
    const other = others[kind];
    if (!other || hasComparator(schema, kind)) continue;
    const what = kind === 'skew' ? 'serving data was not checked for skew' : 'the previous span was not checked for drift';
    parts.push(
      `No ${kind} comparator is set in the schema, so ${what}. Set one per feature, e.g.:`,
      `  facetwise schema edit ${schemaPath} --${kind} FEATURE:infinity_norm=0.01`,
      `Distances for information (${kind === 'skew' ? 'training vs serving' : 'previous vs current'}, largest first):`,
    );
    const base = kind === 'skew' ? stats : other;
    const current = kind === 'skew' ? other : stats;
    const compared = compareStatistics(base, current).filter((r) => r.presentIn === 'both');
    const rows = compared
      .slice(0, MAX_ROWS)
      .map((r) => [r.pathKey, r.distances.lInfinity !== undefined ? formatNumber(r.distances.lInfinity, 4) : '', r.distances.jensenShannon !== undefined ? formatNumber(r.distances.jensenShannon, 4) : '']);
    parts.push(formatTextTable(['Feature name', 'L-infinity', 'Jensen-Shannon'], rows, { width }));
    if (compared.length > MAX_ROWS) parts.push(`… ${compared.length - MAX_ROWS} more (facetwise compare lists them all)`);
    parts.push('');
  }
  return parts.join('\n');
}
