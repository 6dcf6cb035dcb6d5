/**
 * The seam between the engine and a model format. TensorFlow.js is the first runtime; ONNX (onnxruntime) and
 * Keras are meant to slot in behind the same two interfaces without touching prediction, attribution or comparison.
 * Everything above this file sees a model as a function from a dense float matrix to a dense float matrix.
 */

export interface LoadedModel {
  /** The runtime that loaded it, e.g. `tfjs`. */
  readonly runtime: string;
  /** The format within that runtime, e.g. `layers-model`, `graph-model`. */
  readonly format: string;
  /** What executes it, when the runtime has a choice, e.g. `onnxruntime-web (wasm)`. */
  readonly engine?: string;
  /** Why better engines were not used (for --verbose). */
  readonly engineNotes?: readonly string[];
  /** Floats per input row (the width of the transformed features). */
  readonly inputSize: number;
  /** Floats per output row (1 for a sigmoid or a regression, K for a softmax). */
  readonly outputSize: number;
  /**
   * Runs rows `0..rows-1` of a row-major matrix (`rows × inputSize`; extra floats past that are ignored) and returns
   * a fresh row-major `rows × outputSize` matrix. The input is not kept after the promise settles.
   */
  predict(batch: Float32Array, rows: number): Promise<Float32Array>;
  /**
   * d output[outputIndex] / d input for each row, row-major `rows × inputSize`: what integrated gradients need.
   * Absent when the runtime cannot differentiate the model.
   */
  gradients?(batch: Float32Array, rows: number, outputIndex: number): Promise<Float32Array>;
  /** Frees the weights (GPU / wasm memory). */
  dispose(): void;
}

export interface ModelRuntime {
  /** Short name reported to users, e.g. `tfjs`. */
  readonly name: string;
  /** Whether a version folder holds a model this runtime reads (e.g. a `model.json`). */
  canLoad(dir: string): Promise<boolean>;
  load(dir: string, hints?: LoadHints): Promise<LoadedModel>;
}

/** What the caller knows that a model file may leave open. */
export interface LoadHints {
  /** Input width to assume when the model declares it as unknown (-1): the feature spec's width. */
  readonly inputSize?: number;
  /** For models with one input per feature (ONNX named inputs): where each feature sits in the dense row. */
  readonly namedInputs?: readonly NamedInputHint[];
}

/** One feature of the spec as a named model input sees it. */
export interface NamedInputHint {
  readonly name: string;
  /** Column of the dense row holding it. */
  readonly offset: number;
  /** Floats the feature's transform makes (a named input takes exactly 1). */
  readonly width: number;
  /** For vocabulary features with index encoding: slot → string, so a string input gets the value itself. */
  readonly vocabulary?: readonly string[];
  /** The string sent for a value outside the vocabulary, as the spec declares it; undefined: such a value is an error. */
  readonly unknownString?: string;
}
