/**
 * The worker_threads entry: runs engine jobs posted by a WorkerPool and reports progress, issues and results.
 * The CLI's statistics use the leaner statsWorker.ts.
 */
import { resolveDataset } from '../core/io/dataset.js';
import { FilterSyntaxError } from '../core/io/rowFilter/index.js';
import { runCsvHeader } from './jobs/csvHeaderJob.js';
import { runValidateExamples } from './jobs/validateExamplesJob.js';
import { runFilterRows } from './jobs/filterRowsJob.js';
import { statisticsJobs } from './statisticsJobs.js';
import type { JobHandler } from './workerPort.js';
import { serveJobs } from './workerPort.js';
import type { WorkerJobName } from '../protocol/worker/workerProtocol.js';

const jobs: { readonly [K in WorkerJobName]: JobHandler<K> } = {
  ...statisticsJobs,
  validateExamples: async (params, onProgress) => ({ result: await runValidateExamples(params, { onProgress }) }),
  csvHeader: async (params) => ({ result: await runCsvHeader(params) }),
  resolveDataset: async (params) => ({ result: await resolveDataset(params.inputs) }),
  filterRows: async (params, onProgress) => ({ result: await runFilterRows(params, { onProgress }) }),
  compareModels: async (params, onProgress) => {
    // Model jobs load TensorFlow.js / ONNX Runtime: only when asked, so a statistics worker starts quickly.
    const { runCompareModels } = await import('./jobs/compareModelsJob.js');
    const result = await runCompareModels(params, { onProgress });
    const r = result.rows;
    return { result, transfer: [...r.scores.map((s) => s.buffer), r.labels.buffer, r.positions.buffer, r.shards.buffer, ...r.slices.map((c) => c.codes.buffer)] as ArrayBuffer[] };
  },
  evaluateModel: async (params, onProgress) => {
    const { runEvaluateModel } = await import('./jobs/evaluateModelJob.js');
    return { result: await runEvaluateModel(params, { onProgress }) };
  },
};

// The grid filter's syntax errors name a column of the expression, not a file position.
serveJobs(jobs, 'worker.ts', (err) => (err instanceof FilterSyntaxError ? { code: err.code, message: err.message } : undefined));
