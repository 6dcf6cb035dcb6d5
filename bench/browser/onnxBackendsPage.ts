/**
 * Browser side of bench/onnxWebBackends.ts: the taxi MLP through the datapoint webview's own loading code
 * (webview/datapoint/webModels.ts), as ONNX on onnxruntime-web's WebGPU and wasm execution providers and as
 * TensorFlow.js on its wasm and cpu backends (and WebGPU where there is an adapter), all in this one page. Per
 * backend: batch throughput and single-row latency over the same rows, and the largest difference from ONNX wasm's
 * outputs. A backend that cannot start is reported with its reason. Results go to `window.benchResult`.
 */
import type { FeatureSpec } from '../../src/core/model/featureSpecTypes.js';
import type { LoadedModel } from '../../src/core/model/runtime.js';
import type { WebBackendName } from '../../src/core/model/backendChoice.js';
import { configureOnnx } from '../../webview/datapoint/onnxWebModel.js';
import type { WebOnnxModel } from '../../webview/datapoint/onnxWebModel.js';
import { configureBackends, precheck, startTfjs } from '../../webview/datapoint/tfjsBackends.js';
import { loadWebModel } from '../../webview/datapoint/webModels.js';
import type { AdapterFacts, Measured, OnnxBackendsResult } from './onnxBackendsResult.js';

interface BenchWindow {
  benchResult?: unknown;
  benchError?: string;
}

interface GpuAdapterLike {
  readonly info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  readonly isFallbackAdapter?: boolean;
}

const pct = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function adapterFacts(): Promise<AdapterFacts | string> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return 'navigator.gpu is undefined (this Chromium has no WebGPU)';
  const a = await gpu.requestAdapter();
  if (!a) return 'navigator.gpu.requestAdapter() gave no adapter';
  const i = a.info ?? {};
  return { vendor: i.vendor ?? '', architecture: i.architecture ?? '', description: i.description ?? '', fallback: i.isFallbackAdapter ?? a.isFallbackAdapter ?? false };
}

async function measure(model: LoadedModel, inputs: Float32Array, rows: number, width: number, rounds: number, calls: number): Promise<{ m: Omit<Measured, 'maxDiff'>; out: Float32Array }> {
  const batch = 16_384;
  const out = new Float32Array(rows * model.outputSize);
  const times: number[] = [];
  await model.predict(inputs.subarray(0, Math.min(batch, rows) * width), Math.min(batch, rows));
  for (let round = 0; round < rounds; round++) {
    const t0 = performance.now();
    for (let first = 0; first < rows; first += batch) {
      const n = Math.min(batch, rows - first);
      const y = await model.predict(inputs.subarray(first * width, (first + n) * width), n);
      if (round === 0) out.set(y, first * model.outputSize);
    }
    times.push(performance.now() - t0);
  }
  for (let i = 0; i < 50; i++) await model.predict(inputs.subarray(i * width, (i + 1) * width), 1);
  const single: number[] = [];
  for (let i = 0; i < calls; i++) {
    const r = i % rows;
    const t0 = performance.now();
    await model.predict(inputs.subarray(r * width, (r + 1) * width), 1);
    single.push(performance.now() - t0);
  }
  return { m: { rowsPerSecond: rows / (pct(times, 0.5) / 1000), p50Ms: pct(single, 0.5), p95Ms: pct(single, 0.95) }, out };
}

async function run(): Promise<OnnxBackendsResult> {
  const params = new URLSearchParams((globalThis as unknown as { location: { search: string } }).location.search);
  const rows = Number(params.get('rows') ?? '65536');
  const rounds = Number(params.get('rounds') ?? '3');
  const calls = Number(params.get('calls') ?? '500');
  configureOnnx('/dist/');
  configureBackends('/dist/');
  const spec = (await (await fetch('/test/fixtures/models/taxi_model/1/feature_spec.json')).json()) as FeatureSpec;
  const onnx = await loadWebModel({ label: 'taxi_onnx/1', runtime: 'onnx', modelUrl: '/bench/taxi_onnx/1/model.onnx', spec });
  const width = onnx.transform.width;
  // Rows shaped like the spec's: standardised numerics in [-2, 2], one-hot blocks with one slot set.
  const inputs = new Float32Array(rows * width);
  let seed = 1;
  const random = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let r = 0; r < rows; r++) {
    for (const b of onnx.transform.blocks) {
      if (b.width === 1) inputs[r * width + b.offset] = 4 * random() - 2;
      else inputs[r * width + b.offset + Math.floor(random() * b.width)] = 1;
    }
  }
  const runs: Record<string, Measured | string> = {};
  let reference: Float32Array | undefined;
  const record = (name: string, m: Omit<Measured, 'maxDiff'>, out: Float32Array): void => {
    let maxDiff = 0;
    if (reference) for (let i = 0; i < out.length; i++) maxDiff = Math.max(maxDiff, Math.abs(out[i]! - reference[i]!));
    runs[name] = { ...m, maxDiff };
  };
  // ONNX: wasm first (the parity reference, as in the panel), then WebGPU through the same use() the panel calls.
  const session = onnx.onnx as WebOnnxModel;
  for (const provider of ['wasm', 'webgpu'] as const) {
    const name = `onnxruntime-web ${provider}`;
    const why = provider === 'webgpu' ? await precheck('webgpu') : undefined;
    if (why) {
      runs[name] = `unavailable: ${why}`;
      continue;
    }
    try {
      await session.use(provider);
      const { m, out } = await measure(session, inputs, rows, width, rounds, calls);
      if (provider === 'wasm') reference = out;
      record(name, m, out);
    } catch (e) {
      runs[name] = `unavailable: onnxruntime-web could not run its ${provider} execution provider: ${message(e)}`;
    }
  }
  await session.use('wasm');
  // TensorFlow.js on the same weights (model.json), per backend.
  // tfjs needs a backend before it builds the layers (its default would be WebGPU, which may have no adapter).
  const first = await startTfjs('wasm');
  if (first) throw new Error(`tfjs wasm: ${first}`);
  const tfjs = await loadWebModel({ label: 'taxi_model/1', runtime: 'tfjs', modelUrl: '/test/fixtures/models/taxi_model/1/model.json', spec });
  for (const backend of ['wasm', 'cpu', 'webgpu'] as WebBackendName[]) {
    const name = `tfjs ${backend}`;
    const why = await startTfjs(backend);
    if (why) {
      runs[name] = `unavailable: ${why}`;
      continue;
    }
    try {
      const { m, out } = await measure(tfjs.model, inputs, rows, width, rounds, backend === 'cpu' ? Math.min(calls, 200) : calls);
      record(name, m, out);
    } catch (e) {
      runs[name] = `failed: ${message(e)}`;
    }
  }
  return { rows, width, adapter: await adapterFacts(), runs };
}

const w = globalThis as unknown as BenchWindow;
run().then(
  (r) => (w.benchResult = r),
  (e: unknown) => (w.benchError = e instanceof Error ? (e.stack ?? e.message) : String(e)),
);
