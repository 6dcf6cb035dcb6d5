/**
 * ONNX versions in the datapoint editor: `model.onnx` fetched through its webview resource URI (no network) and
 * built by the same core code the host uses (onnxSession.ts), on onnxruntime-web's WebGPU build, which also has
 * the wasm (CPU) execution provider. A version holds one session per provider, made when the backend chooser first
 * asks for it, so the parity gate compares WebGPU's scores with wasm's for the very same graph.
 */
import * as ort from 'onnxruntime-web/webgpu';
import type { LoadHints, LoadedModel } from '../../src/core/model/runtime.js';
import type { OrtModule } from '../../src/core/model/onnx/onnxSession.js';
import { onnxModelFromBytes } from '../../src/core/model/onnx/onnxSession.js';

export type OnnxProvider = 'webgpu' | 'wasm';

/** The wasm binary of onnxruntime-web's WebGPU build (esbuild.mjs copies it into dist/). */
export const ONNX_WEB_WASM = 'ort-wasm-simd-threaded.asyncify.wasm';

export function configureOnnx(wasmBaseUrl: string): void {
  // The .wasm only: the bundle carries its own loader, and a prefix would make it import() the loader's .mjs,
  // which the webview's script-src (nonce only) rightly refuses.
  ort.env.wasm.wasmPaths = { wasm: `${wasmBaseUrl}${ONNX_WEB_WASM}` };
  // One thread: a webview is not cross-origin isolated, so there is no SharedArrayBuffer for a thread pool.
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
}

/** One ONNX version, switchable between providers; predict and gradients run on the current one. */
export class WebOnnxModel implements LoadedModel {
  readonly runtime = 'onnx';
  private readonly sessions = new Map<OnnxProvider, LoadedModel>();
  private current: LoadedModel;

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly hints: LoadHints,
    private readonly file: string,
    wasm: LoadedModel,
  ) {
    this.sessions.set('wasm', wasm);
    this.current = wasm;
  }

  /** Loads on wasm (the parity reference); other providers are made by use(). */
  static async load(url: string, label: string, hints: LoadHints): Promise<WebOnnxModel> {
    const file = `${label}/model.onnx`;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${file}: could not be read (${response.status} ${response.statusText})`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return new WebOnnxModel(bytes, hints, file, await build(bytes, hints, file, 'wasm'));
  }

  get format(): string {
    return this.current.format;
  }
  get engine(): string | undefined {
    return this.current.engine;
  }
  get inputSize(): number {
    return this.current.inputSize;
  }
  get outputSize(): number {
    return this.current.outputSize;
  }

  /** Makes `provider` current, creating its session the first time (throws with onnxruntime's reason). */
  async use(provider: OnnxProvider): Promise<void> {
    let m = this.sessions.get(provider);
    if (!m) {
      m = await build(this.bytes, this.hints, this.file, provider);
      this.sessions.set(provider, m);
    }
    this.current = m;
  }

  predict(batch: Float32Array, rows: number): Promise<Float32Array> {
    return this.current.predict(batch, rows);
  }

  gradients(batch: Float32Array, rows: number, outputIndex: number): Promise<Float32Array> {
    return this.current.gradients!(batch, rows, outputIndex);
  }

  dispose(): void {
    for (const m of this.sessions.values()) m.dispose();
    this.sessions.clear();
  }
}

function build(bytes: Uint8Array, hints: LoadHints, file: string, provider: OnnxProvider): Promise<LoadedModel> {
  const rt = ort as unknown as OrtModule;
  return onnxModelFromBytes(bytes, hints, {
    ort: rt,
    // Only the provider asked for: onnxruntime-web would otherwise fall back to wasm and the gate would compare wasm with itself.
    createSession: async (b) => ({ session: await rt.InferenceSession.create(b, { executionProviders: [provider], graphOptimizationLevel: 'all' }), used: provider }),
    describe: (used) => `onnxruntime-web (${used})`,
    notes: [],
    file,
  });
}
