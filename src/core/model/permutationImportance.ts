/**
 * Permutation feature importance (Breiman; Fisher et al.): how much a metric worsens when one feature's values
 * are shuffled across rows, breaking its link to the label. Shuffling happens on the transformed block, which is
 * the same as shuffling the raw values because the transform works row by row and feature by feature.
 * A feature the model ignores scores exactly 0.
 */
import { FacetwiseError } from '../data/issues.js';
import type { JobOptions } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import type { RowSource } from './batchPrediction.js';
import type { MetricInput, MetricName } from './metrics.js';
import { computeMetrics, higherIsBetter, metricValue, primaryMetric, scoreOrder } from './metrics.js';
import type { OpenedModel } from './openModel.js';
import { modelLabel } from './openModel.js';
import { sampleRows, scoreMatrix } from './sampleRows.js';
import { seededRandom, shuffledIndices } from './seededRandom.js';

export interface FeatureImportance {
  readonly feature: string;
  /** Mean worsening of the metric over the repeats (positive = the model relies on the feature). */
  readonly importance: number;
  readonly stdDev: number;
  readonly repeats: readonly number[];
}

export interface PermutationImportanceReport {
  readonly model: string;
  readonly metric: MetricName;
  readonly baseline: number;
  readonly rows: number;
  readonly seed: number;
  /** Most important first. */
  readonly features: readonly FeatureImportance[];
}

export interface PermutationImportanceOptions extends JobOptions {
  /** Rows used (first usable ones; default 5000). */
  readonly maxRows?: number;
  /** Shuffles per feature (default 5). */
  readonly repeats?: number;
  readonly seed?: number;
  /** Default: the task's primary metric (log loss / RMSE). */
  readonly metric?: MetricName;
  readonly threshold?: number;
  /** Features to score (default all in the spec). */
  readonly features?: readonly string[];
}

export async function permutationImportance(model: OpenedModel, source: RowSource, options: PermutationImportanceOptions = {}): Promise<PermutationImportanceReport> {
  const metric = options.metric ?? primaryMetric[model.spec.task];
  const repeats = options.repeats ?? 5;
  const seed = options.seed ?? 1;
  const sample = await sampleRows(model, source, { maxRows: options.maxRows ?? 5000, withLabels: true, ...(options.signal ? { signal: options.signal } : {}) });
  if (sample.rows < 2) throw new FacetwiseError('MODEL_TOO_FEW_ROWS', `permutation importance needs labelled rows; found ${sample.rows}`);
  const w = model.transform.width;
  const evaluate = (scores: Float32Array): number => {
    const input: MetricInput = {
      task: model.spec.task,
      scores,
      k: model.outputs.width,
      labels: sample.labels!,
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    };
    const v = metricValue(computeMetrics(input, scoreOrder(input)), metric);
    if (v === null) throw new FacetwiseError('MODEL_METRIC_UNDEFINED', `${metric} is undefined on these rows (one class only?)`);
    return v;
  };
  const baseline = evaluate(await scoreMatrix(model, sample.inputs, sample.rows));
  const sign = higherIsBetter(metric) ? -1 : 1;
  const random = seededRandom(seed);
  const work = new Float32Array(sample.inputs.length);
  const blocks = options.features
    ? options.features.map((f) => {
        const b = model.transform.block(f);
        if (!b) throw new FacetwiseError('MODEL_UNKNOWN_FEATURE', `the model has no feature '${f}'`);
        return b;
      })
    : model.transform.blocks;
  const features: FeatureImportance[] = [];
  let step = 0;
  for (const block of blocks) {
    const values: number[] = [];
    for (let k = 0; k < repeats; k++) {
      throwIfAborted(options.signal);
      const perm = shuffledIndices(sample.rows, random);
      work.set(sample.inputs);
      for (let r = 0; r < sample.rows; r++) {
        const from = perm[r]! * w + block.offset;
        work.set(sample.inputs.subarray(from, from + block.width), r * w + block.offset);
      }
      values.push(sign * (evaluate(await scoreMatrix(model, work, sample.rows)) - baseline));
      options.onProgress?.({ done: ++step, total: blocks.length * repeats, unit: 'steps', message: block.name });
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    features.push({ feature: block.name, importance: mean, stdDev: Math.sqrt(variance), repeats: values });
  }
  features.sort((a, b) => b.importance - a.importance);
  return { model: modelLabel(model), metric, baseline, rows: sample.rows, seed, features };
}
