/**
 * onnxruntime-web in the browser, per execution provider, against TensorFlow.js in the same page on the same MLP:
 * the taxi model (test/fixtures/models/taxi_model/1, Dense 24→12 relu → 1 sigmoid) as model.json and, with the same
 * weights, as model.onnx, both loaded by the datapoint webview's own code (webview/datapoint/webModels.ts) in
 * headless Chromium. Per backend: batch throughput (16,384-row batches, median of the rounds) and single-row
 * latency (p50/p95), and the largest difference from ONNX wasm's outputs (the panel's parity reference).
 *
 *   npm run build && flock /tmp/facetwise-bench.lock npx tsx bench/onnxWebBackends.ts [--rows 65536] [--rounds 3] [--calls 500]
 *
 * Ratios: WebGPU / wasm for onnxruntime-web (the GPU path the datapoint editor may choose), and onnxruntime-web
 * wasm / tfjs wasm and / tfjs cpu (the CPU peers). Where this Chromium has no WebGPU adapter, or only a software one
 * (SwiftShader, a fallback adapter), the bench says so first: a software adapter's figure is not a GPU's.
 */
import * as path from 'node:path';
import * as os from 'node:os';
import { readDenseLayers } from '../test/core/model/reference.js';
import { mlp } from '../test/core/model/onnx/onnxFixtures.js';
import { repoRoot, runBenchPage } from './browser/benchServer.js';
import type { Measured, OnnxBackendsResult } from './browser/onnxBackendsResult.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function ratio(a: Measured | string | undefined, b: Measured | string | undefined, label: string): string {
  if (typeof a !== 'object' || typeof b !== 'object') return `${label}: not measured (${typeof a === 'string' ? a : typeof b === 'string' ? b : 'missing'})`;
  return `${label}: batch ${(a.rowsPerSecond / b.rowsPerSecond).toFixed(2)}× the rows/s, single row p50 ${(b.p50Ms / a.p50Ms).toFixed(2)}× as fast (above 1: the first is faster)`;
}

async function main(): Promise<void> {
  const [l1, l2] = readDenseLayers(path.join(repoRoot, 'test/fixtures/models/taxi_model/1'));
  const onnx = mlp([...l1!.kernel], [...l1!.bias], [...l2!.kernel], [...l2!.bias], l1!.inputs);
  const query = new URLSearchParams({ rows: option('rows', '65536'), rounds: option('rounds', '3'), calls: option('calls', '500') }).toString();
  const { result, browserVersion } = await runBenchPage<OnnxBackendsResult>(path.join(repoRoot, 'bench/browser/onnxBackendsPage.ts'), { query, extra: { '/bench/taxi_onnx/1/model.onnx': onnx } });
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${os.cpus().length} cores; Chromium ${browserVersion}; ${result.rows} rows × ${result.width} inputs`);
  const a = result.adapter;
  if (typeof a === 'string') console.log(`WebGPU: UNAVAILABLE here (${a}); only the CPU backends are measured, and no WebGPU figure is claimed.`);
  else {
    const software = a.fallback || /swiftshader/i.test(`${a.vendor} ${a.architecture} ${a.description}`);
    console.log(`WebGPU adapter: ${[a.vendor, a.architecture, a.description].filter(Boolean).join(' / ') || 'no adapter info'}${a.fallback ? ' (fallback adapter)' : ''}`);
    if (software) console.log('WebGPU: SOFTWARE adapter (no GPU on this machine): its figures measure an emulation on the CPU, not a GPU.');
  }
  const f = (n: number): string => n.toFixed(3);
  console.log(['backend'.padEnd(26), 'batch rows/s'.padStart(14), 'p50 ms'.padStart(9), 'p95 ms'.padStart(9), 'max |Δ| vs onnx wasm'.padStart(22)].join(''));
  for (const [name, r] of Object.entries(result.runs)) {
    if (typeof r === 'string') console.log(`${name.padEnd(26)}${r}`);
    else console.log([name.padEnd(26), Math.round(r.rowsPerSecond).toLocaleString('en-US').padStart(14), f(r.p50Ms).padStart(9), f(r.p95Ms).padStart(9), r.maxDiff.toExponential(1).padStart(22)].join(''));
  }
  const runs = result.runs;
  console.log(ratio(runs['onnxruntime-web webgpu'], runs['onnxruntime-web wasm'], 'onnxruntime-web webgpu / wasm'));
  console.log(ratio(runs['onnxruntime-web wasm'], runs['tfjs wasm'], 'onnxruntime-web wasm / tfjs wasm'));
  console.log(ratio(runs['onnxruntime-web wasm'], runs['tfjs cpu'], 'onnxruntime-web wasm / tfjs cpu'));
  if (typeof runs['tfjs webgpu'] === 'object') console.log(ratio(runs['onnxruntime-web webgpu'], runs['tfjs webgpu'], 'onnxruntime-web webgpu / tfjs webgpu'));
  console.log(JSON.stringify({ browser: browserVersion, loadavg: os.loadavg(), ...result }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
