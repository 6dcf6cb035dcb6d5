// The datapoint editor's ONNX path outside the browser: a model.onnx fetched by URL (a data: URL here, a webview
// resource URI in VS Code) runs on onnxruntime-web's WebGPU build through the same core code as the host, predicts
// what a hand computation says, differentiates by central differences, and the editor's backends say precisely
// why WebGPU (no adapter here) and WebGL / cpu (no such onnxruntime-web provider) are not used.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { chooseBackends } from '../../../src/core/model/backendChoice.js';
import { configureOnnx, WebOnnxModel } from '../../../webview/datapoint/onnxWebModel.js';
import { EditorBackends } from '../../../webview/datapoint/editorBackends.js';
import type { WebModel } from '../../../webview/datapoint/webModels.js';
import { logisticRegression } from '../../core/model/onnx/onnxFixtures.js';

const w = [0.5, -1.25, 2];
const b = 0.1;
const url = `data:application/octet-stream;base64,${Buffer.from(logisticRegression(w, b)).toString('base64')}`;
configureOnnx(path.resolve('node_modules/onnxruntime-web/dist') + path.sep);

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

describe('ONNX in the datapoint editor', () => {
  test('predicts as the hand computation, with central-difference gradients, on onnxruntime-web (wasm)', async () => {
    const m = await WebOnnxModel.load(url, 'lr/1', { inputSize: 3 });
    try {
      assert.equal(m.engine, 'onnxruntime-web (wasm)');
      assert.equal(m.inputSize, 3);
      assert.equal(m.outputSize, 1);
      const x = Float32Array.from([1, 2, 3, -1, 0, 0.5]);
      const y = await m.predict(x, 2);
      for (let r = 0; r < 2; r++) {
        const p = sigmoid(w.reduce((s, wi, i) => s + wi * x[r * 3 + i]!, b));
        assert.ok(Math.abs(y[r]! - p) < 1e-6, `row ${r}: ${y[r]} vs ${p}`);
        const g = await m.gradients(x.subarray(r * 3, r * 3 + 3), 1, 0);
        w.forEach((wi, i) => assert.ok(Math.abs(g[i]! - p * (1 - p) * wi) < 1e-3, `d/dx${i}: ${g[i]} vs ${p * (1 - p) * wi}`));
      }
    } finally {
      m.dispose();
    }
  });

  test('the editor backends: wasm is the reference and used; WebGPU unavailable with the reason; WebGL and cpu name onnxruntime-web', async () => {
    const m = await WebOnnxModel.load(url, 'lr/1', { inputSize: 3 });
    try {
      // Node has no navigator.gpu: the browser's check says so, as headless Chromium's does ("no adapter").
      const noTfjs = (): never => {
        throw new Error('no TensorFlow.js version here');
      };
      const backends = new EditorBackends([{ onnx: m, model: m } as unknown as WebModel], {
        precheck: async (name) => (name === 'webgpu' ? 'navigator.gpu is undefined (this webview has no WebGPU)' : undefined),
        startTfjs: noTfjs,
        tfjsCandidates: noTfjs,
        useBackend: noTfjs,
      });
      assert.equal(backends.runtimes, 'onnxruntime-web');
      const probe = Float32Array.from({ length: 30 }, (_, i) => Math.sin(i));
      const decision = await chooseBackends(backends.candidates((batch, rows) => m.predict(batch, rows)), { probe, probeRows: 10, width: 3, batches: [1, 100] });
      const byName = new Map(decision.trials.map((t) => [t.name, t]));
      assert.equal(decision.reference, 'wasm');
      assert.equal(decision.realtime, 'wasm');
      assert.equal(byName.get('webgpu')!.status, 'unavailable');
      assert.equal(byName.get('webgpu')!.reason, 'navigator.gpu is undefined (this webview has no WebGPU)');
      for (const name of ['webgl', 'cpu'] as const) assert.equal(byName.get(name)!.reason, 'onnxruntime-web runs ONNX versions on WebGPU or wasm only');
      await assert.rejects(backends.use('webgl'), /no webgl provider/);
      // Where the browser has an adapter but onnxruntime-web's provider fails, the reason is onnxruntime's own.
      const optimistic = new EditorBackends([{ onnx: m, model: m } as unknown as WebModel], { precheck: async () => undefined, startTfjs: noTfjs, tfjsCandidates: noTfjs, useBackend: noTfjs });
      const webgpu = optimistic.candidates((batch, rows) => m.predict(batch, rows)).find((c) => c.name === 'webgpu')!;
      assert.match((await webgpu.start()) ?? '', /^onnxruntime-web could not start its webgpu execution provider: /);
    } finally {
      m.dispose();
    }
  });
});
