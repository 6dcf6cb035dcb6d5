/** The TensorFlow.js runtime: Layers models and Graph models (`model.json` + shards) read from disk. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { FacetwiseError } from '../data/issues.js';
import { MODEL_JSON, loadModelArtifacts } from './fileSystemIoHandler.js';
import type { LoadHints, LoadedModel, ModelRuntime } from './runtime.js';

type Forward = (x: tf.Tensor2D) => tf.Tensor;

/** Is this topology a Keras/Layers model (`class_name` + `config`) rather than a GraphDef (`node`)? */
function isLayersTopology(artifacts: tf.io.ModelArtifacts): boolean {
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

async function loadLayers(artifacts: tf.io.ModelArtifacts, hints: LoadHints): Promise<LoadedModel> {
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

async function loadGraph(artifacts: tf.io.ModelArtifacts, hints: LoadHints): Promise<LoadedModel> {
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

export const tfjsRuntime: ModelRuntime = {
  name: 'tfjs',
  async canLoad(dir) {
    try {
      return (await fs.stat(path.join(dir, MODEL_JSON))).isFile();
    } catch {
      return false;
    }
  },
  async load(dir, hints = {}) {
    const artifacts = await loadModelArtifacts(dir);
    const layers = isLayersTopology(artifacts);
    try {
      return layers ? await loadLayers(artifacts, hints) : await loadGraph(artifacts, hints);
    } catch (err) {
      if (err instanceof FacetwiseError) throw err;
      throw new FacetwiseError(
        'MODEL_LOAD_FAILED',
        `TensorFlow.js could not build the ${layers ? 'layers' : 'graph'} model: ${err instanceof Error ? err.message : String(err)}`,
        { file: path.join(dir, MODEL_JSON) },
      );
    }
  },
};
