// The folder VS Code opens during tests: a fresh temp dir, so tests never touch the repo or shared data.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ONNX_MODEL_REL, layOutOnnxModel } from './onnxModel.js';
import { repoRoot, sharedDataDir } from './paths.js';

/** The two-version TensorFlow.js model the Models view tests use (TF Serving's layout: taxi_model/1, taxi_model/2). */
export const modelFixtureDir = join(repoRoot, 'test', 'fixtures', 'models', 'taxi_model');

export interface SampleWorkspace {
  folder: string;
  dispose(): void;
}

/**
 * Copies the given files into a new temp folder (made writable: shared data is read-only). `as` may hold
 * folders (`taxi/eval.csv`); they are created.
 */
export function createSampleWorkspace(files: ReadonlyArray<{ from: string; as?: string }>): SampleWorkspace {
  const folder = mkdtempSync(join(tmpdir(), 'facetwise-workspace-'));
  for (const file of files) {
    const target = join(folder, file.as ?? basename(file.from));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file.from, target);
    chmodSync(target, 0o644);
  }
  return { folder, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * Where the taxi lab's files are in the workspace createTaxiWorkspace() makes (paths relative to it, with `/`).
 * The schema sits beside the CSVs, where Facetwise looks for it by default (facetwise.schemaPath).
 */
export const TAXI_WORKSPACE = {
  train: 'taxi/train.csv',
  eval: 'taxi/eval.csv',
  schema: 'taxi/schema.pbtxt',
  /** One GZIP TFRecord shard of the eval split, under its TFX split folder. */
  shard: 'tfrecord/Split-eval/data_tfrecord-00000-of-00012.gz',
  /** The lab's serving data (no tips), beside train.csv. */
  serving: 'taxi/serving.csv',
  /** Training statistics TFDV wrote, without their data. */
  tfdvStats: 'tfdv/train_FeatureStats.pb',
  /** The model folder (TF Serving's base_path) with versions 1 and 2. */
  model: 'models/taxi_model',
  /** The same model as ONNX, versions 1 and 2 (v2 damaged on payment_type = Cash): harness/onnxModel.ts. */
  onnxModel: ONNX_MODEL_REL,
  /** The TF Serving config beside it: serves taxi_model v2 as `stable`, and an unrelated fraud_model. */
  servingConfig: 'models/models.config',
} as const;

/** The models.config the workspace starts with (`modelRoot` is the absolute base_path of taxi_model). */
export function initialServingConfig(modelRoot: string): string {
  return `# What TF Serving serves here. A roll back must keep this comment and the other model.
model_config_list {
  config {
    name: "taxi_model"
    base_path: ${JSON.stringify(modelRoot)}
    model_platform: "tensorflow"
    model_version_policy {
      specific {
        versions: 2
      }
    }
    version_labels {
      key: "stable"
      value: 2
    }
  }
  config {
    name: "fraud_model"
    base_path: "/srv/models/fraud_model"
    model_platform: "tensorflow"
  }
}
`;
}

/** Copies the taxi_model fixture (both versions) to `<folder>/<rel>` and writes its models.config beside it. */
export function layOutModel(folder: string, rel: string = TAXI_WORKSPACE.model): string {
  const root = join(folder, rel);
  for (const version of readdirSync(modelFixtureDir)) {
    mkdirSync(join(root, version), { recursive: true });
    for (const file of readdirSync(join(modelFixtureDir, version))) {
      copyFileSync(join(modelFixtureDir, version, file), join(root, version, file));
      chmodSync(join(root, version, file), 0o644);
    }
  }
  writeFileSync(join(dirname(root), 'models.config'), initialServingConfig(root));
  return root;
}

/** The built CLI (`npm run build` makes it; the harness builds before it lays out the workspace). */
const cliPath = join(repoRoot, 'dist', 'cli.js');

/**
 * The taxi lab's workspace: train.csv and eval.csv from ../shared/data/taxi, a schema.pbtxt inferred from train by
 * the product's own CLI (as a user would make it), one TFRecord shard of the eval split, and the two-version
 * taxi_model with a TF Serving models.config serving v2, and the same model as ONNX (taxi_onnx, v2 damaged on Cash).
 */
export function createTaxiWorkspace(): SampleWorkspace {
  const workspace = createSampleWorkspace([
    { from: join(sharedDataDir, 'taxi', 'train.csv'), as: TAXI_WORKSPACE.train },
    { from: join(sharedDataDir, 'taxi', 'eval.csv'), as: TAXI_WORKSPACE.eval },
    { from: join(sharedDataDir, 'taxi-tfrecord', 'Split-eval', basename(TAXI_WORKSPACE.shard)), as: TAXI_WORKSPACE.shard },
    { from: join(sharedDataDir, 'taxi', 'serving.csv'), as: TAXI_WORKSPACE.serving },
    { from: join(sharedDataDir, 'tfdv-interop', 'train_FeatureStats.pb'), as: TAXI_WORKSPACE.tfdvStats },
  ]);
  try {
    layOutModel(workspace.folder);
    layOutOnnxModel(workspace.folder);
    if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run npm run build first`);
    const schema = join(workspace.folder, TAXI_WORKSPACE.schema);
    const r = spawnSync(process.execPath, [cliPath, 'infer-schema', join(workspace.folder, TAXI_WORKSPACE.train), '-o', schema], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (r.status !== 0 || !existsSync(schema)) {
      throw new Error(`facetwise infer-schema failed (exit ${String(r.status)}): ${r.stderr || r.stdout}`);
    }
  } catch (error) {
    workspace.dispose();
    throw error;
  }
  return workspace;
}
