/**
 * What every worker entry shares: the loop that answers a WorkerPool's requests — progress, the result with its
 * transfer list, or the failure as data — given a table of the jobs the entry runs.
 */
import { parentPort } from 'node:worker_threads';
import { FacetwiseError } from '../core/data/issues.js';
import type { Progress } from '../core/data/job.js';
import type { WorkerFailure, WorkerJobName, WorkerJobs, WorkerReply, WorkerRequest } from '../protocol/worker/workerProtocol.js';

/** A job's result and the buffers to move (not copy) with it. */
export interface JobOutcome<K extends WorkerJobName> {
  readonly result: WorkerJobs[K]['result'];
  readonly transfer?: readonly ArrayBuffer[];
}

export type JobHandler<K extends WorkerJobName> = (params: WorkerJobs[K]['params'], onProgress: (progress: Progress) => void) => Promise<JobOutcome<K>>;

export type JobHandlers = { readonly [K in WorkerJobName]?: JobHandler<K> };

/**
 * Answers requests with `handlers` until the thread ends. `describe` turns an entry's own error types into a
 * failure (the grid filter's syntax errors, say); FacetwiseError keeps its code and position, anything else is
 * INTERNAL. A job the entry has no handler for fails, naming it.
 */
export function serveJobs(handlers: JobHandlers, entry: string, describe?: (err: unknown) => WorkerFailure | undefined): void {
  const port = parentPort;
  if (!port) throw new Error(`${entry} must run in a worker thread`);
  const post = (reply: WorkerReply, transfer?: readonly ArrayBuffer[]): void => port.postMessage(reply, transfer as ArrayBuffer[] | undefined);
  const failure = (err: unknown): WorkerFailure => {
    const own = describe?.(err);
    if (own) return own;
    if (err instanceof FacetwiseError) return { code: err.code, message: err.message, position: err.position };
    return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
  };
  port.on('message', (request: WorkerRequest) => {
    const { id } = request;
    const onProgress = (progress: Progress): void => post({ kind: 'progress', id, progress });
    const run = async (): Promise<void> => {
      // One request's job and params belong together; the table is indexed by that job.
      const handler = handlers[request.job] as JobHandler<typeof request.job> | undefined;
      if (!handler) throw new Error(`${entry} does not run ${request.job} jobs`);
      const { result, transfer } = await handler(request.params as never, onProgress);
      post({ kind: 'done', id, result }, transfer);
    };
    run().catch((err: unknown) => post({ kind: 'failed', id, error: failure(err) }));
  });
}
