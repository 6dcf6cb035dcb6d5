/** Evaluation of one model version on a labelled dataset: metrics by task, overall and per slice. */
import type { DataIssue } from '../data/issues.js';
import type { BackendReport } from './backend.js';
import type { RowSource } from './batchPrediction.js';
import type { ModelTask } from './featureSpec.js';
import type { MetricInput, TaskMetrics } from './metrics.js';
import { computeMetrics, scoreOrder } from './metrics.js';
import type { OpenedModel } from './openModel.js';
import { modelLabel } from './openModel.js';
import type { ScoreOptions } from './scoredRows.js';
import { scoreRows } from './scoredRows.js';
import { sliceRows } from './slices.js';

export interface SliceMetrics {
  readonly feature: string;
  readonly value: string;
  readonly metrics: TaskMetrics;
}

export interface EvaluationReport {
  readonly model: string;
  readonly backend: BackendReport;
  readonly task: ModelTask;
  readonly label: string;
  readonly rows: number;
  readonly skipped: number;
  readonly issues: readonly DataIssue[];
  readonly overall: TaskMetrics;
  readonly slices: readonly SliceMetrics[];
}

export interface EvaluateOptions extends ScoreOptions {
  /** Binary decision threshold (default 0.5). */
  readonly threshold?: number;
}

export async function evaluateModel(model: OpenedModel, source: RowSource, options: EvaluateOptions = {}): Promise<EvaluationReport> {
  const scored = await scoreRows([model], source, options);
  const input: MetricInput = {
    task: model.spec.task,
    scores: scored.scores[0]!,
    k: model.outputs.width,
    labels: scored.labels,
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
  };
  return {
    model: modelLabel(model),
    backend: model.backend,
    task: model.spec.task,
    label: model.spec.label?.expression ?? '',
    rows: scored.rows,
    skipped: scored.skipped,
    issues: scored.issues,
    overall: computeMetrics(input, scoreOrder(input)),
    slices: sliceRows(scored.slices).map((s) => ({ feature: s.feature, value: s.value, metrics: computeMetrics(input, scoreOrder(input, s.rows)) })),
  };
}
