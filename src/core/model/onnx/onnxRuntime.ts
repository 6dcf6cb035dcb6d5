/**
 * The ONNX runtime: `model.onnx` in a version folder, run with onnxruntime-web's wasm build (the same binary runs in
 * Node and in a webview), or onnxruntime-node where the user installed it (onnxEngine.ts). The model itself is
 * built by onnxSession.ts, which the datapoint editor's webview shares. ONNX has no autodiff, so gradients are
 * estimated by batched central differences (finiteDifferences.ts); tree models, whose gradients are zero almost
 * everywhere, are explained by KernelSHAP.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type * as ort from 'onnxruntime-web';
import type { LoadHints, LoadedModel, ModelRuntime } from '../runtime.js';
import { describeEngine, onnxEngine } from './onnxEngine.js';
import { ONNX_MODEL_FILE } from './onnxGraph.js';
import { onnxModelFromBytes } from './onnxSession.js';

/** Creates the session on the best execution provider that works, noting why better ones did not. */
async function createSession(bytes: Uint8Array, notes: string[]): Promise<{ session: ort.InferenceSession; used: string }> {
  const engine = onnxEngine();
  const providers = [...engine.executionProviders];
  for (;;) {
    try {
      const session = await engine.ort.InferenceSession.create(bytes, { executionProviders: providers, graphOptimizationLevel: 'all' });
      return { session, used: providers[0]! };
    } catch (err) {
      if (providers.length === 1) throw err;
      notes.push(`${providers[0]}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      providers.shift();
    }
  }
}

async function loadOnnx(dir: string, hints: LoadHints): Promise<LoadedModel> {
  const engine = onnxEngine();
  const notes = [...engine.notUsed];
  const file = path.join(dir, ONNX_MODEL_FILE);
  const bytes = await fs.readFile(file);
  return onnxModelFromBytes(bytes, hints, { ort: engine.ort, createSession: (b) => createSession(b, notes), describe: (used) => describeEngine(engine, used), notes, file });
}

export const onnxRuntime: ModelRuntime = {
  name: 'onnx',
  async canLoad(dir) {
    try {
      return (await fs.stat(path.join(dir, ONNX_MODEL_FILE))).isFile();
    } catch {
      return false;
    }
  },
  load: (dir, hints = {}) => loadOnnx(dir, hints),
};
