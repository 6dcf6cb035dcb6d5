/**
 * A worker entry for statistics chunks and compressed-CSV lanes only (the CLI's `stats`): its bundle leaves out the grid's filter, example
 * validation and the model runtimes that worker.ts carries, so each worker starts sooner and holds less.
 */
import type { Progress } from '../core/data/job.js';
import type { WorkerRequest } from '../protocol/worker/workerProtocol.js';
import { runStatsChunk } from '../core/stats/statisticsJob.js';
import { runCsvBlockLane } from './jobs/csvBlockLaneJob.js';
import { transferablesOf } from './transferables.js';
import { failure, poster, workerPort } from './workerPort.js';

const port = workerPort();
const post = poster(port);

port.on('message', (request: WorkerRequest) => {
  const { id } = request;
  const onProgress = (progress: Progress): void => post({ kind: 'progress', id, progress });
  const run = async (): Promise<void> => {
    if (request.job === 'statsChunk') {
      const result = await runStatsChunk(request.params, { onProgress });
      post({ kind: 'done', id, result }, transferablesOf(result.state));
      return;
    }
    if (request.job === 'csvBlockLane') {
      // A compressed CSV's blocks, fed over the job's port (see csvBlockFanOut.ts).
      const result = await runCsvBlockLane(request.params);
      post({ kind: 'done', id, result }, transferablesOf(result.state));
      return;
    }
    throw new Error(`the statistics worker does not run ${request.job} jobs`);
  };
  run().catch((err: unknown) => post({ kind: 'failed', id, error: failure(err) }));
});
