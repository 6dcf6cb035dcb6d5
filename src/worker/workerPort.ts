/** What every worker entry shares: its port to the pool, replies with transfer lists, and errors as data. */
import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { FacetwiseError } from '../core/data/issues.js';
import { FilterSyntaxError } from '../core/io/rowFilter/index.js';
import type { WorkerFailure, WorkerReply } from '../protocol/worker/workerProtocol.js';

export function workerPort(): MessagePort {
  if (!parentPort) throw new Error('a worker entry must run in a worker thread');
  return parentPort;
}

export function poster(port: MessagePort): (reply: WorkerReply, transfer?: readonly ArrayBuffer[]) => void {
  return (reply, transfer) => port.postMessage(reply, transfer as ArrayBuffer[] | undefined);
}

export function failure(err: unknown): WorkerFailure {
  if (err instanceof FilterSyntaxError) return { code: err.code, message: err.message };
  if (err instanceof FacetwiseError) return { code: err.code, message: err.message, position: err.position };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}
