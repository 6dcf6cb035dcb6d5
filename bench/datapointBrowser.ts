/**
 * The datapoint editor's work in headless Chromium, per tfjs backend it offers (WebGPU where there is an adapter,
 * WebGL — SwiftShader's software WebGL on a machine without a GPU —, wasm, cpu), against a bare tfjs loop on the
 * same backend in the same page: keystroke → scores for both taxi_model versions (p50/p95), integrated gradients
 * for 1,000 rows, PDP/ICE over 20 grid points × 1,000 rows. Ratios are peer time / Facetwise time.
 *
 *   npm run build && flock /tmp/facetwise-bench.lock npx tsx bench/datapointBrowser.ts
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const root = resolve(__dirname, '..');
const evalCsv = resolve(root, '../shared/data/taxi/eval.csv');
const types: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.bin': 'application/octet-stream' };

interface BackendResult {
  keystroke: { p50: number; p95: number; peerP50: number; peerP95: number };
  ig: { ms: number; peerMs: number };
  pdp: { ms: number; peerMs: number; grid: number };
}

async function main(): Promise<void> {
  const bundle = await esbuild.build({ entryPoints: [join(root, 'bench/browser/datapointBenchPage.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', minify: true, logLevel: 'error' });
  const script = bundle.outputFiles[0]!.text;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body><script src="/bench.js"></script></body></html>');
      return;
    }
    if (path === '/bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(script);
      return;
    }
    const file = path === '/eval.csv' ? evalCsv : join(root, decodeURIComponent(path));
    if (!file.startsWith(root) && file !== evalCsv) return void res.writeHead(403).end();
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'text/plain' });
    res.end(readFileSync(file));
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({ executablePath: process.env.FACETWISE_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/?backends=${encodeURIComponent(process.env.BACKENDS ?? 'webgl,webgpu,wasm,cpu')}`);
    await page.waitForFunction(() => (globalThis as unknown as { benchResult?: unknown; benchError?: string }).benchResult !== undefined || (globalThis as unknown as { benchError?: string }).benchError !== undefined, null, { timeout: 300_000 });
    const error = await page.evaluate(() => (globalThis as unknown as { benchError?: string }).benchError);
    if (error) throw new Error(error);
    const result = (await page.evaluate(() => (globalThis as unknown as { benchResult: unknown }).benchResult)) as Record<string, BackendResult | string>;
    const f = (v: number): string => `${v.toFixed(2)} ms`;
    console.log(`datapoint editor in Chromium ${browser.version()}: taxi_model 1 and 2, 1,000 rows of eval.csv`);
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
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
