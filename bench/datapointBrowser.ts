/**
 * The datapoint editor's work in headless Chromium, per tfjs backend it offers (WebGPU where there is an adapter,
 * WebGL — SwiftShader's software WebGL on a machine without a GPU —, wasm, cpu), against a bare tfjs loop on the
 * same backend in the same page: keystroke → scores for both taxi_model versions (p50/p95), integrated gradients
 * for 1,000 rows, PDP/ICE over 20 grid points × 1,000 rows. Ratios are peer time / Facetwise time.
 *
 *   npm run build && flock /tmp/facetwise-bench.lock npx tsx bench/datapointBrowser.ts
 */
import { resolve } from 'node:path';
import { repoRoot, runBenchPage } from './browser/benchServer.js';

const evalCsv = resolve(repoRoot, '../shared/data/taxi/eval.csv');

interface BackendResult {
  keystroke: { p50: number; p95: number; peerP50: number; peerP95: number };
  ig: { ms: number; peerMs: number };
  pdp: { ms: number; peerMs: number; grid: number };
}

async function main(): Promise<void> {
  const { result, browserVersion } = await runBenchPage<Record<string, BackendResult | string>>(resolve(repoRoot, 'bench/browser/datapointBenchPage.ts'), {
    query: `backends=${encodeURIComponent(process.env.BACKENDS ?? 'webgl,webgpu,wasm,cpu')}`,
    extra: { '/eval.csv': evalCsv },
  });
  const f = (v: number): string => `${v.toFixed(2)} ms`;
  console.log(`datapoint editor in Chromium ${browserVersion}: taxi_model 1 and 2, 1,000 rows of eval.csv`);
  for (const [backend, r] of Object.entries(result)) {
    if (typeof r === 'string') {
      console.log(`${backend}: ${r}`);
      continue;
    }
    console.log(`${backend}:`);
    console.log(`  keystroke → scores (2 versions): p50 ${f(r.keystroke.p50)}, p95 ${f(r.keystroke.p95)}; bare predict p50 ${f(r.keystroke.peerP50)}, p95 ${f(r.keystroke.peerP95)}`);
    console.log(`  IG 1,000 rows × 65 points: ${f(r.ig.ms)}; bare tf.grad loop ${f(r.ig.peerMs)}; ratio ${(r.ig.peerMs / r.ig.ms).toFixed(2)}`);
    console.log(`  PDP/ICE ${r.pdp.grid} × 1,000 rows: ${f(r.pdp.ms)}; bare predict loop ${f(r.pdp.peerMs)}; ratio ${(r.pdp.peerMs / r.pdp.ms).toFixed(2)}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
