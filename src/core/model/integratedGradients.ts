/**
 * Integrated gradients (Sundararajan et al. 2017) over the transformed input: attribution_j =
 * (x_j − b_j) · ∫₀¹ ∂f/∂x_j (b + α(x − b)) dα, by the trapezoid rule. Completeness says the attributions sum to
 * f(x) − f(b); the check doubles the steps until they do (within tolerance) and reports how close they got.
 * Attributions are summed per feature block, so a one-hot feature gets one number.
 */
import { FacetwiseError } from '../data/issues.js';
import type { JobOptions } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import { blockColumnNames } from './blockColumns.js';
import type { ExampleRecord } from './featureTransform.js';
import type { FeatureSpec } from './featureSpecTypes.js';
import type { FeatureTransform } from './featureTransform.js';
import type { OutputLayout } from './modelOutputs.js';
import type { LoadedModel } from './runtime.js';

export interface FeatureAttribution {
  readonly feature: string;
  readonly attribution: number;
  /** The block's floats that were non-zero in the input or the baseline, with their attributions. */
  readonly columns: readonly { readonly name: string; readonly attribution: number }[];
}

export interface Completeness {
  /** Σ attributions. */
  readonly sum: number;
  /** f(x) − f(baseline). */
  readonly delta: number;
  /** |sum − delta|. */
  readonly error: number;
  readonly tolerance: number;
  readonly ok: boolean;
  readonly steps: number;
}

export interface IntegratedGradientsResult {
  /** The raw model output explained (index into the model's outputs). */
  readonly outputIndex: number;
  readonly prediction: number;
  readonly baselinePrediction: number;
  /** Sorted by |attribution|, largest first. */
  readonly attributions: readonly FeatureAttribution[];
  readonly completeness: Completeness;
}

export interface IntegratedGradientsOptions extends JobOptions {
  /** A baseline example, or 'zeros' (default): zeros in transformed space = numeric means, no category. */
  readonly baseline?: ExampleRecord | 'zeros' | Float32Array;
  /** Starting number of steps (default 64). */
  readonly steps?: number;
  /** Most steps tried before giving up on completeness (default 1024). */
  readonly maxSteps?: number;
  /** Allowed |Σ attributions − Δf| relative to |Δf| (default 0.01), with an absolute floor of 1e-4. */
  readonly tolerance?: number;
  /** Raw output to explain; default the positive class (binary), the predicted class (multiclass), the value. */
  readonly outputIndex?: number;
}

/** What IG reads of an opened model: the host's OpenedModel and the datapoint webview's models both fit. */
export interface ExplainableModel {
  readonly transform: FeatureTransform;
  readonly model: LoadedModel;
  readonly spec: FeatureSpec;
  readonly outputs: OutputLayout;
}

function gradientsOf(model: ExplainableModel): NonNullable<LoadedModel['gradients']> {
  const g = model.model.gradients;
  if (!g) throw new FacetwiseError('MODEL_NO_GRADIENTS', `the ${model.model.runtime} runtime cannot differentiate this model, so integrated gradients are unavailable`);
  return g.bind(model.model);
}

/** Transforms an example; a problem in it is an error for the caller to show. */
export function transformExample(model: ExplainableModel, example: ExampleRecord): Float32Array {
  const x = new Float32Array(model.transform.width);
  const problems = model.transform.transformRecord(example, x);
  if (problems.length > 0) throw new FacetwiseError('MODEL_EXAMPLE_INVALID', problems.map((p) => p.message).join('; '));
  return x;
}

function argmax(v: Float32Array, from: number, n: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (v[from + j]! > v[from + best]!) best = j;
  return best;
}

/**
 * The raw output an explanation is of: the one asked for, else the positive class (binary), the predicted class of
 * the row whose outputs start `raw` (multiclass), or the value (regression). Shared by IG and KernelSHAP.
 */
export function explainedOutput(model: ExplainableModel, raw: Float32Array, requested: number | undefined): number {
  const k = model.model.outputSize;
  const outputIndex = requested ?? (model.spec.task === 'multiclass' ? argmax(raw, 0, k) : model.outputs.positiveIndex);
  if (outputIndex < 0 || outputIndex >= k) throw new FacetwiseError('MODEL_BAD_OUTPUT_INDEX', `output ${outputIndex} does not exist (the model has ${k})`);
  return outputIndex;
}

/**
 * Per-column integrated gradients for many rows at once with a fixed number of steps: `rows × width` attributions.
 * Rows are packed so each gradient call carries up to ~8192 interpolation points.
 */
export async function integratedGradientsRows(
  model: ExplainableModel,
  inputs: Float32Array,
  rows: number,
  baseline: Float32Array,
  steps: number,
  outputIndexOf: (row: number) => number,
  options: JobOptions = {},
): Promise<Float32Array> {
  const grads = gradientsOf(model);
  const w = model.transform.width;
  const m = steps;
  const out = new Float32Array(rows * w);
  // Group rows by explained output: one gradient call explains one output index.
  const groups = new Map<number, number[]>();
  for (let r = 0; r < rows; r++) {
    const k = outputIndexOf(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  const perCall = Math.max(1, Math.floor(8192 / (m + 1)));
  const points = new Float32Array(Math.min(perCall, rows) * (m + 1) * w);
  let done = 0;
  for (const [k, list] of groups) {
    for (let first = 0; first < list.length; first += perCall) {
      throwIfAborted(options.signal);
      const chunk = list.slice(first, first + perCall);
      let p = 0;
      for (const r of chunk) {
        for (let s = 0; s <= m; s++) {
          const a = s / m;
          for (let j = 0; j < w; j++) {
            const b = baseline[j]!;
            points[p++] = b + a * (inputs[r * w + j]! - b);
          }
        }
      }
      const g = await grads(points, chunk.length * (m + 1), k);
      chunk.forEach((r, c) => {
        for (let j = 0; j < w; j++) {
          let sum = 0;
          for (let s = 0; s <= m; s++) {
            const v = g[(c * (m + 1) + s) * w + j]!;
            sum += s === 0 || s === m ? v / 2 : v;
          }
          out[r * w + j] = (inputs[r * w + j]! - baseline[j]!) * (sum / m);
        }
      });
      done += chunk.length;
      options.onProgress?.({ done, total: rows, unit: 'rows' });
    }
  }
  return out;
}

/** Sums per-column attributions into per-feature ones (optionally keeping the columns that mattered). */
export function attributionsByFeature(model: ExplainableModel, columns: Float32Array, row: number, x?: Float32Array, b?: Float32Array): FeatureAttribution[] {
  const w = model.transform.width;
  return model.transform.blocks.map((block) => {
    const names = blockColumnNames(block);
    let total = 0;
    const kept: { name: string; attribution: number }[] = [];
    for (let j = 0; j < block.width; j++) {
      const a = columns[row * w + block.offset + j]!;
      total += a;
      const col = block.offset + j;
      if (x && b && (x[col] !== 0 || b[col] !== 0)) kept.push({ name: names[j] ?? block.name, attribution: a });
    }
    return { feature: block.name, attribution: total, columns: kept };
  });
}

/** Explains one example, doubling steps until completeness holds or maxSteps is reached. */
export async function integratedGradients(model: ExplainableModel, example: ExampleRecord | Float32Array, options: IntegratedGradientsOptions = {}): Promise<IntegratedGradientsResult> {
  const w = model.transform.width;
  const x = example instanceof Float32Array ? example : transformExample(model, example);
  const b =
    options.baseline === undefined || options.baseline === 'zeros'
      ? new Float32Array(w)
      : options.baseline instanceof Float32Array
        ? options.baseline
        : transformExample(model, options.baseline);
  const both = new Float32Array(2 * w);
  both.set(x, 0);
  both.set(b, w);
  const raw = await model.model.predict(both, 2);
  const k = model.model.outputSize;
  const outputIndex = explainedOutput(model, raw, options.outputIndex);
  const fx = raw[outputIndex]!;
  const fb = raw[k + outputIndex]!;
  const delta = fx - fb;
  const tolerance = Math.max(1e-4, (options.tolerance ?? 0.01) * Math.abs(delta));
  const maxSteps = options.maxSteps ?? 1024;
  let steps = options.steps ?? 64;
  for (;;) {
    const cols = await integratedGradientsRows(model, x, 1, b, steps, () => outputIndex, options);
    let sum = 0;
    for (let j = 0; j < w; j++) sum += cols[j]!;
    const error = Math.abs(sum - delta);
    if (error <= tolerance || steps * 2 > maxSteps) {
      const attributions = attributionsByFeature(model, cols, 0, x, b).sort((p, q) => Math.abs(q.attribution) - Math.abs(p.attribution));
      return {
        outputIndex,
        prediction: fx,
        baselinePrediction: fb,
        attributions,
        completeness: { sum, delta, error, tolerance, ok: error <= tolerance, steps },
      };
    }
    steps *= 2;
  }
}
