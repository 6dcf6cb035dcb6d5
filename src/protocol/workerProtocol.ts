/**
 * Messages between a thread that wants engine work done (CLI, extension host) and a worker_threads worker that
 * does it. One request kind per job; every reply names the request it answers.
 */
import type { DataIssue, SourcePosition } from '../core/data/issues.js';
import type { Progress } from '../core/data/job.js';
import type { StatsChunkParams, StatsChunkResult } from '../core/stats/statisticsJob.js';

/** The jobs a worker can run: their parameters and results (both structured-clone-able). */
export interface WorkerJobs {
  statsChunk: { params: StatsChunkParams; result: StatsChunkResult };
}
export type WorkerJobName = keyof WorkerJobs;

export type WorkerRequest = {
  [K in WorkerJobName]: { readonly kind: 'run'; readonly id: number; readonly job: K; readonly params: WorkerJobs[K]['params'] };
}[WorkerJobName];

export interface WorkerFailure {
  readonly code: string;
  readonly message: string;
  readonly position?: SourcePosition;
}

export type WorkerReply =
  | { readonly kind: 'progress'; readonly id: number; readonly progress: Progress }
  | { readonly kind: 'issue'; readonly id: number; readonly issue: DataIssue }
  | { readonly kind: 'done'; readonly id: number; readonly result: unknown }
  | { readonly kind: 'failed'; readonly id: number; readonly error: WorkerFailure };
