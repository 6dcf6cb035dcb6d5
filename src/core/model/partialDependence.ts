/**
 * Partial dependence (Friedman 2001): the mean prediction over a sample of rows when one feature is set to each
 * value of a grid — how the model's output moves with that feature, everything else as in the data.
 */
import { FacetwiseError } from '../data/issues.js';
import type { JobOptions } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import type { RowSource } from './batchPrediction.js';
import type { OpenedModel } from './openModel.js';
import { modelLabel } from './openModel.js';
import { sampleRows, scoreMatrix } from './sampleRows.js';

export interface PartialDependencePoint {
  readonly value: number | string;
  /** Mean score per output column (see OutputLayout.names). */
  readonly mean: readonly number[];
}

export interface PartialDependenceReport {
  readonly model: string;
  readonly feature: string;
  readonly kind: 'numeric' | 'categorical';
  readonly outputs: readonly string[];
  readonly rows: number;
  readonly points: readonly PartialDependencePoint[];
}

export interface PartialDependenceOptions extends JobOptions {
  /** Explicit grid; default quantiles of the sample (numeric) or the vocabulary plus one unseen value. */
  readonly grid?: readonly (number | string)[];
  /** Grid points for a numeric feature (default 20). */
  readonly gridSize?: number;
  /** Rows averaged over (default 1000). */
  readonly maxRows?: number;
}

export const OUT_OF_VOCABULARY_VALUE = '(out of vocabulary)';

function quantileGrid(values: readonly (number | string | undefined)[], size: number): number[] {
  const nums = values.map((v) => (typeof v === 'number' ? v : v === undefined ? NaN : Number(v))).filter((v) => Number.isFinite(v));
  nums.sort((a, b) => a - b);
  if (nums.length === 0) return [];
  const grid: number[] = [];
  for (let i = 0; i < size; i++) {
    const q = nums[Math.round((i / Math.max(1, size - 1)) * (nums.length - 1))]!;
    if (grid[grid.length - 1] !== q) grid.push(q);
  }
  return grid;
}

export async function partialDependence(model: OpenedModel, source: RowSource, feature: string, options: PartialDependenceOptions = {}): Promise<PartialDependenceReport> {
  const block = model.transform.block(feature);
  if (!block) throw new FacetwiseError('MODEL_UNKNOWN_FEATURE', `the model has no feature '${feature}'`);
  const t = block.transform;
  const categorical = t.kind === 'vocabulary' || t.kind === 'oneHot';
  const sample = await sampleRows(model, source, {
    maxRows: options.maxRows ?? 1000,
    keepRaw: [feature],
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const grid =
    options.grid ??
    (t.kind === 'vocabulary'
      ? [...t.vocabulary, OUT_OF_VOCABULARY_VALUE]
      : t.kind === 'oneHot'
        ? [...t.values]
        : quantileGrid(sample.raw.get(feature) ?? [], options.gridSize ?? 20));
  const w = model.transform.width;
  const k = model.outputs.width;
  const blockValue = new Float32Array(w);
  const work = new Float32Array(sample.inputs.length);
  const points: PartialDependencePoint[] = [];
  for (const value of grid) {
    throwIfAborted(options.signal);
    const problem = model.transform.transformFeatureValue(feature, value, blockValue, 0);
    if (problem) throw new FacetwiseError(problem.code, problem.message);
    work.set(sample.inputs);
    const slice = blockValue.subarray(block.offset, block.offset + block.width);
    for (let r = 0; r < sample.rows; r++) work.set(slice, r * w + block.offset);
    const scores = await scoreMatrix(model, work, sample.rows);
    const mean = new Array<number>(k).fill(0);
    for (let r = 0; r < sample.rows; r++) for (let j = 0; j < k; j++) mean[j] += scores[r * k + j]!;
    points.push({ value, mean: mean.map((s) => s / Math.max(1, sample.rows)) });
    options.onProgress?.({ done: points.length, total: grid.length, unit: 'steps', message: feature });
  }
  return { model: modelLabel(model), feature, kind: categorical ? 'categorical' : 'numeric', outputs: model.outputs.names, rows: sample.rows, points };
}
