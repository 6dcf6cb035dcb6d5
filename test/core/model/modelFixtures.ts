/** TEST HELPER: writes small models (layers and hand-written graph models) with feature specs into temp folders. */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { FeatureSpec } from '../../../src/core/model/featureSpec.js';
import { FEATURE_SPEC_FILE, validateFeatureSpec } from '../../../src/core/model/featureSpec.js';
import { fileSystemIoHandler } from '../../../src/core/model/fileSystemIoHandler.js';

export function numericSpec(names: readonly string[], task: 'binary' | 'regression', label?: string): FeatureSpec {
  return validateFeatureSpec(
    {
      format: 1,
      task,
      ...(label ? { label: { expression: label } } : {}),
      features: names.map((name) => ({ name, transform: { kind: 'numeric', mean: 0, stdDev: 1 } })),
    },
    'test spec',
  );
}

/** One Dense layer with given weights: y = act(x·w + b). */
export async function saveDenseModel(dir: string, weights: readonly number[], bias: number, activation: 'linear' | 'sigmoid', spec: FeatureSpec): Promise<void> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [weights.length], units: 1, activation }));
  model.setWeights([tf.tensor2d([...weights], [weights.length, 1]), tf.tensor1d([bias])]);
  await model.save(fileSystemIoHandler(dir));
  model.dispose();
  writeFileSync(path.join(dir, FEATURE_SPEC_FILE), JSON.stringify(spec));
}

/** A GraphDef model written by hand (what tensorflowjs_converter emits): sigmoid(x·w + b), input width unknown (-1). */
export function saveGraphModel(dir: string, weights: readonly number[], bias: number, spec: FeatureSpec): void {
  mkdirSync(dir, { recursive: true });
  const n = weights.length;
  const float = { type: 'DT_FLOAT' };
  const modelJson = {
    format: 'graph-model',
    generatedBy: 'facetwise test',
    convertedBy: 'hand',
    modelTopology: {
      node: [
        { name: 'x', op: 'Placeholder', attr: { dtype: float, shape: { shape: { dim: [{ size: '-1' }, { size: '-1' }] } } } },
        { name: 'w', op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: String(n) }, { size: '1' }] } } }, dtype: float } },
        { name: 'b', op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '1' }] } } }, dtype: float } },
        { name: 'mm', op: 'MatMul', input: ['x', 'w'], attr: { T: float, transpose_a: { b: false }, transpose_b: { b: false } } },
        { name: 'logit', op: 'BiasAdd', input: ['mm', 'b'], attr: { T: float } },
        { name: 'prob', op: 'Sigmoid', input: ['logit'], attr: { T: float } },
      ],
      library: {},
      versions: {},
    },
    weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'w', shape: [n, 1], dtype: 'float32' }, { name: 'b', shape: [1], dtype: 'float32' }] }],
  };
  writeFileSync(path.join(dir, 'model.json'), JSON.stringify(modelJson));
  writeFileSync(path.join(dir, 'weights.bin'), new Uint8Array(Float32Array.from([...weights, bias]).buffer));
  writeFileSync(path.join(dir, FEATURE_SPEC_FILE), JSON.stringify(spec));
}
