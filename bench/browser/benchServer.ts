/**
 * What the browser benchmarks share: their page bundled by esbuild, served on loopback with the repository's files
 * (dist/ for the .wasm builds, test fixtures for models) and any extra files the bench made, and headless Chromium
 * pointed at it, waiting for the page's `window.benchResult` (or `window.benchError`).
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const repoRoot = resolve(__dirname, '..', '..');
const types: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.bin': 'application/octet-stream', '.onnx': 'application/octet-stream' };

export interface BenchPage<T> {
  readonly result: T;
  readonly browserVersion: string;
}

/**
 * Bundles `entry`, serves it at `/` with the repository under it (and `extra`: URL path → bytes or a file outside
 * the repository), opens `/?<query>` in headless Chromium and returns what the page set as `window.benchResult`.
 */
export async function runBenchPage<T>(entry: string, options: { query?: string; extra?: Readonly<Record<string, Uint8Array | string>>; timeoutMs?: number } = {}): Promise<BenchPage<T>> {
  const bundle = await esbuild.build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', minify: true, logLevel: 'error' });
  const script = bundle.outputFiles[0]!.text;
  const extra = options.extra ?? {};
  const server: Server = createServer((req, res) => {
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
    const made = extra[path];
    if (made instanceof Uint8Array) {
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
      res.end(made);
      return;
    }
    const file = typeof made === 'string' ? made : join(repoRoot, decodeURIComponent(path));
    if (typeof made !== 'string' && !file.startsWith(repoRoot)) return void res.writeHead(403).end();
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'text/plain' });
    res.end(readFileSync(file));
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: process.env.FACETWISE_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu'] });
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') process.stderr.write(`[page] ${m.text()}\n`);
    });
    await page.goto(`http://127.0.0.1:${port}/${options.query ? `?${options.query}` : ''}`);
    await page.waitForFunction(() => (globalThis as unknown as { benchResult?: unknown; benchError?: string }).benchResult !== undefined || (globalThis as unknown as { benchError?: string }).benchError !== undefined, null, { timeout: options.timeoutMs ?? 300_000 });
    const error = await page.evaluate(() => (globalThis as unknown as { benchError?: string }).benchError);
    if (error) throw new Error(error);
    const result = (await page.evaluate(() => (globalThis as unknown as { benchResult: unknown }).benchResult)) as T;
    return { result, browserVersion: browser.version() };
  } finally {
    await browser?.close();
    server.close();
  }
}
