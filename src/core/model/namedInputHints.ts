/**
 * Where each feature of a spec sits in the dense row, for runtimes that feed one named input per feature (ONNX
 * models exported with named inputs). Node-free: the host and the datapoint editor's webview both build them.
 */
import type { FeatureSpec } from './featureSpecTypes.js';
import type { FeatureTransform } from './featureTransform.js';
import type { NamedInputHint } from './runtime.js';

export function namedInputHints(spec: FeatureSpec, transform: FeatureTransform): NamedInputHint[] {
  return transform.blocks.map((b) => ({
    name: b.name,
    offset: b.offset,
    width: b.width,
    ...(b.transform.kind === 'vocabulary' && b.transform.encoding === 'index' ? { vocabulary: b.transform.vocabulary } : {}),
    ...(spec.unknownString !== undefined ? { unknownString: spec.unknownString } : {}),
  }));
}
