/**
 * Browser side of bench/datapointBrowser.ts: the datapoint editor's work on each tfjs backend Chromium offers
 * (WebGPU, WebGL, wasm, cpu), through the same core code the webview bundles, against a bare tfjs loop on the same
 * backend. Results go to `window.benchResult`.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { FeatureSpec } from '../../src/core/model/featureSpecTypes.js';
import type { ExampleRecord } from '../../src/core/model/featureTransform.js';
import { FeatureTransform } from '../../src/core/model/featureTransform.js';
import { gridScores, quantileGrid } from '../../src/core/model/iceCurves.js';
import { integratedGradientsRows } from '../../src/core/model/integratedGradients.js';
import { outputLayout } from '../../src/core/model/modelOutputs.js';
import { modelFromArtifacts } from '../../src/core/model/tfjsModel.js';

interface BenchWindow {
  benchResult?: unknown;
  benchError?: string;
}

const pct = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function loadVersion(v: string) {
  const spec = (await (await fetch(`/test/fixtures/models/taxi_model/${v}/feature_spec.json`)).json()) as FeatureSpec;
  const artifacts = await tf.io.http(`/test/fixtures/models/taxi_model/${v}/model.json`).load!();
  const transform = new FeatureTransform(spec);
  const model = await modelFromArtifacts(artifacts, { inputSize: transform.width });
  const layers = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  return { spec, transform, model, outputs: outputLayout(spec, model.outputSize, v), layers };
}

async function run(): Promise<unknown> {
  setWasmPaths('/dist/');
  tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
  tf.enableProdMode();
  const text = await (await fetch('/eval.csv')).text();
  const [head, ...lines] = text.split(/\r?\n/).filter((l) => l.length > 0);
  const names = head!.split(',');
  const records: ExampleRecord[] = lines.slice(0, 1000).map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v])));
  await tf.setBackend('cpu');
  const versions = [await loadVersion('1'), await loadVersion('2')];
  const out: Record<string, unknown> = {};
  for (const backend of (new URLSearchParams((globalThis as unknown as { location: { search: string } }).location.search).get('backends') ?? 'webgl,webgpu,wasm,cpu').split(',')) {
    let ok = false;
    try {
      ok = await tf.setBackend(backend);
      await tf.ready();
    } catch {
      ok = false;
    }
    if (!ok) {
      out[backend] = 'unavailable';
      continue;
    }
    const stage = { name: 'keystroke' };
    try {
    // 1. keystroke → scores, both versions.
    const typed = ['1', '12', '12.', '12.5', '7', '3', '33', '33.', '33.2', '33.25'];
    const inputs = versions.map((v) => new Float32Array(v.transform.width));
    const one = async (fare: string): Promise<void> => {
      for (let i = 0; i < versions.length; i++) {
        const v = versions[i]!;
        v.transform.transformRecord({ ...records[0]!, fare }, inputs[i]!);
        v.outputs.scores(await v.model.predict(inputs[i]!, 1), 1);
      }
    };
    for (let i = 0; i < 30; i++) await one(typed[i % typed.length]!);
    const ks: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await one(typed[i % typed.length]!);
      ks.push(performance.now() - t0);
    }
    const tensors = versions.map((v, i) => tf.tensor2d(inputs[i]!, [1, v.transform.width]));
    const peerKs: number[] = [];
    for (let i = 0; i < 330; i++) {
      const t0 = performance.now();
      for (let j = 0; j < versions.length; j++) {
        const y = versions[j]!.layers.predictOnBatch(tensors[j]!) as tf.Tensor;
        await y.data();
        y.dispose();
      }
      if (i >= 30) peerKs.push(performance.now() - t0);
    }
    tensors.forEach((t) => t.dispose());
    stage.name = 'integrated gradients';
    // 2. IG for 1,000 rows (version 1, 64 steps, zero baseline) and the bare tf.grad loop over the same points.
    const v1 = versions[0]!;
    const w = v1.transform.width;
    const x = new Float32Array(records.length * w);
    records.forEach((r, i) => v1.transform.transformRecord(r, x, i * w));
    const steps = 64;
    await integratedGradientsRows(v1, x.subarray(0, 10 * w), 10, new Float32Array(w), steps, () => 0);
    let t0 = performance.now();
    await integratedGradientsRows(v1, x, records.length, new Float32Array(w), steps, () => 0);
    const ig = performance.now() - t0;
    const perCall = Math.floor(8192 / (steps + 1));
    const chunks: tf.Tensor2D[] = [];
    for (let first = 0; first < records.length; first += perCall) {
      const n = Math.min(perCall, records.length - first);
      const pts = new Float32Array(n * (steps + 1) * w);
      let p = 0;
      for (let r = first; r < first + n; r++) for (let s = 0; s <= steps; s++) for (let j = 0; j < w; j++) pts[p++] = (s / steps) * x[r * w + j]!;
      chunks.push(tf.tensor2d(pts, [n * (steps + 1), w]));
    }
    const g = tf.grad((v: tf.Tensor) => (v1.layers.predictOnBatch(v as tf.Tensor2D) as tf.Tensor).sum());
    const warm = g(chunks[0]!);
    await warm.data();
    warm.dispose();
    t0 = performance.now();
    for (const c of chunks) {
      const d = g(c);
      await d.data();
      d.dispose();
    }
    const igPeer = performance.now() - t0;
    chunks.forEach((c) => c.dispose());
    stage.name = 'PDP/ICE';
    // 3. PDP/ICE over 20 grid points × 1,000 rows and the bare predict loop on tensors built beforehand.
    const grid = quantileGrid(records.map((r) => r.fare as string), 20);
    await gridScores(v1, x.subarray(0, 10 * w), 10, 'fare', grid);
    t0 = performance.now();
    await gridScores(v1, x, records.length, 'fare', grid);
    const pdp = performance.now() - t0;
    const block = v1.transform.block('fare')!;
    const gridTensors = grid.map((value) => {
      const copy = x.slice();
      const col = new Float32Array(w);
      v1.transform.transformFeatureValue('fare', value, col, 0);
      for (let r = 0; r < records.length; r++) copy[r * w + block.offset] = col[block.offset]!;
      return tf.tensor2d(copy, [records.length, w]);
    });
    const warmY = v1.layers.predictOnBatch(gridTensors[0]!) as tf.Tensor;
    await warmY.data();
    warmY.dispose();
    t0 = performance.now();
    for (const t of gridTensors) {
      const y = v1.layers.predictOnBatch(t) as tf.Tensor;
      await y.data();
      y.dispose();
    }
    const pdpPeer = performance.now() - t0;
    gridTensors.forEach((t) => t.dispose());
    out[backend] = {
      keystroke: { p50: pct(ks, 0.5), p95: pct(ks, 0.95), peerP50: pct(peerKs, 0.5), peerP95: pct(peerKs, 0.95) },
      ig: { ms: ig, peerMs: igPeer },
      pdp: { ms: pdp, peerMs: pdpPeer, grid: grid.length },
    };
    } catch (err) {
      out[backend] = `failed in ${stage.name}: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  return out;
}

const w = globalThis as unknown as BenchWindow;
run().then(
  (r) => (w.benchResult = r),
  (e: unknown) => (w.benchError = e instanceof Error ? e.stack ?? e.message : String(e)),
);
