/** The worker job behind Evaluate on Dataset… (src/worker/jobs/evaluateModelJob.ts). */
import type { DatasetInfo } from '../../core/io/dataset.js';
import type { EvaluationReport } from '../../core/model/evaluation.js';
import type { VersionRef } from './compareJobProtocol.js';

export interface EvaluateModelParams {
  readonly model: VersionRef;
  readonly dataset: DatasetInfo;
  /** Features to slice by; default every categorical feature of the spec. */
  readonly sliceBy?: readonly string[];
}

export type EvaluateModelResult = EvaluationReport;
