import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FacetwiseError } from '../../../../src/core/data/issues.js';
import type { FeatureSpec } from '../../../../src/core/model/featureSpec.js';
import { integratedGradients } from '../../../../src/core/model/integratedGradients.js';
import { kernelShap } from '../../../../src/core/model/kernelShap.js';
import { openModel } from '../../../../src/core/model/openModel.js';
import { createRealtimePredictor } from '../../../../src/core/model/realtimePredictor.js';
import { TensorProto_DataType as T } from '../../../../src/core/proto/gen/onnx/onnx_pb.js';
import {
  linearRegression,
  logisticRegression,
  model,
  namedInputsClassifier,
  node,
  tensorInfo,
  treeClassifier,
  treeRegressor,
  writeOnnxVersion,
} from './onnxFixtures.js';
import type { TreeNode } from './onnxFixtures.js';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
let tmp: string;
before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'facetwise-onnx-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Identity numeric features a, b, c, …: the model sees the values as they are. */
function identitySpec(names: readonly string[], task: FeatureSpec['task'] = 'binary'): FeatureSpec {
  return { format: 1, task, features: names.map((name) => ({ name, transform: { kind: 'numeric', mean: 0, stdDev: 1 }, missing: 'error' })) };
}

describe('ONNX runtime: predictions', () => {
  test('a logistic regression (MatMul + Add + Sigmoid) predicts sigmoid(w·x + b), computed by hand', async () => {
    const dir = writeOnnxVersion(path.join(tmp, 'lr'), 1, logisticRegression([0.5, -1, 2], 0.25), identitySpec(['a', 'b', 'c']));
    const m = await openModel(path.dirname(dir));
    try {
      assert.equal(m.model.runtime, 'onnx');
      assert.equal(m.model.format, 'onnx-dense');
      // onnxruntime-node is not installed here: the bundled wasm build runs, and the reason is precise.
      assert.equal(m.model.engine, 'onnxruntime-web (wasm)');
      assert.ok(m.model.engineNotes?.some((n) => /onnxruntime-node is not installed/.test(n)), String(m.model.engineNotes));
      const p = createRealtimePredictor(m);
      for (const [a, b, c] of [
        [1, 2, 3],
        [0, 0, 0],
        [-4, 0.5, 1.25],
      ] as const) {
        const got = (await p.predict({ a, b, c })).scores[0]!;
        assert.ok(Math.abs(got - sigmoid(0.5 * a - b + 2 * c + 0.25)) < 1e-6, `${got} for ${a},${b},${c}`);
      }
    } finally {
      m.dispose();
    }
  });

  test('a tree-ensemble regressor sums its leaves (TreeEnsembleRegressor, ai.onnx.ml)', async () => {
    const trees: TreeNode[][] = [
      [
        { feature: 0, threshold: 0.5, yes: 1, no: 2, value: 0 },
        { feature: 0, threshold: 0, yes: -1, no: -1, value: 10 },
        { feature: 0, threshold: 0, yes: -1, no: -1, value: 20 },
      ],
      [
        { feature: 1, threshold: 3, yes: 1, no: 2, value: 0 },
        { feature: 0, threshold: 0, yes: -1, no: -1, value: 1 },
        { feature: 0, threshold: 0, yes: -1, no: -1, value: 2 },
      ],
    ];
    const dir = writeOnnxVersion(path.join(tmp, 'tree'), 1, treeRegressor(trees, 2, 100), identitySpec(['a', 'b'], 'regression'));
    const m = await openModel(dir);
    try {
      const p = createRealtimePredictor(m);
      assert.equal((await p.predict({ a: 0, b: 5 })).scores[0], 100 + 10 + 2);
      assert.equal((await p.predict({ a: 1, b: 3 })).scores[0], 100 + 20 + 1);
    } finally {
      m.dispose();
    }
  });

  test("scikit-learn's classifier export: label + probabilities wrapped in a ZipMap (sequence of maps) still yields P(class 1)", async () => {
    const trees: TreeNode[][] = [
      [
        { feature: 0, threshold: 0.5, yes: 1, no: 2, value: 0 },
        { feature: 0, threshold: 0, yes: -1, no: -1, value: -1 },
        { feature: 0, threshold: 0, yes: -1, no: -1, value: 2 },
      ],
    ];
    for (const zipMap of [false, true]) {
      const dir = writeOnnxVersion(path.join(tmp, `cls-${zipMap}`), null, treeClassifier(trees, 1, zipMap), identitySpec(['a']));
      const m = await openModel(dir);
      try {
        const p = createRealtimePredictor(m);
        assert.ok(Math.abs((await p.predict({ a: 0 })).scores[0]! - sigmoid(-1)) < 1e-6, `zipMap=${zipMap}`);
        assert.ok(Math.abs((await p.predict({ a: 1 })).scores[0]! - sigmoid(2)) < 1e-6, `zipMap=${zipMap}`);
      } finally {
        m.dispose();
      }
    }
  });

  test('named inputs (a string and a float, as a scikit-learn pipeline exports them) are fed by name', async () => {
    const cats = ['Cash', 'Credit Card'];
    const w = [-1.5, 1, 0.1];
    const spec: FeatureSpec = {
      format: 1,
      task: 'binary',
      features: [
        { name: 'fare', transform: { kind: 'numeric', mean: 0, stdDev: 1 }, missing: 'error' },
        { name: 'payment_type', transform: { kind: 'vocabulary', vocabulary: cats, oovBuckets: 1, encoding: 'index' }, missing: 'impute' },
      ],
    };
    const dir = writeOnnxVersion(path.join(tmp, 'named'), 1, namedInputsClassifier(cats, w, 0.2), spec);
    const m = await openModel(path.dirname(dir));
    try {
      assert.equal(m.model.format, 'onnx-named-inputs');
      const p = createRealtimePredictor(m);
      const cash = (await p.predict({ fare: 10, payment_type: 'Cash' })).scores[0]!;
      const card = (await p.predict({ fare: 10, payment_type: 'Credit Card' })).scores[0]!;
      assert.ok(Math.abs(cash - sigmoid(-1.5 + 1 + 0.2)) < 1e-6, String(cash));
      assert.ok(Math.abs(card - sigmoid(1 + 1 + 0.2)) < 1e-6, String(card));
      // A value outside the vocabulary is not guessed: the spec declares no unknownString.
      await assert.rejects(p.predict({ fare: 10, payment_type: 'Prcard' }), (e: unknown) => e instanceof FacetwiseError && e.code === 'MODEL_INPUT_OUT_OF_VOCABULARY' && /payment_type/.test(e.message));
    } finally {
      m.dispose();
    }
    // Declared in the spec, the unknown string is what the model's own encoder sees (all zeros here).
    writeFileSync(path.join(dir, 'feature_spec.json'), JSON.stringify({ ...spec, unknownString: '' }));
    const m2 = await openModel(path.dirname(dir));
    try {
      const oov = (await createRealtimePredictor(m2).predict({ fare: 10, payment_type: 'Prcard' })).scores[0]!;
      assert.ok(Math.abs(oov - sigmoid(1 + 0.2)) < 1e-6, String(oov));
    } finally {
      m2.dispose();
    }
  });
});

describe('ONNX runtime: errors name the file, the operator or the input', () => {
  test('an operator onnxruntime-web does not have', async () => {
    const bytes = model({ inputs: [tensorInfo('x', T.FLOAT, ['N', 2])], outputs: [tensorInfo('y', T.FLOAT, ['N', 2])], nodes: [node('NoSuchOp', ['x'], ['y'])] });
    const dir = writeOnnxVersion(path.join(tmp, 'badop'), null, bytes, identitySpec(['a', 'b'], 'regression'));
    await assert.rejects(openModel(dir), (e: unknown) => e instanceof FacetwiseError && e.code === 'MODEL_LOAD_FAILED' && /model\.onnx/.test(e.message) && /NoSuchOp/.test(e.message));
  });

  test('a file that is not ONNX', async () => {
    const dir = writeOnnxVersion(path.join(tmp, 'garbage'), null, new TextEncoder().encode('{"not": "onnx"}'), identitySpec(['a']));
    await assert.rejects(openModel(dir), (e: unknown) => e instanceof FacetwiseError && e.code === 'MODEL_LOAD_FAILED' && /not an ONNX model/.test(e.message));
  });

  test('a named input the feature spec does not list, and an input of unknown meaning (rank 3)', async () => {
    const cats = ['Cash'];
    const dir = writeOnnxVersion(path.join(tmp, 'unlisted'), null, namedInputsClassifier(cats, [1, 1], 0), identitySpec(['fare']));
    await assert.rejects(openModel(dir), (e: unknown) => e instanceof FacetwiseError && e.code === 'MODEL_SPEC_MISMATCH' && /"payment_type"/.test(e.message));
    const rank3 = model({ inputs: [tensorInfo('images', T.FLOAT, ['N', 2, 2]), tensorInfo('meta', T.FLOAT, ['N', 1])], outputs: [tensorInfo('y', T.FLOAT, ['N', 1])], nodes: [node('Identity', ['meta'], ['y'])] });
    const dir3 = writeOnnxVersion(path.join(tmp, 'rank3'), null, rank3, identitySpec(['images', 'meta'], 'regression'));
    await assert.rejects(openModel(dir3), (e: unknown) => e instanceof FacetwiseError && e.code === 'MODEL_INPUT_UNSUPPORTED' && /"images"/.test(e.message));
  });

  test('a dense input narrower than the spec', async () => {
    const dir = writeOnnxVersion(path.join(tmp, 'narrow'), null, logisticRegression([1, 2], 0), identitySpec(['a', 'b', 'c']));
    await assert.rejects(openModel(dir), (e: unknown) => e instanceof FacetwiseError && e.code === 'MODEL_SPEC_MISMATCH' && /3 inputs per row but the model expects 2/.test(e.message));
  });
});

describe('ONNX explanations without gradients', () => {
  test('integrated gradients from central differences are complete on a logistic regression', async () => {
    const dir = writeOnnxVersion(path.join(tmp, 'ig'), null, logisticRegression([0.5, -1, 2], 0.25), identitySpec(['a', 'b', 'c']));
    const m = await openModel(dir);
    try {
      const r = await integratedGradients(m, { a: 1, b: 2, c: -0.5 });
      assert.ok(r.completeness.ok, JSON.stringify(r.completeness));
      assert.ok(r.completeness.error < 1e-4, String(r.completeness.error));
    } finally {
      m.dispose();
    }
  });

  test('KernelSHAP equals the exact Shapley values w_j·(x_j − b_j) on a linear model, sampled and exhaustive', async () => {
    const w = Array.from({ length: 16 }, (_, j) => (j % 3 === 0 ? -1 : 1) * (j + 1) * 0.1);
    const names = w.map((_, j) => `f${j}`);
    const dir = writeOnnxVersion(path.join(tmp, 'shap'), null, linearRegression(w, 3), identitySpec(names, 'regression'));
    const m = await openModel(dir);
    try {
      const x = Float32Array.from(w, (_, j) => j - 7.5);
      const b = Float32Array.from(w, (_, j) => (j % 2 === 0 ? 1 : -1));
      for (const exactUpTo of [16, 4]) {
        const r = await kernelShap(m, x, { background: { rows: 1, data: b }, exactUpTo, samples: 512 });
        assert.equal(r.exact, exactUpTo === 16);
        for (const a of r.attributions) {
          const j = Number(a.feature.slice(1));
          const exact = w[j]! * (x[j]! - b[j]!);
          assert.ok(Math.abs(a.attribution - exact) < 1e-4, `${a.feature}: ${a.attribution} vs ${exact} (exactUpTo ${exactUpTo})`);
        }
        assert.ok(r.residual < 1e-6);
      }
    } finally {
      m.dispose();
    }
  });

  test('KernelSHAP explains a tree model (where gradients are zero) and its values add up to f(x) − E f(background)', async () => {
    const trees: TreeNode[][] = [
      [
        { feature: 0, threshold: 0.5, yes: 1, no: 2, value: 0 },
        { feature: 0, threshold: 0, yes: -1, no: -1, value: 10 },
        { feature: 1, threshold: 0.5, yes: 3, no: 4, value: 0 },
        { feature: 0, threshold: 0, yes: -1, no: -1, value: 20 },
        { feature: 0, threshold: 0, yes: -1, no: -1, value: 40 },
      ],
    ];
    const dir = writeOnnxVersion(path.join(tmp, 'treeshap'), null, treeRegressor(trees, 3, 0), identitySpec(['a', 'b', 'c'], 'regression'));
    const m = await openModel(dir);
    try {
      const r = await kernelShap(m, { a: 1, b: 1, c: 5 }, { background: { rows: 2, data: Float32Array.of(0, 0, 0, 1, 0, 0) } });
      assert.equal(r.prediction, 40);
      assert.equal(r.baselinePrediction, 15);
      const byName = new Map(r.attributions.map((a) => [a.feature, a.attribution]));
      // Exact Shapley for v(∅)=15, v(a)=20, v(b)=(10+40)/2=25, v(ab)=40: φa = ½(5 + 15) = 10, φb = ½(10 + 20) = 15.
      assert.ok(Math.abs(byName.get('a')! - 10) < 1e-9);
      assert.ok(Math.abs(byName.get('b')! - 15) < 1e-9);
      assert.ok(Math.abs(byName.get('c')!) < 1e-9, 'c is never used by the tree');
    } finally {
      m.dispose();
    }
  });
});

describe('TreeSHAP from the ONNX tree attributes', () => {
  test('equals exact KernelSHAP (interventional Shapley values) on a random ensemble, with a 5-row background', async () => {
    const { treeShap } = await import('../../../../src/core/model/onnx/treeShap.js');
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    // 6 trees of depth 3 over 5 features: full binary trees, leaves 7..14 in node order.
    const trees: TreeNode[][] = Array.from({ length: 6 }, () =>
      Array.from({ length: 15 }, (_, i): TreeNode =>
        i < 7 ? { feature: Math.floor(random() * 5), threshold: random() * 2 - 1, yes: 2 * i + 1, no: 2 * i + 2, value: 0 } : { feature: 0, threshold: 0, yes: -1, no: -1, value: random() * 10 - 5 },
      ),
    );
    const names = ['a', 'b', 'c', 'd', 'e'];
    const dir = writeOnnxVersion(path.join(tmp, 'treeshap-random'), null, treeRegressor(trees, 5, 1), identitySpec(names, 'regression'));
    const m = await openModel(dir);
    try {
      const background = { rows: 5, data: Float32Array.from({ length: 25 }, () => random() * 2 - 1) };
      for (let trial = 0; trial < 4; trial++) {
        const x = Float32Array.from({ length: 5 }, () => random() * 2 - 1);
        const t = await treeShap(m, x, { background });
        const k = await kernelShap(m, x, { background });
        assert.ok(k.exact);
        assert.ok(Math.abs(t.margin - k.prediction) < 1e-5 && Math.abs(t.baselineMargin - k.baselinePrediction) < 1e-5);
        const kernel = new Map(k.attributions.map((a) => [a.feature, a.attribution]));
        for (const a of t.attributions) assert.ok(Math.abs(a.attribution - kernel.get(a.feature)!) < 1e-5, `${a.feature}: tree ${a.attribution} vs kernel ${kernel.get(a.feature)}`);
        assert.ok(t.residual < 1e-9);
      }
    } finally {
      m.dispose();
    }
  });

  test('a classifier is explained in margin space, and a non-tree model is refused with the alternative named', async () => {
    const { treeShap } = await import('../../../../src/core/model/onnx/treeShap.js');
    const trees: TreeNode[][] = [
      [
        { feature: 0, threshold: 0.5, yes: 1, no: 2, value: 0 },
        { feature: 0, threshold: 0, yes: -1, no: -1, value: -1 },
        { feature: 0, threshold: 0, yes: -1, no: -1, value: 2 },
      ],
    ];
    const dir = writeOnnxVersion(path.join(tmp, 'treeshap-cls'), null, treeClassifier(trees, 1, true), identitySpec(['a']));
    const m = await openModel(dir);
    try {
      const r = await treeShap(m, Float32Array.of(1));
      assert.equal(r.postTransform, 'LOGISTIC');
      assert.equal(r.margin, 2);
      assert.equal(r.baselineMargin, -1);
      assert.equal(r.attributions[0]!.attribution, 3);
    } finally {
      m.dispose();
    }
    const lr = await openModel(path.join(tmp, 'ig'));
    try {
      await assert.rejects(treeShap(lr, Float32Array.of(0, 0, 0)), (e: unknown) => e instanceof FacetwiseError && e.code === 'TREESHAP_UNSUPPORTED' && /KernelSHAP/.test(e.message));
    } finally {
      lr.dispose();
    }
  });
});
