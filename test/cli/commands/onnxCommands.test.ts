// The CLI with ONNX models: model init fits a spec to the model's inputs, predict and explain (IG and KernelSHAP)
// run it, and compare-models compares an ONNX v1 with a v2.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../cliHarness.js';
import { taxiEval, taxiTrain } from '../../core/model/naiveCsv.js';
import { logisticRegression, namedInputsClassifier } from '../../core/model/onnx/onnxFixtures.js';

let tmp: string;
before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'facetwise-onnx-cli-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('facetwise with ONNX models', () => {
  test('model init --onnx on a named-input model: the features are the model inputs, strings by vocabulary slot; predict runs it', async () => {
    const dir = path.join(tmp, 'named', '1');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'model.onnx'), namedInputsClassifier(['Cash', 'Credit Card'], [-1.5, 1, 0.01], 0));
    const specFile = path.join(dir, 'feature_spec.json');
    const init = await runCli(['model', 'init', taxiTrain, '--task', 'binary', '--label', 'tips > 0.2 * fare', '--onnx', path.join(dir, 'model.onnx'), '--unknown-string', '', '-o', specFile]);
    assert.equal(init.code, 0, init.stderr);
    const spec = JSON.parse(readFileSync(specFile, 'utf8')) as { features: { name: string; transform: { kind: string; encoding?: string } }[]; unknownString?: string };
    assert.deepEqual(
      spec.features.map((f) => [f.name, f.transform.kind, f.transform.encoding]),
      [
        ['payment_type', 'vocabulary', 'index'],
        ['fare', 'numeric', undefined],
      ],
    );
    assert.equal(spec.unknownString, '');
    const out = path.join(tmp, 'named.csv');
    const predict = await runCli(['predict', path.join(tmp, 'named'), taxiEval, '-o', out]);
    assert.equal(predict.code, 0, predict.stderr);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    assert.equal(lines.length, 5001);
  });

  test('model init --onnx on a dense model whose width the derived spec does not match says how many columns it takes', async () => {
    const dir = path.join(tmp, 'dense', '1');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'model.onnx'), logisticRegression([1, 2, 3], 0));
    const init = await runCli(['model', 'init', taxiTrain, '--task', 'binary', '--label', 'tips > 0.2 * fare', '--onnx', path.join(dir, 'model.onnx')]);
    assert.notEqual(init.code, 0);
    assert.match(init.stderr, /takes 3 columns per row/);
    const ok = await runCli(['model', 'init', taxiTrain, '--task', 'binary', '--label', 'tips > 0.2 * fare', '--onnx', path.join(dir, 'model.onnx'), '--features', 'fare,trip_miles,trip_seconds', '-o', path.join(dir, 'feature_spec.json')]);
    assert.equal(ok.code, 0, ok.stderr);
  });

  test('explain --method shap on an ONNX model: exact KernelSHAP values that add up to f(x) − E f(background)', async () => {
    const run = await runCli(['explain', path.join(tmp, 'dense'), '--example', '{"fare": 10, "trip_miles": 2, "trip_seconds": 600}', '--method', 'shap']);
    assert.equal(run.code, 0, run.stderr);
    const r = JSON.parse(run.stdout) as { method: string; exact: boolean; prediction: number; baselinePrediction: number; attributions: { feature: string; attribution: number }[] };
    assert.equal(r.method, 'kernel-shap');
    assert.equal(r.exact, true);
    const sum = r.attributions.reduce((a, x) => a + x.attribution, 0);
    assert.ok(Math.abs(sum - (r.prediction - r.baselinePrediction)) < 1e-6);
    assert.equal(r.attributions.length, 3);
    const bad = await runCli(['explain', path.join(tmp, 'dense'), '--example', '{"fare": 10, "trip_miles": 2, "trip_seconds": 600}', '--method', 'lime']);
    assert.equal(bad.code, 2);
  });
});
