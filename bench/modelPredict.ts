/**
 * Model prediction throughput and latency, against a bare tfjs loop measured in the same run.
 *
 *   npx tsx bench/modelPredict.ts [--rows 1000000] [--backend wasm|cpu|auto] [--rounds 3] [--latency-calls 2000]
 *
 * Throughput: the taxi model (test/fixtures/models/taxi_model/1) over `--rows` rows (the 10,000 rows of
 * ../shared/data/taxi/train.csv read once by the CSV reader, then cycled), through Facetwise's batch prediction —
 * feature transform of the CSV bytes + model + scores — versus the peer: a plain `model.predict(tensor,
 * {batchSize})` + `data()` loop over tensors built beforehand from the same transformed rows, in batches of the
 * same sizes, on the same backend. Facetwise does strictly more work (it transforms the raw cells); the ratio
 * (peer time / Facetwise time) says how much of the bare model speed survives. Also printed: Facetwise with the
 * predictions formatted as CSV lines (what `facetwise predict` writes), to a null sink.
 *
 * Latency: one example at a time through the real-time predictor on the wasm backend (what a datapoint editor
 * calls), each call changing one value; p50 / p99 over `--latency-calls` calls after a warm-up.
 */
import * as path from 'node:path';
import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { RowBatch } from '../src/core/data/rowBatch.js';
import { readDataset, resolveDataset } from '../src/core/io/dataset.js';
import type { BackendChoice } from '../src/core/model/backend.js';
import { parseBackendChoice, selectBackend } from '../src/core/model/backend.js';
import { PredictionBuffers, predictBatch, predictRows } from '../src/core/model/batchPrediction.js';
import { loadModelArtifacts } from '../src/core/model/fileSystemIoHandler.js';
import { openModel } from '../src/core/model/openModel.js';
import { predictionCsvLines } from '../src/core/model/predictionCsv.js';
import { createRealtimePredictor } from '../src/core/model/realtimePredictor.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const root = path.resolve(__dirname, '..');
const rows = Number(option('rows', '1000000'));
const rounds = Number(option('rounds', '3'));
const latencyCalls = Number(option('latency-calls', '2000'));
const backend = parseBackendChoice(option('backend', 'wasm')) as BackendChoice;
const modelDir = path.join(root, 'test/fixtures/models/taxi_model');
const data = path.join(root, '../shared/data/taxi/train.csv');

/** The reader's batches, cycled until `rows` rows (the last one cut short). */
function cycled(batches: readonly RowBatch[], total: number): RowBatch[] {
  const out: RowBatch[] = [];
  let left = total;
  for (let i = 0; left > 0; i = (i + 1) % batches.length) {
    const b = batches[i]!;
    if (b.rowCount <= left) out.push(b);
    else out.push({ ...b, rowCount: left, positions: b.positions.subarray(0, left) });
    left -= Math.min(left, b.rowCount);
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function main(): Promise<void> {
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${os.cpus().length} cores, node ${process.version}`);
  const report = await selectBackend({ backend });
  console.log(`backend: ${report.name}${report.simd ? ' (SIMD)' : ''}`);
  const model = await openModel(modelDir, { version: 1, backend });
  const source: RowBatch[] = [];
  for await (const b of readDataset(await resolveDataset([data]))) source.push(b);
  const batches = cycled(source, rows);
  console.log(`${rows} rows in ${batches.length} batches of up to ${Math.max(...batches.map((b) => b.rowCount))} rows; model ${model.transform.width} inputs`);

  // Peer: the same rows, transformed once up front, as tensors; a bare LayersModel loaded from the same files.
  const bare = await tf.loadLayersModel(tf.io.fromMemory(await loadModelArtifacts(path.join(modelDir, '1'))));
  const buffers = new PredictionBuffers();
  const w = model.transform.width;
  const tensors = batches.map((b) => {
    buffers.ensure(b.rowCount, w);
    model.transform.transformBatch(b, buffers.input, buffers.valid);
    return tf.tensor2d(buffers.input.slice(0, b.rowCount * w), [b.rowCount, w]);
  });

  // Each run reports wall seconds and this process's CPU seconds (less disturbed by a busy machine).
  const cpuSince = (c: NodeJS.CpuUsage): number => {
    const d = process.cpuUsage(c);
    return (d.user + d.system) / 1e6;
  };
  const peer = async (): Promise<[number, number]> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let n = 0;
    for (const t of tensors) {
      const y = bare.predict(t, { batchSize: t.shape[0] }) as tf.Tensor;
      n += (await y.data()).length;
      y.dispose();
    }
    if (n !== rows) throw new Error(`peer predicted ${n} rows`);
    return [(performance.now() - t0) / 1000, cpuSince(c0)];
  };
  const ours = async (withCsv: boolean): Promise<[number, number]> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let n = 0;
    let bytes = 0;
    const iterate = async function* () {
      yield* batches;
    };
    for await (const chunk of predictRows(model, iterate)) {
      n += chunk.batch.rowCount;
      if (withCsv) bytes += predictionCsvLines(chunk, 1).length;
    }
    if (n !== rows || (withCsv && bytes === 0)) throw new Error(`predicted ${n} rows`);
    return [(performance.now() - t0) / 1000, cpuSince(c0)];
  };

  // Warm-up (JIT, wasm kernels), then alternate.
  await peer();
  await ours(false);
  const times = { peer: [] as [number, number][], ours: [] as [number, number][], oursCsv: [] as [number, number][] };
  for (let r = 0; r < rounds; r++) {
    times.peer.push(await peer());
    times.ours.push(await ours(false));
    times.oursCsv.push(await ours(true));
  }
  const rate = (s: number): string => `${(rows / s / 1e6).toFixed(2)} M rows/s`;
  const med = (xs: [number, number][], k: 0 | 1): number => median(xs.map((x) => x[k]));
  const line = (label: string, xs: [number, number][]): string =>
    `  ${label.padEnd(50)} wall ${med(xs, 0).toFixed(3)} s (${rate(med(xs, 0))})  cpu ${med(xs, 1).toFixed(3)} s (${rate(med(xs, 1))})`;
  console.log(`\nthroughput (median of ${rounds}):`);
  console.log(line('bare tfjs model.predict loop, pre-built tensors', times.peer));
  console.log(line('Facetwise batch prediction (transform + model)', times.ours));
  console.log(line('Facetwise + CSV lines', times.oursCsv));
  for (const k of [0, 1] as const) {
    const p = med(times.peer, k);
    console.log(
      `  ratio Facetwise / bare (${k === 0 ? 'wall' : 'cpu'}) = ${(p / med(times.ours, k)).toFixed(2)}x  (with CSV: ${(p / med(times.oursCsv, k)).toFixed(2)}x; aim >= 0.8x)`,
    );
  }

  // Transform alone, to show where the time goes.
  const c0 = process.cpuUsage();
  for (const b of batches) {
    buffers.ensure(b.rowCount, w);
    model.transform.transformBatch(b, buffers.input, buffers.valid);
  }
  console.log(`  feature transform alone: cpu ${cpuSince(c0).toFixed(3)} s`);
  await predictBatch(model, batches[0]!, buffers);
  tensors.forEach((t) => t.dispose());
  bare.dispose();

  // Latency on wasm: one example per call.
  const latencyModel = backend === 'wasm' ? model : await openModel(modelDir, { version: 1, backend: 'wasm' });
  const rt = createRealtimePredictor(latencyModel);
  const example: Record<string, string | number> = { trip_miles: 2.5, trip_seconds: 700, fare: 11, trip_start_hour: 14, payment_type: 'Credit Card', company: 'Taxi Affiliation Services' };
  for (let i = 0; i < 200; i++) await rt.predict({ ...example, fare: 5 + (i % 40) });
  const ms: number[] = [];
  for (let i = 0; i < latencyCalls; i++) {
    example.fare = 5 + (i % 40) * 0.5;
    const s = performance.now();
    const r = await rt.predict(example);
    ms.push(performance.now() - s);
    if (r.scores.length !== 1) throw new Error('no prediction');
  }
  console.log(`\nsingle-example latency on wasm over ${latencyCalls} calls: p50 ${percentile(ms, 0.5).toFixed(3)} ms, p99 ${percentile(ms, 0.99).toFixed(3)} ms (aim p50 < 2 ms)`);
  model.dispose();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
