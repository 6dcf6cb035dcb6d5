/**
 * Test helpers for the extension's engine side in plain Node: the worker bundle built from source into a temp
 * folder (as esbuild.mjs builds dist/worker.js), a temp folder of dataset copies, and TFRecord files made here.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { encodeExample } from '../../src/core/io/tfrecord/exampleEncoder.js';
import type { ExampleFeatureValue } from '../../src/core/io/tfrecord/exampleEncoder.js';
import { frameTfRecord } from '../../src/core/io/tfrecord/recordWriter.js';
import { repoRoot } from './manifest.js';

export const taxiDir = resolve(repoRoot, '../shared/data/taxi');
export const taxiTfrecordDir = resolve(repoRoot, '../shared/data/taxi-tfrecord');

export interface TempDir {
  readonly root: string;
  file(name: string, content: string | Uint8Array): string;
  copy(from: string, as: string): string;
  cleanup(): void;
}

export function tempDir(prefix = 'facetwise-ext-'): TempDir {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return {
    root,
    file(name, content) {
      const path = join(root, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      return path;
    },
    copy(from, as) {
      const path = join(root, as);
      mkdirSync(dirname(path), { recursive: true });
      copyFileSync(from, path);
      chmodSync(path, 0o644);
      return path;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** As esbuild.mjs does: fdir's ESM build calls createRequire(import.meta.url), which breaks once bundled to CJS. */
const preferCommonJs: Plugin = {
  name: 'prefer-commonjs',
  setup(b) {
    b.onResolve({ filter: /^(fdir|onnxruntime-web)$/ }, (args) =>
      args.kind === 'require-call' ? undefined : b.resolve(args.path, { kind: 'require-call', resolveDir: args.resolveDir }),
    );
  },
};

/** Builds src/worker/worker.ts into `dir`/worker.js (with esbuild.mjs's options) and returns its path. */
export async function buildWorker(dir: string): Promise<string> {
  const outfile = join(dir, 'worker.js');
  await build({
    entryPoints: [resolve(repoRoot, 'src/worker/worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    external: ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'],
    plugins: [preferCommonJs],
  });
  return outfile;
}

/** A TFRecord file of tf.Examples, optionally with the data of some records corrupted (their CRC then fails). */
export function tfrecordBytes(examples: ReadonlyArray<Record<string, ExampleFeatureValue>>, corrupt: ReadonlySet<number> = new Set()): Buffer {
  const parts = examples.map((e, i) => {
    const framed = frameTfRecord(encodeExample(e));
    if (corrupt.has(i)) framed[12] = (framed[12] as number) ^ 0xff; // first data byte
    return framed;
  });
  return Buffer.concat(parts);
}

/** The 1-based lines of a CSV file whose `column` cell equals `value` (the taxi files have no quoted fields). */
export function linesWithValue(file: string, column: string, value: string): number[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const index = (lines[0] ?? '').split(',').indexOf(column);
  const out: number[] = [];
  lines.forEach((line, i) => {
    if (i > 0 && line.split(',')[index] === value) out.push(i + 1);
  });
  return out;
}
