/**
 * The worker_threads entry: runs engine jobs posted by a WorkerPool and reports progress, issues and results.
 * The CLI's statistics use the leaner statsWorker.ts.
 */
import type { Progress } from '../core/data/job.js';
import type { WorkerRequest } from '../protocol/worker/workerProtocol.js';
import { runStatsChunk } from '../core/stats/statisticsJob.js';
import { resolveDataset } from '../core/io/dataset.js';
import { runCsvBlockLane } from './jobs/csvBlockLaneJob.js';
import { runCsvHeader } from './jobs/csvHeaderJob.js';
import { transferablesOf } from './transferables.js';
import { runValidateExamples } from './jobs/validateExamplesJob.js';
import { runFilterRows } from './jobs/filterRowsJob.js';
import { failure, poster, workerPort } from './workerPort.js';

const port = workerPort();
const post = poster(port);

port.on('message', (request: WorkerRequest) => {
  const { id } = request;
  const onProgress = (progress: Progress): void => post({ kind: 'progress', id, progress });
  const run = async (): Promise<void> => {
    switch (request.job) {
      case 'statsChunk': {
        const result = await runStatsChunk(request.params, { onProgress });
        post({ kind: 'done', id, result }, transferablesOf(result.state));
        return;
      }
      case 'csvBlockLane': {
        const result = await runCsvBlockLane(request.params);
        post({ kind: 'done', id, result }, transferablesOf(result.state));
        return;
      }
      case 'validateExamples': {
        const result = await runValidateExamples(request.params, { onProgress });
        post({ kind: 'done', id, result });
        return;
      }
      case 'csvHeader': {
        const result = await runCsvHeader(request.params);
        post({ kind: 'done', id, result });
        return;
      }
      case 'resolveDataset': {
        const result = await resolveDataset(request.params.inputs);
        post({ kind: 'done', id, result });
        return;
      }
      case 'filterRows': {
        const result = await runFilterRows(request.params, { onProgress });
        post({ kind: 'done', id, result });
        return;
      }
      case 'compareModels': {
        // Model jobs load TensorFlow.js / ONNX Runtime: only when asked, so a statistics worker starts quickly.
        const { runCompareModels } = await import('./jobs/compareModelsJob.js');
        const result = await runCompareModels(request.params, { onProgress });
        const r = result.rows;
        post({ kind: 'done', id, result }, [...r.scores.map((s) => s.buffer), r.labels.buffer, r.positions.buffer, r.shards.buffer, ...r.slices.map((c) => c.codes.buffer)] as ArrayBuffer[]);
        return;
      }
      case 'evaluateModel': {
        const { runEvaluateModel } = await import('./jobs/evaluateModelJob.js');
        const result = await runEvaluateModel(request.params, { onProgress });
        post({ kind: 'done', id, result });
        return;
      }
      default: {
        const never: never = request;
        throw new Error(`unknown job ${String((never as { job?: unknown }).job)}`);
      }
    }
  };
  run().catch((err: unknown) => post({ kind: 'failed', id, error: failure(err) }));
});
