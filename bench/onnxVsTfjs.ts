/**
 * onnxruntime-web (wasm) against TensorFlow.js (wasm backend) on the same MLP: the taxi model
 * (test/fixtures/models/taxi_model/1, Dense 24→12 relu → 1 sigmoid) and its weights written as an ONNX graph.
 *
 *   npx tsx bench/onnxVsTfjs.ts [--rows 200000] [--rounds 3] [--latency-calls 2000]
 *
 * Batch throughput: `--rows` transformed rows predicted through LoadedModel.predict in batches of 16,384 (what
 * batch prediction sends), median of `--rounds`. Single-row latency: one row per call, p50 / p95 over
 * `--latency-calls` calls after a warm-up. Both runtimes get the same Float32Array inputs; the ratio is
 * tfjs time / ONNX time (above 1: ONNX is faster). The two outputs are compared too (largest difference).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openModel } from '../src/core/model/openModel.js';
import type { OpenedModel } from '../src/core/model/openModel.js';
import { readDenseLayers } from '../test/core/model/reference.js';
import { mlp } from '../test/core/model/onnx/onnxFixtures.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const rows = Number(option('rows', '200000'));
const rounds = Number(option('rounds', '3'));
const latencyCalls = Number(option('latency-calls', '2000'));
const root = path.resolve(__dirname, '..');
const tfjsDir = path.join(root, 'test/fixtures/models/taxi_model');

const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function throughput(m: OpenedModel, inputs: Float32Array): Promise<{ seconds: number; out: Float32Array }> {
  const w = m.transform.width;
  const times: number[] = [];
  let out = new Float32Array(0);
  for (let round = 0; round < rounds; round++) {
    const parts: Float32Array[] = [];
    const t0 = performance.now();
    for (let first = 0; first < rows; first += 16_384) {
      const n = Math.min(16_384, rows - first);
      parts.push(await m.model.predict(inputs.subarray(first * w, (first + n) * w), n));
    }
    times.push((performance.now() - t0) / 1000);
    if (round === 0) {
      out = new Float32Array(rows * m.model.outputSize);
      let at = 0;
      for (const p of parts) out.set(p, (at += p.length) - p.length);
    }
  }
  return { seconds: quantile(times, 0.5), out };
}

async function latency(m: OpenedModel, inputs: Float32Array): Promise<{ p50: number; p95: number }> {
  const w = m.transform.width;
  for (let i = 0; i < 200; i++) await m.model.predict(inputs.subarray(i * w, (i + 1) * w), 1);
  const times: number[] = [];
  for (let i = 0; i < latencyCalls; i++) {
    const row = inputs.subarray((i % rows) * w, ((i % rows) + 1) * w);
    const t0 = performance.now();
    await m.model.predict(row, 1);
    times.push(performance.now() - t0);
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'facetwise-bench-onnx-'));
  try {
    const [l1, l2] = readDenseLayers(path.join(tfjsDir, '1'));
    const onnxDir = path.join(tmp, 'taxi_onnx', '1');
    mkdirSync(onnxDir, { recursive: true });
    writeFileSync(path.join(onnxDir, 'model.onnx'), mlp([...l1!.kernel], [...l1!.bias], [...l2!.kernel], [...l2!.bias], l1!.inputs));
    copyFileSync(path.join(tfjsDir, '1', 'feature_spec.json'), path.join(onnxDir, 'feature_spec.json'));
    const tfjs = await openModel(tfjsDir, { version: 1, backend: 'wasm' });
    const onnx = await openModel(path.dirname(onnxDir), { version: 1 });
    const w = tfjs.transform.width;
    // Rows shaped like the spec's: standardised numerics in [-2, 2], one-hot blocks with one slot set.
    const inputs = new Float32Array(rows * w);
    let seed = 1;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let r = 0; r < rows; r++) {
      for (const b of tfjs.transform.blocks) {
        if (b.width === 1) inputs[r * w + b.offset] = 4 * random() - 2;
        else inputs[r * w + b.offset + Math.floor(random() * b.width)] = 1;
      }
    }
    console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${os.cpus().length} cores; ${rows} rows × ${w} inputs, ${rounds} rounds`);
    const a = await throughput(tfjs, inputs);
    const b = await throughput(onnx, inputs);
    let worst = 0;
    for (let i = 0; i < a.out.length; i++) worst = Math.max(worst, Math.abs(a.out[i]! - b.out[i]!));
    const la = await latency(tfjs, inputs);
    const lb = await latency(onnx, inputs);
    const table = [
      ['', 'tfjs wasm', 'onnxruntime-web wasm', 'ratio tfjs/onnx'],
      ['batch rows/s', Math.round(rows / a.seconds).toLocaleString('en-US'), Math.round(rows / b.seconds).toLocaleString('en-US'), (a.seconds / b.seconds).toFixed(2)],
      ['single row p50 (ms)', la.p50.toFixed(3), lb.p50.toFixed(3), (la.p50 / lb.p50).toFixed(2)],
      ['single row p95 (ms)', la.p95.toFixed(3), lb.p95.toFixed(3), (la.p95 / lb.p95).toFixed(2)],
    ];
    for (const row of table) console.log(row.map((c, i) => (i === 0 ? c.padEnd(22) : c.padStart(22))).join(''));
    console.log(`largest output difference: ${worst.toExponential(2)}`);
    tfjs.dispose();
    onnx.dispose();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

void main();
