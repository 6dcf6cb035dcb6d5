/**
 * The feature spec's shape (see featureSpec.ts for reading, checking and writing it). Types and constants only, with
 * no Node import, so the datapoint webview's bundle can share them with the host.
 */
export const FEATURE_SPEC_FILE = 'feature_spec.json';
export const FEATURE_SPEC_FORMAT = 1;

export type ModelTask = 'binary' | 'multiclass' | 'regression';

/** (x − mean) / stdDev; one float. A missing value becomes the mean (0 after standardisation). */
export interface NumericTransform {
  readonly kind: 'numeric';
  readonly mean: number;
  readonly stdDev: number;
}

/**
 * Vocabulary lookup. Values outside the vocabulary (and missing values) go to one of `oovBuckets` extra slots,
 * chosen by a hash of the value's UTF-8 bytes. `oneHot`: vocabulary.length + oovBuckets floats; `index`: one float
 * holding the slot number (for embedding layers).
 */
export interface VocabularyTransform {
  readonly kind: 'vocabulary';
  readonly vocabulary: readonly string[];
  readonly oovBuckets: number;
  readonly encoding: 'oneHot' | 'index';
}

/** A closed set of values (e.g. hours 0–23), one float each; a value outside it (or missing) is all zeros. */
export interface OneHotTransform {
  readonly kind: 'oneHot';
  readonly values: readonly string[];
}

/**
 * One-hot of the bucket a number falls in: boundaries.length + 1 floats; bucket i holds
 * boundaries[i-1] <= x < boundaries[i] (tf.raw_ops.Bucketize). A missing value is all zeros.
 */
export interface BucketizeTransform {
  readonly kind: 'bucketize';
  readonly boundaries: readonly number[];
}

export type FeatureTransformSpec = NumericTransform | VocabularyTransform | OneHotTransform | BucketizeTransform;

export interface FeatureSpecEntry {
  /** The dataset column (feature name) read. */
  readonly name: string;
  readonly transform: FeatureTransformSpec;
  /** `impute` (default): the transform's missing-value rule above; `error`: a missing value is a row error. */
  readonly missing?: 'impute' | 'error';
}

export interface LabelSpec {
  /**
   * A small expression over columns: arithmetic (+ − * /), comparisons, `&&` `||` `!`, numbers and "strings",
   * e.g. `tips > 0.2 * fare`. Binary: true/false or 0/1. Regression: a number. Multiclass: a value of `classes`.
   */
  readonly expression: string;
  /** Multiclass: the class names in output order. Binary: optional names for [negative, positive]. */
  readonly classes?: readonly string[];
}

export interface FeatureSpec {
  readonly format: typeof FEATURE_SPEC_FORMAT;
  readonly task: ModelTask;
  /** Optional: prediction works without it; evaluation, importance and comparison need it. */
  readonly label?: LabelSpec;
  readonly features: readonly FeatureSpecEntry[];
  /** What the model emits for classification: probabilities (default) or logits to squash. */
  readonly output?: 'probability' | 'logit';
  /**
   * Models with one string input per feature (ONNX exports of scikit-learn pipelines): the string sent for a value
   * outside a feature's vocabulary. Absent: such a value is an error rather than a guess.
   */
  readonly unknownString?: string;
}

