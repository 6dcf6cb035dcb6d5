/**
 * The versions as the webview runs them: model files fetched through webview resource URIs (tf.io.http / fetch: no
 * network, the policy allows only the webview's own source), built by the same core code the host uses
 * (tfjsModel.ts for model.json, onnxSession.ts for model.onnx), and the feature spec compiled by the one
 * FeatureTransform.
 */
import * as tf from '@tensorflow/tfjs';
import { FeatureTransform } from '../../src/core/model/featureTransform.js';
import type { FeatureSpec } from '../../src/core/model/featureSpecTypes.js';
import { outputLayout } from '../../src/core/model/modelOutputs.js';
import type { OutputLayout } from '../../src/core/model/modelOutputs.js';
import type { LoadedModel } from '../../src/core/model/runtime.js';
import { modelFromArtifacts } from '../../src/core/model/tfjsModel.js';
import { namedInputHints } from '../../src/core/model/namedInputHints.js';
import { WebOnnxModel } from './onnxWebModel.js';
import type { VersionInit } from '../../src/protocol/datapoint/datapointProtocol.js';

export interface WebModel {
  readonly label: string;
  readonly spec: FeatureSpec;
  readonly transform: FeatureTransform;
  readonly model: LoadedModel;
  /** Set for ONNX versions: the same model, switchable between onnxruntime-web's providers. */
  readonly onnx?: WebOnnxModel;
  readonly outputs: OutputLayout;
  /** Features this version reads. */
  readonly reads: ReadonlySet<string>;
}

async function loadTfjs(v: VersionInit, transform: FeatureTransform): Promise<LoadedModel> {
  const handler = tf.io.http(v.modelUrl);
  if (!handler.load) throw new Error(`${v.label}: cannot load ${v.modelUrl}`);
  return modelFromArtifacts(await handler.load(), { inputSize: transform.width });
}

export async function loadWebModel(v: VersionInit): Promise<WebModel> {
  const transform = new FeatureTransform(v.spec);
  const onnx = v.runtime === 'onnx' ? await WebOnnxModel.load(v.modelUrl, v.label, { inputSize: transform.width, namedInputs: namedInputHints(v.spec, transform) }) : undefined;
  const model = onnx ?? (await loadTfjs(v, transform));
  if (model.inputSize !== transform.width) {
    model.dispose();
    throw new Error(`${v.label}: the feature spec makes ${transform.width} inputs per row but the model expects ${model.inputSize}`);
  }
  const outputs = outputLayout(v.spec, model.outputSize, `${v.label}/feature_spec.json`);
  return { label: v.label, spec: v.spec, transform, model, ...(onnx ? { onnx } : {}), outputs, reads: new Set(v.spec.features.map((f) => f.name)) };
}

/**
 * All versions as one model for the backend trials: a row is every version's transformed row side by side, the
 * output every version's raw outputs side by side. Parity then covers every version, and timing measures what an
 * edit costs (all versions predicting).
 */
export function combinedModel(models: readonly WebModel[]): { readonly width: number; predict(batch: Float32Array, rows: number): Promise<Float32Array> } {
  const width = models.reduce((s, m) => s + m.transform.width, 0);
  const outWidth = models.reduce((s, m) => s + m.model.outputSize, 0);
  return {
    width,
    async predict(batch, rows) {
      const out = new Float32Array(rows * outWidth);
      let inAt = 0;
      let outAt = 0;
      for (const m of models) {
        const w = m.transform.width;
        const part = new Float32Array(rows * w);
        for (let r = 0; r < rows; r++) part.set(batch.subarray(r * width + inAt, r * width + inAt + w), r * w);
        const raw = await m.model.predict(part, rows);
        const k = m.model.outputSize;
        for (let r = 0; r < rows; r++) out.set(raw.subarray(r * k, (r + 1) * k), r * outWidth + outAt);
        inAt += w;
        outAt += k;
      }
      return out;
    },
  };
}
