/** What the model commands (predict, explain, evaluate, compare-models, model init) share: options, opening, text. */
import type { DataIssue } from '../core/data/issues.js';
import { formatIssue } from '../core/data/issues.js';
import { readDataset, resolveDataset } from '../core/io/dataset.js';
import type { DatasetInfo } from '../core/io/dataset.js';
import type { BackendReport } from '../core/model/backend.js';
import { parseBackendChoice } from '../core/model/backend.js';
import type { RowSource } from '../core/model/batchPrediction.js';
import type { SpecHolder } from '../core/model/inputColumns.js';
import { guardInputColumns } from '../core/model/inputColumns.js';
import type { OpenedModel } from '../core/model/openModel.js';
import { openModel } from '../core/model/openModel.js';
import type { CliIo } from './cliIo.js';
import { UsageError } from './cliIo.js';
import type { DatasetArgValues } from './datasetArgs.js';
import { datasetOptionSpecs, intOption, readOptionsFrom } from './datasetArgs.js';

export const modelOptionSpecs = {
  version: { type: 'string' },
  backend: { type: 'string' },
  'wasm-dir': { type: 'string' },
  format: { type: 'string' },
  verbose: { type: 'boolean' },
  ...datasetOptionSpecs,
} as const;

export const modelOptionsUsage = `Model options:
  --version <n>            Model version (numbered folder; default the newest)
  --backend <b>            auto (default: tfjs-node-gpu, tfjs-node, wasm, cpu), tensorflow-gpu, tensorflow, wasm, cpu
                           (tfjs-node / tfjs-node-gpu are used when installed next to Facetwise)
  --wasm-dir <dir>         Folder holding tfjs-backend-wasm*.wasm (default: beside the program)
  --format <json|text>     Output: JSON (default) or readable text
  --verbose                Text output also says why other backends were not used`;

export interface ModelArgValues extends DatasetArgValues {
  readonly version?: string;
  readonly backend?: string;
  readonly 'wasm-dir'?: string;
  readonly format?: string;
  readonly verbose?: boolean;
}

/** util.parseArgs with its errors as usage errors. */
export { outputFormat, parseCommandArgs } from './commandArgs.js';

export async function openModelFrom(root: string, values: ModelArgValues, version?: number): Promise<OpenedModel> {
  const backend = values.backend === undefined ? 'auto' : parseBackendChoice(values.backend);
  if (!backend) throw new UsageError(`--backend must be auto, tensorflow-gpu, tensorflow, wasm or cpu, got '${values.backend}'`);
  const v = version ?? intOption('version', values.version, 0);
  return openModel(root, {
    backend,
    ...(v !== undefined ? { version: v } : {}),
    ...(values['wasm-dir'] ? { wasmDir: values['wasm-dir'] } : {}),
  });
}

export interface CliDataset {
  readonly info: DatasetInfo;
  readonly source: RowSource;
}

/** A re-readable dataset; reader warnings go to stderr once (the first pass), with positions. */
export async function datasetFrom(inputs: readonly string[], values: ModelArgValues, io: CliIo): Promise<CliDataset> {
  const read = readOptionsFrom(values);
  const info = await resolveDataset(inputs, read);
  let pass = 0;
  const source: RowSource = () => {
    const first = pass++ === 0;
    return readDataset(info, {
      ...read,
      signal: io.signal,
      ...(first ? { onIssue: (issue: DataIssue) => io.stderr.write(formatIssue(issue) + '\n') } : {}),
    });
  };
  return { info, source };
}

/** The dataset's rows checked against what the models read: an absent column is an error, an empty one a warning. */
export function guardedSource(dataset: CliDataset, models: readonly SpecHolder[], io: CliIo): RowSource {
  return guardInputColumns(dataset.source, models, (issue) => io.stderr.write(formatIssue(issue) + '\n'));
}

export function parseExampleJson(text: string, what: string): Record<string, string | number | boolean | null> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${what} must be a JSON object of feature values: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${what} must be a JSON object of feature values`);
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) throw new UsageError(`${what}: feature '${k}' must be a string, number, boolean or null`);
  }
  return value as Record<string, string | number | boolean | null>;
}

/** `backend: wasm (SIMD)`; with verbose, one more line per backend that was tried and not used, and why. */
export function backendLine(b: BackendReport, verbose = false): string {
  const line = `backend: ${b.name}${b.simd ? ' (SIMD)' : ''}`;
  if (!verbose) return line;
  const tried = b.attempts.filter((a) => !a.ok).map((a) => `  not used: ${a.name}: ${a.reason}`);
  return [line, ...tried].join('\n');
}

export function num(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || Number.isNaN(v)) return 'n/a';
  return Math.abs(v) >= 1000 ? v.toFixed(1) : v.toFixed(digits);
}

export { table, writeJson } from './textOutput.js';
