// The ONNX model of the sample workspace: the taxi_model fixture's v1 weights written into an ONNX graph by the
// tests' own ONNX writer (no Python), as TF Serving lays versions out: taxi_onnx/1 is that model, taxi_onnx/2 the
// same with payment_type = Cash routed into the hidden unit that pushes the score up most, so Cash riders (who do
// not tip) look like tippers and v2 is worse on that slice. Same bytes on every run.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeatureTransform } from '../../../src/core/model/featureTransform.js';
import type { FeatureSpec } from '../../../src/core/model/featureSpec.js';
import { mlp } from '../../core/model/onnx/onnxFixtures.js';
import { readDenseLayers } from '../../core/model/reference.js';
import { repoRoot } from './paths.js';

export const ONNX_MODEL_REL = 'models/taxi_onnx';

/** The tfjs fixture whose weights the ONNX versions carry. */
const tfjsFixture = join(repoRoot, 'test', 'fixtures', 'models', 'taxi_model');

/** Writes `<folder>/<rel>/{1,2}/{model.onnx,feature_spec.json}`; returns the model root. */
export function layOutOnnxModel(folder: string, rel: string = ONNX_MODEL_REL): string {
  const root = join(folder, rel);
  const source = join(tfjsFixture, '1');
  const specFile = join(source, 'feature_spec.json');
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as FeatureSpec;
  const [l1, l2] = readDenseLayers(source);
  if (!l1 || !l2) throw new Error(`${source}: expected two dense layers`);
  const cash = new FeatureTransform(spec).blocks.find((b) => b.name === 'payment_type');
  if (!cash || cash.transform.kind !== 'vocabulary' || cash.transform.vocabulary[0] !== 'Cash') throw new Error(`${specFile}: payment_type's first vocabulary slot is not Cash`);
  const write = (version: number, w1: Float32Array): void => {
    const dir = join(root, String(version));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'model.onnx'), mlp([...w1], [...l1.bias], [...l2.kernel], [...l2.bias], l1.inputs));
    copyFileSync(specFile, join(dir, 'feature_spec.json'));
  };
  write(1, Float32Array.from(l1.kernel));
  const damaged = Float32Array.from(l1.kernel);
  let best = 0;
  for (let u = 1; u < l2.kernel.length; u++) if (l2.kernel[u]! > l2.kernel[best]!) best = u;
  damaged[cash.offset * l1.units + best]! += 25;
  write(2, damaged);
  return root;
}
