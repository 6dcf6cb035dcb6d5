/**
 * An ONNX model as a LoadedModel, from its bytes and an onnxruntime module: the graph read (inputs, score output,
 * ZipMap removed), the session created by the caller's function (which picks the execution provider), feeds built
 * for a dense matrix or one named input per feature, and gradients by batched central differences. Free of Node and
 * of the DOM, so the host (onnxRuntime.ts, with onnxruntime-node or -web) and the datapoint editor's webview
 * (onnxruntime-web's wasm or WebGPU) run the same code.
 */
import { toBinary } from '@bufbuild/protobuf';
import type * as ort from 'onnxruntime-web';
import { FacetwiseError } from '../../data/issues.js';
import { ModelProtoSchema } from '../../proto/gen/onnx/onnx_pb.js';
import { centralDifferenceGradients, FINITE_DIFFERENCE_STEP } from '../finiteDifferences.js';
import type { LoadHints, LoadedModel, NamedInputHint } from '../runtime.js';
import type { OnnxGraphInfo, OnnxInputLayout, OnnxValue } from './onnxGraph.js';
import { decodeOnnx, graphInfo, inputLayout, scoreOutput, withoutZipMap } from './onnxGraph.js';

/** onnxruntime's JavaScript API (onnxruntime-web and onnxruntime-node share it). */
export type OrtModule = typeof ort;

/** Creates a session from model bytes on the best provider it can, returning the provider used. */
export type SessionFactory = (modelBytes: Uint8Array) => Promise<{ readonly session: ort.InferenceSession; readonly used: string }>;

export interface OnnxLoadOptions {
  readonly ort: OrtModule;
  readonly createSession: SessionFactory;
  /** `onnxruntime-web (wasm)` from the provider used. */
  readonly describe: (used: string) => string;
  /** Why better engines were not used; the factory may add to it. */
  readonly notes: string[];
  /** Names the file in errors. */
  readonly file: string;
}

/** Rows per session.run: bounds the memory of one call whatever the caller's batch. */
const MAX_ROWS_PER_RUN = 16_384;

class OnnxModel implements LoadedModel {
  readonly runtime = 'onnx';

  constructor(
    readonly format: string,
    readonly engine: string,
    readonly engineNotes: readonly string[],
    readonly inputSize: number,
    readonly outputSize: number,
    private readonly session: ort.InferenceSession,
    private readonly feeds: (batch: Float32Array, rows: number) => Record<string, ort.Tensor>,
    private readonly output: OnnxValue,
    private readonly file: string,
  ) {}

  async predict(batch: Float32Array, rows: number): Promise<Float32Array> {
    if (rows === 0) return new Float32Array(0);
    const n = rows * this.inputSize;
    if (batch.length < n) throw new RangeError(`input holds ${batch.length} floats, ${rows} rows need ${n}`);
    const out = new Float32Array(rows * this.outputSize);
    for (let first = 0; first < rows; first += MAX_ROWS_PER_RUN) {
      const count = Math.min(MAX_ROWS_PER_RUN, rows - first);
      const slice = batch.subarray(first * this.inputSize, (first + count) * this.inputSize);
      const feeds = this.feeds(slice, count); // its own errors (a value outside a vocabulary) pass as they are
      let result: ort.InferenceSession.OnnxValueMapType;
      try {
        result = await this.session.run(feeds);
      } catch (err) {
        throw new FacetwiseError('MODEL_RUN_FAILED', `onnxruntime could not run the model: ${err instanceof Error ? err.message : String(err)}`, { file: this.file });
      }
      const tensor = result[this.output.name] as ort.Tensor | undefined;
      if (!tensor) throw new FacetwiseError('MODEL_RUN_FAILED', `the model did not return its output "${this.output.name}"`, { file: this.file });
      const data = tensor.data as Float32Array | Float64Array;
      if (data.length !== count * this.outputSize) {
        throw new FacetwiseError('MODEL_RUN_FAILED', `output "${this.output.name}" holds ${data.length} values for ${count} rows; expected ${this.outputSize} per row`, { file: this.file });
      }
      out.set(data instanceof Float32Array ? data : Float32Array.from(data), first * this.outputSize);
    }
    return out;
  }

  gradients(batch: Float32Array, rows: number, outputIndex: number): Promise<Float32Array> {
    return centralDifferenceGradients((b, r) => this.predict(b, r), batch, rows, this.inputSize, this.outputSize, outputIndex, FINITE_DIFFERENCE_STEP);
  }

  dispose(): void {
    void this.session.release();
  }
}

/** Feeds for a dense [batch, n] input. */
function denseFeeds(rt: OrtModule, input: OnnxValue, width: number): (batch: Float32Array, rows: number) => Record<string, ort.Tensor> {
  return (batch, rows) => {
    const data = batch.subarray(0, rows * width);
    const tensor = input.elementType === 'float64' ? new rt.Tensor('float64', Float64Array.from(data), [rows, width]) : new rt.Tensor('float32', Float32Array.from(data), [rows, width]);
    return { [input.name]: tensor };
  };
}

/**
 * Feeds for one input per feature. Numbers pass as they are (a missing value, NaN, reaches the model's own
 * imputer); strings come from their vocabulary slot, and a value outside the vocabulary is sent as the spec's
 * declared `unknownString`.
 */
function namedFeeds(rt: OrtModule, inputs: readonly OnnxValue[], hints: readonly NamedInputHint[], width: number, file: string): (batch: Float32Array, rows: number) => Record<string, ort.Tensor> {
  const byName = new Map(hints.map((h) => [h.name, h]));
  const missing = inputs.filter((i) => !byName.has(i.name)).map((i) => i.name);
  if (missing.length > 0) {
    throw new FacetwiseError('MODEL_SPEC_MISMATCH', `the model's input${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not in the feature spec`, { file });
  }
  const plan = inputs.map((input) => {
    const hint = byName.get(input.name)!;
    if (hint.width !== 1) throw new FacetwiseError('MODEL_SPEC_MISMATCH', `feature "${hint.name}" makes ${hint.width} values but the model's input "${input.name}" takes one per row (use a numeric transform with mean 0 and stdDev 1, or a vocabulary with encoding "index")`, { file });
    if (input.elementType === 'string' && !hint.vocabulary) throw new FacetwiseError('MODEL_SPEC_MISMATCH', `the model's input "${input.name}" takes strings; its feature spec entry needs a vocabulary with encoding "index"`, { file });
    const shape = (rows: number): number[] => (input.dims?.length === 1 ? [rows] : [rows, 1]);
    return { input, hint, shape };
  });
  return (batch, rows) => {
    const feeds: Record<string, ort.Tensor> = {};
    for (const { input, hint, shape } of plan) {
      const column = (r: number): number => batch[r * width + hint.offset]!;
      switch (input.elementType) {
        case 'string': {
          const vocab = hint.vocabulary!;
          const values = Array.from({ length: rows }, (_, r) => {
            const value = vocab[column(r)] ?? hint.unknownString;
            if (value === undefined) {
              throw new FacetwiseError(
                'MODEL_INPUT_OUT_OF_VOCABULARY',
                `feature "${hint.name}" holds a value outside its vocabulary (or none), and the feature spec declares no "unknownString" to send to the model's string input "${input.name}" instead`,
                { file },
              );
            }
            return value;
          });
          feeds[input.name] = new rt.Tensor('string', values, shape(rows));
          break;
        }
        case 'int64':
          feeds[input.name] = new rt.Tensor('int64', BigInt64Array.from({ length: rows }, (_, r) => BigInt(Math.round(column(r) || 0))), shape(rows));
          break;
        case 'int32':
          feeds[input.name] = new rt.Tensor('int32', Int32Array.from({ length: rows }, (_, r) => Math.round(column(r) || 0)), shape(rows));
          break;
        case 'float64':
          feeds[input.name] = new rt.Tensor('float64', Float64Array.from({ length: rows }, (_, r) => column(r)), shape(rows));
          break;
        default:
          feeds[input.name] = new rt.Tensor('float32', Float32Array.from({ length: rows }, (_, r) => column(r)), shape(rows));
      }
    }
    return feeds;
  };
}

/** Width of the score output, from its declared shape or by running one row. */
async function outputWidth(session: ort.InferenceSession, output: OnnxValue, feeds: (b: Float32Array, r: number) => Record<string, ort.Tensor>, inputSize: number): Promise<number> {
  const declared = output.dims;
  if (declared && declared.length === 1) return 1;
  const last = declared?.[declared.length - 1];
  if (typeof last === 'number' && last > 0) return last;
  const probe = await session.run(feeds(new Float32Array(inputSize), 1));
  return (probe[output.name] as ort.Tensor).data.length;
}

/** Names the operator onnxruntime could not run, from its message, for a clear error. */
function unsupportedOperator(message: string, info: OnnxGraphInfo): string | undefined {
  for (const op of info.operators) {
    const name = op.split(':')[1]!;
    if (new RegExp(`\\b${name}\\b`).test(message) && /implementation|not supported|unsupported|kernel/i.test(message)) return op;
  }
  return undefined;
}

/**
 * Builds the model from `model.onnx` bytes. Errors name the file: not ONNX, an operator onnxruntime cannot run, an
 * input of unknown meaning, a mismatch with the spec.
 */
export async function onnxModelFromBytes(bytes: Uint8Array, hints: LoadHints, o: OnnxLoadOptions): Promise<LoadedModel> {
  const { file } = o;
  const { model, removed } = withoutZipMap(decodeOnnx(bytes, file));
  const info = graphInfo(model, removed);
  const layout: OnnxInputLayout = inputLayout(info, file);
  const output = scoreOutput(info, file);
  let session: ort.InferenceSession;
  let used: string;
  try {
    ({ session, used } = await o.createSession(removed ? toBinary(ModelProtoSchema, model) : bytes));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const op = unsupportedOperator(message, info);
    throw new FacetwiseError('MODEL_LOAD_FAILED', op ? `onnxruntime-web cannot run operator ${op.replace(/^:/, '')}: ${message}` : `onnxruntime could not load the model: ${message}`, { file });
  }
  try {
    const inputSize = layout.kind === 'dense' ? (layout.width ?? hints.inputSize ?? 0) : (hints.inputSize ?? 0);
    if (inputSize <= 0) throw new FacetwiseError('MODEL_SPEC_MISMATCH', 'the model does not declare its input width and no feature spec gave one', { file });
    const feeds = layout.kind === 'dense' ? denseFeeds(o.ort, layout.input, inputSize) : namedFeeds(o.ort, layout.inputs, hints.namedInputs ?? [], inputSize, file);
    const width = await outputWidth(session, output, feeds, inputSize);
    const format = layout.kind === 'dense' ? 'onnx-dense' : 'onnx-named-inputs';
    return new OnnxModel(format, o.describe(used), o.notes, inputSize, width, session, feeds, output, file);
  } catch (err) {
    void session.release();
    throw err;
  }
}
