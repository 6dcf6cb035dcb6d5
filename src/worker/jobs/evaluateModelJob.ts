/** Worker job: one model version's metrics on a labelled dataset, overall and per slice (core evaluateModel). */
import type { Progress } from '../../core/data/job.js';
import { readDataset } from '../../core/io/dataset.js';
import { evaluateModel } from '../../core/model/evaluation.js';
import { openModel } from '../../core/model/openModel.js';
import type { EvaluateModelParams, EvaluateModelResult } from '../../protocol/models/evaluateJobProtocol.js';

export async function runEvaluateModel(params: EvaluateModelParams, options: { readonly onProgress?: (p: Progress) => void } = {}): Promise<EvaluateModelResult> {
  const model = await openModel(params.model.root, params.model.version !== null ? { version: params.model.version } : {});
  try {
    const sliceBy = params.sliceBy ?? model.spec.features.filter((f) => f.transform.kind === 'vocabulary' || f.transform.kind === 'oneHot').map((f) => f.name);
    let pass = 0;
    return await evaluateModel(model, () => readDataset(params.dataset, pass++ === 0 && options.onProgress ? { onProgress: options.onProgress } : {}), { sliceBy });
  } finally {
    model.dispose();
  }
}
