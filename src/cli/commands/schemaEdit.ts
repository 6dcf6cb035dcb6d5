/**
 * `facetwise schema edit <schema.pbtxt> --default-environment SERVING --not-in-environment tips=SERVING …`: the
 * edits the TFDV lab makes in Python, from the command line. The schema is read and written back in text format
 * through the same printer as everything else, so the user's comments and the fields Facetwise does not
 * interpret stay; the write is atomic.
 */
import { resolve } from 'node:path';
import { readSchema, writeSchema } from '../../core/proto/protoFiles.js';
import { printText } from '../../core/proto/textFormat.js';
import { applySchemaEdits } from '../../core/schema/schemaEdits.js';
import type { CliCommand, CliIo } from '../cliIo.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { parseCommandArgs } from '../commandArgs.js';
import { schemaEditsFrom } from '../schemaEditArgs.js';

const usage = `Usage: facetwise schema edit <schema.pbtxt> [edits] [options]

Edits a schema the way a TFDV user does in Python after infer_schema, and writes it back in place (text format,
comments kept). Every edit flag can be repeated; edits apply in the order listed here.

Edits:
  --default-environment <ENV>         Add ENV to default_environment (e.g. TRAINING, SERVING)
  --not-in-environment <f>=<ENV>      The feature is absent in ENV (e.g. the label: tips=SERVING)
  --skew <f>:<metric>=<threshold>     Skew comparator (training vs serving) of feature f
  --drift <f>:<metric>=<threshold>    Drift comparator (previous span vs this one) of feature f
                                      metric: infinity_norm, jensen_shannon_divergence, normalized_abs_difference
  --domain-add <f>=<value>            Add a value to the string domain of feature f
  --min-domain-mass <f>=<mass>        distribution_constraints.min_domain_mass of feature f, in [0, 1]

Options:
  -o, --output <file>                 Write the edited schema here instead of over the input
  --dry-run                           Print the edited schema to stdout; write nothing

Example (the TFDV lab):
  facetwise schema edit schema.pbtxt --default-environment TRAINING --default-environment SERVING \\
      --not-in-environment tips=SERVING --skew payment_type:infinity_norm=0.01 --drift company:infinity_norm=0.001

Exit codes: 0 edited, 1 the schema could not be read or an edit does not apply (nothing is written), 2 usage error.`;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'default-environment': { type: 'string', multiple: true },
    'not-in-environment': { type: 'string', multiple: true },
    skew: { type: 'string', multiple: true },
    drift: { type: 'string', multiple: true },
    'domain-add': { type: 'string', multiple: true },
    'min-domain-mass': { type: 'string', multiple: true },
    output: { type: 'string', short: 'o' },
    'dry-run': { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing the schema to edit' : 'schema edit takes one schema');
  const edits = schemaEditsFrom(values);
  if (edits.length === 0) throw new UsageError('no edit given (e.g. --default-environment SERVING)');
  const input = resolve(io.cwd, positionals[0] as string);
  const schema = await readSchema(input, { signal: io.signal });
  // Every edit is applied before anything is written: one that does not apply leaves the file as it was.
  const done = applySchemaEdits(schema, edits);
  if (values['dry-run']) {
    io.stdout.write(printText(schema));
    return ExitCode.ok;
  }
  const target = values.output !== undefined ? resolve(io.cwd, values.output) : input;
  await writeSchema(target, schema, { signal: io.signal });
  io.stderr.write(`${values.output ?? positionals[0]}: ${done.join('; ')}\n`);
  return ExitCode.ok;
}

export const schemaEditCommand: CliCommand = {
  name: 'schema edit',
  summary: 'Edit a schema as the TFDV lab does: environments, skew/drift comparators, domains',
  usage,
  run,
};
