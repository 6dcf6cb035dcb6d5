/**
 * A TensorFlow.js model (Layers or Graph) built from artifacts already in memory, behind the LoadedModel seam.
 * Free of Node and the DOM, so the host (tfjsRuntime.ts reads the files from disk) and the datapoint editor's
 * webview (which fetches them through webview resource URIs) run the very same code.
 */
import * as tf from '@tensorflow/tfjs';
import type { LoadHints, LoadedModel } from './runtime.js';

type Forward = (x: tf.Tensor2D) => tf.Tensor;

/** Is this topology a Keras/Layers model (`class_name` + `config`) rather than a GraphDef (`node`)? */
export function isLayersTopology(artifacts: tf.io.ModelArtifacts): boolean {
  if (artifacts.format === 'layers-model') return true;
  if (artifacts.format === 'graph-model') return false;
  const topo = artifacts.modelTopology as Record<string, unknown> | undefined;
  return topo !== undefined && ('class_name' in topo || 'model_config' in topo);
}

function firstOutput(out: tf.Tensor | tf.Tensor[] | tf.NamedTensorMap): tf.Tensor {
  if (out instanceof tf.Tensor) return out;
  if (Array.isArray(out)) return out[0]!;
  const first = Object.values(out)[0];
  if (!first) throw new Error('the model produced no output');
  return first;
}

/** Outputs as rows × k, whatever rank the model returns. */
function as2d(t: tf.Tensor, rows: number): tf.Tensor2D {
  return t.reshape([rows, t.size / Math.max(rows, 1)]);
}

class TfjsModel implements LoadedModel {
  readonly runtime = 'tfjs';

  constructor(
    readonly format: string,
    readonly inputSize: number,
    readonly outputSize: number,
    private readonly forward: Forward,
    private readonly release: () => void,
  ) {}

  private input(batch: Float32Array, rows: number): tf.Tensor2D {
    const n = rows * this.inputSize;
    if (batch.length < n) throw new RangeError(`input holds ${batch.length} floats, ${rows} rows need ${n}`);
    return tf.tensor2d(batch.subarray(0, n), [rows, this.inputSize], 'float32');
  }

  async predict(batch: Float32Array, rows: number): Promise<Float32Array> {
    if (rows === 0) return new Float32Array(0);
    const out = tf.tidy(() => as2d(this.forward(this.input(batch, rows)), rows));
    try {
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  }

  async gradients(batch: Float32Array, rows: number, outputIndex: number): Promise<Float32Array> {
    if (rows === 0) return new Float32Array(0);
    const grad = tf.tidy(() => {
      const x = this.input(batch, rows);
      // Summing over rows is safe: row i's output depends only on row i's input.
      const g = tf.grad((v: tf.Tensor) => as2d(this.forward(v as tf.Tensor2D), rows).slice([0, outputIndex], [rows, 1]).sum());
      return g(x);
    });
    try {
      return (await grad.data()) as Float32Array;
    } finally {
      grad.dispose();
    }
  }

  dispose(): void {
    this.release();
  }
}

function widthOf(shape: readonly (number | null)[] | undefined): number {
  const last = shape?.[shape.length - 1];
  return typeof last === 'number' && last > 0 ? last : 0;
}

/** Runs a zero row to learn the output width when the model does not declare it. */
function probeOutputWidth(forward: Forward, inputSize: number): number {
  const out = tf.tidy(() => forward(tf.zeros([1, inputSize]) as tf.Tensor2D));
  const width = out.size;
  out.dispose();
  return width;
}

export async function loadLayers(artifacts: tf.io.ModelArtifacts, hints: LoadHints): Promise<LoadedModel> {
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  if (model.inputs.length !== 1) {
    model.dispose();
    throw new Error(`the model has ${model.inputs.length} inputs; Facetwise feeds one dense feature vector`);
  }
  const inputSize = widthOf(model.inputs[0]!.shape) || (hints.inputSize ?? 0);
  // predictOnBatch runs the graph once; predict() would re-slice the batch into chunks of 32.
  const forward: Forward = (x) => firstOutput(model.predictOnBatch(x));
  const outputSize = widthOf(model.outputs[0]?.shape) || (inputSize > 0 ? probeOutputWidth(forward, inputSize) : 0);
  return new TfjsModel('layers-model', inputSize, outputSize, forward, () => model.dispose());
}

export async function loadGraph(artifacts: tf.io.ModelArtifacts, hints: LoadHints): Promise<LoadedModel> {
  const model = await tf.loadGraphModel(tf.io.fromMemory(artifacts));
  if (model.inputs.length !== 1) {
    model.dispose();
    throw new Error(`the graph has ${model.inputs.length} inputs; Facetwise feeds one dense feature vector`);
  }
  const inputSize = widthOf(model.inputs[0]!.shape) || (hints.inputSize ?? 0);
  const forward: Forward = (x) => firstOutput(model.execute(x));
  const outputSize = widthOf(model.outputs[0]?.shape) || (inputSize > 0 ? probeOutputWidth(forward, inputSize) : 0);
  return new TfjsModel('graph-model', inputSize, outputSize, forward, () => model.dispose());
}

/** Builds the model from artifacts: Layers or Graph, decided by the topology. */
export async function modelFromArtifacts(artifacts: tf.io.ModelArtifacts, hints: LoadHints = {}): Promise<LoadedModel> {
  return isLayersTopology(artifacts) ? loadLayers(artifacts, hints) : loadGraph(artifacts, hints);
}
