/**
 * `validate --each-slice <sliced stats>`: every dataset (slice) of a statistics file checked against the schema,
 * as TFDV's validate_corresponding_slices does slice by slice. Prints one JSON object, slice name → Anomalies
 * (canonical JSON of each), or TFDV's table per slice with --format text.
 */
import type { Anomalies } from '../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Schema } from '../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { toJsonValue } from '../core/proto/jsonFormat.js';
import { readStatistics } from '../core/proto/protoFiles.js';
import type { ValidateStatisticsOptions } from '../core/validate/validateStatistics.js';
import { hasErrorAnomalies, validateStatistics } from '../core/validate/validateStatistics.js';
import type { CliIo } from './cliIo.js';
import { ExitCode, UsageError } from './cliIo.js';
import { isStatisticsFile } from './loadStatistics.js';

export async function validateEachSlice(
  input: string,
  schema: Schema,
  options: ValidateStatisticsOptions,
  format: 'json' | 'text',
  formatText: (a: Anomalies) => string,
  io: CliIo,
): Promise<number> {
  if (!isStatisticsFile(input)) throw new UsageError('--each-slice needs a statistics file (e.g. from facetwise stats --slice-by)');
  const list = await readStatistics(input, { signal: io.signal });
  const results: Array<[string, Anomalies]> = list.datasets.map((d) => [d.name, validateStatistics(d, schema, options)]);
  if (format === 'text') {
    io.stdout.write(results.map(([name, a]) => `Slice ${name === '' ? "''" : name}:\n${formatText(a)}`).join('\n'));
  } else {
    const json: Record<string, unknown> = {};
    for (const [name, a] of results) json[name] = toJsonValue(a);
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }
  return results.some(([, a]) => hasErrorAnomalies(a) || a.dataMissing) ? ExitCode.anomalies : ExitCode.ok;
}
