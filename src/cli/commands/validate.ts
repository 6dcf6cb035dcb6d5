/**
 * `facetwise validate <data|stats> --schema schema.pbtxt …`: statistics against a schema (TFDV's
 * validate_statistics), with skew against serving data and drift against a previous span, optionally the rows
 * behind each anomaly. Prints canonical JSON of the Anomalies message (or a table with --format text);
 * exits 3 when an anomaly has ERROR severity or the data is empty.
 */
import { measurementName } from '../../core/validate/measurementNames.js';
import { resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { anomalousExamplesJson } from '../anomalousExamples.js';
import { validateEachSlice } from '../validateSlices.js';
import { withComponentStats } from '../componentStats.js';
import type { DatasetFeatureStatistics } from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { Anomalies } from '../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { AnomalyInfo_Severity } from '../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { toJsonText } from '../../core/proto/jsonFormat.js';
import { readSchema, writeAnomalies } from '../../core/proto/protoFiles.js';
import type { ExampleValidationResult } from '../../core/validate/exampleValidation.js';
import { validateExamples } from '../../core/validate/exampleValidation.js';
import { rowTraceableFeatures } from '../../core/validate/rowTraceable.js';
import { hasErrorAnomalies, validateStatistics } from '../../core/validate/validateStatistics.js';
import type { RowBatch } from '../../core/data/rowBatch.js';
import { parseCommandArgs } from '../commandArgs.js';
import type { CliCommand, CliIo } from '../cliIo.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { datasetOptionSpecs, datasetOptionsUsage, intOption, readOptionsFrom } from '../datasetArgs.js';
import { missingComparatorNotice } from '../comparatorNotice.js';
import { rowsOf } from '../engine.js';
import { validationOptionSpecs, validationOptionsFrom, validationOptionsUsage } from '../validationOptionArgs.js';
import { formatNumber } from '../format/numbers.js';
import { formatTextTable, terminalWidth } from '../format/textTable.js';
import type { LoadStatisticsOptions } from '../loadStatistics.js';
import { isStatisticsFile, loadStatistics } from '../loadStatistics.js';

/** Reads a statistics file or computes statistics from a dataset (src/cli/loadStatistics.ts; stubbed in tests). */
export type StatisticsLoader = (input: string, options: LoadStatisticsOptions, io: CliIo) => Promise<DatasetFeatureStatistics>;
/** Streams a dataset's rows (for --examples). */
export type RowReader = (input: string, options: LoadStatisticsOptions, io: CliIo) => Promise<AsyncIterable<RowBatch>>;

export interface ValidateDependencies {
  readonly loadStatistics: StatisticsLoader;
  readonly readRows: RowReader;
}

const usage = `Usage: facetwise validate <data|stats> --schema <schema.pbtxt> [options]

Checks a dataset (CSV, TFRecord, or a statistics file) against a schema, as TFDV's validate_statistics does.

Options:
  --schema <file>          The schema (text format, binary or JSON). Required.
  --environment <name>     The data's environment (e.g. SERVING); must be one of the schema's default_environment.
  --serving <data|stats>   Serving data, for the schema's skew comparators (the validated data is the training side).
  --previous <data|stats>  The previous span, for drift comparators and num_examples_drift_comparator.
  --previous-version <data|stats>  The previous version, for num_examples_version_comparator.
  --examples <N>           Also list up to N rows per feature and reason that break the schema (data inputs only).
  --each-slice             Validate every dataset (slice) of a sliced statistics file; prints slice name → Anomalies.
  --examples-output <file> With --examples: write the rows as JSON grouped by anomaly reason, keyed
                           <feature>_<ANOMALY_TYPE> as TFDV's identify_anomalous_examples keys them.
  -o, --output <file>      Write the Anomalies to a file (.pbtxt text format, .json JSON, .pb binary);
                           stdout then stays empty unless --format text is given.
  --format <json|text>     stdout: canonical proto3 JSON of the Anomalies (default) or a readable table.
${validationOptionsUsage}
${datasetOptionsUsage}

With --examples and JSON output, stdout stays the Anomalies message and the rows go to stderr, one per line.
Exit codes: 0 no ERROR anomalies, 1 input unreadable, 2 usage error, 3 ERROR anomalies or no data.`;

function severityName(s: AnomalyInfo_Severity): string {
  return AnomalyInfo_Severity[s] ?? String(s);
}


function table(header: readonly string[], rows: readonly (readonly string[])[], width: number): string {
  return formatTextTable(header, rows, { width });
}

/** The readable form: TFDV's display_anomalies table, then measurements and rows. */
export function formatAnomaliesText(anomalies: Anomalies, examples?: ExampleValidationResult, width = 120): string {
  const out: string[] = [];
  if (anomalies.dataMissing) out.push('No data: the statistics have no examples.');
  const rows = Object.entries(anomalies.anomalyInfo).map(([name, info]) => [
    name,
    severityName(info.severity),
    info.shortDescription,
    info.description,
  ]);
  if (anomalies.datasetAnomalyInfo) {
    const d = anomalies.datasetAnomalyInfo;
    rows.push(['(dataset)', severityName(d.severity), d.shortDescription, d.description]);
  }
  if (rows.length === 0 && !anomalies.dataMissing) out.push('No anomalies found.');
  else if (rows.length > 0) out.push(table(['Feature name', 'Severity', 'Anomaly short description', 'Anomaly long description'], rows, width));
  const measured = anomalies.driftSkewInfo.flatMap((d) => {
    const name = (d.path?.step ?? []).join('.');
    return [
      ...d.skewMeasurements.map((m) => [name, 'skew', measurementName(m.type), formatNumber(m.value), formatNumber(m.threshold)]),
      ...d.driftMeasurements.map((m) => [name, 'drift', measurementName(m.type), formatNumber(m.value), formatNumber(m.threshold)]),
    ];
  });
  if (measured.length > 0) out.push('', table(['Feature name', 'Comparator', 'Distance', 'Value', 'Threshold'], measured, width));
  if (examples && examples.anomalies.length > 0) {
    out.push('', `Rows that break the schema (${examples.rowsRead} rows read):`);
    for (const a of examples.anomalies) {
      out.push(`  ${a.feature}: ${a.shortDescription} — ${a.count} row${a.count === 1 ? '' : 's'}`);
      for (const s of a.samples) out.push(`    ${formatRow(s)}${s.value !== undefined ? `  ${JSON.stringify(s.value)}` : ''}`);
    }
  }
  return out.join('\n') + '\n';
}

function formatRow(s: { source: string; positionKind: 'line' | 'record'; position: number }): string {
  return s.positionKind === 'line' ? `${s.source}:${s.position}` : `${s.source}: record ${s.position}`;
}

export function createValidateCommand(deps: ValidateDependencies): CliCommand {
  return {
    name: 'validate',
    summary: 'Check data or statistics against a schema (anomalies, skew, drift)',
    usage,
    async run(args: readonly string[], io: CliIo): Promise<number> {
      const parsed = parseCommandArgs(args, {
          schema: { type: 'string' },
          environment: { type: 'string' },
          serving: { type: 'string' },
          previous: { type: 'string' },
          examples: { type: 'string' },
          output: { type: 'string', short: 'o' },
          format: { type: 'string' },
          'previous-version': { type: 'string' },
          'examples-output': { type: 'string' },
          'each-slice': { type: 'boolean' },
          ...validationOptionSpecs,
          ...datasetOptionSpecs,
        });
      const { values, positionals } = parsed;
      if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing the data or statistics to validate' : 'validate takes one input');
      if (!values.schema) throw new UsageError('--schema is required');
      const format = values.format ?? 'json';
      if (format !== 'json' && format !== 'text') throw new UsageError(`--format must be json or text, got '${format}'`);
      const examplesLimit = intOption('examples', values.examples, 1);
      const input = positionals[0] as string;
      if (values['examples-output'] !== undefined && examplesLimit === undefined) throw new UsageError('--examples-output needs --examples N');
      if (examplesLimit !== undefined && isStatisticsFile(input)) throw new UsageError('--examples needs a dataset, not a statistics file');
      // Empty data is TFDV's "data missing" anomaly (exit 3), not an unreadable input.
      const options: LoadStatisticsOptions = { read: readOptionsFrom(values), workers: intOption('workers', values.workers, 0, 64), allowEmpty: true };
      const validationOptions = validationOptionsFrom(values);

      const at = (p: string): string => resolve(io.cwd, p);
      const schema = await readSchema(at(values.schema), { signal: io.signal });
      if (values['each-slice']) {
        const sliceOptions = {
          ...(values.environment !== undefined ? { environment: values.environment } : {}),
          ...validationOptions,
        };
        return validateEachSlice(at(input), schema, sliceOptions, format, (a) => formatAnomaliesText(a), io);
      }
      const stats = await withComponentStats(await deps.loadStatistics(input, options, io), schema, input, async () => deps.readRows(input, options, io), io);
      const servingStats = values.serving !== undefined ? await deps.loadStatistics(values.serving, options, io) : undefined;
      const previousStats = values.previous !== undefined ? await deps.loadStatistics(values.previous, options, io) : undefined;
      const previousVersionStats =
        values['previous-version'] !== undefined ? await deps.loadStatistics(values['previous-version'], options, io) : undefined;
      if (values.environment !== undefined && !schema.defaultEnvironment.includes(values.environment)) {
        const known = schema.defaultEnvironment.length > 0 ? `; the schema's environments: ${schema.defaultEnvironment.join(', ')}` : '; the schema declares none (default_environment)';
        throw new UsageError(`Environment ${values.environment} not found in the schema${known}`);
      }
      const anomalies = validateStatistics(stats, schema, {
        ...(values.environment !== undefined ? { environment: values.environment } : {}),
        ...(servingStats ? { servingStats } : {}),
        ...(previousStats ? { previousStats } : {}),
        ...(previousVersionStats ? { previousVersionStats } : {}),
        ...validationOptions,
      });
      // Rows are read only for features whose anomalies rows can explain, and not at all when there are none.
      const traceable = rowTraceableFeatures(anomalies);
      const examples =
        examplesLimit === undefined
          ? undefined
          : traceable.size === 0
            ? { rowsRead: 0, anomalies: [] }
            : await validateExamples(schema, await deps.readRows(input, options, io), {
                samplesPerReason: examplesLimit,
                signal: io.signal,
                features: traceable,
                ...(values.environment !== undefined ? { environment: values.environment } : {}),
              });

      if (examples && values['examples-output'] !== undefined) {
        await writeFile(at(values['examples-output']), `${JSON.stringify(anomalousExamplesJson(examples), null, 2)}\n`);
      }
      if (values.output !== undefined) {
        await writeAnomalies(at(values.output), anomalies, { signal: io.signal });
        const n = Object.keys(anomalies.anomalyInfo).length + (anomalies.datasetAnomalyInfo ? 1 : 0);
        io.stderr.write(`${n} anomal${n === 1 ? 'y' : 'ies'} written to ${values.output}\n`);
      }
      const comparatorNotice = missingComparatorNotice(schema, values.schema, stats, { skew: servingStats, drift: previousStats }, terminalWidth(io.stdout));
      if (format === 'text') io.stdout.write(formatAnomaliesText(anomalies, examples, terminalWidth(io.stdout)) + (comparatorNotice ? `\n${comparatorNotice}` : ''));
      else if (values.output === undefined) io.stdout.write(toJsonText(anomalies));
      if (format === 'json' && comparatorNotice) io.stderr.write(comparatorNotice);
      if (format === 'json' && examples) {
        // stdout stays the Anomalies message; the rows go to stderr, one diagnostic per line.
        for (const a of examples.anomalies) {
          for (const s of a.samples) {
            io.stderr.write(`${formatRow(s)}: ${a.feature}: ${a.shortDescription}${s.value !== undefined ? ` ${JSON.stringify(s.value)}` : ''}\n`);
          }
          if (a.count > a.samples.length) io.stderr.write(`… ${a.feature}: ${a.count - a.samples.length} more rows (${a.shortDescription})\n`);
        }
      }
      return hasErrorAnomalies(anomalies) || anomalies.dataMissing ? ExitCode.anomalies : ExitCode.ok;
    },
  };
}

/** The registered command: statistics from src/cli/loadStatistics.ts, rows from the dataset readers. */
export const validateCommand: CliCommand = createValidateCommand({
  loadStatistics,
  readRows: (input, options, io) => rowsOf([input], { ...options, signal: io.signal }),
});
