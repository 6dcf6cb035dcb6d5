/**
 * The datapoint editor's work, per backend, against a bare tfjs loop on the same backend in the same run.
 *
 *   npx tsx bench/datapointEditor.ts [--backends wasm,cpu] [--keystrokes 400] [--rows 1000]
 *
 * 1. Keystroke → scores: both taxi_model versions rescore one example per keystroke, the way the webview does it
 *    (FeatureTransform.transformRecord + LoadedModel.predict(1 row) + OutputLayout.scores), while a value is typed
 *    character by character. p50 / p95 over `--keystrokes`. Peer: `model.predict(tensor).data()` on tensors built
 *    beforehand (no transform). Target from the issue: p95 < 16 ms on wasm with two versions.
 * 2. Integrated gradients for `--rows` rows (64 steps, zero baseline) through core integratedGradientsRows vs the
 *    peer: tf.grad over the same interpolation points in the same chunks.
 * 3. PDP + ICE over 20 grid points × `--rows` rows through core gridScores vs the peer: `predict` on 20 tensors
 *    built beforehand.
 * Runs in Node: WebGL / WebGPU exist only in the webview (their rows/s are in the panel's backend table).
 */
import * as path from 'node:path';
import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { BackendChoice } from '../src/core/model/backend.js';
import { selectBackend } from '../src/core/model/backend.js';
import type { ExampleRecord } from '../src/core/model/featureTransform.js';
import { gridScores, quantileGrid } from '../src/core/model/iceCurves.js';
import { integratedGradientsRows } from '../src/core/model/integratedGradients.js';
import type { OpenedModel } from '../src/core/model/openModel.js';
import { openModel } from '../src/core/model/openModel.js';
import { readFileSync } from 'node:fs';
import { fileSystemIoHandler } from '../src/core/model/fileSystemIoHandler.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const root = path.resolve(__dirname, '..');
const backends = option('backends', 'wasm,cpu').split(',') as BackendChoice[];
const keystrokes = Number(option('keystrokes', '400'));
const rows = Number(option('rows', '1000'));
const modelDir = path.join(root, 'test/fixtures/models/taxi_model');
/** eval.csv quotes nothing: a split on commas reads it. */
function csvRecords(file: string): ExampleRecord[] {
  const [head, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const names = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v])));
}
const records = csvRecords(path.join(root, '../shared/data/taxi/eval.csv')).slice(0, rows);

const pct = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (v: number): string => `${v.toFixed(3)} ms`;

function transformAll(m: OpenedModel, rs: readonly ExampleRecord[]): Float32Array {
  const w = m.transform.width;
  const out = new Float32Array(rs.length * w);
  rs.forEach((r, i) => m.transform.transformRecord(r, out, i * w));
  return out;
}

/** The text a user types into `fare`, one keystroke at a time, cycling. */
function typed(n: number): string[] {
  const values = ['12.5', '7', '33.25', '0.5'];
  const out: string[] = [];
  for (let v = 0; out.length < n; v++) {
    const s = values[v % values.length]!;
    for (let i = 1; i <= s.length && out.length < n; i++) out.push(s.slice(0, i));
  }
  return out;
}

async function keystrokeBench(models: OpenedModel[]): Promise<void> {
  const base = records[0]!;
  const inputs = models.map((m) => new Float32Array(m.transform.width));
  const one = async (text: string): Promise<void> => {
    const example = { ...base, fare: text };
    for (let i = 0; i < models.length; i++) {
      const m = models[i]!;
      m.transform.transformRecord(example, inputs[i]!);
      m.outputs.scores(await m.model.predict(inputs[i]!, 1), 1);
    }
  };
  const texts = typed(keystrokes);
  for (const t of texts.slice(0, 50)) await one(t); // warm-up
  const ours: number[] = [];
  for (const t of texts) {
    const t0 = performance.now();
    await one(t);
    ours.push(performance.now() - t0);
  }
  // Peer: the same two models on tensors built beforehand.
  const layers = await Promise.all(models.map((m) => tf.loadLayersModel(fileSystemIoHandler(m.dir))));
  const peerTimes: number[] = [];
  const tensors = models.map((m, i) => {
    m.transform.transformRecord({ ...base, fare: '12.5' }, inputs[i]!);
    return tf.tensor2d(inputs[i]!, [1, m.transform.width]);
  });
  const peerOne = async (): Promise<void> => {
    for (let i = 0; i < models.length; i++) {
      const y = layers[i]!.predictOnBatch(tensors[i]!) as tf.Tensor;
      await y.data();
      y.dispose();
    }
  };
  for (let i = 0; i < 50; i++) await peerOne();
  for (let i = 0; i < texts.length; i++) {
    const t0 = performance.now();
    await peerOne();
    peerTimes.push(performance.now() - t0);
  }
  tensors.forEach((t) => t.dispose());
  layers.forEach((l) => l.dispose());
  ours.sort((a, b) => a - b);
  peerTimes.sort((a, b) => a - b);
  console.log(`  keystroke → scores, ${models.length} versions, ${texts.length} keystrokes: p50 ${ms(pct(ours, 0.5))}, p95 ${ms(pct(ours, 0.95))}, max ${ms(ours[ours.length - 1]!)}`);
  console.log(`    bare tfjs predict of the same models (no transform): p50 ${ms(pct(peerTimes, 0.5))}, p95 ${ms(pct(peerTimes, 0.95))}; ratio p95 peer/ours ${(pct(peerTimes, 0.95) / pct(ours, 0.95)).toFixed(2)}`);
}

async function igBench(m: OpenedModel): Promise<void> {
  const x = transformAll(m, records);
  const w = m.transform.width;
  const baseline = new Float32Array(w);
  const steps = 64;
  await integratedGradientsRows(m, x.subarray(0, 10 * w), 10, baseline, steps, () => 0); // warm-up
  const t0 = performance.now();
  await integratedGradientsRows(m, x, records.length, baseline, steps, () => 0);
  const ours = performance.now() - t0;
  // Peer: tf.grad over the same points, in the same chunks, built beforehand.
  const layers = await tf.loadLayersModel(fileSystemIoHandler(m.dir));
  const perCall = Math.max(1, Math.floor(8192 / (steps + 1)));
  const chunks: tf.Tensor2D[] = [];
  for (let first = 0; first < records.length; first += perCall) {
    const n = Math.min(perCall, records.length - first);
    const pts = new Float32Array(n * (steps + 1) * w);
    let p = 0;
    for (let r = first; r < first + n; r++) for (let s = 0; s <= steps; s++) for (let j = 0; j < w; j++) pts[p++] = (s / steps) * x[r * w + j]!;
    chunks.push(tf.tensor2d(pts, [n * (steps + 1), w]));
  }
  const g = tf.grad((v: tf.Tensor) => (layers.predictOnBatch(v as tf.Tensor2D) as tf.Tensor).sum());
  const gw = g(chunks[0]!);
  await gw.data();
  gw.dispose();
  const t1 = performance.now();
  for (const c of chunks) {
    const d = g(c);
    await d.data();
    d.dispose();
  }
  const peer = performance.now() - t1;
  chunks.forEach((c) => c.dispose());
  layers.dispose();
  console.log(`  IG ${records.length} rows × ${steps + 1} points (${m.version}): ${ms(ours)} (${Math.round(records.length / (ours / 1000))} rows/s); bare tf.grad loop ${ms(peer)}; ratio peer/ours ${(peer / ours).toFixed(2)}`);
}

async function pdpBench(m: OpenedModel): Promise<void> {
  const x = transformAll(m, records);
  const w = m.transform.width;
  const grid = quantileGrid(records.map((r) => r.fare as string), 20);
  if (grid.length === 0) throw new Error('no fare values');
  await gridScores(m, x.subarray(0, 10 * w), 10, 'fare', grid);
  const t0 = performance.now();
  await gridScores(m, x, records.length, 'fare', grid);
  const ours = performance.now() - t0;
  const layers = await tf.loadLayersModel(fileSystemIoHandler(m.dir));
  const block = m.transform.block('fare')!;
  const tensors = grid.map((v) => {
    const copy = x.slice();
    const z = (v - (block.transform as { mean: number }).mean) / (block.transform as { stdDev: number }).stdDev;
    for (let r = 0; r < records.length; r++) copy[r * w + block.offset] = z;
    return tf.tensor2d(copy, [records.length, w]);
  });
  const warm = layers.predictOnBatch(tensors[0]!) as tf.Tensor;
  await warm.data();
  warm.dispose();
  const t1 = performance.now();
  for (const t of tensors) {
    const y = layers.predictOnBatch(t) as tf.Tensor;
    await y.data();
    y.dispose();
  }
  const peer = performance.now() - t1;
  tensors.forEach((t) => t.dispose());
  layers.dispose();
  console.log(`  PDP/ICE ${grid.length} grid points × ${records.length} rows (${m.version}): ${ms(ours)}; bare predict loop on tensors built beforehand ${ms(peer)}; ratio peer/ours ${(peer / ours).toFixed(2)}`);
}

async function main(): Promise<void> {
  console.log(`datapoint editor bench: ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${records.length} rows of eval.csv`);
  for (const b of backends) {
    await selectBackend({ backend: b });
    const models = [await openModel(modelDir, { version: 1, backend: b }), await openModel(modelDir, { version: 2, backend: b })];
    console.log(`backend ${b} (tfjs: ${tf.getBackend()})`);
    await keystrokeBench(models);
    await igBench(models[0]!);
    await pdpBench(models[0]!);
    models.forEach((m) => m.dispose());
  }
}

void main();
