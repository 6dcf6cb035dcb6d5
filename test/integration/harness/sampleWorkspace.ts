// The folder VS Code opens during tests: a fresh temp dir, so tests never touch the repo or shared data.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { repoRoot, sharedDataDir } from './paths.js';

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
} as const;

/** The built CLI (`npm run build` makes it; the harness builds before it lays out the workspace). */
const cliPath = join(repoRoot, 'dist', 'cli.js');

/**
 * The taxi lab's workspace: train.csv and eval.csv from ../shared/data/taxi, a schema.pbtxt inferred from train by
 * the product's own CLI (as a user would make it), and one TFRecord shard of the eval split.
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
