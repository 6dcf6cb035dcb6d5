import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import { currentBackend, findWasmDir, parseBackendChoice, selectBackend } from '../../../src/core/model/backend.js';

// tfjs-node(-gpu) are not installed on this machine (they download libtensorflow), so auto lands on wasm.
describe('backend choice', () => {
  test('auto tries tfjs-node-gpu, tfjs-node, then wasm (SIMD), and reports each attempt', async () => {
    const report = await selectBackend();
    assert.deepEqual(report.attempts.map((a) => a.name), ['tensorflow-gpu', 'tensorflow', 'wasm']);
    assert.match(report.attempts[0]!.reason!, /@tensorflow\/tfjs-node-gpu is not installed/);
    assert.match(report.attempts[1]!.reason!, /@tensorflow\/tfjs-node is not installed/);
    assert.equal(report.name, 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
    assert.equal(report.simd, true);
    assert.equal(report.wasmDir, findWasmDir());
    assert.equal(currentBackend(), report);
    // The wasm backend computes.
    const out = tf.tidy(() => tf.tensor2d([[1, 2]]).matMul(tf.tensor2d([[3], [4]])).dataSync()[0]);
    assert.equal(out, 11);
  });

  test('a forced backend is used, and one that cannot start is an error (no silent fallback)', async () => {
    const cpu = await selectBackend({ backend: 'cpu' });
    assert.equal(cpu.name, 'cpu');
    assert.equal(tf.getBackend(), 'cpu');
    await assert.rejects(
      () => selectBackend({ backend: 'tensorflow' }),
      (err: unknown) => err instanceof FacetwiseError && err.code === 'MODEL_BACKEND_UNAVAILABLE' && /tfjs-node is not installed/.test(err.message),
    );
    assert.equal(tf.getBackend(), 'cpu');
    const wasm = await selectBackend({ backend: 'wasm' });
    assert.equal(wasm.name, 'wasm');
  });

  test('a wasm folder without the binaries is passed over; backend names parse', async () => {
    assert.equal(findWasmDir('/nonexistent'), findWasmDir()); // falls through to the package's copy
    assert.equal(parseBackendChoice('node-gpu'), 'tensorflow-gpu');
    assert.equal(parseBackendChoice('WASM'), 'wasm');
    assert.equal(parseBackendChoice('webgl'), undefined);
  });
});
