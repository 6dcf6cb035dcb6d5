/**
 * How the CLI runs engine jobs: statistics in chunks on worker threads when the bundled worker is there
 * (dist/worker.js beside dist/cli.js), in this thread otherwise (tests run from source).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { DataIssue } from '../core/data/issues.js';
import type { Progress } from '../core/data/job.js';
import { readDataset, resolveDataset } from '../core/io/dataset.js';
import type { DatasetInfo, DatasetReadOptions } from '../core/io/dataset.js';
import type { RowBatch } from '../core/data/rowBatch.js';
import { computeStatistics } from '../core/stats/statisticsJob.js';
import type { StatisticsResult } from '../core/stats/statisticsJob.js';
import type { StatsOptions } from '../core/stats/statsOptions.js';
import { WorkerPool } from '../worker/workerPool.js';

export interface EngineOptions {
  readonly read?: Omit<DatasetReadOptions, 'signal' | 'onProgress' | 'onIssue'>;
  readonly stats?: StatsOptions;
  /** Worker threads; 0 runs in this thread. Default: the cores available, at most 4. */
  readonly workers?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
  readonly onIssue?: (issue: DataIssue) => void;
}

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

function workerFile(): string | undefined {
  const file = join(__dirname, 'worker.js');
  return existsSync(file) ? file : undefined;
}

export async function statisticsOf(inputs: readonly string[], options: EngineOptions = {}): Promise<StatisticsResult & { info: DatasetInfo }> {
  const workers = options.workers ?? defaultWorkerCount();
  const file = workers > 0 ? workerFile() : undefined;
  // Started before the dataset is resolved and planned, so the workers load while the main thread plans.
  const pool = file ? new WorkerPool(file, workers, { exitWhenIdle: true, prestart: true }) : undefined;
  try {
    const info = await resolveDataset(inputs, options.read);
    const result = await computeStatistics(info, {
      read: options.read,
      stats: options.stats,
      parallelism: pool ? workers : 1,
      runChunk: pool ? (params, o) => pool.run('statsChunk', params, o) : undefined,
      signal: options.signal,
      onProgress: options.onProgress,
      onIssue: options.onIssue,
    });
    return { ...result, info };
  } finally {
    await pool?.dispose();
  }
}

export async function rowsOf(inputs: readonly string[], options: EngineOptions = {}): Promise<AsyncIterable<RowBatch>> {
  const info = await resolveDataset(inputs, options.read);
  return readDataset(info, { ...options.read, signal: options.signal, onProgress: options.onProgress, onIssue: options.onIssue });
}
