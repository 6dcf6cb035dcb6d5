// The taxi model as TensorFlow.js and as ONNX (the same weights, written into an ONNX graph by the test) must give
// the same predictions and attributions; an ONNX v2 damaged on one slice must be caught by the version comparison.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { predictRows } from '../../../../src/core/model/batchPrediction.js';
import { compareVersions } from '../../../../src/core/model/compareVersions.js';
import { integratedGradients } from '../../../../src/core/model/integratedGradients.js';
import { kernelShap } from '../../../../src/core/model/kernelShap.js';
import { openModel } from '../../../../src/core/model/openModel.js';
import type { OpenedModel } from '../../../../src/core/model/openModel.js';
import { readCsvRecords, readNaiveCsv, sourceOf, taxiEval } from '../naiveCsv.js';
import { fixtureModel, readDenseLayers } from '../reference.js';
import { mlp } from './onnxFixtures.js';

let tmp: string;
let tfjs: OpenedModel;
let onnx: OpenedModel;
let onnxRoot: string;
const evalCsv = readNaiveCsv(taxiEval, 1000);
const records = readCsvRecords(taxiEval).slice(0, 20);

/** Writes the tfjs fixture's v1 weights as ONNX version `version`, optionally changed by `edit` first. */
function writeAsOnnx(version: number, edit?: (w1: Float32Array, w2: Float32Array) => void): void {
  const [l1, l2] = readDenseLayers(path.join(fixtureModel, '1'));
  const w1 = Float32Array.from(l1!.kernel);
  const w2 = Float32Array.from(l2!.kernel);
  edit?.(w1, w2);
  const dir = path.join(onnxRoot, String(version));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'model.onnx'), mlp([...w1], [...l1!.bias], [...w2], [...l2!.bias], l1!.inputs));
  copyFileSync(path.join(fixtureModel, '1', 'feature_spec.json'), path.join(dir, 'feature_spec.json'));
}

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'facetwise-onnx-parity-'));
  onnxRoot = path.join(tmp, 'taxi_onnx');
  writeAsOnnx(1);
  tfjs = await openModel(fixtureModel, { version: 1 });
  onnx = await openModel(onnxRoot, { version: 1 });
});
after(() => {
  tfjs.dispose();
  onnx.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the same model as TensorFlow.js and as ONNX', () => {
  test('predictions on 5,000 eval rows agree within 1e-5', async () => {
    const scores = async (m: OpenedModel): Promise<Float32Array> => {
      const parts: Float32Array[] = [];
      for await (const chunk of predictRows(m, sourceOf(evalCsv.batches))) parts.push(chunk.scores.slice());
      return Float32Array.from(parts.flatMap((p) => [...p]));
    };
    const [a, b] = [await scores(tfjs), await scores(onnx)];
    assert.equal(a.length, 5000);
    assert.equal(b.length, 5000);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    assert.ok(worst < 1e-5, `largest difference ${worst}`);
  });

  test('integrated gradients (autodiff vs central differences) agree within 1e-5 for most rows, and within the path integral’s own error for all', async () => {
    // Both sum the gradient at 64 points of the path; where the path crosses a ReLU kink, autodiff takes the slope
    // on one side and a central difference averages both, so the two differ by about the trapezoid rule's own error,
    // which completeness measures (with 1,024 steps the largest difference falls from 1e-3 to 2e-4).
    const worst: number[] = [];
    for (const r of records) {
      const [a, b] = [await integratedGradients(tfjs, r, { steps: 64, maxSteps: 64 }), await integratedGradients(onnx, r, { steps: 64, maxSteps: 64 })];
      const byName = new Map(a.attributions.map((x) => [x.feature, x.attribution]));
      let w = 0;
      for (const x of b.attributions) w = Math.max(w, Math.abs(x.attribution - byName.get(x.feature)!));
      assert.ok(w <= 1e-5 + a.completeness.error + b.completeness.error, `difference ${w} beyond the completeness errors ${a.completeness.error} + ${b.completeness.error}`);
      worst.push(w);
    }
    worst.sort((p, q) => p - q);
    assert.ok(worst[Math.floor(worst.length / 2)]! < 1e-5, `median difference ${worst[Math.floor(worst.length / 2)]}`);
  });

  test('KernelSHAP gives the same values whichever runtime runs the model', async () => {
    for (const r of records.slice(0, 3)) {
      const [a, b] = [await kernelShap(tfjs, r), await kernelShap(onnx, r)];
      assert.ok(a.exact && b.exact);
      const byName = new Map(a.attributions.map((x) => [x.feature, x.attribution]));
      for (const x of b.attributions) assert.ok(Math.abs(x.attribution - byName.get(x.feature)!) < 1e-5, x.feature);
    }
  });
});

describe('comparing ONNX versions', () => {
  test('a v2 damaged on payment_type = Cash is worse on that slice, and the comparison says roll back', async () => {
    const block = onnx.transform.blocks.find((b) => b.name === 'payment_type')!;
    const cashColumn = block.offset; // vocabulary slot 0 is "Cash"
    writeAsOnnx(2, (w1, w2) => {
      // Route Cash into the hidden unit that pushes the output up most: Cash riders (who do not tip) now look like tippers.
      let best = 0;
      for (let u = 1; u < w2.length; u++) if (w2[u]! > w2[best]!) best = u;
      w1[cashColumn * w2.length + best] = w1[cashColumn * w2.length + best]! + 25;
    });
    const v2 = await openModel(onnxRoot, { version: 2 });
    try {
      const report = await compareVersions(onnx, v2, sourceOf(evalCsv.batches), { replicates: 100, attributionRows: 50 });
      assert.equal(report.recommendation.decision, 'roll back');
      assert.equal(report.worseSlices[0]?.feature, 'payment_type');
      assert.equal(report.worseSlices[0]?.value, 'Cash');
      assert.ok(!report.worseSlices.some((s) => s.feature === 'payment_type' && s.value === 'Credit Card'), 'the undamaged slice is not worse');
    } finally {
      v2.dispose();
    }
  });
});
