/**
 * The extension's way to the engine: every job runs on worker threads (a lazily started WorkerPool over the
 * bundled dist/worker.js), never on the extension host's thread. Statistics are cut into chunks and merged as the
 * CLI does it (src/cli/engine.ts); row-level validation, header reading and expanding folders of shards are single
 * worker jobs. Cancelling a
 * job (its AbortSignal) terminates its worker. No `vscode` import, so node tests drive it with a built worker.
 */
import { existsSync } from 'node:fs';
import type { DataIssue } from '../core/data/issues.js';
import { FacetwiseError } from '../core/data/issues.js';
import type { Progress } from '../core/data/job.js';
import type { DatasetInfo } from '../core/io/dataset.js';
import type { StatisticsResult } from '../core/stats/statisticsJob.js';
import { computeStatistics } from '../core/stats/statisticsJob.js';
import type { CsvHeaderParams, CsvHeaderResult, ValidateExamplesParams, ValidateExamplesResult } from '../protocol/worker/workerProtocol.js';
import { workerBlockLanes } from '../worker/blockLanes.js';
import { WorkerPool } from '../worker/workerPool.js';
import type { FilterRowsParams } from '../protocol/worker/workerProtocol.js';
import type { FilterScanResult } from '../core/io/rowFilter/index.js';
import type { CompareModelsParams, CompareModelsResult } from '../protocol/models/compareJobProtocol.js';
import type { EvaluateModelParams, EvaluateModelResult } from '../protocol/models/evaluateJobProtocol.js';

export interface EngineRunOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
  readonly onIssue?: (issue: DataIssue) => void;
}

/** What the extension asks of the engine (EngineClient; tests may substitute an in-thread fake). */
export interface Engine {
  statistics(info: DatasetInfo, options?: EngineRunOptions): Promise<StatisticsResult>;
  validateExamples(params: ValidateExamplesParams, options?: EngineRunOptions): Promise<ValidateExamplesResult>;
  csvHeader(params: CsvHeaderParams, options?: EngineRunOptions): Promise<CsvHeaderResult>;
  /** Expands files, folders and globs into the dataset's shards (FacetwiseError when nothing is readable). */
  resolveDataset(inputs: readonly string[], options?: EngineRunOptions): Promise<DatasetInfo>;
  /** Two model versions on a dataset: the engine's comparison report and the rows the panel's charts need. */
  compareModels(params: CompareModelsParams, options?: EngineRunOptions): Promise<CompareModelsResult>;
  /** One model version's metrics on a dataset, overall and per slice. */
  evaluateModel(params: EvaluateModelParams, options?: EngineRunOptions): Promise<EvaluateModelResult>;
}

export class EngineClient implements Engine {
  private pool: WorkerPool | undefined;
  private running = 0;
  private retired: WorkerPool[] = [];
  private disposed = false;

  /**
   * `workerFile`: the bundled worker. `workerCount()` is read when a pool is started, so a settings change applies
   * to the next job once the current ones finish.
   */
  constructor(
    private readonly workerFile: string,
    private readonly workerCount: () => number,
  ) {}

  async statistics(info: DatasetInfo, options: EngineRunOptions = {}): Promise<StatisticsResult> {
    return this.withPool(async (pool) =>
      computeStatistics(info, {
        parallelism: pool.size,
        runChunk: (params, o) => pool.run('statsChunk', params, o),
        openCsvBlockLane: workerBlockLanes(pool),
        signal: options.signal,
        onProgress: options.onProgress,
        onIssue: options.onIssue,
      }),
    );
  }

  validateExamples(params: ValidateExamplesParams, options: EngineRunOptions = {}): Promise<ValidateExamplesResult> {
    return this.withPool((pool) => pool.run('validateExamples', params, { signal: options.signal, onProgress: options.onProgress }));
  }

  csvHeader(params: CsvHeaderParams, options: EngineRunOptions = {}): Promise<CsvHeaderResult> {
    return this.withPool((pool) => pool.run('csvHeader', params, { signal: options.signal }));
  }

  resolveDataset(inputs: readonly string[], options: EngineRunOptions = {}): Promise<DatasetInfo> {
    return this.withPool((pool) => pool.run('resolveDataset', { inputs }, { signal: options.signal }));
  }

  /** The rows grid's filter on a worker; cancelling terminates that worker. */
  filterRows(params: FilterRowsParams, options: EngineRunOptions = {}): Promise<FilterScanResult> {
    return this.withPool((pool) => pool.run('filterRows', params, { signal: options.signal, onProgress: options.onProgress }));
  }

  compareModels(params: CompareModelsParams, options: EngineRunOptions = {}): Promise<CompareModelsResult> {
    return this.withPool((pool) => pool.run('compareModels', params, { signal: options.signal, onProgress: options.onProgress }));
  }

  evaluateModel(params: EvaluateModelParams, options: EngineRunOptions = {}): Promise<EvaluateModelResult> {
    return this.withPool((pool) => pool.run('evaluateModel', params, { signal: options.signal, onProgress: options.onProgress }));
  }

  /** Threads started and not terminated (a cancelled job's worker is terminated at once). */
  get liveWorkers(): number {
    return this.pool?.liveWorkers ?? 0;
  }

  /** Re-reads the worker count for the next pool: the current one is retired once idle. */
  resize(): void {
    if (this.pool && this.pool.size !== this.workerCount()) {
      this.retired.push(this.pool);
      this.pool = undefined;
      this.disposeRetiredIfIdle();
    }
  }

  /** Terminates every worker; later calls fail with POOL_DISPOSED. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const pools = [...this.retired, ...(this.pool ? [this.pool] : [])];
    this.pool = undefined;
    this.retired = [];
    await Promise.all(pools.map((p) => p.dispose()));
  }

  /** Threads currently started (0 until the first job): for tests and logs. */
  get poolSize(): number {
    return this.pool?.size ?? 0;
  }

  private async withPool<T>(job: (pool: WorkerPool) => Promise<T>): Promise<T> {
    if (this.disposed) throw new FacetwiseError('POOL_DISPOSED', 'Facetwise is shutting down.');
    if (!this.pool) {
      if (!existsSync(this.workerFile)) {
        throw new FacetwiseError('WORKER_MISSING', `The engine worker is missing (${this.workerFile}); the extension was not built completely.`);
      }
      this.pool = new WorkerPool(this.workerFile, Math.max(1, this.workerCount()));
    }
    this.running++;
    try {
      return await job(this.pool);
    } finally {
      this.running--;
      this.disposeRetiredIfIdle();
    }
  }

  private disposeRetiredIfIdle(): void {
    if (this.running > 0 || this.retired.length === 0) return;
    const retired = this.retired;
    this.retired = [];
    for (const p of retired) void p.dispose();
  }
}
