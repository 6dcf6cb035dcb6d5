// Small ONNX models written by the tests themselves (no Python): a logistic regression, an MLP, tree ensembles,
// a model with named string inputs. Encoded with protobuf-es from our onnx.proto, which uses ONNX's field numbers.
import { create, toBinary } from '@bufbuild/protobuf';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AttributeProto, NodeProto, TensorProto, ValueInfoProto } from '../../../../src/core/proto/gen/onnx/onnx_pb.js';
import {
  AttributeProto_AttributeType as A,
  AttributeProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  TensorProto_DataType as T,
  TensorProtoSchema,
  ValueInfoProtoSchema,
} from '../../../../src/core/proto/gen/onnx/onnx_pb.js';
import type { FeatureSpec } from '../../../../src/core/model/featureSpec.js';

type Dim = number | string;

export function tensorInfo(name: string, elemType: T, dims: readonly Dim[]): ValueInfoProto {
  return create(ValueInfoProtoSchema, {
    name,
    type: {
      value: {
        case: 'tensorType',
        value: {
          elemType,
          shape: {
            dim: dims.map((d) => (typeof d === 'number' ? { value: { case: 'dimValue' as const, value: BigInt(d) } } : { value: { case: 'dimParam' as const, value: d } })),
          },
        },
      },
    },
  });
}

export function sequenceOfMapsInfo(name: string): ValueInfoProto {
  return create(ValueInfoProtoSchema, {
    name,
    type: {
      value: {
        case: 'sequenceType',
        value: { elemType: { value: { case: 'mapType', value: { keyType: T.INT64, valueType: { value: { case: 'tensorType', value: { elemType: T.FLOAT } } } } } } },
      },
    },
  });
}

export function floats(name: string, dims: readonly number[], values: readonly number[]): TensorProto {
  return create(TensorProtoSchema, { name, dims: dims.map(BigInt), dataType: T.FLOAT, floatData: [...values] });
}

type AttrValue = number | bigint | string | readonly number[] | readonly bigint[] | readonly string[];

/** An attribute: bigint(s) → INT(S), number(s) → FLOAT(S), string(s) → STRING(S). */
export function attr(name: string, value: AttrValue): AttributeProto {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  if (typeof value === 'bigint') return create(AttributeProtoSchema, { name, type: A.INT, i: value });
  if (typeof value === 'number') return create(AttributeProtoSchema, { name, type: A.FLOAT, f: value });
  if (typeof value === 'string') return create(AttributeProtoSchema, { name, type: A.STRING, s: enc(value) });
  const list = value as readonly unknown[];
  if (list.length > 0 && typeof list[0] === 'bigint') return create(AttributeProtoSchema, { name, type: A.INTS, ints: [...(list as bigint[])] });
  if (list.length > 0 && typeof list[0] === 'string') return create(AttributeProtoSchema, { name, type: A.STRINGS, strings: (list as string[]).map(enc) });
  return create(AttributeProtoSchema, { name, type: A.FLOATS, floats: [...(list as number[])] });
}

export function node(opType: string, input: readonly string[], output: readonly string[], attributes: readonly AttributeProto[] = [], domain = ''): NodeProto {
  return create(NodeProtoSchema, { opType, input: [...input], output: [...output], attribute: [...attributes], domain });
}

export function model(parts: { inputs: ValueInfoProto[]; outputs: ValueInfoProto[]; nodes: NodeProto[]; initializers?: TensorProto[] }): Uint8Array {
  return toBinary(
    ModelProtoSchema,
    create(ModelProtoSchema, {
      irVersion: 8n,
      producerName: 'facetwise-tests',
      opsetImport: [
        { domain: '', version: 17n },
        { domain: 'ai.onnx.ml', version: 3n },
      ],
      graph: { name: 'g', input: parts.inputs, output: parts.outputs, node: parts.nodes, initializer: parts.initializers ?? [] },
    }),
  );
}

/** sigmoid(x·w + b) on a dense [N, n] input; output "probability" [N, 1]. */
export function logisticRegression(w: readonly number[], b: number): Uint8Array {
  return model({
    inputs: [tensorInfo('x', T.FLOAT, ['N', w.length])],
    outputs: [tensorInfo('probability', T.FLOAT, ['N', 1])],
    initializers: [floats('W', [w.length, 1], w), floats('B', [1], [b])],
    nodes: [node('MatMul', ['x', 'W'], ['xw']), node('Add', ['xw', 'B'], ['z']), node('Sigmoid', ['z'], ['probability'])],
  });
}

/** x·w + b on a dense [N, n] input; output "variable" [N, 1] (skl2onnx's name for regressors). */
export function linearRegression(w: readonly number[], b: number): Uint8Array {
  return model({
    inputs: [tensorInfo('x', T.FLOAT, ['N', w.length])],
    outputs: [tensorInfo('variable', T.FLOAT, ['N', 1])],
    initializers: [floats('W', [w.length, 1], w), floats('B', [1], [b])],
    nodes: [node('MatMul', ['x', 'W'], ['xw']), node('Add', ['xw', 'B'], ['variable'])],
  });
}

/** Dense(n→h, relu) → Dense(h→1, sigmoid), weights row-major as tfjs stores kernels ([in, out]). */
export function mlp(w1: readonly number[], b1: readonly number[], w2: readonly number[], b2: readonly number[], inputs: number): Uint8Array {
  const hidden = b1.length;
  return model({
    inputs: [tensorInfo('dense_input', T.FLOAT, ['N', inputs])],
    outputs: [tensorInfo('output', T.FLOAT, ['N', 1])],
    initializers: [floats('W1', [inputs, hidden], w1), floats('B1', [hidden], b1), floats('W2', [hidden, 1], w2), floats('B2', [1], b2)],
    nodes: [
      node('MatMul', ['dense_input', 'W1'], ['h0']),
      node('Add', ['h0', 'B1'], ['h1']),
      node('Relu', ['h1'], ['h']),
      node('MatMul', ['h', 'W2'], ['o0']),
      node('Add', ['o0', 'B2'], ['o1']),
      node('Sigmoid', ['o1'], ['output']),
    ],
  });
}

/** A tree of a TreeEnsemble: a node list in ONNX's flattened form (one entry per node). */
export interface TreeNode {
  readonly feature: number;
  readonly threshold: number;
  /** Index of the child when x[feature] <= threshold, or -1 for a leaf. */
  readonly yes: number;
  readonly no: number;
  /** Leaf value (regression) or, for a classifier, the positive class weight. */
  readonly value: number;
}

function treeAttributes(trees: readonly (readonly TreeNode[])[], prefix: 'target' | 'class') {
  const ids: bigint[] = [];
  const nodeIds: bigint[] = [];
  const featureIds: bigint[] = [];
  const values: number[] = [];
  const modes: string[] = [];
  const yes: bigint[] = [];
  const no: bigint[] = [];
  const leafTree: bigint[] = [];
  const leafNode: bigint[] = [];
  const leafWeight: number[] = [];
  trees.forEach((tree, t) =>
    tree.forEach((n, i) => {
      ids.push(BigInt(t));
      nodeIds.push(BigInt(i));
      featureIds.push(BigInt(n.feature));
      values.push(n.threshold);
      const leaf = n.yes < 0;
      modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      yes.push(BigInt(leaf ? 0 : n.yes));
      no.push(BigInt(leaf ? 0 : n.no));
      if (leaf) {
        leafTree.push(BigInt(t));
        leafNode.push(BigInt(i));
        leafWeight.push(n.value);
      }
    }),
  );
  return [
    attr('nodes_treeids', ids),
    attr('nodes_nodeids', nodeIds),
    attr('nodes_featureids', featureIds),
    attr('nodes_values', values),
    attr('nodes_modes', modes),
    attr('nodes_truenodeids', yes),
    attr('nodes_falsenodeids', no),
    attr(`${prefix}_treeids`, leafTree),
    attr(`${prefix}_nodeids`, leafNode),
    attr(`${prefix}_ids`, leafTree.map(() => (prefix === 'class' ? 1n : 0n))),
    attr(`${prefix}_weights`, leafWeight),
  ];
}

/** A gradient-boosted regressor: the sum of the trees' leaves plus `base`. */
export function treeRegressor(trees: readonly (readonly TreeNode[])[], inputs: number, base = 0): Uint8Array {
  return model({
    inputs: [tensorInfo('input', T.FLOAT, ['N', inputs])],
    outputs: [tensorInfo('variable', T.FLOAT, ['N', 1])],
    nodes: [node('TreeEnsembleRegressor', ['input'], ['variable'], [attr('n_targets', 1n), attr('base_values', [base]), attr('aggregate_function', 'SUM'), ...treeAttributes(trees, 'target')], 'ai.onnx.ml')],
  });
}

/**
 * A binary gradient-boosted classifier as skl2onnx exports one: label + probabilities, LOGISTIC post transform,
 * and (with `zipMap`) the probabilities wrapped into a sequence of maps.
 */
export function treeClassifier(trees: readonly (readonly TreeNode[])[], inputs: number, zipMap: boolean): Uint8Array {
  const probs = zipMap ? 'probability_tensor' : 'probabilities';
  const nodes = [
    node(
      'TreeEnsembleClassifier',
      ['input'],
      ['label', probs],
      [attr('classlabels_int64s', [0n, 1n]), attr('post_transform', 'LOGISTIC'), attr('base_values', [0]), ...treeAttributes(trees, 'class')],
      'ai.onnx.ml',
    ),
  ];
  if (zipMap) nodes.push(node('ZipMap', [probs], ['output_probability'], [attr('classlabels_int64s', [0n, 1n])], 'ai.onnx.ml'));
  return model({
    inputs: [tensorInfo('input', T.FLOAT, ['N', inputs])],
    outputs: [tensorInfo('label', T.INT64, ['N']), zipMap ? sequenceOfMapsInfo('output_probability') : tensorInfo('probabilities', T.FLOAT, ['N', 2])],
    nodes,
  });
}

/**
 * Named inputs, as a scikit-learn pipeline exports them: `payment_type` (string) one-hot over `categories`,
 * concatenated with `fare` (float), then a logistic regression with weights `w` (categories first, then fare).
 */
export function namedInputsClassifier(categories: readonly string[], w: readonly number[], b: number): Uint8Array {
  return model({
    inputs: [tensorInfo('payment_type', T.STRING, ['N', 1]), tensorInfo('fare', T.FLOAT, ['N', 1])],
    outputs: [tensorInfo('probability', T.FLOAT, ['N', 1])],
    initializers: [floats('W', [w.length, 1], w), floats('B', [1], [b])],
    nodes: [
      node('OneHotEncoder', ['payment_type'], ['onehot3d'], [attr('cats_strings', [...categories]), attr('zeros', 1n)], 'ai.onnx.ml'),
      node('Flatten', ['onehot3d'], ['onehot'], [attr('axis', 1n)]),
      node('Concat', ['onehot', 'fare'], ['x'], [attr('axis', 1n)]),
      node('MatMul', ['x', 'W'], ['xw']),
      node('Add', ['xw', 'B'], ['z']),
      node('Sigmoid', ['z'], ['probability']),
    ],
  });
}

/** Writes `model.onnx` and `feature_spec.json` into `<root>/<version>/`. */
export function writeOnnxVersion(root: string, version: number | null, bytes: Uint8Array, spec: FeatureSpec): string {
  const dir = version === null ? root : join(root, String(version));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.onnx'), bytes);
  writeFileSync(join(dir, 'feature_spec.json'), JSON.stringify(spec, null, 2));
  return dir;
}
