/**
 * Runs fuzz inputs for one target on a worker thread, so that the runner can terminate it when an input loops
 * synchronously (an in-process timer never fires while the event loop is blocked) or exhausts the heap.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { FUZZ_TARGETS, isOursFor } from './targets.js';

export interface FuzzRequest {
  readonly id: number;
  readonly input: Uint8Array;
}

export interface FuzzReply {
  readonly id: number;
  readonly outcome: 'accepted' | 'rejected' | 'crash';
  readonly message?: string;
  readonly ms: number;
}

const port = parentPort;
const target = FUZZ_TARGETS.find((t) => t.name === (workerData as { target: string }).target);
if (!port || !target) throw new Error('fuzzWorker: started without a parent port or with an unknown target');
const scratch = mkdtempSync(join(tmpdir(), `facetwise-fuzz-${target.name}-`));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

port.on('message', (request: FuzzRequest | 'exit') => {
  if (request === 'exit') {
    rmSync(scratch, { recursive: true, force: true });
    port.close();
    return;
  }
  void runOne(request).then((reply) => port.postMessage(reply));
});
port.postMessage('ready');

async function runOne({ id, input }: FuzzRequest): Promise<FuzzReply> {
  const started = performance.now();
  try {
    await target!.run(input, scratch);
    return { id, outcome: 'accepted', ms: performance.now() - started };
  } catch (err) {
    const ms = performance.now() - started;
    if (isOursFor(target!, err)) return { id, outcome: 'rejected', ms };
    const message = err instanceof Error ? `${err.name}: ${err.message}\n${(err.stack ?? '').split('\n').slice(1, 5).join('\n')}` : String(err);
    return { id, outcome: 'crash', message, ms };
  }
}
