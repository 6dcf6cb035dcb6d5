/**
 * `stats --slice-by`: the overall statistics renamed "All Examples" (TFDV's default slice) and one dataset per
 * slice, computed in a second pass over the rows. CSV columns keep the type the overall pass found (string or
 * float) in every slice, so a slice that happens to hold only whole numbers keeps the column's type.
 */
import type { DatasetFeatureStatistics } from '../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { FeatureNameStatistics_Type } from '../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { ALL_EXAMPLES_SLICE, computeSliceStatistics } from '../core/stats/slicedStatistics.js';
import type { StatsOptions } from '../core/stats/statsOptions.js';
import type { CliIo } from './cliIo.js';
import { UsageError } from './cliIo.js';
import type { EngineOptions } from './engine.js';
import { rowsOf } from './engine.js';

/** Renames `overall` to "All Examples" (in place) and returns the slices' statistics, sorted by name. */
export async function slicesOf(
  input: string,
  overall: DatasetFeatureStatistics,
  sliceBy: readonly string[],
  options: Pick<EngineOptions, 'read'> & { readonly stats?: StatsOptions },
  io: CliIo,
): Promise<DatasetFeatureStatistics[]> {
  const nameOf = (f: DatasetFeatureStatistics['features'][number]): string =>
    f.fieldId.case === 'name' ? f.fieldId.value : (f.fieldId.value?.step ?? []).join('.');
  const known = new Set(overall.features.map(nameOf));
  for (const f of sliceBy) if (!known.has(f)) throw new UsageError(`--slice-by: ${input} has no feature named '${f}'`);
  overall.name = ALL_EXAMPLES_SLICE;
  const strings = overall.features
    .filter((f) => f.type === FeatureNameStatistics_Type.STRING)
    .map(nameOf);
  const floats = new Set(
    overall.features.filter((f) => f.type === FeatureNameStatistics_Type.FLOAT).map(nameOf),
  );
  const stats: StatsOptions = { ...options.stats, forceStringColumns: strings };
  const rows = await rowsOf([input], { ...(options.read ? { read: options.read } : {}), signal: io.signal });
  return computeSliceStatistics(rows, sliceBy, { stats, floatColumns: floats, signal: io.signal });
}
