/**
 * `facetwise explain`: why a model predicts what it does — integrated gradients for one example, permutation
 * feature importance over a dataset, or partial dependence on one feature.
 */
import { FacetwiseError } from '../../core/data/issues.js';
import type { RowSource } from '../../core/model/batchPrediction.js';
import { cellValue, findColumn } from '../../core/model/cellValues.js';
import type { ExampleRecord } from '../../core/model/featureTransform.js';
import { integratedGradients, transformExample } from '../../core/model/integratedGradients.js';
import { kernelShap } from '../../core/model/kernelShap.js';
import { treeShap } from '../../core/model/onnx/treeShap.js';
import type { MetricName } from '../../core/model/metrics.js';
import { metricsByTask } from '../../core/model/metrics.js';
import type { OpenedModel } from '../../core/model/openModel.js';
import { modelLabel } from '../../core/model/openModel.js';
import { partialDependence } from '../../core/model/partialDependence.js';
import { permutationImportance } from '../../core/model/permutationImportance.js';
import { checkExampleKeys } from '../../core/model/inputColumns.js';
import type { CliCommand, CliIo } from '../cliIo.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { datasetOptionsUsage, intOption } from '../datasetArgs.js';
import { backendLine, datasetFrom, guardedSource, modelOptionSpecs, modelOptionsUsage, num, openModelFrom, outputFormat, parseCommandArgs, parseExampleJson, table, writeJson } from '../modelArgs.js';

const usage = `Usage: facetwise explain <model> --example '{"feature": value, ...}' [options]
       facetwise explain <model> <dataset>... --row <n> [options]
       facetwise explain <model> <dataset>... --importance [options]
       facetwise explain <model> <dataset>... --pdp <feature> [options]

Integrated gradients (default): each feature's share of f(example) − f(baseline), checked for completeness
(the shares must add up to the difference; steps are doubled until they do).
--importance: permutation feature importance — how much the metric worsens when a feature's values are shuffled.
--pdp: partial dependence — the mean prediction as one feature sweeps a grid of values.

Options:
  --example <json>         The example to explain (JSON object of feature values)
  --row <n>                Explain row n (0-based) of the dataset instead
  --baseline <json>        Baseline example (default: all-zero transformed input = numeric means, no category)
  --steps <n>              Integration steps to start from (default 64)
  --method <ig|shap|treeshap>
                           ig: integrated gradients (default; for ONNX models from finite differences);
                           shap: KernelSHAP, model-agnostic (exact up to 12 features, else sampled with a
                           standard error per feature); treeshap: exact TreeSHAP of an ONNX tree ensemble, in
                           margin (log-odds) space; the background is --baseline (default all-zero input)
  --samples <n>            KernelSHAP coalitions sampled beyond 12 features (default 2048)
  --importance             Permutation importance over the dataset (needs the label)
  --metric <m>             Importance metric (default log loss / RMSE): auc, logLoss, accuracy, rmse, mae, r2
  --repeats <n>            Shuffles per feature (default 5)
  --seed <n>               Shuffle seed (default 1)
  --pdp <feature>          Partial dependence on a feature
  --max-rows <n>           Rows used for --importance (default 5000) and --pdp (default 1000)
${modelOptionsUsage}
${datasetOptionsUsage}

Exit codes: 0 ok, 1 the model, dataset or example could not be used, 2 usage error.`;

/** Reads dataset row n as an example record of the model's features. */
async function rowExample(model: OpenedModel, source: RowSource, n: number): Promise<ExampleRecord> {
  let seen = 0;
  for await (const batch of source()) {
    if (n < seen + batch.rowCount) {
      const r = n - seen;
      const record: Record<string, string | number | null> = {};
      for (const f of model.spec.features) {
        const v = cellValue(findColumn(batch, f.name), r);
        record[f.name] = v === undefined ? null : Array.isArray(v) ? (v[0] ?? null) : v;
      }
      return record;
    }
    seen += batch.rowCount;
  }
  throw new FacetwiseError('MODEL_ROW_NOT_FOUND', `the dataset has ${seen} rows; row ${n} does not exist`);
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...modelOptionSpecs,
    example: { type: 'string' },
    row: { type: 'string' },
    baseline: { type: 'string' },
    steps: { type: 'string' },
    method: { type: 'string' },
    samples: { type: 'string' },
    importance: { type: 'boolean' },
    metric: { type: 'string' },
    repeats: { type: 'string' },
    seed: { type: 'string' },
    pdp: { type: 'string' },
    'max-rows': { type: 'string' },
  });
  const format = outputFormat(values);
  const [root, ...inputs] = positionals;
  if (!root) throw new UsageError('give a model folder');
  const modes = [values.example !== undefined, values.row !== undefined, values.importance === true, values.pdp !== undefined].filter(Boolean).length;
  if (modes !== 1) throw new UsageError('choose one of --example, --row, --importance, --pdp');
  if (values.example === undefined && inputs.length === 0) throw new UsageError('give a dataset');
  const maxRows = intOption('max-rows', values['max-rows'], 1);
  const model = await openModelFrom(root, values);
  try {
    const opened = inputs.length > 0 ? await datasetFrom(inputs, values, io) : undefined;
    const dataset = opened ? { info: opened.info, source: guardedSource(opened, [model], io) } : undefined;
    if (values.importance) {
      const metric = values.metric as MetricName | undefined;
      if (metric !== undefined && !metricsByTask[model.spec.task].includes(metric)) {
        throw new UsageError(`--metric for a ${model.spec.task} model is one of ${metricsByTask[model.spec.task].join(', ')}`);
      }
      const repeats = intOption('repeats', values.repeats, 1, 1000);
      const seed = intOption('seed', values.seed, 0);
      const report = await permutationImportance(model, dataset!.source, {
        signal: io.signal,
        ...(maxRows !== undefined ? { maxRows } : {}),
        ...(repeats !== undefined ? { repeats } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(metric ? { metric } : {}),
      });
      if (format === 'json') writeJson(io, { ...report, backend: model.backend });
      else {
        io.stdout.write(`${report.model}: permutation importance on ${report.rows} rows (${report.metric}, baseline ${num(report.baseline)}; worsening when shuffled)\n`);
        io.stdout.write(table(['feature', 'importance', '± std'], report.features.map((f) => [f.feature, num(f.importance), num(f.stdDev)])));
      }
      return ExitCode.ok;
    }
    if (values.pdp !== undefined) {
      const report = await partialDependence(model, dataset!.source, values.pdp, { signal: io.signal, ...(maxRows !== undefined ? { maxRows } : {}) });
      if (format === 'json') writeJson(io, { ...report, backend: model.backend });
      else {
        io.stdout.write(`${report.model}: partial dependence on ${report.feature} (${report.rows} rows)\n`);
        io.stdout.write(table([report.feature, ...report.outputs], report.points.map((p) => [String(p.value), ...p.mean.map((m) => num(m))])));
      }
      return ExitCode.ok;
    }
    const example = values.example !== undefined ? parseExampleJson(values.example, '--example') : await rowExample(model, dataset!.source, intOption('row', values.row, 0)!);
    if (values.example !== undefined) for (const w of checkExampleKeys(example, model, '--example')) io.stderr.write(`warning: ${w}\n`);
    const baseline = values.baseline !== undefined ? parseExampleJson(values.baseline, '--baseline') : undefined;
    const method = values.method ?? 'ig';
    if (method !== 'ig' && method !== 'shap' && method !== 'treeshap') throw new UsageError('--method is ig, shap or treeshap');
    if (method === 'treeshap') {
      const background = baseline ? { rows: 1, data: transformExample(model, baseline) } : undefined;
      const tree = await treeShap(model, example, background ? { background } : {});
      if (format === 'json') writeJson(io, { model: modelLabel(model), example, method: 'tree-shap', ...tree });
      else {
        io.stdout.write(`${modelLabel(model)}: TreeSHAP of output ${tree.outputIndex} in margin space (post transform ${tree.postTransform}): margin ${num(tree.margin)}, background ${num(tree.baselineMargin)}\n`);
        io.stdout.write(table(['feature', 'shap value'], tree.attributions.map((a) => [a.feature, num(a.attribution)])));
        io.stdout.write(`exact, Σ = Δ within ${tree.residual.toExponential(1)}\n`);
      }
      return ExitCode.ok;
    }
    if (method === 'shap') {
      const samples = intOption('samples', values.samples, 2, 1 << 20);
      const background = baseline ? { rows: 1, data: transformExample(model, baseline) } : undefined;
      const shap = await kernelShap(model, example, { signal: io.signal, ...(background ? { background } : {}), ...(samples !== undefined ? { samples } : {}) });
      if (format === 'json') writeJson(io, { model: modelLabel(model), backend: model.backend, example, method: 'kernel-shap', ...shap });
      else {
        io.stdout.write(`${modelLabel(model)}: KernelSHAP of output ${shap.outputIndex}: f(x) = ${num(shap.prediction)}, E f(background) = ${num(shap.baselinePrediction)}\n`);
        io.stdout.write(table(['feature', 'shap value', '± std error'], shap.attributions.map((a) => [a.feature, num(a.attribution), shap.exact ? 'exact' : num(a.standardError)])));
        io.stdout.write(`${shap.exact ? `exact: all ${shap.coalitions} coalitions` : `sampled: ${shap.coalitions} coalitions`}, Σ = Δ within ${shap.residual.toExponential(1)}\n${backendLine(model.backend)}\n`);
      }
      return ExitCode.ok;
    }
    if (baseline) for (const w of checkExampleKeys(baseline, model, '--baseline')) io.stderr.write(`warning: ${w}\n`);
    const steps = intOption('steps', values.steps, 1, 1 << 16);
    const ig = await integratedGradients(model, example, { signal: io.signal, ...(baseline ? { baseline } : {}), ...(steps !== undefined ? { steps } : {}) });
    if (format === 'json') writeJson(io, { model: modelLabel(model), backend: model.backend, example, ...ig });
    else {
      const c = ig.completeness;
      io.stdout.write(`${modelLabel(model)}: integrated gradients of output ${ig.outputIndex}: f(x) = ${num(ig.prediction)}, f(baseline) = ${num(ig.baselinePrediction)}\n`);
      io.stdout.write(table(['feature', 'attribution', 'columns'], ig.attributions.map((a) => [a.feature, num(a.attribution), a.columns.map((col) => col.name).join(', ')])));
      io.stdout.write(`completeness: Σ = ${num(c.sum)} vs Δ = ${num(c.delta)} (error ${c.error.toExponential(2)}, ${c.ok ? 'ok' : 'NOT within tolerance'}, ${c.steps} steps)\n${backendLine(model.backend, values.verbose)}\n`);
    }
    return ExitCode.ok;
  } finally {
    model.dispose();
  }
}

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'Explain predictions: integrated gradients, KernelSHAP, permutation importance, partial dependence',
  usage,
  run,
};
