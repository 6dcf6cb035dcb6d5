/**
 * What the Models view shows about a `model.onnx` without running it: its input width (one dense matrix) or input
 * names (one input per feature), and its parameter count, summed over the graph's initializers. Reads the protobuf
 * only; a file that is not ONNX throws MODEL_LOAD_FAILED naming it.
 */
import { decodeOnnx, graphInfo, inputLayout } from './onnxGraph.js';

export interface OnnxFacts {
  /** Floats per row of the one dense input; null for named inputs or a symbolic width. */
  readonly width: number | null;
  /** The model's inputs when it takes one per feature (empty for a dense input). */
  readonly inputNames: readonly string[];
  /** Elements over every initializer (weights, biases, tree attributes are not counted: they are not tensors). */
  readonly parameters: number;
  /** `domain:op` for every operator used. */
  readonly operators: readonly string[];
}

export function onnxFacts(bytes: Uint8Array, file: string): OnnxFacts {
  const model = decodeOnnx(bytes, file);
  const info = graphInfo(model);
  const layout = inputLayout(info, file);
  let parameters = 0;
  for (const t of model.graph!.initializer) parameters += t.dims.reduce((a, d) => a * Number(d), 1);
  return {
    width: layout.kind === 'dense' ? layout.width : null,
    inputNames: layout.kind === 'named' ? layout.inputs.map((i) => i.name) : [],
    parameters,
    operators: info.operators,
  };
}
