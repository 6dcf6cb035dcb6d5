/** `facetwise compare-models`: versions of a model on one dataset, and whether to keep each candidate against a base. */
import { mkdir, readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { FacetwiseError, formatIssue } from '../../core/data/issues.js';
import type { GateConfig, GateResult, MetricGate } from '../../core/model/modelGate.js';
import { mergeMetricGates, parseGateConfig, parseThresholdFlag } from '../../core/model/modelGate.js';
import { writeFileAtomic } from '../../core/proto/atomicWrite.js';
import type { ComparisonReport, ManyComparisonReport, MetricDelta } from '../../core/model/compareVersions.js';
import { compareManyVersions } from '../../core/model/compareVersions.js';
import type { OpenedModel } from '../../core/model/openModel.js';
import type { MetricName } from '../../core/model/metrics.js';
import { metricsByTask } from '../../core/model/metrics.js';
import { resolveModelFolder } from '../../core/model/modelFolder.js';
import { defaultRuntimes } from '../../core/model/openModel.js';
import type { CliCommand, CliIo } from '../cliIo.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { datasetOptionsUsage, fractionOption, intOption } from '../datasetArgs.js';
import { backendLine, datasetFrom, guardedSource, modelOptionSpecs, modelOptionsUsage, num, openModelFrom, outputFormat, parseCommandArgs, table, writeJson } from '../modelArgs.js';
import { progressLine } from '../progressLine.js';

const usage = `Usage: facetwise compare-models <model>/<base> <model>/<candidate> --data <dataset> [options]
       facetwise compare-models <model> <dataset>... [--base N] [--candidate N|all] [options]

Compares two versions of a model (numbered folders, as TF Serving lays them out) on one labelled dataset:
metric deltas with bootstrap confidence intervals (seeded: reruns give the same numbers), how often the versions
disagree, the slices where the candidate is significantly worse, how feature attributions (integrated gradients)
moved, and a recommendation: keep (the candidate), roll back, or inconclusive, with its reason.

Options:
  --data <dataset>         The labelled dataset both versions are run on (first form)
  --base <n>               Version to compare against (default: the second newest; with --candidate all, the
                           lowest)
  --candidate <n>|all      Version under test (default: the newest); all: every other numbered version, each
                           against the base (each version is scored once; JSON {dataset, base, comparisons})
  --slice <feature>        Slice by this feature (repeatable; default every categorical feature of either version)
  --metric <m>             Metric the decision rests on (default log loss; RMSE for regression)
  --replicates <n>         Bootstrap replicates (default 200)
  --seed <n>               Bootstrap seed (default 42)
  --confidence <c>         Interval confidence (default 0.95)
  --min-slice-rows <n>     Smaller slices are not judged (default 30)
  --threshold <p>          Binary decision threshold (default 0.5)
  --attribution-rows <n>   Rows explained to compare attributions (default 200; 0 skips)

Gate (how the verdict is decided; default: the --metric must improve over its whole interval, and slices are
judged on it):
  --gate <gate.json>       A gate file: {"metrics": [{"metric": "auc", "lowerBound": 0.7,
                           "change": {"absolute": -0.01, "direction": "higherIsBetter"}}], "minSliceRows": 50}
                           (the same object as the facetwise.modelGate setting)
  --value-threshold <t>    The candidate's value: auc>=0.7, logLoss<=0.4 (repeatable)
  --change-threshold <t>   candidate − base: auc>=-0.01 (may lose at most 0.01), logLoss<=+2% (relative;
                           repeatable). Passes only when the whole bootstrap interval clears it
  --ignore-slices          Judge the overall metrics only
  --blessing-out <dir>     Write a TFX-style blessing: <dir>/BLESSED when the verdict is KEEP, else
                           <dir>/NOT_BLESSED (the other file is removed); one candidate only
${modelOptionsUsage}
${datasetOptionsUsage}

Exit codes: 0 keep or inconclusive, 3 roll back (a candidate fails the gate), 1 a model, the dataset or the
gate could not be read, 2 usage error.`;

function gateSummary(g: GateResult): string {
  const count = (status: string): number => g.checks.filter((c) => c.status === status).length;
  const parts = [['pass', count('pass')], ['fail', count('fail')], ['undecided', count('undecided')], ['undefined', count('undefined')]]
    .filter(([, n]) => (n as number) > 0)
    .map(([s, n]) => `${n} ${s}`);
  return `gate: decided by ${g.decidedBy} (${g.checks.length} checks: ${parts.join(', ') || 'none'})`;
}

/** The gate from --gate, the threshold flags and --ignore-slices; undefined: the engine's default gate. */
async function gateFrom(values: { gate?: string; 'value-threshold'?: string[]; 'change-threshold'?: string[]; 'ignore-slices'?: boolean; 'min-slice-rows'?: string }, cwd: string): Promise<GateConfig | undefined> {
  let base: GateConfig | undefined;
  if (values.gate !== undefined) {
    const file = path.resolve(cwd, values.gate);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      throw new FacetwiseError('MODEL_GATE_INVALID', `cannot read the gate: ${(err as Error).message}`, { file });
    }
    try {
      base = parseGateConfig(json, path.basename(file));
    } catch (err) {
      if (err instanceof FacetwiseError) throw new FacetwiseError(err.code, err.message, { file });
      throw err;
    }
  }
  const flags: MetricGate[] = [];
  try {
    for (const t of values['value-threshold'] ?? []) flags.push(parseThresholdFlag(t, 'value'));
    for (const t of values['change-threshold'] ?? []) flags.push(parseThresholdFlag(t, 'change'));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (!base && flags.length === 0 && !values['ignore-slices']) return undefined;
  const metrics = mergeMetricGates([...(base?.metrics ?? []), ...flags]);
  return {
    ...base,
    metrics,
    ...(values['ignore-slices'] ? { slices: false } : {}),
  };
}

/** TFX's blessing: an empty BLESSED or NOT_BLESSED file in the folder, never both. */
async function writeBlessing(dir: string, blessed: boolean): Promise<string> {
  await mkdir(dir, { recursive: true });
  const name = blessed ? 'BLESSED' : 'NOT_BLESSED';
  await writeFileAtomic(path.join(dir, name), '');
  await rm(path.join(dir, blessed ? 'NOT_BLESSED' : 'BLESSED'), { force: true });
  return path.join(dir, name);
}

function deltaRow(d: MetricDelta, name: string): string[] {
  return [name, num(d.base), num(d.candidate), num(d.delta), d.ci ? `[${num(d.ci[0])}, ${num(d.ci[1])}]` : 'n/a', d.verdict];
}

function text(r: ComparisonReport, verbose = false): string {
  let out = `${r.candidate} vs ${r.base} on ${r.rows} rows (${r.skipped} skipped); ${Math.round(r.bootstrap.confidence * 100)}% bootstrap intervals, ${r.bootstrap.replicates} replicates, seed ${r.bootstrap.seed}\n\n`;
  out += table(['metric', 'base', 'candidate', 'Δ', 'interval', 'candidate is'], r.metrics.map((d) => deltaRow(d, d.metric)));
  out += `\ndisagreement: ${(100 * r.disagreement.rate).toFixed(2)}% of rows (${r.disagreement.rows}); mean |score difference| ${num(r.disagreement.meanAbsoluteScoreDifference)}\n`;
  if (r.worseSlices.length > 0) {
    out += `\nslices where ${r.candidate} is worse (${r.metric}):\n`;
    out += table(['slice', 'rows', 'base', 'candidate', 'Δ', 'interval', 'candidate is'], r.worseSlices.map((s) => [`${s.feature}=${s.value}`, String(s.rows), ...deltaRow(s, '').slice(1)]));
  }
  if (r.attributionChanges.length > 0) {
    out += '\nmean |attribution| per feature:\n';
    out += table(
      ['feature', 'base', 'candidate', 'Δ'],
      r.attributionChanges.map((a) => [a.feature, a.inBase ? num(a.base) : '(absent)', a.inCandidate ? num(a.candidate) : '(absent)', num(a.delta)]),
    );
  } else if (r.attributionNote) out += `\n${r.attributionNote}\n`;
  out += `\nrecommendation: ${r.gate.decision} — ${r.recommendation.reason}\n${gateSummary(r.gate)}\n`;
  return out;
}

/** Several candidates: one verdict line each, then each pair's report. */
function manyText(m: ManyComparisonReport, verbose = false): string {
  const rows = m.comparisons.map((c) => {
    const d = c.metrics.find((x) => x.metric === c.metric)!;
    return [c.candidate, c.gate.decision, num(d.candidate), num(d.delta), d.ci ? `[${num(d.ci[0])}, ${num(d.ci[1])}]` : 'n/a'];
  });
  const baseValue = m.comparisons[0]!.metrics.find((x) => x.metric === m.metric)!.base;
  let out = `${m.comparisons.length} candidates against ${m.base} on ${m.rows} rows; ${m.metric} of the base ${num(baseValue)}\n\n`;
  out += table(['candidate', 'verdict', m.metric, 'Δ', 'interval'], rows);
  for (const c of m.comparisons) out += `\n${'─'.repeat(8)}\n${text(c)}`;
  return `${out}${backendLine(m.backend, verbose)}\n`;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...modelOptionSpecs,
    data: { type: 'string' },
    base: { type: 'string' },
    candidate: { type: 'string' },
    slice: { type: 'string', multiple: true },
    metric: { type: 'string' },
    replicates: { type: 'string' },
    seed: { type: 'string' },
    confidence: { type: 'string' },
    'min-slice-rows': { type: 'string' },
    threshold: { type: 'string' },
    'attribution-rows': { type: 'string' },
    gate: { type: 'string' },
    'value-threshold': { type: 'string', multiple: true },
    'change-threshold': { type: 'string', multiple: true },
    'ignore-slices': { type: 'boolean' },
    'blessing-out': { type: 'string' },
  });
  const format = outputFormat(values);
  if (values.version !== undefined) throw new UsageError('use --base and --candidate to pick versions');
  // Two forms: `compare-models <model>/1 <model>/2 --data <dataset>` names both versions' folders;
  // `compare-models <model> <dataset>` picks versions of one model folder (--base / --candidate, default the two newest).
  let baseRoot: string;
  let candidateRoot: string;
  let base: number | undefined;
  let candidates: (number | undefined)[] = [undefined];
  let inputs: string[];
  if (values.data !== undefined) {
    if (positionals.length !== 2) throw new UsageError('with --data, give the two model versions to compare: <model>/1 <model>/2');
    if (values.base !== undefined || values.candidate !== undefined) throw new UsageError('--base/--candidate pick versions of one model folder; with --data, name the two version folders instead');
    [baseRoot, candidateRoot] = positionals;
    inputs = [values.data];
  } else {
    const [root, ...rest] = positionals;
    if (!root || rest.length === 0) throw new UsageError('give two model versions and --data <dataset>, or a model folder and a dataset');
    const folder = await resolveModelFolder(root, defaultRuntimes);
    const numbered = folder.versions.map((v) => v.version).filter((v): v is number => v !== null);
    base = intOption('base', values.base, 0);
    if (values.candidate === 'all') {
      base ??= numbered[0];
      candidates = numbered.filter((v) => v !== base);
      if (base === undefined || candidates.length === 0) throw new UsageError(`${folder.name} has ${numbered.length} numbered version(s); comparing needs two`);
      if (!numbered.includes(base)) throw new UsageError(`${folder.name} has no version ${base} (versions: ${numbered.join(', ')})`);
    } else {
      let candidate = intOption('candidate', values.candidate, 0);
      candidate ??= numbered.filter((v) => v !== base).pop();
      base ??= numbered.filter((v) => v !== candidate).pop();
      if (candidate === undefined || base === undefined) throw new UsageError(`${folder.name} has ${numbered.length} numbered version(s); comparing needs two`);
      candidates = [candidate];
    }
    baseRoot = candidateRoot = root;
    inputs = rest;
  }
  const metric = values.metric as MetricName | undefined;
  const options = {
    replicates: intOption('replicates', values.replicates, 10, 100_000),
    seed: intOption('seed', values.seed, 0),
    confidence: fractionOption('confidence', values.confidence),
    minSliceRows: intOption('min-slice-rows', values['min-slice-rows'], 1),
    threshold: fractionOption('threshold', values.threshold),
    attributionRows: intOption('attribution-rows', values['attribution-rows'], 0),
  };
  if (values['blessing-out'] !== undefined && candidates.length > 1) {
    throw new UsageError(`--blessing-out writes one blessing for one candidate, and --candidate all gives ${candidates.length} (${candidates.map((v) => `v${v}`).join(', ')}): pick one with --candidate N`);
  }
  const gate = await gateFrom(values, io.cwd);
  const dataset = await datasetFrom(inputs, values, io);
  const baseModel = await openModelFrom(baseRoot, values, base);
  const candidateModels: OpenedModel[] = [];
  try {
    for (const candidate of candidates) candidateModels.push(await openModelFrom(candidateRoot, values, candidate));
    if (metric !== undefined && !metricsByTask[baseModel.spec.task].includes(metric)) {
      throw new UsageError(`--metric for a ${baseModel.spec.task} model is one of ${metricsByTask[baseModel.spec.task].join(', ')}`);
    }
    const foreign = gate?.metrics.find((g) => !metricsByTask[baseModel.spec.task].includes(g.metric));
    if (foreign) throw new UsageError(`the gate's ${foreign.metric} is not a ${baseModel.spec.task} metric (${metricsByTask[baseModel.spec.task].join(', ')})`);
    const progress = progressLine(io, `compare ${dataset.info.name}`);
    let many: ManyComparisonReport;
    try {
      many = await compareManyVersions(baseModel, candidateModels, guardedSource(dataset, [baseModel, ...candidateModels], io), {
        signal: io.signal,
        onProgress: progress.update,
        ...(values.slice ? { sliceBy: values.slice } : {}),
        ...(metric ? { metric } : {}),
        ...(gate ? { gate } : {}),
        ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
      });
    } finally {
      progress.clear();
    }
    for (const issue of many.issues.slice(0, 10)) io.stderr.write(formatIssue(issue) + '\n');
    const single = values.candidate !== 'all' ? many.comparisons[0] : undefined;
    if (single && values['blessing-out'] !== undefined) {
      const written = await writeBlessing(path.resolve(io.cwd, values['blessing-out']), single.gate.decision === 'KEEP');
      io.stderr.write(`blessing: ${written}\n`);
    }
    if (format === 'json') writeJson(io, single ? { ...single, dataset: dataset.info.name } : { dataset: dataset.info.name, base: many.base, comparisons: many.comparisons });
    else io.stdout.write(single ? `${text(single)}${backendLine(single.backend, values.verbose)}\n` : manyText(many, values.verbose));
    return many.comparisons.some((c) => c.recommendation.decision === 'roll back') ? ExitCode.anomalies : ExitCode.ok;
  } finally {
    for (const m of candidateModels) m.dispose();
    baseModel.dispose();
  }
}

export const compareModelsCommand: CliCommand = {
  name: 'compare-models',
  summary: 'Compare model versions on a dataset: deltas, slices, attributions, keep or roll back',
  usage,
  run,
};
