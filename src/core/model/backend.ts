/**
 * Picks the TensorFlow.js backend once per process: tfjs-node-gpu (CUDA), tfjs-node, wasm (SIMD), then plain cpu.
 *
 * tfjs-node(-gpu) download libtensorflow at install time, so Facetwise does not depend on them: a user who wants
 * them installs them next to Facetwise (same version as @tensorflow/tfjs) and they are found here at run time.
 * The require goes through a variable so bundlers leave it alone (external) instead of failing to resolve it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { FacetwiseError } from '../data/issues.js';
import { nativeBackendReason } from './nativeBackendReason.js';

/** What a user can ask for; 'auto' tries them in the order of the list below. */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
export type BackendChoice = BackendName | 'auto';
export const backendOrder: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export interface BackendAttempt {
  readonly name: BackendName;
  readonly ok: boolean;
  /** Why it was not used. */
  readonly reason?: string;
}

export interface BackendReport {
  /** The backend in use. */
  readonly name: BackendName;
  /** tfjs' own name for it (`tensorflow`, `wasm`, `cpu`). */
  readonly tfjsBackend: string;
  /** wasm only: whether the SIMD build runs. */
  readonly simd?: boolean;
  /** wasm only: the folder the .wasm binaries were loaded from. */
  readonly wasmDir?: string;
  readonly attempts: readonly BackendAttempt[];
}

export interface BackendOptions {
  /** Default 'auto'. A forced backend that cannot start is an error, not a silent fallback. */
  readonly backend?: BackendChoice;
  /** Folder holding tfjs-backend-wasm*.wasm; default: next to this bundle, else the package's dist folder. */
  readonly wasmDir?: string;
}

const WASM_FILE = 'tfjs-backend-wasm.wasm';
let current: BackendReport | undefined;

/** The backend chosen so far in this process, if any. */
export function currentBackend(): BackendReport | undefined {
  return current;
}

export function parseBackendChoice(text: string): BackendChoice | undefined {
  const aliases: Record<string, BackendChoice> = {
    auto: 'auto',
    'tensorflow-gpu': 'tensorflow-gpu',
    'node-gpu': 'tensorflow-gpu',
    gpu: 'tensorflow-gpu',
    tensorflow: 'tensorflow',
    node: 'tensorflow',
    wasm: 'wasm',
    cpu: 'cpu',
  };
  return aliases[text.toLowerCase()];
}

/** Where the wasm binaries are: an explicit folder, beside the running bundle, or inside node_modules. */
export function findWasmDir(explicit?: string): string | undefined {
  const candidates: string[] = [];
  if (explicit) candidates.push(explicit);
  const fromEnv = process.env.FACETWISE_WASM_DIR;
  if (fromEnv) candidates.push(fromEnv);
  candidates.push(__dirname);
  try {
    candidates.push(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist'));
  } catch {
    // not resolvable from a bundle: the copy beside it is the one to use
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, WASM_FILE)));
}

/** A require the bundler cannot see, for packages the user may or may not have installed. */
function optionalRequire(moduleName: string): unknown {
  const load = require as (id: string) => unknown;
  return load(moduleName);
}

async function activate(name: BackendName, options: BackendOptions): Promise<Omit<BackendReport, 'attempts'>> {
  switch (name) {
    case 'tensorflow-gpu':
    case 'tensorflow': {
      const moduleName = name === 'tensorflow-gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
      try {
        optionalRequire(moduleName);
      } catch (err) {
        throw new Error(nativeBackendReason(moduleName, err).message);
      }
      // Both packages register under the name 'tensorflow'; a different tfjs-core copy registers elsewhere.
      if (!tf.findBackendFactory('tensorflow')) {
        throw new Error(`${moduleName} loaded but registered with another copy of @tensorflow/tfjs-core (install version ${tf.version_core})`);
      }
      if (!(await tf.setBackend('tensorflow'))) throw new Error(`${moduleName} did not initialise`);
      return { name, tfjsBackend: 'tensorflow' };
    }
    case 'wasm': {
      const dir = findWasmDir(options.wasmDir);
      if (!dir) throw new Error(`cannot find ${WASM_FILE} (set FACETWISE_WASM_DIR or place it beside the bundle)`);
      setWasmPaths(dir.endsWith(path.sep) ? dir : dir + path.sep);
      if (!(await tf.setBackend('wasm'))) throw new Error(`the wasm backend did not initialise from ${dir}`);
      return { name, tfjsBackend: 'wasm', simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), wasmDir: dir };
    }
    case 'cpu': {
      if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend did not initialise');
      return { name, tfjsBackend: 'cpu' };
    }
  }
}

/**
 * Starts a backend and reports which. `auto` keeps the first that starts; a forced one must start or this throws
 * (code MODEL_BACKEND_UNAVAILABLE). Asking again for what is already running is free.
 */
export async function selectBackend(options: BackendOptions = {}): Promise<BackendReport> {
  const choice = options.backend ?? 'auto';
  if (current && (choice === 'auto' || choice === current.name)) return current;
  // Production mode drops tfjs' debug checks and its console advice to install tfjs-node: the report says it.
  tf.enableProdMode();
  const order = choice === 'auto' ? backendOrder : [choice];
  const attempts: BackendAttempt[] = [];
  for (const name of order) {
    try {
      const report = await activate(name, options);
      await tf.ready();
      attempts.push({ name, ok: true });
      current = { ...report, attempts };
      return current;
    } catch (err) {
      attempts.push({ name, ok: false, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  const reasons = attempts.map((a) => `${a.name}: ${a.reason ?? 'failed'}`).join('; ');
  throw new FacetwiseError('MODEL_BACKEND_UNAVAILABLE', `no TensorFlow.js backend could start (${reasons})`);
}
