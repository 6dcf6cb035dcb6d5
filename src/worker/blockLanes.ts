/**
 * The calling thread's side of a compressed CSV's lanes on worker threads: each lane is a `csvBlockLane` job on
 * the pool, fed blocks over a MessageChannel (bytes transferred) and answering each in order.
 */
import { MessageChannel } from 'node:worker_threads';
import type { CsvBlockLane, CsvBlockLaneOpener, LaneResult, ParsedBlock } from '../core/stats/csvBlockLane.js';
import type { CsvBlockLaneMessage, CsvBlockLaneReply } from '../protocol/worker/workerProtocol.js';
import type { WorkerPool } from './workerPool.js';

export function workerBlockLanes(pool: WorkerPool): CsvBlockLaneOpener {
  return (params, options): CsvBlockLane => {
    const { port1, port2 } = new MessageChannel();
    const waiting: Array<{ resolve: (parsed: ParsedBlock) => void; reject: (err: unknown) => void }> = [];
    port1.on('message', (reply: CsvBlockLaneReply) => waiting.shift()?.resolve(reply.parsed));
    const done: Promise<LaneResult> = pool.run('csvBlockLane', { ...params, port: port2 }, { signal: options.signal, transfer: [port2] });
    // The job failed or was cancelled: so are the blocks it had not answered, and those given later.
    let failed: unknown;
    done.then(
      () => port1.close(),
      (err: unknown) => {
        failed = err;
        port1.close();
        for (const w of waiting.splice(0)) w.reject(err);
      },
    );
    return {
      parse(block) {
        if (failed !== undefined) return Promise.reject(failed);
        return new Promise<ParsedBlock>((resolve, reject) => {
          waiting.push({ resolve, reject });
          port1.postMessage({ kind: 'block', block } satisfies CsvBlockLaneMessage, [block.bytes.buffer as ArrayBuffer]);
        });
      },
      finish() {
        port1.postMessage({ kind: 'end' } satisfies CsvBlockLaneMessage);
        return done;
      },
    };
  };
}
