/** The statistics jobs, as both worker entries run them: a chunk, and a compressed CSV's lane of blocks. */
import { runStatsChunk } from '../core/stats/statisticsJob.js';
import { runCsvBlockLane } from './jobs/csvBlockLaneJob.js';
import { transferablesOf } from './transferables.js';
import type { JobHandler } from './workerPort.js';

export const statisticsJobs: { readonly statsChunk: JobHandler<'statsChunk'>; readonly csvBlockLane: JobHandler<'csvBlockLane'> } = {
  async statsChunk(params, onProgress) {
    const result = await runStatsChunk(params, { onProgress });
    return { result, transfer: transferablesOf(result.state) };
  },
  // A compressed CSV's blocks, fed over the job's port (see csvBlockFanOut.ts).
  async csvBlockLane(params) {
    const result = await runCsvBlockLane(params);
    return { result, transfer: transferablesOf(result.state) };
  },
};
