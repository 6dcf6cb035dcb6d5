/**
 * Compares versions of a model on one dataset to decide whether a newer one should stay: any number of candidates
 * against one base, each as a pair report — metric deltas with bootstrap confidence intervals (seeded, so a rerun
 * gives the same numbers), how often the two disagree, the slices where the candidate is significantly worse, how
 * feature attributions moved, and the gate's verdict.
 *
 * Every version is scored once, in one pass over the data, and explained once; the paired bootstrap
 * (pairedBootstrap.ts) shares each replicate's draw between all versions, so a candidate's report is the same
 * whether it is compared alone or beside others.
 */
import type { DataIssue } from '../data/issues.js';
import { FacetwiseError } from '../data/issues.js';
import type { JobOptions } from '../data/job.js';
import type { BackendReport } from './backend.js';
import type { RowSource } from './batchPrediction.js';
import type { ModelTask } from './featureSpec.js';
import { integratedGradientsRows } from './integratedGradients.js';
import type { GateConfig, GateResult } from './modelGate.js';
import { defaultGate, evaluateGate } from './modelGate.js';
import type { MetricInput, MetricName, TaskMetrics } from './metrics.js';
import { computeMetrics, higherIsBetter, metricValue, metricsByTask, predictedClass, primaryMetric, scoreOrder } from './metrics.js';
import type { OpenedModel } from './openModel.js';
import { modelLabel } from './openModel.js';
import { sampleRows } from './sampleRows.js';
import { scoreRows } from './scoredRows.js';
import { pairedBootstrap } from './pairedBootstrap.js';
import { sliceRows } from './slices.js';

export type Verdict = 'better' | 'worse' | 'no significant difference' | 'undefined';

export interface MetricDelta {
  readonly metric: MetricName;
  readonly higherIsBetter: boolean;
  readonly base: number | null;
  readonly candidate: number | null;
  /** candidate − base. */
  readonly delta: number | null;
  /** Bootstrap percentile interval of the delta. */
  readonly ci: readonly [number, number] | null;
  /** For the candidate, judged by whether the interval excludes 0. */
  readonly verdict: Verdict;
}

export interface SliceComparison extends MetricDelta {
  readonly feature: string;
  readonly value: string;
  readonly rows: number;
}

export interface AttributionChange {
  readonly feature: string;
  /** Mean |integrated gradients attribution| over the sample; 0 for a version without the feature. */
  readonly base: number;
  readonly candidate: number;
  readonly delta: number;
  readonly inBase: boolean;
  readonly inCandidate: boolean;
}

export type Decision = 'keep' | 'roll back' | 'inconclusive';

/** What one run over the dataset establishes, whichever versions it compares. */
export interface ComparisonRun {
  readonly base: string;
  readonly backend: BackendReport;
  readonly task: ModelTask;
  readonly rows: number;
  readonly skipped: number;
  readonly issues: readonly DataIssue[];
  /** The metric the recommendation rests on. */
  readonly metric: MetricName;
  readonly bootstrap: { readonly replicates: number; readonly seed: number; readonly confidence: number };
}

export interface ComparisonReport extends ComparisonRun {
  readonly candidate: string;
  readonly metrics: readonly MetricDelta[];
  readonly baseMetrics: TaskMetrics;
  readonly candidateMetrics: TaskMetrics;
  /** Share of rows whose predicted class differs (regression: |difference| > tolerance). */
  readonly disagreement: { readonly rate: number; readonly rows: number; readonly meanAbsoluteScoreDifference: number };
  /** Every slice compared on `metric` (slices smaller than minSliceRows are left out). */
  readonly slices: readonly SliceComparison[];
  /** Slices where the candidate is significantly worse, worst first. */
  readonly worseSlices: readonly SliceComparison[];
  /** Largest change first; empty with a note when a runtime gives no gradients. */
  readonly attributionChanges: readonly AttributionChange[];
  readonly attributionNote?: string;
  /** The gate's verdict (`recommendation` says the same in the engine's words). */
  readonly recommendation: { readonly decision: Decision; readonly reason: string };
  /** The gate that decided: the configured one, else `defaultGate(metric)`. */
  readonly gate: GateResult;
}

export interface CompareOptions extends JobOptions {
  /** Features to slice by; default every categorical (vocabulary / one-hot) feature of either version. */
  readonly sliceBy?: readonly string[];
  readonly maxSliceValues?: number;
  /** Slices with fewer rows are not judged (default 30). */
  readonly minSliceRows?: number;
  /** Bootstrap replicates (default 200). */
  readonly replicates?: number;
  readonly seed?: number;
  /** Confidence of the intervals (default 0.95). */
  readonly confidence?: number;
  /** Default: the task's primary metric (log loss for classification, RMSE for regression). */
  readonly metric?: MetricName;
  readonly threshold?: number;
  /** Rows explained with integrated gradients for attribution changes (default 200; 0 to skip). */
  readonly attributionRows?: number;
  /** Regression disagreement tolerance (default 10% of the labels' standard deviation). */
  readonly regressionTolerance?: number;
  readonly totalRows?: number;
  /** Decides keep / roll back (default: `defaultGate(metric)`, the metric must improve over its whole interval). */
  readonly gate?: GateConfig;
}

function verdictOf(delta: number | null, ci: readonly [number, number] | null, higher: boolean): Verdict {
  if (delta === null || ci === null) return 'undefined';
  const [lo, hi] = higher ? ci : ([-ci[1], -ci[0]] as const);
  if (lo > 0) return 'better';
  if (hi < 0) return 'worse';
  return 'no significant difference';
}

function percentileInterval(values: number[], confidence: number): readonly [number, number] | null {
  if (values.length < 10) return null;
  values.sort((a, b) => a - b);
  const at = (q: number): number => values[Math.min(values.length - 1, Math.max(0, Math.floor(q * (values.length - 1) + 0.5)))]!;
  const tail = (1 - confidence) / 2;
  return [at(tail), at(1 - tail)];
}

function defaultSlices(models: readonly OpenedModel[]): string[] {
  const names = new Set<string>();
  for (const m of models) for (const f of m.spec.features) if (f.transform.kind === 'vocabulary' || f.transform.kind === 'oneHot') names.add(f.name);
  return [...names];
}

async function meanAbsAttributions(model: OpenedModel, source: RowSource, rows: number, options: JobOptions): Promise<Map<string, number>> {
  const sample = await sampleRows(model, source, { maxRows: rows, ...(options.signal ? { signal: options.signal } : {}) });
  const w = model.transform.width;
  const baseline = new Float32Array(w);
  const k = model.model.outputSize;
  let outputIndexOf = (_r: number): number => model.outputs.positiveIndex;
  if (model.spec.task === 'multiclass') {
    const raw = await model.model.predict(sample.inputs, sample.rows);
    outputIndexOf = (r) => predictedClass('multiclass', raw, k, r);
  }
  const cols = await integratedGradientsRows(model, sample.inputs, sample.rows, baseline, 32, outputIndexOf, options);
  const out = new Map<string, number>();
  for (const block of model.transform.blocks) {
    let total = 0;
    for (let r = 0; r < sample.rows; r++) {
      let a = 0;
      for (let j = 0; j < block.width; j++) a += cols[r * w + block.offset + j]!;
      total += Math.abs(a);
    }
    out.set(block.name, sample.rows > 0 ? total / sample.rows : 0);
  }
  return out;
}

/** Every candidate against one base, each version scored once. */
export interface ManyComparisonReport extends ComparisonRun {
  /** The candidates' names, in the order given (the order of `comparisons`). */
  readonly candidates: readonly string[];
  /** One pair report per candidate against the base. */
  readonly comparisons: readonly ComparisonReport[];
}

/** Two versions: the one-candidate case of compareManyVersions. */
export async function compareVersions(base: OpenedModel, candidate: OpenedModel, source: RowSource, options: CompareOptions = {}): Promise<ComparisonReport> {
  return (await compareManyVersions(base, [candidate], source, options)).comparisons[0]!;
}

function deltaOf(name: MetricName, vb: number | null, vc: number | null, samples: number[], confidence: number): MetricDelta {
  const delta = vb !== null && vc !== null ? vc - vb : null;
  const ci = percentileInterval(samples, confidence);
  return { metric: name, higherIsBetter: higherIsBetter(name), base: vb, candidate: vc, delta, ci, verdict: verdictOf(delta, ci, higherIsBetter(name)) };
}

function disagreementOf(
  task: ModelTask,
  sb: Float32Array,
  sc: Float32Array,
  k: number,
  n: number,
  tolerance: number,
  threshold: number | undefined,
): ComparisonReport['disagreement'] {
  let disagree = 0;
  let absDiff = 0;
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < k; j++) absDiff += Math.abs(sb[r * k + j]! - sc[r * k + j]!) / k;
    if (task === 'regression') {
      if (Math.abs(sb[r]! - sc[r]!) > tolerance) disagree++;
    } else if (predictedClass(task, sb, k, r, threshold) !== predictedClass(task, sc, k, r, threshold)) disagree++;
  }
  return { rate: n > 0 ? disagree / n : 0, rows: disagree, meanAbsoluteScoreDifference: n > 0 ? absDiff / n : 0 };
}

function attributionChangesOf(ab: Map<string, number>, ac: Map<string, number>): AttributionChange[] {
  const features = [...new Set([...ab.keys(), ...ac.keys()])];
  return features
    .map((feature) => {
      const b = ab.get(feature) ?? 0;
      const c = ac.get(feature) ?? 0;
      return { feature, base: b, candidate: c, delta: c - b, inBase: ab.has(feature), inCandidate: ac.has(feature) };
    })
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta));
}

/**
 * Compares each candidate with the base on `source`. Progress: the scoring pass reports what the row source
 * reports, then the bootstrap reports `bootstrap k/N` (unit 'steps'); the signal is honoured between replicates.
 */
export async function compareManyVersions(base: OpenedModel, candidates: readonly OpenedModel[], source: RowSource, options: CompareOptions = {}): Promise<ManyComparisonReport> {
  const task = base.spec.task;
  if (candidates.length === 0) throw new FacetwiseError('MODEL_NO_CANDIDATE', 'nothing to compare: give at least one candidate version besides the base');
  for (const candidate of candidates) {
    if (candidate.spec.task !== task) {
      throw new FacetwiseError('MODEL_TASK_MISMATCH', `cannot compare a ${task} model with a ${candidate.spec.task} model`, { file: candidate.specFile });
    }
  }
  const models = [base, ...candidates];
  const metric = options.metric ?? primaryMetric[task];
  const replicates = options.replicates ?? 200;
  const seed = options.seed ?? 42;
  const confidence = options.confidence ?? 0.95;
  const minSliceRows = options.minSliceRows ?? options.gate?.minSliceRows ?? 30;
  const sliceBy = options.sliceBy ?? defaultSlices(models);
  const scored = await scoreRows(models, source, {
    sliceBy,
    maxSliceValues: options.maxSliceValues ?? 20,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.totalRows !== undefined ? { totalRows: options.totalRows } : {}),
  });
  const n = scored.rows;
  const k = base.outputs.width;
  const inputs = models.map(
    (_m, i): MetricInput => ({
      task,
      scores: scored.scores[i]!,
      k,
      labels: scored.labels,
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    }),
  );
  const orders = inputs.map((input) => scoreOrder(input));
  const slices = sliceRows(scored.slices).filter((s) => s.rows.length >= minSliceRows);
  const sliceOrders = slices.map((s) => inputs.map((input) => scoreOrder(input, s.rows)));
  const pointMetrics = inputs.map((input, v) => computeMetrics(input, orders[v]!));
  const pointSlices = slices.map((_s, i) => inputs.map((input, v) => metricValue(computeMetrics(input, sliceOrders[i]![v]!), metric)));
  const names = metricsByTask[task];
  const candidateIndices = candidates.map((_c, i) => i + 1);
  const samples = await pairedBootstrap(inputs, orders, sliceOrders, 0, candidateIndices, names, metric, {
    replicates,
    seed,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });

  let tolerance = options.regressionTolerance;
  if (task === 'regression' && tolerance === undefined) {
    const mean = scored.labels.reduce((a, b) => a + b, 0) / Math.max(1, n);
    const sd = Math.sqrt(scored.labels.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n));
    tolerance = 0.1 * sd;
  }

  // Attributions: each version explained once.
  const attributionRows = options.attributionRows ?? 200;
  const attributions = new Map<OpenedModel, Map<string, number>>();
  if (attributionRows > 0) {
    for (const m of models) if (m.model.gradients) attributions.set(m, await meanAbsAttributions(m, source, attributionRows, options));
  }

  const baseName = modelLabel(base);
  const comparisons = candidates.map((candidate, ci): ComparisonReport => {
    const v = ci + 1;
    const baseMetrics = pointMetrics[0]!;
    const candidateMetrics = pointMetrics[v]!;
    const metrics = names.map((name, j) => deltaOf(name, metricValue(baseMetrics, name), metricValue(candidateMetrics, name), samples.overall[ci]![j]!, confidence));
    const sliceComparisons: SliceComparison[] = slices.map((s, i) => ({
      feature: s.feature,
      value: s.value,
      rows: s.rows.length,
      ...deltaOf(metric, pointSlices[i]![0]!, pointSlices[i]![v]!, samples.slices[ci]![i]!, confidence),
    }));
    const worsening = (d: SliceComparison): number => (d.delta === null ? 0 : d.higherIsBetter ? -d.delta : d.delta);
    const worseSlices = sliceComparisons.filter((s) => s.verdict === 'worse').sort((a, b) => worsening(b) - worsening(a));
    const ab = attributions.get(base);
    const ac = attributions.get(candidate);
    const attributionChanges = ab && ac ? attributionChangesOf(ab, ac) : [];
    const attributionNote = attributionRows > 0 && !(ab && ac) ? 'a runtime gives no gradients: attributions not compared' : undefined;
    const candName = modelLabel(candidate);
    const gate = evaluateGate(
      { base: baseName, candidate: candName, task, metric, metrics, slices: sliceComparisons, bootstrap: { replicates, seed, confidence } },
      options.gate ?? defaultGate(metric),
    );
    const decision: Decision = gate.decision === 'KEEP' ? 'keep' : gate.decision === 'ROLL BACK' ? 'roll back' : 'inconclusive';
    return {
      base: baseName,
      candidate: candName,
      backend: base.backend,
      task,
      rows: n,
      skipped: scored.skipped,
      issues: scored.issues,
      metric,
      bootstrap: { replicates, seed, confidence },
      metrics,
      baseMetrics,
      candidateMetrics,
      disagreement: disagreementOf(task, scored.scores[0]!, scored.scores[v]!, k, n, tolerance ?? 0, options.threshold),
      slices: sliceComparisons,
      worseSlices,
      attributionChanges,
      ...(attributionNote ? { attributionNote } : {}),
      recommendation: { decision, reason: gate.reason },
      gate,
    };
  });
  return {
    base: baseName,
    candidates: comparisons.map((c) => c.candidate),
    backend: base.backend,
    task,
    rows: n,
    skipped: scored.skipped,
    issues: scored.issues,
    metric,
    bootstrap: { replicates, seed, confidence },
    comparisons,
  };
}
