/**
 * `facetwise infer-schema <data|stats> [-o schema.pbtxt]`: TFDV's infer_schema from a dataset or its statistics,
 * written as text format (what TFDV's write_schema_text writes) to a file or stdout.
 */
import { resolve } from 'node:path';
import { FacetwiseError } from '../../core/data/issues.js';
import { writeSchema } from '../../core/proto/protoFiles.js';
import { printText } from '../../core/proto/textFormat.js';
import { inferSchema } from '../../core/schema/inferSchema.js';
import { parseCommandArgs } from '../commandArgs.js';
import type { CliCommand, CliIo } from '../cliIo.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { datasetOptionSpecs, datasetOptionsUsage, intOption, readOptionsFrom } from '../datasetArgs.js';
import type { LoadStatisticsOptions } from '../loadStatistics.js';
import { loadStatistics } from '../loadStatistics.js';
import type { StatisticsLoader } from './validate.js';

const usage = `Usage: facetwise infer-schema <data|stats> [options]

Infers a schema from a dataset (CSV, TFRecord) or a statistics file, as TFDV's infer_schema does.

Options:
  -o, --output <file>        Write the schema here (.pbtxt text format by default; .json, .pb by extension).
                             Without it the schema is printed to stdout.
  --max-domain-size <N>      Most distinct values a string feature may have to get a domain (default 100).
  --infer-ranges             Also write int_domain / float_domain min and max (TFDV does not).
  --no-infer-shape           Write value_count { min: 1 max: 1 } instead of shape { dim { size: 1 } }.
${datasetOptionsUsage}`;

export function createInferSchemaCommand(deps: { readonly loadStatistics: StatisticsLoader }): CliCommand {
  return {
    name: 'infer-schema',
    summary: 'Infer a schema (schema.pbtxt) from data or statistics',
    usage,
    async run(args: readonly string[], io: CliIo): Promise<number> {
      const parsed = parseCommandArgs(args, {
          output: { type: 'string', short: 'o' },
          'max-domain-size': { type: 'string' },
          'infer-ranges': { type: 'boolean' },
          'no-infer-shape': { type: 'boolean' },
          ...datasetOptionSpecs,
        });
      const { values, positionals } = parsed;
      if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing the data or statistics to infer from' : 'infer-schema takes one input');
      const maxStringDomainSize = intOption('max-domain-size', values['max-domain-size'], 0) ?? 100;
      const options: LoadStatisticsOptions = { read: readOptionsFrom(values), workers: intOption('workers', values.workers, 0, 64) };
      const stats = await deps.loadStatistics(positionals[0] as string, options, io);
      const schema = inferSchema(stats, {
        maxStringDomainSize,
        inferRanges: values['infer-ranges'] ?? false,
        inferFeatureShape: !(values['no-infer-shape'] ?? false),
      });
      // An empty schema would validate nothing and pass everything: never write one.
      if (schema.feature.length === 0) throw new FacetwiseError('SCHEMA_NOTHING_TO_INFER', 'no features to infer from.', { file: positionals[0] as string });
      if (values.output !== undefined) {
        await writeSchema(resolve(io.cwd, values.output), schema, { signal: io.signal });
        io.stderr.write(`Schema with ${schema.feature.length} features written to ${values.output}\n`);
      } else {
        io.stdout.write(printText(schema));
      }
      return ExitCode.ok;
    },
  };
}

export const inferSchemaCommand: CliCommand = createInferSchemaCommand({ loadStatistics });
