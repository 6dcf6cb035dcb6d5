/**
 * `facetwise update-schema <schema> <data|stats> [-o out] [--paths a,b]`: TFDV's update_schema — the schema
 * relaxed so that the new data passes it (new domain values, lower presence, wider valency, new features added,
 * required features the data lacks deprecated); with --paths, Schema::Update's paths to consider. The input schema
 * file is never written unless -o names it.
 */
import { resolve } from 'node:path';
import { readSchema, writeSchema } from '../../core/proto/protoFiles.js';
import { printText } from '../../core/proto/textFormat.js';
import { updateSchema } from '../../core/validate/updateSchema.js';
import { parseCommandArgs } from '../commandArgs.js';
import type { CliCommand, CliIo } from '../cliIo.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { datasetOptionSpecs, datasetOptionsUsage, intOption, readOptionsFrom } from '../datasetArgs.js';
import type { LoadStatisticsOptions } from '../loadStatistics.js';
import { loadStatistics } from '../loadStatistics.js';
import { parseFeatureList } from '../validationOptionArgs.js';
import type { StatisticsLoader } from './validate.js';

const usage = `Usage: facetwise update-schema <schema> <data|stats> [options]

Relaxes a schema so that a dataset (CSV, TFRecord) or its statistics pass it, as TFDV's update_schema does.

Options:
  -o, --output <file>      Write the updated schema here (.pbtxt text format by default; .json, .pb by extension).
                           Without it the schema is printed to stdout.
  --paths <a,b.c>          Only update (or deprecate) these features (Schema::Update's paths to consider);
                           a dotted name is a struct path.
  --max-domain-size <N>    Most distinct values a new string feature may have to get a domain (default 100).
${datasetOptionsUsage}`;

export function createUpdateSchemaCommand(deps: { readonly loadStatistics: StatisticsLoader }): CliCommand {
  return {
    name: 'update-schema',
    summary: 'Relax a schema so that new data or statistics pass it (TFDV update_schema)',
    usage,
    async run(args: readonly string[], io: CliIo): Promise<number> {
      const { values, positionals } = parseCommandArgs(args, {
        output: { type: 'string', short: 'o' },
        paths: { type: 'string' },
        'max-domain-size': { type: 'string' },
        ...datasetOptionSpecs,
      });
      if (positionals.length !== 2) {
        throw new UsageError(positionals.length < 2 ? 'update-schema needs the schema and the data or statistics' : 'update-schema takes a schema and one input');
      }
      const [schemaPath, input] = positionals as [string, string];
      const maxStringDomainSize = intOption('max-domain-size', values['max-domain-size'], 0) ?? 100;
      const pathsToConsider = values.paths !== undefined ? parseFeatureList('paths', values.paths) : undefined;
      const options: LoadStatisticsOptions = { read: readOptionsFrom(values), workers: intOption('workers', values.workers, 0, 64) };
      const schema = await readSchema(resolve(io.cwd, schemaPath), { signal: io.signal });
      const stats = await deps.loadStatistics(input, options, io);
      const updated = updateSchema(schema, stats, { maxStringDomainSize, ...(pathsToConsider ? { pathsToConsider } : {}) });
      if (values.output !== undefined) {
        await writeSchema(resolve(io.cwd, values.output), updated, { signal: io.signal });
        io.stderr.write(`Updated schema with ${updated.feature.length} features written to ${values.output}\n`);
      } else {
        io.stdout.write(printText(updated));
      }
      return ExitCode.ok;
    },
  };
}

export const updateSchemaCommand: CliCommand = createUpdateSchemaCommand({ loadStatistics });
