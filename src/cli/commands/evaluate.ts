/** `facetwise evaluate`: a model's metrics on a labelled dataset, overall and by slice; optional prediction skew. */
import { FacetwiseError, formatIssue } from '../../core/data/issues.js';
import type { EvaluationReport } from '../../core/model/evaluation.js';
import { evaluateModel } from '../../core/model/evaluation.js';
import type { TaskMetrics } from '../../core/model/metrics.js';
import type { PredictionSkewReport } from '../../core/model/predictionSkew.js';
import { predictionSkew } from '../../core/model/predictionSkew.js';
import type { CliCommand, CliIo } from '../cliIo.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { datasetOptionsUsage, fractionOption, intOption } from '../datasetArgs.js';
import { backendLine, datasetFrom, guardedSource, modelOptionSpecs, modelOptionsUsage, num, openModelFrom, outputFormat, parseCommandArgs, table, writeJson } from '../modelArgs.js';
import { progressLine } from '../progressLine.js';

const usage = `Usage: facetwise evaluate <model> <dataset>... [options]

Evaluates a model on a labelled dataset, the label derived as its feature spec says. Binary: accuracy, AUC, log
loss, precision and recall at the threshold, confusion matrix. Regression: MAE, RMSE, R². Multiclass: accuracy,
log loss, confusion matrix. Rows the spec cannot transform, or without a label, are skipped and reported.

Options:
  --slice <feature>        Also compute the metrics per value of a feature (repeatable)
  --max-slice-values <n>   Values kept per sliced feature (default 50; the rest pooled as (other))
  --threshold <p>          Binary decision threshold (default 0.5)
  --serving <dataset>      Also compare the model's output distribution on this dataset with the evaluated one
                           (prediction skew: L-infinity and Jensen–Shannon distances over 10 buckets)
${modelOptionsUsage}
${datasetOptionsUsage}

Exit codes: 0 ok, 1 the model or dataset could not be read, 2 usage error.`;

export function metricsText(m: TaskMetrics): string {
  switch (m.task) {
    case 'binary':
      return (
        `accuracy ${num(m.accuracy)}  AUC ${num(m.auc)}  log loss ${num(m.logLoss)}  precision ${num(m.precision)}  recall ${num(m.recall)}` +
        `  (threshold ${m.threshold}; tp ${m.confusion.tp} fp ${m.confusion.fp} tn ${m.confusion.tn} fn ${m.confusion.fn})`
      );
    case 'regression':
      return `MAE ${num(m.mae)}  RMSE ${num(m.rmse)}  R² ${num(m.r2)}`;
    case 'multiclass':
      return `accuracy ${num(m.accuracy)}  log loss ${num(m.logLoss)}  confusion ${JSON.stringify(m.confusion)}`;
  }
}

function text(report: EvaluationReport, skew: PredictionSkewReport | undefined, verbose = false): string {
  let out = `${report.model} (${report.task}, label \`${report.label}\`): ${report.rows} rows evaluated, ${report.skipped} skipped\n`;
  out += `overall: ${metricsText(report.overall)}\n`;
  if (report.slices.length > 0) {
    out += '\n' + table(['slice', 'rows', 'metrics'], report.slices.map((s) => [`${s.feature}=${s.value}`, String(s.metrics.count), metricsText(s.metrics)]));
  }
  if (skew) {
    out += `\nprediction skew (evaluated vs serving): L-infinity ${num(skew.lInfinity)}, Jensen–Shannon ${num(skew.jensenShannon)}\n`;
    out += table(['bucket', 'evaluated', 'serving'], skew.training.buckets.map((b, i) => [b, String(skew.training.counts[i]), String(skew.serving.counts[i])]));
  }
  return out + backendLine(report.backend, verbose) + '\n';
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...modelOptionSpecs,
    slice: { type: 'string', multiple: true },
    'max-slice-values': { type: 'string' },
    threshold: { type: 'string' },
    serving: { type: 'string' },
  });
  const format = outputFormat(values);
  const [root, ...inputs] = positionals;
  if (!root || inputs.length === 0) throw new UsageError('give a model folder and a dataset');
  const threshold = fractionOption('threshold', values.threshold);
  const maxSliceValues = intOption('max-slice-values', values['max-slice-values'], 1);
  const dataset = await datasetFrom(inputs, values, io);
  const serving = values.serving ? await datasetFrom([values.serving], values, io) : undefined;
  const model = await openModelFrom(root, values);
  const progress = progressLine(io, `evaluate ${dataset.info.name}`);
  try {
    const source = guardedSource(dataset, [model], io);
    const report = await evaluateModel(model, source, {
      signal: io.signal,
      onProgress: progress.update,
      sliceBy: values.slice ?? [],
      ...(threshold !== undefined ? { threshold } : {}),
      ...(maxSliceValues !== undefined ? { maxSliceValues } : {}),
    });
    const skew = serving ? await predictionSkew(model, source, guardedSource(serving, [model], io), { signal: io.signal }) : undefined;
    progress.clear();
    // No row had the label's column: one error, not the same per-row message ten times and a 0-row report.
    const noLabel = report.rows === 0 && report.skipped > 0 && report.issues.every((i) => i.code === 'MODEL_LABEL_MISSING');
    if (noLabel) {
      const first = report.issues[0];
      throw new FacetwiseError('MODEL_LABEL_MISSING', `${first ? first.message.replace(/^label /, 'the label ') : 'the label column is missing'} in every row: ${dataset.info.name} cannot be evaluated (is it serving data?)`, { file: inputs.join(' ') });
    }
    for (const issue of report.issues.slice(0, 10)) io.stderr.write(formatIssue(issue) + '\n');
    if (report.skipped > 10) io.stderr.write(`… ${report.skipped} rows skipped in all\n`);
    if (format === 'json') writeJson(io, { ...report, dataset: dataset.info.name, ...(skew ? { predictionSkew: skew } : {}) });
    else io.stdout.write(text(report, skew, values.verbose));
    return ExitCode.ok;
  } finally {
    progress.clear();
    model.dispose();
  }
}

export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  summary: "Evaluate a model on a labelled dataset, overall and by slice",
  usage,
  run,
};
