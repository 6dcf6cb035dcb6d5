/**
 * Partial dependence (Friedman 2001): the mean prediction over a sample of rows when one feature is set to each
 * value of a grid — how the model's output moves with that feature, everything else as in the data.
 */
import { FacetwiseError } from '../data/issues.js';
import type { JobOptions } from '../data/job.js';
import type { RowSource } from './batchPrediction.js';
import type { OpenedModel } from './openModel.js';
import { modelLabel } from './openModel.js';
import { sampleRows } from './sampleRows.js';
import { gridScores, quantileGrid } from './iceCurves.js';

export interface PartialDependencePoint {
  readonly value: number | string;
  /** Mean score per output column (see OutputLayout.names). */
  readonly mean: readonly number[];
}

export interface PartialDependenceReport {
  readonly model: string;
  readonly feature: string;
  readonly kind: 'numeric' | 'categorical';
  readonly outputs: readonly string[];
  readonly rows: number;
  readonly points: readonly PartialDependencePoint[];
}

export interface PartialDependenceOptions extends JobOptions {
  /** Explicit grid; default quantiles of the sample (numeric) or the vocabulary plus one unseen value. */
  readonly grid?: readonly (number | string)[];
  /** Grid points for a numeric feature (default 20). */
  readonly gridSize?: number;
  /** Rows averaged over (default 1000). */
  readonly maxRows?: number;
}

export const OUT_OF_VOCABULARY_VALUE = '(out of vocabulary)';

export async function partialDependence(model: OpenedModel, source: RowSource, feature: string, options: PartialDependenceOptions = {}): Promise<PartialDependenceReport> {
  const block = model.transform.block(feature);
  if (!block) throw new FacetwiseError('MODEL_UNKNOWN_FEATURE', `the model has no feature '${feature}'`);
  const t = block.transform;
  const categorical = t.kind === 'vocabulary' || t.kind === 'oneHot';
  const sample = await sampleRows(model, source, {
    maxRows: options.maxRows ?? 1000,
    keepRaw: [feature],
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const grid =
    options.grid ??
    (t.kind === 'vocabulary'
      ? [...t.vocabulary, OUT_OF_VOCABULARY_VALUE]
      : t.kind === 'oneHot'
        ? [...t.values]
        : quantileGrid(sample.raw.get(feature) ?? [], options.gridSize ?? 20));
  const k = model.outputs.width;
  const scored = await gridScores(model, sample.inputs, sample.rows, feature, grid, options.signal ? { signal: options.signal } : {});
  const points: PartialDependencePoint[] = grid.map((value, i) => ({ value, mean: Array.from(scored.mean.subarray(i * k, (i + 1) * k)) }));
  options.onProgress?.({ done: grid.length, total: grid.length, unit: 'steps', message: feature });
  return { model: modelLabel(model), feature, kind: categorical ? 'categorical' : 'numeric', outputs: model.outputs.names, rows: sample.rows, points };
}
