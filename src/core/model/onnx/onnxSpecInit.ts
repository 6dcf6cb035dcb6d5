/**
 * `facetwise model init --onnx`: a feature spec that fits an ONNX model. A model with one named input per feature
 * (a scikit-learn pipeline) already does its own preprocessing, so each input passes through as it is — numbers
 * unchanged, strings by their vocabulary slot — and the names come from the model. A model with one dense
 * [batch, n] input does not say what its columns are: the spec is derived from the data as for any model, and it
 * must make exactly n columns.
 */
import { FacetwiseError } from '../../data/issues.js';
import type { FeatureSpec, FeatureSpecEntry } from '../featureSpec.js';
import { FEATURE_SPEC_FORMAT, validateFeatureSpec } from '../featureSpec.js';
import type { FeatureSummary } from '../featureSummary.js';
import { FeatureTransform } from '../featureTransform.js';
import type { SpecInitOptions } from '../specInit.js';
import { deriveFeatureSpec } from '../specInit.js';
import { decodeOnnx, graphInfo, inputLayout, withoutZipMap } from './onnxGraph.js';

export interface OnnxSpecInitOptions extends SpecInitOptions {
  /** Named string inputs: the string sent for a value outside the vocabulary (absent: such a value is an error). */
  readonly unknownString?: string;
}

export function deriveOnnxFeatureSpec(onnxBytes: Uint8Array, onnxFile: string, summaries: readonly FeatureSummary[], options: OnnxSpecInitOptions): FeatureSpec {
  const info = graphInfo(withoutZipMap(decodeOnnx(onnxBytes, onnxFile)).model);
  const layout = inputLayout(info, onnxFile);
  if (layout.kind === 'dense') {
    const spec = deriveFeatureSpec(summaries, options);
    const width = new FeatureTransform(spec).width;
    if (layout.width !== null && width !== layout.width) {
      throw new FacetwiseError(
        'MODEL_SPEC_INIT',
        `the model's input "${layout.input.name}" takes ${layout.width} columns per row, but the derived spec makes ${width} (${spec.features.map((f) => f.name).join(', ')}); ` +
          'choose the features (--features, in the order the model was trained with) and their transforms (--kind) to match',
        { file: onnxFile },
      );
    }
    return spec;
  }
  const byName = new Map(summaries.map((s) => [s.name, s]));
  const absent = layout.inputs.filter((i) => !byName.has(i.name)).map((i) => i.name);
  if (absent.length > 0) {
    const present = summaries.map((s) => s.name).join(', ');
    throw new FacetwiseError('MODEL_SPEC_INIT', `the model's inputs ${absent.map((a) => `"${a}"`).join(', ')} are not columns of the dataset (it has ${present})`, { file: onnxFile });
  }
  const features = layout.inputs.map((input): FeatureSpecEntry => {
    if (input.elementType === 'string') {
      const s = byName.get(input.name)!;
      const vocabulary = s.topValues.filter((t) => t.frequency >= (options.minFrequency ?? 1)).slice(0, options.vocabularySize ?? 100).map((t) => t.value);
      return { name: input.name, transform: { kind: 'vocabulary', vocabulary, oovBuckets: 1, encoding: 'index' }, missing: 'impute' };
    }
    // Numbers reach the model unchanged; a missing one is a row error (the model was not built to see a gap).
    return { name: input.name, transform: { kind: 'numeric', mean: 0, stdDev: 1 }, missing: 'error' };
  });
  return validateFeatureSpec(
    {
      format: FEATURE_SPEC_FORMAT,
      task: options.task,
      features,
      ...(options.label ? { label: options.label } : {}),
      ...(options.unknownString !== undefined ? { unknownString: options.unknownString } : {}),
    },
    '(derived feature spec)',
  );
}
