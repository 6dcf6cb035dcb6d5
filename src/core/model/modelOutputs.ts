/**
 * What a model's raw outputs mean for its task, turned into "scores": binary → P(positive) (one column),
 * multiclass → one probability per class, regression → the predicted value.
 */
import { FacetwiseError } from '../data/issues.js';
import type { FeatureSpec } from './featureSpecTypes.js';

export interface OutputLayout {
  /** Score columns per row. */
  readonly width: number;
  /** Column names for CSV and reports. */
  readonly names: readonly string[];
  /** The raw output IG explains by default (binary: the positive class; multiclass: chosen per example). */
  readonly positiveIndex: number;
  /** Converts `rows × rawWidth` raw outputs into `rows × width` scores (a new array). */
  scores(raw: Float32Array, rows: number): Float32Array;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function outputLayout(spec: FeatureSpec, rawWidth: number, file: string): OutputLayout {
  const logits = spec.output === 'logit';
  const mismatch = (want: string): never => {
    throw new FacetwiseError('MODEL_SPEC_MISMATCH', `a ${spec.task} model should output ${want}, this one outputs ${rawWidth} per row`, { file });
  };
  switch (spec.task) {
    case 'regression':
      if (rawWidth !== 1) mismatch('1 value');
      return { width: 1, names: ['prediction'], positiveIndex: 0, scores: (raw, rows) => raw.slice(0, rows) };
    case 'binary': {
      if (rawWidth !== 1 && rawWidth !== 2) mismatch('1 (sigmoid) or 2 (softmax) values');
      const name = spec.label?.classes ? `probability_${spec.label.classes[1]}` : 'probability';
      return {
        width: 1,
        names: [name],
        positiveIndex: rawWidth - 1,
        scores(raw, rows) {
          const out = new Float32Array(rows);
          for (let r = 0; r < rows; r++) {
            if (rawWidth === 1) out[r] = logits ? sigmoid(raw[r]!) : raw[r]!;
            else out[r] = logits ? sigmoid(raw[2 * r + 1]! - raw[2 * r]!) : raw[2 * r + 1]!;
          }
          return out;
        },
      };
    }
    case 'multiclass': {
      const classes = spec.label?.classes;
      const k = classes?.length ?? rawWidth;
      if (rawWidth !== k || k < 2) mismatch(`${k} class probabilities`);
      return {
        width: k,
        names: (classes ?? Array.from({ length: k }, (_, i) => String(i))).map((c) => `probability_${c}`),
        positiveIndex: 0,
        scores(raw, rows) {
          const out = raw.slice(0, rows * k);
          if (!logits) return out;
          for (let r = 0; r < rows; r++) {
            let max = -Infinity;
            for (let j = 0; j < k; j++) max = Math.max(max, out[r * k + j]!);
            let sum = 0;
            for (let j = 0; j < k; j++) sum += out[r * k + j] = Math.exp(out[r * k + j] - max);
            for (let j = 0; j < k; j++) out[r * k + j] /= sum;
          }
          return out;
        },
      };
    }
  }
}
