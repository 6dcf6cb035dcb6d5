/**
 * Worker job: row-level validation of a whole dataset against a schema (it reads every row, so it never runs on
 * the extension host's thread), plus the text of the CSV lines it lists, so the host can underline cells.
 */
import { SchemaSchema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { decodeBinary } from '../../core/proto/binaryFormat.js';
import { readDataset } from '../../core/io/dataset.js';
import type { Progress } from '../../core/data/job.js';
import { validateExamples } from '../../core/validate/exampleValidation.js';
import type { ValidateExamplesParams, ValidateExamplesResult } from '../../protocol/worker/workerProtocol.js';
import { readLineTexts } from './lineTexts.js';

export async function runValidateExamples(
  params: ValidateExamplesParams,
  options: { readonly signal?: AbortSignal; readonly onProgress?: (p: Progress) => void } = {},
): Promise<ValidateExamplesResult> {
  const schema = decodeBinary(SchemaSchema, params.schema, 'schema');
  // Reader issues were reported by the statistics pass over the same data; this pass does not repeat them.
  const batches = readDataset(params.dataset, {
    ...(params.delimiter !== undefined ? { delimiter: params.delimiter } : {}),
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const result = await validateExamples(schema, batches, {
    samplesPerReason: params.samplesPerReason,
    signal: options.signal,
    ...(params.environment !== undefined ? { environment: params.environment } : {}),
  });
  const lineTexts: Array<readonly [number, string]> = [];
  if (params.dataset.format === 'csv' && params.withLineTexts) {
    const lines = result.anomalies.flatMap((a) => a.samples.filter((s) => s.positionKind === 'line').map((s) => s.position));
    const texts = await readLineTexts(params.dataset.shards[0] as string, lines, options.signal);
    for (const [line, text] of texts) lineTexts.push([line, text]);
  }
  return { ...result, lineTexts };
}
