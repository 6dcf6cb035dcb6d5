import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BackendCandidate, WebBackendName } from '../../../src/core/model/backendChoice.js';
import { chooseBackends, maxAbsDifference, parseWebBackendChoice } from '../../../src/core/model/backendChoice.js';
import { nativeBackendReason } from '../../../src/core/model/nativeBackendReason.js';

const width = 2;
const probeRows = 4;
const probe = Float32Array.from({ length: probeRows * width }, (_, i) => i / 10);
const truth = (batch: Float32Array, rows: number): Float32Array => Float32Array.from({ length: rows }, (_, r) => batch[r * width]! + 2 * batch[r * width + 1]!);

/** A fake clock: each predict advances it by `costPerRow × rows + overhead` milliseconds. */
function fakeBackends(spec: Partial<Record<WebBackendName, { start?: string | Error; error?: number; perRow: number; overhead: number }>>): { candidates: BackendCandidate[]; now: () => number } {
  let clock = 0;
  const candidates = Object.entries(spec).map(([name, s]): BackendCandidate => ({
    name: name as WebBackendName,
    async start() {
      if (s!.start instanceof Error) throw s!.start;
      return s!.start;
    },
    async predict(batch, rows) {
      clock += s!.overhead + s!.perRow * rows;
      const out = truth(batch, rows);
      if (s!.error) out[0] = out[0]! + s!.error;
      return out;
    },
  }));
  return { candidates, now: () => clock };
}

describe('backend chooser', () => {
  test('an unavailable backend is listed with its reason; wasm is the reference', async () => {
    const { candidates, now } = fakeBackends({
      webgpu: { start: 'navigator.gpu is undefined (this browser has no WebGPU)', perRow: 0, overhead: 0 },
      webgl: { start: new Error('WebGL2 context could not be created'), perRow: 0, overhead: 0 },
      wasm: { perRow: 0.001, overhead: 0.05 },
      cpu: { perRow: 0.01, overhead: 0.01 },
    });
    const d = await chooseBackends(candidates, { probe, probeRows, width, now });
    assert.equal(d.reference, 'wasm');
    const byName = new Map(d.trials.map((t) => [t.name, t]));
    assert.equal(byName.get('webgpu')!.status, 'unavailable');
    assert.match(byName.get('webgpu')!.reason, /navigator\.gpu/);
    assert.equal(byName.get('webgl')!.status, 'unavailable');
    assert.match(byName.get('webgl')!.reason, /WebGL2 context/);
  });

  test('a GPU backend whose probe scores differ by more than 1e-4 is refused, with the difference', async () => {
    const { candidates, now } = fakeBackends({
      webgpu: { error: 3e-3, perRow: 0.00001, overhead: 0.001 },
      webgl: { error: 5e-5, perRow: 0.0001, overhead: 0.5 },
      wasm: { perRow: 0.001, overhead: 0.05 },
    });
    const d = await chooseBackends(candidates, { probe, probeRows, width, now });
    const webgpu = d.trials.find((t) => t.name === 'webgpu')!;
    assert.equal(webgpu.status, 'refused');
    assert.match(webgpu.reason, /differ from wasm's by up to 3\.00e-3/);
    assert.ok(Math.abs(webgpu.maxAbsDiff! - 3e-3) < 1e-6);
    // Refused despite being the fastest: never chosen.
    assert.notEqual(d.realtime, 'webgpu');
    assert.notEqual(d.batch, 'webgpu');
    // Within tolerance: kept.
    assert.equal(d.trials.find((t) => t.name === 'webgl')!.status, 'used');
  });

  test('the choice is by measurement: fastest single row for edits, fastest 10k batch for batches', async () => {
    const { candidates, now } = fakeBackends({
      webgl: { perRow: 0.00001, overhead: 2 }, // big fixed cost, cheap rows
      wasm: { perRow: 0.002, overhead: 0.02 },
      cpu: { perRow: 0.005, overhead: 0.001 }, // cheapest single row, slowest batch
    });
    const d = await chooseBackends(candidates, { probe, probeRows, width, now });
    assert.equal(d.realtime, 'cpu');
    assert.equal(d.batch, 'webgl');
    const wasm = d.trials.find((t) => t.name === 'wasm')!;
    assert.equal(wasm.status, 'ready');
    assert.ok(wasm.rowsPerSecond![1]! > 0 && wasm.rowsPerSecond![10000]! > 0);
    // 1 row in 0.022 ms.
    assert.ok(Math.abs(wasm.rowsPerSecond![1]! - 1 / 0.000022) / (1 / 0.000022) < 1e-6);
    assert.match(d.trials.find((t) => t.name === 'webgl')!.reason, /batches/);
    // The one that passed but lost says what beat it, with the measured rates.
    assert.match(wasm.reason, /^not used: slower than cpu on one row \([\d,]+ vs [\d,]+ rows\/s\) and than webgl on 10000 rows \([\d,]+ vs [\d,]+\)$/);
  });

  test('a forced backend is used alone; a forced backend that is refused is an error saying why', async () => {
    const ok = fakeBackends({ webgl: { perRow: 0.0001, overhead: 1 }, wasm: { perRow: 0.001, overhead: 0.01 } });
    const d = await chooseBackends(ok.candidates, { probe, probeRows, width, now: ok.now, choice: 'webgl' });
    assert.equal(d.realtime, 'webgl');
    assert.equal(d.batch, 'webgl');
    assert.equal(d.trials.find((t) => t.name === 'wasm')!.rowsPerSecond, undefined);
    const bad = fakeBackends({ webgl: { error: 1, perRow: 0, overhead: 0 }, wasm: { perRow: 0.001, overhead: 0.01 } });
    await assert.rejects(chooseBackends(bad.candidates, { probe, probeRows, width, now: bad.now, choice: 'webgl' }), /webgl was refused: its scores differ/);
    const none = fakeBackends({ wasm: { start: 'no WebAssembly', perRow: 0, overhead: 0 }, cpu: { start: 'broken', perRow: 0, overhead: 0 } });
    await assert.rejects(chooseBackends(none.candidates, { probe, probeRows, width, now: none.now }), /no reference backend.*wasm: no WebAssembly/);
  });

  test('NaN scores count as an infinite difference; the setting parser refuses unknown names', () => {
    assert.equal(maxAbsDifference(Float32Array.of(1, NaN), Float32Array.of(1, 2)), Infinity);
    assert.equal(maxAbsDifference(Float32Array.of(1, 2), Float32Array.of(1, 2.5)), 0.5);
    assert.equal(parseWebBackendChoice('webgpu'), 'webgpu');
    assert.equal(parseWebBackendChoice('tensorflow'), undefined);
  });
});

describe('host tfjs-node reason', () => {
  test('not installed / CUDA libraries missing / native library missing / other', () => {
    const notFound = Object.assign(new Error("Cannot find module '@tensorflow/tfjs-node-gpu'"), { code: 'MODULE_NOT_FOUND' });
    assert.equal(nativeBackendReason('@tensorflow/tfjs-node-gpu', notFound).kind, 'not-installed');
    const cuda = new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory');
    const r = nativeBackendReason('@tensorflow/tfjs-node-gpu', cuda);
    assert.equal(r.kind, 'cuda-missing');
    assert.match(r.message, /CUDA 11\.2 and cuDNN 8\.1.*|libcudart\.so\.11\.0/);
    const binding = Object.assign(new Error("Cannot find module '/x/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node'"), { code: 'MODULE_NOT_FOUND' });
    assert.equal(nativeBackendReason('@tensorflow/tfjs-node', binding).kind, 'native-binding-missing');
    assert.equal(nativeBackendReason('@tensorflow/tfjs-node', new Error('boom')).kind, 'other');
  });
});
