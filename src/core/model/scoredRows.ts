/**
 * One pass over a dataset that keeps, for every usable row, each model's scores, the label and the row's values of
 * the slicing features — what evaluation and version comparison compute their metrics from. Memory is about
 * (4 · score columns · models + 8 + 4 · slice features) bytes per row; the dataset itself is not kept.
 */
import type { DataIssue } from '../data/issues.js';
import type { JobOptions } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import type { RowSource } from './batchPrediction.js';
import { PredictionBuffers, predictBatch } from './batchPrediction.js';
import { cellValue, findColumn } from './cellValues.js';
import { LabelReader } from './labels.js';
import type { OpenedModel } from './openModel.js';

/** A slicing feature's value per row, dictionary-encoded. */
export interface SliceColumn {
  readonly feature: string;
  /** Value names; `(missing)` and `(other)` (values past maxSliceValues) may appear. */
  readonly values: readonly string[];
  readonly codes: Int32Array;
}

export interface ScoredRows {
  readonly rows: number;
  /** Per model: `rows × model.outputs.width` scores. */
  readonly scores: readonly Float32Array[];
  readonly labels: Float64Array;
  readonly slices: readonly SliceColumn[];
  /** Rows left out: a model could not transform them or they had no usable label. */
  readonly skipped: number;
  /** The first problems found (at most `maxIssues`). */
  readonly issues: readonly DataIssue[];
}

export interface ScoreOptions extends JobOptions {
  /** Features to slice by (dataset columns, read raw). */
  readonly sliceBy?: readonly string[];
  /** Distinct values kept per slicing feature (default 50); later new values are pooled as `(other)`. */
  readonly maxSliceValues?: number;
  /** Stop after this many usable rows (default: all). */
  readonly maxRows?: number;
  readonly maxIssues?: number;
  readonly totalRows?: number;
}

class Growable<T extends Float32Array | Float64Array | Int32Array> {
  constructor(
    private data: T,
    private readonly make: (n: number) => T,
  ) {}
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(1024, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  result(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const f32 = (n: number): Float32Array => new Float32Array(n);

/** Scores every row of `source` with each model; labels come from the first model's spec that has one. */
export async function scoreRows(models: readonly OpenedModel[], source: RowSource, options: ScoreOptions = {}): Promise<ScoredRows> {
  const specWithLabel = models.find((m) => m.spec.label)?.spec ?? models[0]!.spec;
  const labels = new LabelReader(specWithLabel);
  const sliceBy = options.sliceBy ?? [];
  const maxValues = options.maxSliceValues ?? 50;
  const maxIssues = options.maxIssues ?? 100;
  const maxRows = options.maxRows ?? Infinity;
  const buffers = models.map(() => new PredictionBuffers());
  const scores = models.map(() => new Growable(f32(0), f32));
  const labelOut = new Growable(new Float64Array(0), (n) => new Float64Array(n));
  const sliceDicts = sliceBy.map(() => new Map<string, number>());
  const sliceCodes = sliceBy.map(() => new Growable(new Int32Array(0), (n) => new Int32Array(n)));
  const issues: DataIssue[] = [];
  let kept = 0;
  let skipped = 0;
  let seen = 0;
  const note = (issue: DataIssue): void => {
    if (issues.length < maxIssues) issues.push(issue);
  };
  for await (const batch of source()) {
    throwIfAborted(options.signal);
    const n = batch.rowCount;
    const ok = new Uint8Array(n).fill(1);
    const chunks = [];
    for (let m = 0; m < models.length; m++) {
      const c = await predictBatch(models[m]!, batch, buffers[m]!);
      c.issues.forEach(note);
      for (let r = 0; r < n; r++) if (!c.valid[r]) ok[r] = 0;
      chunks.push(c);
    }
    const labelValues = new Float64Array(n);
    const labelValid = new Uint8Array(n);
    labels.readBatch(batch, labelValues, labelValid, note);
    const sliceColumns = sliceBy.map((f) => findColumn(batch, f));
    for (let r = 0; r < n && kept < maxRows; r++) {
      if (!ok[r] || !labelValid[r]) {
        skipped++;
        continue;
      }
      kept++;
      for (let m = 0; m < models.length; m++) {
        const k = models[m]!.outputs.width;
        for (let j = 0; j < k; j++) scores[m]!.push(chunks[m]!.scores[r * k + j]!);
      }
      labelOut.push(labelValues[r]!);
      sliceColumns.forEach((col, s) => {
        const v = cellValue(col, r);
        const key = v === undefined ? '(missing)' : Array.isArray(v) ? v.join('|') : String(v);
        const dict = sliceDicts[s]!;
        let code = dict.get(key);
        if (code === undefined) {
          if (dict.size < maxValues) {
            code = dict.size;
            dict.set(key, code);
          } else {
            code = dict.get('(other)') ?? dict.size;
            dict.set('(other)', code);
          }
        }
        sliceCodes[s]!.push(code);
      });
    }
    seen += n;
    options.onProgress?.({ done: seen, total: options.totalRows, unit: 'rows', message: batch.source });
    if (kept >= maxRows) break;
  }
  return {
    rows: kept,
    scores: scores.map((s) => s.result()),
    labels: labelOut.result(),
    slices: sliceBy.map((feature, s) => ({ feature, values: [...sliceDicts[s]!.keys()], codes: sliceCodes[s]!.result() })),
    skipped,
    issues,
  };
}
