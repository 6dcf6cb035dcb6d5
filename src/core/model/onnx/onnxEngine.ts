/**
 * Which onnxruntime runs ONNX models on the host. onnxruntime-web's wasm build ships with Facetwise and always
 * works. A user who installs `onnxruntime-node` next to Facetwise gets native CPU kernels, and its CUDA execution
 * provider when the CUDA 12 libraries are present; each step that does not work says why, precisely.
 * The require goes through a variable so the bundler leaves the optional package alone.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as ortWeb from 'onnxruntime-web';
import type { OrtModule } from './onnxSession.js';

export type { OrtModule };

export interface OnnxEngine {
  readonly ort: OrtModule;
  /** `onnxruntime-node` or `onnxruntime-web`. */
  readonly packageName: string;
  /** Execution providers to ask for, best first. */
  readonly executionProviders: readonly string[];
  /** Why better engines were not used. */
  readonly notUsed: readonly string[];
}

const ORT_WASM = 'ort-wasm-simd-threaded.wasm';
let engine: OnnxEngine | undefined;

/** Points onnxruntime-web at its .wasm: next to this bundle (dist/), else the package's own dist folder. */
function configureWasm(ort: OrtModule): void {
  ort.env.wasm.numThreads = 1; // the worker pool already runs one model per thread
  for (const dir of [__dirname, path.join(__dirname, '..', 'node_modules', 'onnxruntime-web', 'dist')]) {
    if (existsSync(path.join(dir, ORT_WASM))) {
      ort.env.wasm.wasmPaths = dir.endsWith(path.sep) ? dir : dir + path.sep;
      return;
    }
  }
}

function describeLoadError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'MODULE_NOT_FOUND') return 'onnxruntime-node is not installed (npm install onnxruntime-node next to Facetwise to use it)';
  return `onnxruntime-node is installed but could not be loaded: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
}

/** Finds CUDA 12's runtime library where the loader would (LD_LIBRARY_PATH, the usual install folders). */
function cudaLibraryPresent(): boolean {
  const dirs = [...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), '/usr/local/cuda/lib64', '/usr/lib/x86_64-linux-gnu'];
  return dirs.some((d) => existsSync(path.join(d, 'libcudart.so.12')));
}

/** The engine, chosen once per process. `FACETWISE_ONNX_ENGINE=web` forces the bundled wasm build. */
export function onnxEngine(): OnnxEngine {
  if (engine) return engine;
  const notUsed: string[] = [];
  if (process.env.FACETWISE_ONNX_ENGINE !== 'web') {
    try {
      const name = 'onnxruntime-node';
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const ort = require(name) as OrtModule;
      const providers = cudaLibraryPresent() ? ['cuda', 'cpu'] : ['cpu'];
      if (providers.length === 1) notUsed.push('CUDA: libcudart.so.12 was not found (LD_LIBRARY_PATH, /usr/local/cuda/lib64)');
      engine = { ort, packageName: name, executionProviders: providers, notUsed };
      return engine;
    } catch (err) {
      notUsed.push(describeLoadError(err));
    }
  } else {
    notUsed.push('onnxruntime-node: not tried (FACETWISE_ONNX_ENGINE=web)');
  }
  configureWasm(ortWeb);
  engine = { ort: ortWeb, packageName: 'onnxruntime-web', executionProviders: ['wasm'], notUsed };
  return engine;
}

/** One line for reports: `onnxruntime-web (wasm)`. */
export function describeEngine(e: OnnxEngine, used: string): string {
  return `${e.packageName} (${used})`;
}
