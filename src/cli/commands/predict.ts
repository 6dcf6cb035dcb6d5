/** `facetwise predict`: batch prediction of a dataset into a CSV, or one example given as JSON. */
import { readFile } from 'node:fs/promises';
import { formatIssue } from '../../core/data/issues.js';
import { parseExampleSession } from '../../core/model/exampleSession.js';
import { modelLabel } from '../../core/model/openModel.js';
import { predictDatasetToCsv } from '../../core/model/predictionCsv.js';
import { createRealtimePredictor } from '../../core/model/realtimePredictor.js';
import type { ExampleRecord, RowProblem } from '../../core/model/featureTransform.js';
import { checkExampleKeys } from '../../core/model/inputColumns.js';
import type { OpenedModel } from '../../core/model/openModel.js';
import { hostBackendTable } from '../backendTable.js';
import type { CliCommand, CliIo } from '../cliIo.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { datasetOptionsUsage } from '../datasetArgs.js';
import type { ModelArgValues } from '../modelArgs.js';
import { backendLine, datasetFrom, guardedSource, modelOptionSpecs, modelOptionsUsage, num, openModelFrom, outputFormat, parseCommandArgs, parseExampleJson, writeJson } from '../modelArgs.js';
import { progressLine } from '../progressLine.js';

const usage = `Usage: facetwise predict <model> <dataset>... -o <predictions.csv> [options]
       facetwise predict <model> --example '{"feature": value, ...}' [options]
       facetwise predict <model> --examples session.jsonl [options]

Runs a model (a folder with model.json and feature_spec.json, or numbered version folders 1/, 2/, … as TF Serving
lays them out) on every row of a dataset and writes a CSV: row (0-based), line or record (where the row is in its
file), the scores (binary: probability; multiclass: one probability per class; regression: prediction) and an
error for rows the feature spec cannot transform. With --example, predicts one example; with --examples, every
example of a JSON-lines file (one object of feature values per line, as the datapoint editor saves a session).

Options:
  -o, --output <file>      Predictions CSV (required for a dataset)
  --example <json>         One example: a JSON object of feature values
  --examples <file.jsonl>  Examples, one JSON object per line (a saved datapoint-editor session)
  --verbose                With --example/--examples: also time every host backend on this model (stderr)
${modelOptionsUsage}
${datasetOptionsUsage}

Exit codes: 0 ok, 1 the model or dataset could not be read, 2 usage error.`;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...modelOptionSpecs, output: { type: 'string', short: 'o' }, example: { type: 'string' }, examples: { type: 'string' }, verbose: { type: 'boolean' } });
  const format = outputFormat(values);
  const [root, ...inputs] = positionals;
  if (!root) throw new UsageError('give a model folder');
  if (values.examples !== undefined) {
    if (inputs.length > 0 || values.output || values.example !== undefined) throw new UsageError('--examples replays a session: give no dataset, no -o and no --example');
    return predictSession(root, values.examples, values, format, io, values.verbose === true);
  }
  if (values.example !== undefined) {
    if (inputs.length > 0 || values.output) throw new UsageError('--example predicts one example: give no dataset and no -o');
    const example = parseExampleJson(values.example, '--example');
    const model = await openModelFrom(root, values);
    try {
      for (const w of checkExampleKeys(example, model, '--example')) io.stderr.write(`warning: ${w}\n`);
      if (values.verbose === true) await writeBackendTable(model, example, io);
      const p = await createRealtimePredictor(model).predict(example);
      if (format === 'text') {
        io.stdout.write(`${modelLabel(model)}  ${backendLine(model.backend, values.verbose)}\n`);
        if (p.problems.length > 0) io.stdout.write(p.problems.map((q) => `cannot predict: ${q.message}`).join('\n') + '\n');
        else io.stdout.write(p.names.map((n, i) => `${n}: ${num(p.scores[i], 6)}`).join('\n') + '\n');
      } else {
        writeJson(io, {
          model: modelLabel(model),
          backend: model.backend,
          scores: Object.fromEntries(p.names.map((n, i) => [n, p.scores[i] ?? null])),
          problems: p.problems,
          millis: p.millis,
        });
      }
      return p.problems.length > 0 ? ExitCode.inputError : ExitCode.ok;
    } finally {
      model.dispose();
    }
  }
  if (inputs.length === 0) throw new UsageError('give a dataset to predict, or --example');
  if (!values.output) throw new UsageError('give -o <predictions.csv>');
  const dataset = await datasetFrom(inputs, values, io);
  const model = await openModelFrom(root, values);
  const progress = progressLine(io, `predict ${dataset.info.name}`);
  try {
    const summary = await predictDatasetToCsv(model, guardedSource(dataset, [model], io), values.output, { signal: io.signal, onProgress: progress.update });
    progress.clear();
    for (const issue of summary.issues.slice(0, 20)) io.stderr.write(formatIssue(issue) + '\n');
    if (summary.failed > 20) io.stderr.write(`… and ${summary.failed - 20} more rows that could not be predicted\n`);
    if (format === 'text') {
      io.stdout.write(
        `${summary.model}: predicted ${summary.predicted} of ${summary.rows} rows of ${dataset.info.name} in ${summary.seconds.toFixed(2)} s ` +
          `(${Math.round(summary.rows / Math.max(summary.seconds, 1e-9))} rows/s) → ${summary.output}\n${backendLine(summary.backend, values.verbose)}\n` +
          (summary.failed > 0 ? `${summary.failed} rows could not be predicted (see the error column)\n` : ''),
      );
    } else {
      writeJson(io, { ...summary, dataset: dataset.info.name });
    }
    return ExitCode.ok;
  } finally {
    progress.clear();
    model.dispose();
  }
}

async function writeBackendTable(model: OpenedModel, example: ExampleRecord, io: CliIo): Promise<void> {
  const probe = new Float32Array(model.transform.width);
  if (model.transform.transformRecord(example, probe).length > 0) return;
  io.stderr.write(`backends on ${modelLabel(model)}:\n${await hostBackendTable(model, probe)}`);
}

/** Predicts every example of a session file: one line per example (text) or one object per example (JSON). */
async function predictSession(root: string, file: string, values: ModelArgValues, format: 'json' | 'text', io: CliIo, verbose: boolean): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const examples = parseExampleSession(text, file);
  const model = await openModelFrom(root, values);
  try {
    if (verbose && examples[0]) await writeBackendTable(model, examples[0], io);
    const predictor = createRealtimePredictor(model);
    let failed = 0;
    const results: { example: number; scores: Record<string, number | null>; problems: readonly RowProblem[] }[] = [];
    for (const example of examples) {
      const p = await predictor.predict(example);
      if (p.problems.length > 0) failed++;
      results.push({ example: results.length + 1, scores: Object.fromEntries(p.names.map((n, i) => [n, p.scores[i] ?? null])), problems: p.problems });
    }
    if (format === 'text') {
      io.stdout.write(`${modelLabel(model)}  ${backendLine(model.backend)}
`);
      for (const r of results) {
        const shown = r.problems.length > 0 ? `cannot predict: ${r.problems.map((q) => q.message).join('; ')}` : Object.entries(r.scores).map(([n, v]) => `${n}: ${num(v, 6)}`).join('  ');
        io.stdout.write(`${r.example}  ${shown}
`);
      }
    } else {
      writeJson(io, { model: modelLabel(model), backend: model.backend, examples: results });
    }
    return failed > 0 ? ExitCode.inputError : ExitCode.ok;
  } finally {
    model.dispose();
  }
}

export const predictCommand: CliCommand = {
  name: 'predict',
  summary: 'Run a model on a dataset (CSV of predictions) or on one example',
  usage,
  run,
};
