/**
 * The grid scoring under partial dependence (PDP) and individual conditional expectation (ICE): set one feature to
 * each grid value in every row of a transformed matrix and predict. PDP is the mean over rows per grid value; ICE
 * is one row's curve. Free of Node and the DOM: the CLI's `explain --pdp` and the datapoint webview share it.
 */
import { FacetwiseError } from '../data/issues.js';
import type { JobOptions } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import type { FeatureTransform } from './featureTransform.js';
import type { LoadedModel } from './runtime.js';
import type { OutputLayout } from './modelOutputs.js';

export interface GridModel {
  readonly transform: FeatureTransform;
  readonly model: LoadedModel;
  readonly outputs: OutputLayout;
}

export interface GridScores {
  readonly grid: readonly (number | string)[];
  /** grid.length × outputs.width: mean score over the rows at each grid value. */
  readonly mean: Float64Array;
  /** rows × grid.length × outputs.width: every row's curve (ICE). */
  readonly curves: Float32Array;
}

/** Up to `size` distinct quantiles of the finite values, ascending. */
export function quantileGrid(values: ArrayLike<number | string | undefined | null>, size: number): number[] {
  const nums: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const x = typeof v === 'number' ? v : v === undefined || v === null || v === '' ? NaN : Number(v);
    if (Number.isFinite(x)) nums.push(x);
  }
  nums.sort((a, b) => a - b);
  if (nums.length === 0) return [];
  const grid: number[] = [];
  for (let i = 0; i < size; i++) {
    const q = nums[Math.round((i / Math.max(1, size - 1)) * (nums.length - 1))]!;
    if (grid[grid.length - 1] !== q) grid.push(q);
  }
  return grid;
}

/**
 * Scores every row of `inputs` (rows × transform.width) with `feature` set to each grid value, in batches of up to
 * `chunkRows` model rows. `meanRows` (default all) limits which leading rows the mean averages (the ICE row of the
 * datapoint editor is appended after the sample and left out of the PDP).
 */
export async function gridScores(
  model: GridModel,
  inputs: Float32Array,
  rows: number,
  feature: string,
  grid: readonly (number | string)[],
  options: JobOptions & { readonly meanRows?: number; readonly chunkRows?: number } = {},
): Promise<GridScores> {
  const block = model.transform.block(feature);
  if (!block) throw new FacetwiseError('MODEL_UNKNOWN_FEATURE', `the model has no feature '${feature}'`);
  const w = model.transform.width;
  const k = model.outputs.width;
  const g = grid.length;
  const meanRows = Math.min(options.meanRows ?? rows, rows);
  const chunkRows = Math.max(rows, options.chunkRows ?? 16384);
  const perCall = Math.max(1, Math.floor(chunkRows / Math.max(rows, 1)));
  const blockValue = new Float32Array(w);
  const curves = new Float32Array(rows * g * k);
  const mean = new Float64Array(g * k);
  const work = new Float32Array(Math.min(perCall, g) * rows * w);
  for (let first = 0; first < g; first += perCall) {
    throwIfAborted(options.signal);
    const n = Math.min(perCall, g - first);
    for (let i = 0; i < n; i++) {
      const problem = model.transform.transformFeatureValue(feature, grid[first + i]!, blockValue, 0);
      if (problem) throw new FacetwiseError(problem.code, problem.message);
      const slice = blockValue.subarray(block.offset, block.offset + block.width);
      const base = i * rows * w;
      work.set(inputs.subarray(0, rows * w), base);
      for (let r = 0; r < rows; r++) work.set(slice, base + r * w + block.offset);
    }
    const raw = await model.model.predict(work, n * rows);
    const scores = model.outputs.scores(raw, n * rows);
    for (let i = 0; i < n; i++) {
      const gi = first + i;
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < k; j++) {
          const s = scores[(i * rows + r) * k + j]!;
          curves[(r * g + gi) * k + j] = s;
          if (r < meanRows) mean[gi * k + j] += s;
        }
      }
      for (let j = 0; j < k; j++) mean[gi * k + j] /= Math.max(1, meanRows);
    }
    options.onProgress?.({ done: first + n, total: g, unit: 'steps', message: feature });
  }
  return { grid, mean, curves };
}
