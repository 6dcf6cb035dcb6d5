/**
 * TEST HELPER: an independent reference for what the engine computes — the feature transform written straight from
 * the spec's documented semantics over strings, and a dense network's forward pass done by hand from the weight
 * bytes in the shard. Shares no code with src/core/model.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface SpecFeature {
  name: string;
  missing?: string;
  transform: { kind: string; mean?: number; stdDev?: number; vocabulary?: string[]; oovBuckets?: number; values?: string[]; boundaries?: number[] };
}
export interface SpecJson {
  task: string;
  label?: { expression: string };
  features: SpecFeature[];
}

export function readSpec(dir: string): SpecJson {
  return JSON.parse(readFileSync(path.join(dir, 'feature_spec.json'), 'utf8')) as SpecJson;
}

/** The transformed row for a record of strings ('' = missing), or null when a numeric cell is not a number. */
export function referenceTransform(spec: SpecJson, record: Record<string, string | undefined>): number[] | null {
  const out: number[] = [];
  for (const f of spec.features) {
    const raw = record[f.name] ?? '';
    const t = f.transform;
    if (t.kind === 'numeric') {
      if (raw === '') out.push(0);
      else {
        const v = Number(raw);
        if (Number.isNaN(v)) return null;
        out.push((v - t.mean!) / (t.stdDev! > 0 ? t.stdDev! : 1));
      }
    } else if (t.kind === 'bucketize') {
      const b = t.boundaries!;
      const hot = new Array<number>(b.length + 1).fill(0);
      if (raw !== '') {
        const v = Number(raw);
        if (Number.isNaN(v)) return null;
        hot[b.filter((x) => x <= v).length] = 1;
      }
      out.push(...hot);
    } else if (t.kind === 'vocabulary') {
      const vocab = t.vocabulary!;
      const oov = t.oovBuckets ?? 1;
      const hot = new Array<number>(vocab.length + oov).fill(0);
      const i = vocab.indexOf(raw);
      if (i >= 0 && raw !== '') hot[i] = 1;
      else if (oov === 1) hot[vocab.length] = 1;
      else throw new Error('reference handles one OOV bucket only');
      out.push(...hot);
    } else if (t.kind === 'oneHot') {
      const values = t.values!;
      const hot = new Array<number>(values.length).fill(0);
      const i = values.indexOf(raw);
      if (i >= 0) hot[i] = 1;
      out.push(...hot);
    } else throw new Error(`unknown kind ${t.kind}`);
  }
  return out;
}

export interface DenseLayer {
  kernel: Float32Array; // in × out, row-major
  bias: Float32Array;
  inputs: number;
  units: number;
  activation: string;
}

/** Reads a Sequential of Dense layers: topology from model.json, weights from the shard bytes by manifest order. */
export function readDenseLayers(dir: string): DenseLayer[] {
  const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as {
    modelTopology: { config: { layers: { class_name: string; config: { name: string; units: number; activation: string } }[] } };
    weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
  };
  const tensors = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const group of json.weightsManifest) {
    const bytes = Buffer.concat(group.paths.map((p) => readFileSync(path.join(dir, p))));
    let at = 0;
    for (const w of group.weights) {
      if (w.dtype !== 'float32') throw new Error('reference reads float32 weights only');
      const n = w.shape.reduce((a, b) => a * b, 1);
      const values = new Float32Array(n);
      for (let i = 0; i < n; i++) values[i] = bytes.readFloatLE(at + 4 * i);
      at += 4 * n;
      tensors.set(w.name, { shape: w.shape, values });
    }
  }
  return json.modelTopology.config.layers.map((layer) => {
    const kernel = tensors.get(`${layer.config.name}/kernel`)!;
    const bias = tensors.get(`${layer.config.name}/bias`)!;
    return { kernel: kernel.values, bias: bias.values, inputs: kernel.shape[0]!, units: kernel.shape[1]!, activation: layer.config.activation };
  });
}

export function referenceForward(layers: readonly DenseLayer[], x: readonly number[]): number[] {
  let v = [...x];
  for (const l of layers) {
    if (v.length !== l.inputs) throw new Error(`layer expects ${l.inputs} inputs, got ${v.length}`);
    const out: number[] = [];
    for (let u = 0; u < l.units; u++) {
      let s = l.bias[u]!;
      for (let i = 0; i < l.inputs; i++) s += v[i]! * l.kernel[i * l.units + u]!;
      out.push(l.activation === 'relu' ? Math.max(0, s) : l.activation === 'sigmoid' ? 1 / (1 + Math.exp(-s)) : l.activation === 'linear' ? s : NaN);
    }
    v = out;
  }
  return v;
}

export const fixtureModel = path.resolve(__dirname, '../../fixtures/models/taxi_model');
