/**
 * Reads what Facetwise needs to know about an ONNX file before running it: its inputs (one dense matrix, or one
 * named input per feature), the output that holds the scores, and the operators it uses. Also removes a trailing
 * ZipMap (scikit-learn's "sequence of maps" probabilities), which onnxruntime-web cannot hand back, so the dense
 * probability tensor it is made from becomes the graph's output instead.
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { FacetwiseError } from '../../data/issues.js';
import type { ModelProto, TypeProto, ValueInfoProto } from '../../proto/gen/onnx/onnx_pb.js';
import { ModelProtoSchema, TensorProto_DataType, ValueInfoProtoSchema } from '../../proto/gen/onnx/onnx_pb.js';

export const ONNX_MODEL_FILE = 'model.onnx';

export type OnnxElementType = 'float32' | 'float64' | 'int64' | 'int32' | 'string' | 'bool' | 'other';

export interface OnnxValue {
  readonly name: string;
  /** `tensor` for tensors; `sequence-of-maps` for ZipMap outputs; `other` for anything else. */
  readonly kind: 'tensor' | 'sequence-of-maps' | 'other';
  readonly elementType: OnnxElementType;
  /** Dimensions: a number where fixed, null where symbolic (the batch). Undefined when the file gives no shape. */
  readonly dims: readonly (number | null)[] | undefined;
}

/** How rows reach the model. */
export type OnnxInputLayout =
  | { readonly kind: 'dense'; readonly input: OnnxValue; readonly width: number | null }
  | { readonly kind: 'named'; readonly inputs: readonly OnnxValue[] };

export interface OnnxGraphInfo {
  readonly inputs: readonly OnnxValue[];
  readonly outputs: readonly OnnxValue[];
  /** `domain:op` for every operator used (domain empty for the standard set). */
  readonly operators: readonly string[];
  readonly producer: string;
  /** Whether a trailing ZipMap was removed (the probabilities are then read from its input tensor). */
  readonly zipMapRemoved: boolean;
}

const elementTypes: Record<number, OnnxElementType> = {
  [TensorProto_DataType.FLOAT]: 'float32',
  [TensorProto_DataType.DOUBLE]: 'float64',
  [TensorProto_DataType.INT64]: 'int64',
  [TensorProto_DataType.INT32]: 'int32',
  [TensorProto_DataType.STRING]: 'string',
  [TensorProto_DataType.BOOL]: 'bool',
};

function valueOf(v: ValueInfoProto): OnnxValue {
  const t: TypeProto | undefined = v.type;
  if (t?.value.case === 'tensorType') {
    const tensor = t.value.value;
    const dims = tensor.shape?.dim.map((d) => (d.value.case === 'dimValue' ? Number(d.value.value) : null));
    return { name: v.name, kind: 'tensor', elementType: elementTypes[tensor.elemType] ?? 'other', dims };
  }
  if (t?.value.case === 'sequenceType' && t.value.value.elemType?.value.case === 'mapType') {
    return { name: v.name, kind: 'sequence-of-maps', elementType: 'float32', dims: undefined };
  }
  return { name: v.name, kind: 'other', elementType: 'other', dims: undefined };
}

/** Decodes an ONNX file; a file that is not one is MODEL_LOAD_FAILED naming it. */
export function decodeOnnx(bytes: Uint8Array, file: string): ModelProto {
  let model: ModelProto;
  try {
    model = fromBinary(ModelProtoSchema, bytes, { readUnknownFields: true });
  } catch (err) {
    throw new FacetwiseError('MODEL_LOAD_FAILED', `not an ONNX model (${err instanceof Error ? err.message : String(err)})`, { file });
  }
  if (!model.graph || model.graph.node.length === 0) throw new FacetwiseError('MODEL_LOAD_FAILED', 'not an ONNX model: it holds no graph', { file });
  return model;
}

/** The graph's real inputs: declared inputs that are not initializers (old exporters list weights as inputs). */
export function graphInfo(model: ModelProto, zipMapRemoved = false): OnnxGraphInfo {
  const graph = model.graph!;
  const weights = new Set(graph.initializer.map((t) => t.name));
  const operators = [...new Set(graph.node.map((n) => `${n.domain}:${n.opType}`))].sort();
  return {
    inputs: graph.input.filter((i) => !weights.has(i.name)).map(valueOf),
    outputs: graph.output.map(valueOf),
    operators,
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
    zipMapRemoved,
  };
}

/**
 * Rewrites a model whose probabilities output comes from a ZipMap so that ZipMap's input tensor is the output
 * (same name, so callers see no difference). Returns the bytes unchanged when there is no such ZipMap.
 */
export function withoutZipMap(model: ModelProto): { model: ModelProto; removed: boolean } {
  const graph = model.graph!;
  const zipMaps = graph.node.filter((n) => n.opType === 'ZipMap' && graph.output.some((o) => o.name === n.output[0]));
  if (zipMaps.length === 0) return { model, removed: false };
  const copy = fromBinary(ModelProtoSchema, toBinary(ModelProtoSchema, model), { readUnknownFields: true });
  const g = copy.graph!;
  for (const zm of zipMaps) {
    const source = zm.input[0]!;
    const outName = zm.output[0]!;
    g.node = g.node.filter((n) => n !== g.node.find((m) => m.opType === 'ZipMap' && m.output[0] === outName));
    // Producers of `source` now write the output name directly, so the declared output keeps its name.
    for (const n of g.node) n.output = n.output.map((o) => (o === source ? outName : o));
    for (const n of g.node) n.input = n.input.map((i) => (i === source ? outName : i));
    const index = g.output.findIndex((o) => o.name === outName);
    g.output[index] = create(ValueInfoProtoSchema, {
      name: outName,
      type: { value: { case: 'tensorType', value: { elemType: TensorProto_DataType.FLOAT } } },
    });
  }
  return { model: copy, removed: true };
}

const isBatchMatrix = (v: OnnxValue): boolean =>
  v.kind === 'tensor' && (v.elementType === 'float32' || v.elementType === 'float64') && v.dims?.length === 2;

/**
 * One float input of rank 2 is a dense feature matrix (a one-feature model reads the same either way); otherwise
 * each input is one feature, matched by name to the feature spec. Anything else is an error naming the inputs.
 */
export function inputLayout(info: OnnxGraphInfo, file: string): OnnxInputLayout {
  const [first] = info.inputs;
  if (!first) throw new FacetwiseError('MODEL_LOAD_FAILED', 'the ONNX graph has no inputs', { file });
  if (info.inputs.length === 1 && isBatchMatrix(first)) return { kind: 'dense', input: first, width: first.dims![1]! };
  for (const i of info.inputs) {
    const ok = i.kind === 'tensor' && i.elementType !== 'other' && i.elementType !== 'bool' && (i.dims === undefined || i.dims.length <= 2) && (i.dims?.[1] ?? 1) === 1;
    if (!ok) {
      throw new FacetwiseError(
        'MODEL_INPUT_UNSUPPORTED',
        `input "${i.name}" (${i.kind} ${i.elementType} [${(i.dims ?? []).map((d) => d ?? '?').join(', ')}]) is neither a dense [batch, n] float matrix nor one value per row; ` +
          `Facetwise feeds one dense matrix or one named [batch, 1] input per feature`,
        { file },
      );
    }
  }
  return { kind: 'named', inputs: info.inputs };
}

/** The output that holds the scores: probabilities where the model has them, else its one float output. */
export function scoreOutput(info: OnnxGraphInfo, file: string): OnnxValue {
  const floats = info.outputs.filter((o) => o.kind === 'tensor' && (o.elementType === 'float32' || o.elementType === 'float64'));
  const probabilities = floats.find((o) => /prob/i.test(o.name));
  const chosen = probabilities ?? (floats.length === 1 ? floats[0] : undefined);
  if (!chosen) {
    const list = info.outputs.map((o) => `"${o.name}" (${o.kind} ${o.elementType})`).join(', ');
    throw new FacetwiseError(
      'MODEL_OUTPUT_UNSUPPORTED',
      floats.length === 0
        ? `no float output to read scores from; outputs: ${list}`
        : `several float outputs and none is named like probabilities; outputs: ${list}`,
      { file },
    );
  }
  return chosen;
}
