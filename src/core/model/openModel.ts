/**
 * Opens one version of a model for work: backend started, weights loaded, feature spec read and compiled, and the
 * two checked against each other. Every engine function (prediction, explanation, evaluation, comparison) takes
 * the result.
 */
import * as path from 'node:path';
import { FacetwiseError } from '../data/issues.js';
import type { BackendChoice, BackendReport } from './backend.js';
import { selectBackend } from './backend.js';
import type { FeatureSpec } from './featureSpec.js';
import { FEATURE_SPEC_FILE, readFeatureSpec } from './featureSpec.js';
import { FeatureTransform } from './featureTransform.js';
import type { ModelFolder } from './modelFolder.js';
import { pickVersion, resolveModelFolder } from './modelFolder.js';
import type { OutputLayout } from './modelOutputs.js';
import { outputLayout } from './modelOutputs.js';
import type { LoadedModel, ModelRuntime } from './runtime.js';
import { namedInputHints } from './namedInputHints.js';
import { onnxRuntime } from './onnx/onnxRuntime.js';
import { tfjsRuntime } from './tfjsRuntime.js';

/** The runtimes tried in order for each version folder: TensorFlow.js (`model.json`), then ONNX (`model.onnx`). */
export const defaultRuntimes: readonly ModelRuntime[] = [tfjsRuntime, onnxRuntime];

export interface OpenModelOptions {
  /** Version number; default the newest. */
  readonly version?: number;
  readonly backend?: BackendChoice;
  readonly wasmDir?: string;
  readonly runtimes?: readonly ModelRuntime[];
}

export interface OpenedModel {
  /** The model folder's name, e.g. `taxi_model`. */
  readonly name: string;
  readonly version: number | null;
  readonly dir: string;
  readonly spec: FeatureSpec;
  readonly specFile: string;
  readonly transform: FeatureTransform;
  readonly model: LoadedModel;
  readonly outputs: OutputLayout;
  readonly backend: BackendReport;
  dispose(): void;
}

/** A short label for reports: `taxi_model/2` or `taxi_model`. */
export function modelLabel(m: Pick<OpenedModel, 'name' | 'version'>): string {
  return m.version === null ? m.name : `${m.name}/${m.version}`;
}

export async function openModel(root: string, options: OpenModelOptions = {}): Promise<OpenedModel> {
  const runtimes = options.runtimes ?? defaultRuntimes;
  const folder = await resolveModelFolder(root, runtimes);
  return openModelVersion(folder, options.version, options);
}

export async function openModelVersion(folder: ModelFolder, version: number | undefined, options: OpenModelOptions = {}): Promise<OpenedModel> {
  const v = pickVersion(folder, version);
  const specFile = v.specFile ?? path.join(v.dir, FEATURE_SPEC_FILE);
  const spec = await readFeatureSpec(specFile);
  const transform = new FeatureTransform(spec);
  const backend = await selectBackend({ backend: options.backend ?? 'auto', ...(options.wasmDir ? { wasmDir: options.wasmDir } : {}) });
  const model = await v.runtime.load(v.dir, { inputSize: transform.width, namedInputs: namedInputHints(spec, transform) });
  try {
    if (model.inputSize !== transform.width) {
      throw new FacetwiseError(
        'MODEL_SPEC_MISMATCH',
        `the feature spec makes ${transform.width} inputs per row but the model expects ${model.inputSize}`,
        { file: specFile },
      );
    }
    const outputs = outputLayout(spec, model.outputSize, specFile);
    return {
      name: folder.name,
      version: v.version,
      dir: v.dir,
      spec,
      specFile,
      transform,
      model,
      outputs,
      backend,
      dispose: () => model.dispose(),
    };
  } catch (err) {
    model.dispose();
    throw err;
  }
}

