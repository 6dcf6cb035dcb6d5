/**
 * A lazily started pool of worker_threads running engine jobs (src/worker/worker.ts) off the calling thread.
 * Cancelling a job terminates its worker — the only way to stop CPU-bound work for sure — and a fresh worker
 * is started for the next job.
 */
import { Worker } from 'node:worker_threads';
import type { TransferListItem } from 'node:worker_threads';
import { FacetwiseError } from '../core/data/issues.js';
import type { DataIssue } from '../core/data/issues.js';
import type { Progress } from '../core/data/job.js';
import type { WorkerJobName, WorkerJobs, WorkerReply, WorkerRequest } from '../protocol/worker/workerProtocol.js';

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
  readonly onIssue?: (issue: DataIssue) => void;
  /** Objects inside `params` to move to the worker instead of copying them (a MessagePort, an ArrayBuffer). */
  readonly transfer?: readonly TransferListItem[];
}

interface Slot {
  worker: Worker | undefined;
  busy: boolean;
}

export class WorkerPool {
  private readonly slots: Slot[];
  private readonly waiting: Array<() => void> = [];
  private nextId = 1;
  private disposed = false;

  /** `workerFile` is the bundled worker (dist/worker.js); `size` the number of threads at most. */
  /**
   * With `exitWhenIdle`, a worker stops as soon as its job is done and nothing waits: for one-shot runs (the CLI),
   * where an idle worker's heap would otherwise stay resident while the main thread merges and writes.
   * With `prestart`, every worker is started now, so that loading its bundle overlaps the caller's planning
   * (resolving the dataset, reading the header) instead of following it.
   */
  constructor(
    private readonly workerFile: string,
    readonly size: number,
    private readonly options: { readonly exitWhenIdle?: boolean; readonly prestart?: boolean } = {},
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => ({ worker: options.prestart ? this.startWorker() : undefined, busy: false }));
  }

  async run<K extends WorkerJobName>(job: K, params: WorkerJobs[K]['params'], options: RunOptions = {}): Promise<WorkerJobs[K]['result']> {
    const slot = await this.acquire(options.signal);
    try {
      return (await this.runOn(slot, job, params, options)) as WorkerJobs[K]['result'];
    } finally {
      slot.busy = false;
      const next = this.waiting.shift();
      if (next) next();
      else if (this.options.exitWhenIdle && slot.worker) {
        void slot.worker.terminate();
        slot.worker = undefined;
      }
    }
  }

  /** Threads started and not terminated. */
  get liveWorkers(): number {
    return this.slots.filter((s) => s.worker !== undefined).length;
  }

  /**
   * Stops the idle workers beyond the first `count` (started ones hold ~40 MB each): for a caller that learns it
   * has fewer jobs than prestarted workers. A later job restarts a worker as usual.
   */
  stopIdleBeyond(count: number): void {
    for (let i = Math.max(0, count); i < this.slots.length; i++) {
      const slot = this.slots[i];
      if (slot.busy || !slot.worker) continue;
      void slot.worker.terminate();
      slot.worker = undefined;
    }
  }

  /** Stops every worker; the pool cannot be used afterwards. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
    for (const s of this.slots) s.worker = undefined;
  }

  private async acquire(signal: AbortSignal | undefined): Promise<Slot> {
    for (;;) {
      if (this.disposed) throw new FacetwiseError('POOL_DISPOSED', 'The worker pool was shut down.');
      signal?.throwIfAborted();
      const free = this.slots.find((s) => !s.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private runOn(slot: Slot, job: WorkerJobName, params: unknown, options: RunOptions): Promise<unknown> {
    const worker = (slot.worker ??= this.startWorker());
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      const cleanup = (): void => {
        worker.unref();
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const onMessage = (reply: WorkerReply): void => {
        if (reply.id !== id) return;
        switch (reply.kind) {
          case 'progress':
            options.onProgress?.(reply.progress);
            return;
          case 'issue':
            options.onIssue?.(reply.issue);
            return;
          case 'done':
            cleanup();
            resolve(reply.result);
            return;
          case 'failed':
            cleanup();
            reject(new FacetwiseError(reply.error.code, reply.error.message, reply.error.position));
            return;
          default: {
            const never: never = reply;
            throw new Error(`unexpected worker reply ${JSON.stringify(never)}`);
          }
        }
      };
      const onError = (err: Error): void => {
        cleanup();
        slot.worker = undefined;
        reject(new FacetwiseError('WORKER_CRASHED', `The engine worker failed: ${err.message}`));
      };
      const onExit = (code: number): void => {
        cleanup();
        slot.worker = undefined;
        reject(new FacetwiseError('WORKER_EXITED', `The engine worker stopped unexpectedly (exit code ${code}).`));
      };
      const onAbort = (): void => {
        cleanup();
        slot.worker = undefined;
        void worker.terminate();
        reject(options.signal?.reason instanceof Error ? options.signal.reason : new DOMException('The operation was aborted', 'AbortError'));
      };
      if (options.signal?.aborted) {
        onAbort();
        return;
      }
      // Keep the process alive while a job runs; an idle pool must not.
      worker.ref();
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const request = { kind: 'run', id, job, params } as WorkerRequest;
      worker.postMessage(request, options.transfer);
    });
  }

  private startWorker(): Worker {
    const worker = new Worker(this.workerFile);
    worker.unref();
    return worker;
  }
}
