/**
 * Exact interventional TreeSHAP for ONNX tree ensembles, from the tree attributes themselves. ONNX trees carry no
 * node covers (training counts), so the path-dependent variant cannot be derived; the interventional one needs
 * only a background: for a row x and a background row r, the game v(S) = f(x_S, r_rest) is, per leaf, 1 when
 * every feature that only x sends down that path is in S and every feature that only r sends down it is not.
 * Such a game has closed-form Shapley values: for the a features x needs, (a−1)!·b!/(a+b)! each; for the b
 * features r needs, −a!·(b−1)!/(a+b)! each. Summed over leaves, trees and background rows, that is exact in
 * O(background × leaves × depth), with no sampling. Values are in margin space (before a LOGISTIC / SOFTMAX post
 * transform), as tree explainers report them; features are the spec's (a one-hot block is one feature).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FacetwiseError } from '../../data/issues.js';
import type { ExampleRecord } from '../featureTransform.js';
import { transformExample } from '../integratedGradients.js';
import type { OpenedModel } from '../openModel.js';
import { decodeOnnx, ONNX_MODEL_FILE } from './onnxGraph.js';
import type { TreeEnsemble } from './treeEnsemble.js';
import { ensembleMargin, findTreeEnsemble, goesYes } from './treeEnsemble.js';

export interface TreeShapResult {
  /** The ensemble output explained (class id for classifiers). */
  readonly outputIndex: number;
  /** Margin of x and mean margin of the background. */
  readonly margin: number;
  readonly baselineMargin: number;
  readonly postTransform: string;
  readonly attributions: readonly { readonly feature: string; readonly attribution: number }[];
  readonly backgroundRows: number;
  /** |Σ attributions − (margin − baselineMargin)|: 0 up to rounding. */
  readonly residual: number;
}

export interface TreeShapOptions {
  /** Transformed background rows; default one row of zeros. */
  readonly background?: { readonly rows: number; readonly data: Float32Array };
  /** Output (class id) explained; default class 1 for a binary classifier, 0 otherwise. */
  readonly outputIndex?: number;
}

const factorial = (n: number): number => {
  let r = 1;
  for (let i = 2; i <= n; i++) r *= i;
  return r;
};

/** Adds one tree's Shapley values for x against reference r into `phi` (indexed by feature). */
function treeContribution(e: TreeEnsemble, t: number, x: Float32Array, r: Float32Array, featureOf: Int32Array, k: number, phi: Float64Array): void {
  const tree = e.trees[t]!;
  // Depth-first over paths; per feature: 1 = only x goes this way so far, 2 = only r, 3 = both, 0 = neither.
  const walk = (at: number, state: Map<number, number>): void => {
    const nd = tree[at]!;
    if (nd.mode === 'LEAF') {
      const w = nd.weights.get(k) ?? 0;
      if (w === 0) return;
      const needX: number[] = [];
      const needR: number[] = [];
      for (const [f, s] of state) {
        if (s === 1) needX.push(f);
        else if (s === 2) needR.push(f);
      }
      const a = needX.length;
      const b = needR.length;
      if (a + b === 0) return;
      const total = factorial(a + b);
      for (const f of needX) phi[f]! += (w * factorial(a - 1) * factorial(b)) / total;
      for (const f of needR) phi[f]! -= (w * factorial(a) * factorial(b - 1)) / total;
      return;
    }
    const f = featureOf[nd.column]!;
    const xYes = goesYes(nd, x[nd.column]!);
    const rYes = goesYes(nd, r[nd.column]!);
    const before = state.get(f) ?? 3;
    for (const [child, yesSide] of [
      [nd.yes, true],
      [nd.no, false],
    ] as const) {
      const s = before & ((xYes === yesSide ? 1 : 0) | (rYes === yesSide ? 2 : 0));
      if (s === 0) continue; // neither row reaches this child with this feature's values
      state.set(f, s);
      walk(child, state);
    }
    if (before === 3) state.delete(f);
    else state.set(f, before);
  };
  walk(e.roots[t]!, new Map());
}

export async function treeShap(model: OpenedModel, example: ExampleRecord | Float32Array, options: TreeShapOptions = {}): Promise<TreeShapResult> {
  if (model.model.runtime !== 'onnx') throw new FacetwiseError('TREESHAP_UNSUPPORTED', 'TreeSHAP reads ONNX tree ensembles; use KernelSHAP (--method shap) for this model', { file: model.dir });
  const file = path.join(model.dir, ONNX_MODEL_FILE);
  const ensemble = findTreeEnsemble(decodeOnnx(await fs.readFile(file), file), file);
  const w = model.transform.width;
  const featureOf = new Int32Array(w);
  model.transform.blocks.forEach((b, i) => featureOf.fill(i, b.offset, b.offset + b.width));
  const x = example instanceof Float32Array ? example : transformExample(model, example);
  const background = options.background ?? { rows: 1, data: new Float32Array(w) };
  const k = options.outputIndex ?? (ensemble.kind === 'classifier' && model.spec.task === 'binary' ? 1 : 0);
  const phi = new Float64Array(model.transform.blocks.length);
  let baseline = 0;
  for (let b = 0; b < background.rows; b++) {
    const r = background.data.subarray(b * w, (b + 1) * w);
    const part = new Float64Array(phi.length);
    for (let t = 0; t < ensemble.trees.length; t++) treeContribution(ensemble, t, x, r, featureOf, k, part);
    for (let i = 0; i < phi.length; i++) phi[i]! += part[i]! / background.rows;
    baseline += ensembleMargin(ensemble, r, k) / background.rows;
  }
  const margin = ensembleMargin(ensemble, x, k);
  const attributions = model.transform.blocks
    .map((b, i) => ({ feature: b.name, attribution: phi[i]! }))
    .sort((p, q) => Math.abs(q.attribution) - Math.abs(p.attribution));
  const residual = Math.abs(phi.reduce((a, v) => a + v, 0) - (margin - baseline));
  return { outputIndex: k, margin, baselineMargin: baseline, postTransform: ensemble.postTransform, attributions, backgroundRows: background.rows, residual };
}
