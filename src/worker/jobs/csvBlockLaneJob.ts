/**
 * Worker job: one lane of a compressed CSV's fan-out. The blocks come over the job's MessagePort (their bytes
 * transferred), are parsed one after another into one accumulator, and each is answered with its issues, in order;
 * `end` makes the job return the accumulated state.
 */
import { localBlockLane } from '../../core/stats/csvBlockLane.js';
import type { LaneResult } from '../../core/stats/csvBlockLane.js';
import type { CsvBlockLaneJobParams, CsvBlockLaneMessage, CsvBlockLaneReply } from '../../protocol/worker/workerProtocol.js';

export function runCsvBlockLane(params: CsvBlockLaneJobParams): Promise<LaneResult> {
  const { port, ...laneParams } = params;
  const lane = localBlockLane(laneParams);
  return new Promise<LaneResult>((resolve, reject) => {
    const fail = (err: unknown): void => {
      port.close();
      reject(err);
    };
    port.on('message', (message: CsvBlockLaneMessage) => {
      if (message.kind === 'block') {
        lane.parse(message.block).then((parsed) => port.postMessage({ kind: 'parsed', parsed } satisfies CsvBlockLaneReply), fail);
        return;
      }
      lane.finish().then((result) => {
        port.close();
        resolve(result);
      }, fail);
    });
  });
}
