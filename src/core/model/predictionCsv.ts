/**
 * Writes batch predictions as CSV: `row,<line|record>,<score columns…>,error` — the dataset row index (0-based,
 * across shards), where the row is in its file, the scores, and the reason when a row could not be predicted.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { DataIssue } from '../data/issues.js';
import type { JobOptions } from '../data/job.js';
import type { BackendReport } from './backend.js';
import type { OpenedModel } from './openModel.js';
import { modelLabel } from './openModel.js';
import type { PredictionChunk, RowSource } from './batchPrediction.js';
import { predictRows } from './batchPrediction.js';

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A score as text: probabilities to 7 decimals (finer than float32 resolves near 1), other values to 7
 * significant digits. Cheap on purpose: this runs once per row and score.
 */
function formatScore(v: number, probability: boolean): string {
  if (v !== v) return '';
  return probability ? String(Math.round(v * 1e7) / 1e7) : String(+v.toPrecision(7));
}

export function predictionCsvHeader(model: OpenedModel, positionKind: 'line' | 'record'): string {
  return ['row', positionKind, ...model.outputs.names.map(csvField), 'error'].join(',') + '\n';
}

/** One chunk's CSV lines. */
export function predictionCsvLines(chunk: PredictionChunk, width: number, probabilities = true): string {
  const errors = new Map<number, DataIssue>();
  chunk.issues.forEach((issue, k) => errors.set(chunk.issueRows[k]!, issue));
  const parts: string[] = [];
  const { batch, scores, valid } = chunk;
  for (let r = 0; r < batch.rowCount; r++) {
    let line = `${chunk.rowOffset + r},${batch.positions[r]}`;
    if (valid[r]) {
      for (let j = 0; j < width; j++) line += ',' + formatScore(scores[r * width + j]!, probabilities);
      line += ',\n';
    } else {
      line += ','.repeat(width) + ',' + csvField(errors.get(r)?.message ?? 'not predicted') + '\n';
    }
    parts.push(line);
  }
  return parts.join('');
}

export interface BatchPredictionSummary {
  readonly model: string;
  readonly backend: BackendReport;
  readonly output: string;
  readonly rows: number;
  readonly predicted: number;
  readonly failed: number;
  /** The first per-row problems (at most 100). */
  readonly issues: readonly DataIssue[];
  readonly seconds: number;
}

export interface PredictToCsvOptions extends JobOptions {
  readonly totalRows?: number;
  readonly maxBatchRows?: number;
}

/** Predicts every row of a dataset into a CSV file. */
export async function predictDatasetToCsv(model: OpenedModel, source: RowSource, outFile: string, options: PredictToCsvOptions = {}): Promise<BatchPredictionSummary> {
  const started = performance.now();
  const out = createWriteStream(outFile);
  const closed = once(out, 'close');
  let rows = 0;
  let failed = 0;
  const issues: DataIssue[] = [];
  try {
    let wroteHeader = false;
    for await (const chunk of predictRows(model, source, options)) {
      if (!wroteHeader) {
        out.write(predictionCsvHeader(model, chunk.batch.positionKind));
        wroteHeader = true;
      }
      rows += chunk.batch.rowCount;
      for (const issue of chunk.issues) {
        failed++;
        if (issues.length < 100) issues.push(issue);
      }
      if (!out.write(predictionCsvLines(chunk, model.outputs.width, model.spec.task !== 'regression'))) await once(out, 'drain');
    }
    if (!wroteHeader) out.write(predictionCsvHeader(model, 'line'));
  } finally {
    out.end();
    await closed;
  }
  return {
    model: modelLabel(model),
    backend: model.backend,
    output: outFile,
    rows,
    predicted: rows - failed,
    failed,
    issues,
    seconds: (performance.now() - started) / 1000,
  };
}
