/**
 * TensorFlow.js backends in the webview as candidates for the core chooser: WebGPU (where navigator.gpu gives an
 * adapter), WebGL (software WebGL allowed: the parity gate and the timings decide whether it is any good), wasm
 * (its .wasm files from the extension's dist/ folder, through webview URIs) and cpu.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendCandidate, WebBackendName } from '../../src/core/model/backendChoice.js';

interface GpuNavigator {
  readonly gpu?: { requestAdapter(): Promise<unknown> };
}

/** Why `name` cannot run in this webview at all (no WebGPU adapter, no WebGL2, no WebAssembly); undefined: it may. */
export async function precheck(name: WebBackendName): Promise<string | undefined> {
  if (name === 'webgpu') {
    const gpu = (navigator as unknown as GpuNavigator).gpu;
    if (!gpu) return 'navigator.gpu is undefined (this webview has no WebGPU)';
    const adapter = await gpu.requestAdapter();
    if (!adapter) return 'navigator.gpu.requestAdapter() gave no adapter';
  }
  if (name === 'webgl') {
    const canvas = new OffscreenCanvas(1, 1);
    if (!canvas.getContext('webgl2')) return 'no WebGL2 context could be created';
  }
  if (name === 'wasm' && typeof WebAssembly !== 'object') return 'WebAssembly is not available';
  return undefined;
}

export function configureBackends(wasmBaseUrl: string): void {
  setWasmPaths(wasmBaseUrl);
  // Let tfjs use a software WebGL (SwiftShader) too rather than refuse it outright: measurement picks the backend.
  tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
  tf.enableProdMode();
}

/** Makes `name` the current backend (cheap when it already is). */
export async function useBackend(name: WebBackendName): Promise<void> {
  if (tf.getBackend() === name) return;
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend did not initialise`);
}

/** Makes `name` tfjs's backend; resolves why it cannot, or undefined when it is current. */
export async function startTfjs(name: WebBackendName): Promise<string | undefined> {
  const why = await precheck(name);
  if (why) return why;
  try {
    if (!(await tf.setBackend(name))) return `tfjs could not initialise ${name}`;
    await tf.ready();
  } catch (err) {
    return `tfjs could not initialise ${name}: ${err instanceof Error ? err.message : String(err)}`;
  }
  return undefined;
}

export function tfjsCandidates(predict: (batch: Float32Array, rows: number) => Promise<Float32Array>): BackendCandidate[] {
  const names: WebBackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
  return names.map((name) => ({ name, start: () => startTfjs(name), predict }));
}
