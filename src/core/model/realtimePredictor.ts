/**
 * Real-time prediction of one example, for a datapoint editor that calls it on every keystroke: the model and the
 * compiled transform stay loaded, the input row is one preallocated buffer, and nothing else big is allocated
 * per call.
 */
import type { OpenedModel } from './openModel.js';
import type { ExampleRecord, RowProblem } from './featureTransform.js';

export interface RealtimePrediction {
  /** Scores (see OutputLayout): empty when the example could not be transformed. */
  readonly scores: readonly number[];
  readonly names: readonly string[];
  /** Why the example could not be predicted (empty when it was). */
  readonly problems: readonly RowProblem[];
  /** Milliseconds spent in this call. */
  readonly millis: number;
}

export interface RealtimePredictor {
  predict(example: ExampleRecord): Promise<RealtimePrediction>;
  /** The transformed row of the last example (a view of the internal buffer: copy it to keep it). */
  readonly lastInput: Float32Array;
}

export function createRealtimePredictor(model: OpenedModel): RealtimePredictor {
  const input = new Float32Array(model.transform.width);
  const names = model.outputs.names;
  return {
    lastInput: input,
    async predict(example) {
      const started = performance.now();
      const problems = model.transform.transformRecord(example, input);
      if (problems.length > 0) return { scores: [], names, problems, millis: performance.now() - started };
      const raw = await model.model.predict(input, 1);
      const scores = Array.from(model.outputs.scores(raw, 1));
      return { scores, names, problems, millis: performance.now() - started };
    },
  };
}
