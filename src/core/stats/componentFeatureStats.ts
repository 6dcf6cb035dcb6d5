/**
 * Statistics of a schema's sparse and weighted features, as TFDV's SparseFeatureStatsGenerator and
 * WeightedFeatureStatsGenerator (statistics/generators/, built from CountMissingGenerator and LengthDiffGenerator)
 * write them: an entry named after the sparse / weighted feature whose custom statistics count, over the rows
 * where at least one component is present, the rows missing each component, and the least and most of
 * len(index) − len(value) (sparse) or len(weight) − len(value) (weighted). Top-level features only.
 */
import { create } from '@bufbuild/protobuf';
import type { FeatureColumn, RowBatch } from '../data/rowBatch.js';
import type { JobOptions } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import { PathSchema } from '../proto/gen/tensorflow_metadata/proto/v0/path_pb.js';
import type { Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { CustomStatistic, FeatureNameStatistics } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import {
  CustomStatisticSchema,
  FeatureNameStatisticsSchema,
  RankHistogram_BucketSchema,
  RankHistogramSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';

/** Whether row r has the feature (a null in TFDV's Arrow terms when not) and how many values it holds there. */
function lengthAt(column: FeatureColumn | undefined, r: number): number | undefined {
  if (!column) return undefined;
  switch (column.kind) {
    case 'text':
      return column.starts[r] === column.ends[r] ? undefined : 1;
    case 'empty':
      return column.present[r] ? 0 : undefined;
    default:
      return column.present[r] ? (column.offsets[r + 1] as number) - (column.offsets[r] as number) : undefined;
  }
}

/** CountMissingGenerator + LengthDiffGenerator state for one component against the value feature. */
interface ComponentCounter {
  readonly name: string;
  missing: number;
  minDiff: number;
  maxDiff: number;
}

interface Composite {
  readonly kind: 'sparse' | 'weighted';
  readonly name: string;
  readonly value: string;
  readonly components: ComponentCounter[];
  valueMissing: number;
}

function compositesOf(schema: Schema): Composite[] {
  const counter = (name: string): ComponentCounter => ({ name, missing: 0, minDiff: Infinity, maxDiff: -Infinity });
  return [
    ...schema.sparseFeature.map((s): Composite => ({
      kind: 'sparse',
      name: s.name,
      value: s.valueFeature?.name ?? '',
      // TFDV iterates the index features sorted by path.
      components: [...new Set(s.indexFeature.map((i) => i.name))].sort().map(counter),
      valueMissing: 0,
    })),
    ...schema.weightedFeature.map((w): Composite => ({
      kind: 'weighted',
      name: w.name,
      value: (w.feature?.step ?? []).join('.'),
      components: [counter((w.weightFeature?.step ?? []).join('.'))],
      valueMissing: 0,
    })),
  ];
}

function num(name: string, value: number): CustomStatistic {
  return create(CustomStatisticSchema, { name, val: { case: 'num', value } });
}

function rank(name: string, buckets: ReadonlyArray<readonly [string, number]>): CustomStatistic {
  return create(CustomStatisticSchema, {
    name,
    val: {
      case: 'rankHistogram',
      value: create(RankHistogramSchema, { buckets: buckets.map(([label, sampleCount]) => create(RankHistogram_BucketSchema, { label, sampleCount })) }),
    },
  });
}

const finite = (x: number): number => (Number.isFinite(x) ? x : 0);

/** One entry per sparse / weighted feature of the schema; empty when it has none. */
export async function computeComponentFeatureStats(rows: AsyncIterable<RowBatch>, schema: Schema, options: JobOptions = {}): Promise<FeatureNameStatistics[]> {
  const composites = compositesOf(schema);
  if (composites.length === 0) return [];
  for await (const batch of rows) {
    throwIfAborted(options.signal);
    const byName = new Map(batch.columns.map((c) => [c.name, c]));
    for (const c of composites) {
      const valueColumn = byName.get(c.value);
      const columns = c.components.map((k) => byName.get(k.name));
      for (let r = 0; r < batch.rowCount; r++) {
        const valueLength = lengthAt(valueColumn, r);
        const lengths = columns.map((col) => lengthAt(col, r));
        // Rows where every component is null count for nothing (required_paths).
        if (valueLength === undefined && lengths.every((l) => l === undefined)) continue;
        if (valueLength === undefined) c.valueMissing++;
        c.components.forEach((k, i) => {
          const l = lengths[i];
          if (l === undefined) k.missing++;
          const diff = (l ?? 0) - (valueLength ?? 0);
          if (diff < k.minDiff) k.minDiff = diff;
          if (diff > k.maxDiff) k.maxDiff = diff;
        });
      }
    }
  }
  return composites.map((c) => {
    const entry = create(FeatureNameStatisticsSchema, { fieldId: { case: 'path', value: create(PathSchema, { step: [c.name] }) } });
    if (c.kind === 'sparse') {
      entry.customStats.push(
        num('missing_value', c.valueMissing),
        rank('missing_index', c.components.map((k) => [k.name, k.missing])),
        rank('max_length_diff', c.components.map((k) => [k.name, finite(k.maxDiff)])),
        rank('min_length_diff', c.components.map((k) => [k.name, finite(k.minDiff)])),
      );
    } else {
      const weight = c.components[0] as ComponentCounter;
      entry.customStats.push(
        num('missing_weight', weight.missing),
        num('missing_value', c.valueMissing),
        num('min_weight_length_diff', finite(weight.minDiff)),
        num('max_weight_length_diff', finite(weight.maxDiff)),
      );
    }
    return entry;
  });
}
