/**
 * Batch prediction: streams a dataset's RowBatches through the feature transform and the model, yielding scores
 * per batch. Buffers are reused between batches, so memory stays at one batch whatever the dataset size.
 */
import type { RowBatch } from '../data/rowBatch.js';
import type { DataIssue } from '../data/issues.js';
import type { JobOptions } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import type { OpenedModel } from './openModel.js';

/** A re-readable dataset: each call starts a new pass over all rows in order. */
export type RowSource = () => AsyncIterable<RowBatch>;

export interface PredictionChunk {
  readonly batch: RowBatch;
  /** Rows of the dataset before this batch. */
  readonly rowOffset: number;
  /** `batch.rowCount × model.outputs.width` scores; NaN for rows that could not be transformed. */
  readonly scores: Float32Array;
  /** 1 where the row was predicted. */
  readonly valid: Uint8Array;
  /** The transform's per-row problems in this batch (at most one per row)… */
  readonly issues: readonly DataIssue[];
  /** …and the batch row each belongs to. */
  readonly issueRows: readonly number[];
}

export interface PredictOptions extends JobOptions {
  /** Most rows sent to the model at once (default 16384): bounds tensor memory for large reader batches. */
  readonly maxBatchRows?: number;
  /** Total rows when known, for progress. */
  readonly totalRows?: number;
}

/** Reusable, growable scratch buffers for transforming and predicting. */
export class PredictionBuffers {
  input = new Float32Array(0);
  valid = new Uint8Array(0);

  ensure(rows: number, width: number): void {
    if (this.input.length < rows * width) this.input = new Float32Array(Math.max(rows * width, this.input.length * 2));
    if (this.valid.length < rows) this.valid = new Uint8Array(Math.max(rows, this.valid.length * 2));
  }
}

/** Transforms and predicts one batch (no progress or cancellation: the callers do that between batches). */
export async function predictBatch(model: OpenedModel, batch: RowBatch, buffers: PredictionBuffers, maxBatchRows = 16384): Promise<Omit<PredictionChunk, 'rowOffset'>> {
  const rows = batch.rowCount;
  const width = model.transform.width;
  buffers.ensure(rows, width);
  const issues: DataIssue[] = [];
  const issueRows: number[] = [];
  model.transform.transformBatch(batch, buffers.input, buffers.valid, (issue, row) => {
    issues.push(issue);
    issueRows.push(row);
  });
  const k = model.outputs.width;
  const scores = new Float32Array(rows * k);
  for (let first = 0; first < rows; first += maxBatchRows) {
    const n = Math.min(maxBatchRows, rows - first);
    const raw = await model.model.predict(buffers.input.subarray(first * width, (first + n) * width), n);
    scores.set(model.outputs.scores(raw, n), first * k);
  }
  const valid = buffers.valid.slice(0, rows);
  if (issues.length > 0) {
    for (let r = 0; r < rows; r++) if (!valid[r]) scores.fill(NaN, r * k, (r + 1) * k);
  }
  return { batch, scores, valid, issues, issueRows };
}

/** Streams predictions for every row of the source. */
export async function* predictRows(model: OpenedModel, source: RowSource, options: PredictOptions = {}): AsyncGenerator<PredictionChunk> {
  const buffers = new PredictionBuffers();
  let done = 0;
  for await (const batch of source()) {
    throwIfAborted(options.signal);
    const chunk = await predictBatch(model, batch, buffers, options.maxBatchRows);
    yield { ...chunk, rowOffset: done };
    done += batch.rowCount;
    options.onProgress?.({ done, total: options.totalRows, unit: 'rows', message: batch.source });
  }
}
