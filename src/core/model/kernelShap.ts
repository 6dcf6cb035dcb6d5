/**
 * KernelSHAP (Lundberg & Lee 2017): Shapley values of the spec's features for any runtime, from model calls alone.
 * A coalition S keeps x's columns for the features in S and takes the background rows' columns for the others;
 * v(S) is the mean prediction over the background. The Shapley values are the weighted least-squares fit of v(S)
 * with the Shapley kernel, constrained so that they add up to f(x) − E[f(background)].
 *
 * Up to `exactUpTo` features every coalition is evaluated and the result is the exact Shapley value (for that
 * background). Beyond, coalitions are sampled in complementary pairs with probability proportional to the kernel,
 * and each value comes with a standard error from the fit's residuals (a sandwich estimate), so a user sees how
 * much sampling noise is in it.
 */
import { FacetwiseError } from '../data/issues.js';
import type { JobOptions } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import type { ExampleRecord } from './featureTransform.js';
import { explainedOutput, transformExample } from './integratedGradients.js';
import type { OpenedModel } from './openModel.js';
import { seededRandom } from './seededRandom.js';

export interface ShapAttribution {
  readonly feature: string;
  readonly attribution: number;
  /** Sampling standard error (0 when every coalition was evaluated). */
  readonly standardError: number;
}

export interface KernelShapResult {
  readonly outputIndex: number;
  readonly prediction: number;
  /** E[f(background)], the value the attributions start from. */
  readonly baselinePrediction: number;
  /** Sorted by |attribution|, largest first. */
  readonly attributions: readonly ShapAttribution[];
  /** Whether every coalition was evaluated (exact Shapley values for this background). */
  readonly exact: boolean;
  /** Coalitions evaluated. */
  readonly coalitions: number;
  readonly backgroundRows: number;
  /** |Σ attributions − (prediction − baselinePrediction)|: 0 up to rounding, by construction. */
  readonly residual: number;
}

export interface KernelShapOptions extends JobOptions {
  /** Background rows, transformed (rows × width); default one row of zeros (numeric means, no category). */
  readonly background?: { readonly rows: number; readonly data: Float32Array };
  /** Coalitions sampled when features exceed `exactUpTo` (default 2048, rounded up to an even number). */
  readonly samples?: number;
  /** Most features for which every coalition is evaluated (default 12: 4,094 coalitions). */
  readonly exactUpTo?: number;
  readonly seed?: number;
  /** Raw output explained; default the positive class (binary), the predicted class (multiclass), the value. */
  readonly outputIndex?: number;
}

/** Model rows evaluated per call. */
const ROWS_PER_CALL = 16_384;

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** Solves A·x = b (A symmetric positive semi-definite, n × n row-major) by Gaussian elimination with pivoting. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) m[i * n + i]! += 1e-12; // keeps a singular system (an unused feature) solvable
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r;
    if (p !== c) {
      for (let k = 0; k < n; k++) [m[c * n + k], m[p * n + k]] = [m[p * n + k]!, m[c * n + k]!];
      [x[c], x[p]] = [x[p]!, x[c]!];
    }
    const d = m[c * n + c]!;
    if (d === 0) continue;
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c]! / d;
      if (f === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k]! -= f * m[c * n + k]!;
      x[r]! -= f * x[c]!;
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = x[c]!;
    for (let k = c + 1; k < n; k++) s -= m[c * n + k]! * x[k]!;
    const d = m[c * n + c]!;
    x[c] = d === 0 ? 0 : s / d;
  }
  return x;
}

/** Coalitions as 0/1 rows (count × M) with their regression weights. */
interface Coalitions {
  readonly count: number;
  readonly masks: Uint8Array;
  readonly weights: Float64Array;
  readonly exact: boolean;
}

function allCoalitions(m: number): Coalitions {
  const count = 2 ** m - 2;
  const masks = new Uint8Array(count * m);
  const weights = new Float64Array(count);
  for (let s = 1; s <= count; s++) {
    let size = 0;
    for (let j = 0; j < m; j++) if (s & (1 << j)) (masks[(s - 1) * m + j] = 1), size++;
    weights[s - 1] = (m - 1) / (binomial(m, size) * size * (m - size));
  }
  return { count, masks, weights, exact: true };
}

/** Pairs (S, complement of S), sizes drawn ∝ the kernel's total weight per size, members uniformly: unit weights. */
function sampledCoalitions(m: number, samples: number, seed: number): Coalitions {
  const random = seededRandom(seed);
  const sizeWeight = Array.from({ length: m - 1 }, (_, i) => (m - 1) / ((i + 1) * (m - i - 1)));
  const total = sizeWeight.reduce((a, w) => a + w, 0);
  const pairs = Math.ceil(samples / 2);
  const count = pairs * 2;
  const masks = new Uint8Array(count * m);
  const order = Int32Array.from({ length: m }, (_, i) => i);
  for (let p = 0; p < pairs; p++) {
    let u = random() * total;
    let size = 1;
    while (size < m - 1 && u >= sizeWeight[size - 1]!) u -= sizeWeight[size++ - 1]!;
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(random() * (m - i));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const a = 2 * p * m;
    for (let j = 0; j < m; j++) masks[a + m + j] = 1;
    for (let i = 0; i < size; i++) {
      masks[a + order[i]!] = 1;
      masks[a + m + order[i]!] = 0;
    }
  }
  return { count, masks, weights: new Float64Array(count).fill(1), exact: false };
}

export async function kernelShap(model: OpenedModel, example: ExampleRecord | Float32Array, options: KernelShapOptions = {}): Promise<KernelShapResult> {
  const w = model.transform.width;
  const blocks = model.transform.blocks;
  const m = blocks.length;
  const x = example instanceof Float32Array ? example : transformExample(model, example);
  const background = options.background ?? { rows: 1, data: new Float32Array(w) };
  const nb = background.rows;
  if (nb < 1 || background.data.length < nb * w) throw new FacetwiseError('SHAP_BAD_BACKGROUND', `the background needs at least one row of ${w} values`);
  const k = model.model.outputSize;

  // f(x) and E f(background)
  const ends = new Float32Array((nb + 1) * w);
  ends.set(x, 0);
  ends.set(background.data.subarray(0, nb * w), w);
  const endOut = await model.model.predict(ends, nb + 1);
  const outputIndex = explainedOutput(model, endOut, options.outputIndex);
  const fx = endOut[outputIndex]!;
  let fb = 0;
  for (let r = 1; r <= nb; r++) fb += endOut[r * k + outputIndex]!;
  fb /= nb;
  const delta = fx - fb;
  if (m === 1) {
    return { outputIndex, prediction: fx, baselinePrediction: fb, attributions: [{ feature: blocks[0]!.name, attribution: delta, standardError: 0 }], exact: true, coalitions: 0, backgroundRows: nb, residual: 0 };
  }

  const coalitions = m <= (options.exactUpTo ?? 12) ? allCoalitions(m) : sampledCoalitions(m, options.samples ?? 2048, options.seed ?? 1);
  const values = new Float64Array(coalitions.count);
  const perCall = Math.max(1, Math.floor(ROWS_PER_CALL / nb));
  const rows = new Float32Array(Math.min(perCall, coalitions.count) * nb * w);
  for (let first = 0; first < coalitions.count; first += perCall) {
    throwIfAborted(options.signal);
    const count = Math.min(perCall, coalitions.count - first);
    let at = 0;
    for (let c = first; c < first + count; c++) {
      for (let r = 0; r < nb; r++) {
        rows.set(background.data.subarray(r * w, (r + 1) * w), at);
        for (let j = 0; j < m; j++) {
          if (!coalitions.masks[c * m + j]) continue;
          const b = blocks[j]!;
          rows.set(x.subarray(b.offset, b.offset + b.width), at + b.offset);
        }
        at += w;
      }
    }
    const out = await model.model.predict(rows, count * nb);
    for (let c = 0; c < count; c++) {
      let s = 0;
      for (let r = 0; r < nb; r++) s += out[(c * nb + r) * k + outputIndex]!;
      values[first + c] = s / nb;
    }
    options.onProgress?.({ done: first + count, total: coalitions.count, unit: 'steps' });
  }

  // Eliminate the last feature with the efficiency constraint: φ_M = Δ − Σ φ_j, then solve for the M−1 others.
  const n = m - 1;
  const ata = new Float64Array(n * n);
  const aty = new Float64Array(n);
  const z = new Float64Array(n);
  const y = new Float64Array(coalitions.count);
  for (let c = 0; c < coalitions.count; c++) {
    const last = coalitions.masks[c * m + n]!;
    for (let j = 0; j < n; j++) z[j] = coalitions.masks[c * m + j]! - last;
    y[c] = values[c]! - fb - last * delta;
    const wt = coalitions.weights[c]!;
    for (let i = 0; i < n; i++) {
      if (z[i] === 0) continue;
      aty[i]! += wt * z[i]! * y[c]!;
      for (let j = 0; j < n; j++) ata[i * n + j]! += wt * z[i]! * z[j]!;
    }
  }
  const phi = solve(ata, aty, n);
  const all = new Float64Array(m);
  all.set(phi);
  all[n] = delta - phi.reduce((a, v) => a + v, 0);

  const errors = coalitions.exact ? new Float64Array(m) : standardErrors(coalitions, y, phi, ata, n, m);
  const attributions = blocks
    .map((b, j) => ({ feature: b.name, attribution: all[j]!, standardError: errors[j]! }))
    .sort((p, q) => Math.abs(q.attribution) - Math.abs(p.attribution));
  const residual = Math.abs(all.reduce((a, v) => a + v, 0) - delta);
  return { outputIndex, prediction: fx, baselinePrediction: fb, attributions, exact: coalitions.exact, coalitions: coalitions.count, backgroundRows: nb, residual };
}

/** Sandwich (heteroscedasticity-consistent) standard errors of the fitted values, and of the eliminated one. */
function standardErrors(c: Coalitions, y: Float64Array, phi: Float64Array, ata: Float64Array, n: number, m: number): Float64Array {
  const meat = new Float64Array(n * n);
  const z = new Float64Array(n);
  for (let s = 0; s < c.count; s++) {
    const last = c.masks[s * m + n]!;
    let fit = 0;
    for (let j = 0; j < n; j++) {
      z[j] = c.masks[s * m + j]! - last;
      fit += z[j]! * phi[j]!;
    }
    const r = (y[s]! - fit) * c.weights[s]!;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) meat[i * n + j]! += r * r * z[i]! * z[j]!;
  }
  // cov = A⁻¹ · meat · A⁻¹, column by column.
  const inv = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const e = new Float64Array(n);
    e[j] = 1;
    inv.set(solve(ata, e, n), j * n); // A symmetric: row j of A⁻¹
  }
  const cov = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) s += inv[i * n + a]! * meat[a * n + b]! * inv[b * n + j]!;
      cov[i * n + j] = s;
    }
  }
  const out = new Float64Array(m);
  let lastVar = 0;
  for (let i = 0; i < n; i++) {
    out[i] = Math.sqrt(Math.max(0, cov[i * n + i]!));
    for (let j = 0; j < n; j++) lastVar += cov[i * n + j]!;
  }
  out[n] = Math.sqrt(Math.max(0, lastVar));
  return out;
}
