/**
 * How the CLI runs engine jobs: statistics in chunks on worker threads when the bundled worker is there
 * (dist/statsWorker.js beside dist/cli.js), in this thread otherwise (tests run from source).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { DataIssue } from '../core/data/issues.js';
import type { Progress } from '../core/data/job.js';
import { readDataset, resolveDataset } from '../core/io/dataset.js';
import type { DatasetInfo, DatasetReadOptions } from '../core/io/dataset.js';
import type { RowBatch } from '../core/data/rowBatch.js';
import { accumulateStatistics, plannedCsvChunks, runStatsChunk } from '../core/stats/statisticsJob.js';
import type { AccumulatedStatistics, StatisticsResult } from '../core/stats/statisticsJob.js';
import type { EncodedStatistics } from '../core/stats/datasetAccumulator.js';
import { SpillFile } from '../core/proto/spillFile.js';
import type { StatsOptions } from '../core/stats/statsOptions.js';
import { workerBlockLanes } from '../worker/blockLanes.js';
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

/** Inputs smaller than this (bytes on disk) are read without worker threads by default. */
export const IN_THREAD_BYTES = 8 * 1024 * 1024;

/** A CSV chunk holds ≥ this many bytes per column (~2,000 cells): wide files get fewer chunks (statisticsJob.ts). */
export const MIN_CHUNK_BYTES_PER_COLUMN = 8 * 1024;

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

function workerFile(): string | undefined {
  const file = join(__dirname, 'statsWorker.js');
  return existsSync(file) ? file : undefined;
}

export async function statisticsOf(inputs: readonly string[], options: EngineOptions = {}): Promise<StatisticsResult & { info: DatasetInfo }> {
  const { accumulator, name, ...rest } = await accumulatedStatisticsOf(inputs, options);
  return { statistics: accumulator.finish(name), ...rest };
}

/**
 * The statistics encoded as binary, feature by feature (DatasetAccumulator.finishBinary): what `stats -o x.pb`
 * writes, without the proto object of a wide dataset (several times its encoded size) ever being built. The
 * caller disposes the result's spill file once it is written.
 */
export async function encodedStatisticsOf(inputs: readonly string[], options: EngineOptions = {}): Promise<EncodedStatistics & { info: DatasetInfo }> {
  const { accumulator, name, info } = await accumulatedStatisticsOf(inputs, options);
  // The encoded bytes go to a temporary file as they are produced rather than being held until written; where
  // no temporary file can be made (a read-only temp folder), they are held as before.
  let spill: SpillFile | undefined;
  try {
    spill = SpillFile.create();
  } catch {
    spill = undefined;
  }
  try {
    return { ...accumulator.finishBinary(name, { release: true, spill }), info };
  } catch (e) {
    spill?.dispose();
    throw e;
  }
}

async function accumulatedStatisticsOf(inputs: readonly string[], options: EngineOptions): Promise<AccumulatedStatistics & { info: DatasetInfo }> {
  const info = await resolveDataset(inputs, options.read);
  // A small input is read in this thread unless workers were asked for: starting them would cost more than they save.
  let workers = options.workers ?? (info.totalBytes < IN_THREAD_BYTES ? 0 : defaultWorkerCount());
  // A CSV too wide to split (one chunk) is read here: a worker would add its heap and a handover, and no speed.
  if (workers > 0 && (await plannedCsvChunks(info, { read: options.read, parallelism: workers, minChunkBytesPerColumn: MIN_CHUNK_BYTES_PER_COLUMN })) === 1) workers = 0;
  const file = workers > 0 ? workerFile() : undefined;
  // Started before the CSV header is read and the ranges planned, so the workers load while the main thread plans.
  const pool = file ? new WorkerPool(file, workers, { exitWhenIdle: true, prestart: true }) : undefined;
  // This thread would only wait for the workers (a one-shot process has no UI to keep responsive), so it reads the
  // first chunk itself and the workers the others: one worker fewer to start, hold and hand a state over from.
  // With one chunk (a wide CSV, one shard) that is all of it, and the prestarted workers are stopped.
  let planned = 0;
  let firstTaken = false;
  try {
    const result = await accumulateStatistics(info, {
      read: options.read,
      stats: options.stats,
      parallelism: pool ? workers : 1,
      minChunkBytesPerColumn: MIN_CHUNK_BYTES_PER_COLUMN,
      // A wide file gets fewer chunks than workers: the surplus prestarted ones would only hold memory.
      onPlanned: (chunks) => {
        planned = chunks;
        pool?.stopIdleBeyond(chunks);
      },
      runChunk: pool
        ? (params, o) => {
            if (firstTaken) return pool.run('statsChunk', params, o);
            firstTaken = true;
            pool.stopIdleBeyond(planned - 1);
            return runStatsChunk(params, o);
          }
        : undefined,
      // A compressed CSV: this thread decompresses, the workers parse its blocks.
      openCsvBlockLane: pool ? workerBlockLanes(pool) : undefined,
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
