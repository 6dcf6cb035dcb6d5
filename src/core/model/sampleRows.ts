/**
 * Keeps the first N usable rows of a dataset in transformed form (plus labels, plus raw values of chosen columns):
 * the in-memory sample that permutation importance, partial dependence and attribution summaries work on.
 * First-N rather than random so results repeat exactly; datasets in random order make it a fair sample.
 */
import type { DataIssue } from '../data/issues.js';
import type { JobOptions } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import type { RowSource } from './batchPrediction.js';
import { cellValue, findColumn } from './cellValues.js';
import { LabelReader } from './labels.js';
import type { OpenedModel } from './openModel.js';

export interface RowSample {
  readonly rows: number;
  /** rows × transform.width. */
  readonly inputs: Float32Array;
  /** Present when labels were asked for. */
  readonly labels?: Float64Array;
  /** Raw values per kept column (undefined where missing). */
  readonly raw: ReadonlyMap<string, readonly (number | string | undefined)[]>;
  readonly skipped: number;
  readonly issues: readonly DataIssue[];
}

export interface SampleOptions extends JobOptions {
  /** Default 5000. */
  readonly maxRows?: number;
  /** Keep only rows with a usable label, and their labels. */
  readonly withLabels?: boolean;
  /** Columns whose raw values to keep. */
  readonly keepRaw?: readonly string[];
}

export async function sampleRows(model: OpenedModel, source: RowSource, options: SampleOptions = {}): Promise<RowSample> {
  const maxRows = options.maxRows ?? 5000;
  const w = model.transform.width;
  const labelReader = options.withLabels ? new LabelReader(model.spec) : undefined;
  const inputs = new Float32Array(maxRows * w);
  const labels = labelReader ? new Float64Array(maxRows) : undefined;
  const raw = new Map((options.keepRaw ?? []).map((c) => [c, [] as (number | string | undefined)[]]));
  const issues: DataIssue[] = [];
  const note = (i: DataIssue): void => {
    if (issues.length < 100) issues.push(i);
  };
  let rows = 0;
  let skipped = 0;
  let scratch = new Float32Array(0);
  for await (const batch of source()) {
    throwIfAborted(options.signal);
    const n = batch.rowCount;
    if (scratch.length < n * w) scratch = new Float32Array(n * w);
    const valid = new Uint8Array(n);
    model.transform.transformBatch(batch, scratch, valid, note);
    const labelValues = new Float64Array(n);
    const labelValid = new Uint8Array(n).fill(1);
    labelReader?.readBatch(batch, labelValues, labelValid, note);
    const rawColumns = [...raw.keys()].map((c) => [raw.get(c)!, findColumn(batch, c)] as const);
    for (let r = 0; r < n && rows < maxRows; r++) {
      if (!valid[r] || !labelValid[r]) {
        skipped++;
        continue;
      }
      inputs.set(scratch.subarray(r * w, (r + 1) * w), rows * w);
      if (labels) labels[rows] = labelValues[r]!;
      for (const [list, col] of rawColumns) {
        const v = cellValue(col, r);
        list.push(Array.isArray(v) ? v[0] : v);
      }
      rows++;
    }
    options.onProgress?.({ done: rows, total: maxRows, unit: 'rows', message: batch.source });
    if (rows >= maxRows) break;
  }
  return {
    rows,
    inputs: inputs.subarray(0, rows * w),
    ...(labels ? { labels: labels.subarray(0, rows) } : {}),
    raw,
    skipped,
    issues,
  };
}

/** Predicts a matrix in chunks and returns scores (rows × outputs.width). */
export async function scoreMatrix(model: OpenedModel, inputs: Float32Array, rows: number, chunkRows = 16384): Promise<Float32Array> {
  const w = model.transform.width;
  const k = model.outputs.width;
  const out = new Float32Array(rows * k);
  for (let first = 0; first < rows; first += chunkRows) {
    const n = Math.min(chunkRows, rows - first);
    const raw = await model.model.predict(inputs.subarray(first * w, (first + n) * w), n);
    out.set(model.outputs.scores(raw, n), first * k);
  }
  return out;
}
