/**
 * The datapoint editor's backends over every version it shows, TensorFlow.js and ONNX alike, as candidates for the
 * core chooser (parity gate against wasm, measured speed). A backend is one name for both runtimes: `webgpu` is
 * tfjs's WebGPU backend and onnxruntime-web's WebGPU execution provider, `wasm` both wasm builds. onnxruntime-web
 * has no WebGL or plain-JavaScript provider in this build, so with an ONNX version those two are unavailable, and say why.
 */
import type { BackendCandidate, WebBackendName } from '../../src/core/model/backendChoice.js';
import type { OnnxProvider } from './onnxWebModel.js';
import type { WebModel } from './webModels.js';

/** What tfjsBackends.ts does for TensorFlow.js, passed in so this file stays free of tfjs and the DOM (and testable in Node). */
export interface TfjsBackendOps {
  /** Why the browser cannot run `name` at all (no WebGPU adapter, no WebGL2), or undefined. */
  precheck(name: WebBackendName): Promise<string | undefined>;
  startTfjs(name: WebBackendName): Promise<string | undefined>;
  tfjsCandidates(predict: (batch: Float32Array, rows: number) => Promise<Float32Array>): BackendCandidate[];
  useBackend(name: WebBackendName): Promise<void>;
}

const onnxProviders: ReadonlySet<WebBackendName> = new Set<OnnxProvider>(['webgpu', 'wasm']);

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class EditorBackends {
  private readonly hasTfjs: boolean;
  private readonly onnx: readonly NonNullable<WebModel['onnx']>[];

  constructor(
    models: readonly WebModel[],
    private readonly tfjs: TfjsBackendOps,
  ) {
    this.onnx = models.flatMap((m) => (m.onnx ? [m.onnx] : []));
    this.hasTfjs = models.some((m) => !m.onnx);
  }

  /** The runtimes in play, for the status line: `TensorFlow.js and onnxruntime-web`. */
  get runtimes(): string {
    return [this.hasTfjs ? 'TensorFlow.js' : '', this.onnx.length > 0 ? 'onnxruntime-web' : ''].filter(Boolean).join(' and ');
  }

  candidates(predict: (batch: Float32Array, rows: number) => Promise<Float32Array>): BackendCandidate[] {
    if (this.onnx.length === 0) return this.tfjs.tfjsCandidates(predict);
    const names: WebBackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
    return names.map((name) => ({ name, start: () => this.start(name), predict }));
  }

  private async start(name: WebBackendName): Promise<string | undefined> {
    if (!onnxProviders.has(name)) return `onnxruntime-web runs ONNX versions on WebGPU or wasm only`;
    const why = await this.tfjs.precheck(name);
    if (why) return why;
    if (this.hasTfjs) {
      const tfjs = await this.tfjs.startTfjs(name);
      if (tfjs) return tfjs;
    }
    try {
      for (const m of this.onnx) await m.use(name as OnnxProvider);
    } catch (err) {
      return `onnxruntime-web could not start its ${name} execution provider: ${message(err)}`;
    }
    return undefined;
  }

  /** Makes `name` current for every version (cheap when it already is). */
  async use(name: WebBackendName): Promise<void> {
    if (this.hasTfjs) await this.tfjs.useBackend(name);
    if (this.onnx.length > 0) {
      if (!onnxProviders.has(name)) throw new Error(`onnxruntime-web has no ${name} provider`);
      for (const m of this.onnx) await m.use(name as OnnxProvider);
    }
  }
}
