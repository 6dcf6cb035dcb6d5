/**
 * Finds a model's versions on disk, laid out as TF Serving lays them out: `taxi_model/1/`, `taxi_model/2/`, …
 * (numbered folders, newest = highest). A folder that itself holds a model is a single, unnumbered version.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FacetwiseError } from '../data/issues.js';
import { FEATURE_SPEC_FILE } from './featureSpec.js';
import type { ModelRuntime } from './runtime.js';

export interface ModelVersion {
  /** The version number, or null for a bare model folder. */
  readonly version: number | null;
  readonly dir: string;
  /** The feature spec that applies: the version's own, else the model root's (undefined when neither exists). */
  readonly specFile: string | undefined;
  /** The runtime that reads this version. */
  readonly runtime: ModelRuntime;
}

export interface ModelFolder {
  readonly root: string;
  /** The folder's base name, e.g. `taxi_model`. */
  readonly name: string;
  /** Ascending by version number. */
  readonly versions: readonly ModelVersion[];
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

async function findRuntime(dir: string, runtimes: readonly ModelRuntime[]): Promise<ModelRuntime | undefined> {
  for (const r of runtimes) if (await r.canLoad(dir)) return r;
  return undefined;
}

export async function resolveModelFolder(root: string, runtimes: readonly ModelRuntime[]): Promise<ModelFolder> {
  const abs = path.resolve(root);
  let entries: string[];
  try {
    const stat = await fs.stat(abs);
    if (!stat.isDirectory()) throw new FacetwiseError('MODEL_NOT_FOUND', 'a model is a folder (holding model.json or model.onnx, or numbered version folders)', { file: abs });
    entries = await fs.readdir(abs);
  } catch (err) {
    if (err instanceof FacetwiseError) throw err;
    throw new FacetwiseError('MODEL_NOT_FOUND', 'the model folder does not exist', { file: abs });
  }
  const rootSpec = path.join(abs, FEATURE_SPEC_FILE);
  const fallbackSpec = (await isFile(rootSpec)) ? rootSpec : undefined;
  const single = await findRuntime(abs, runtimes);
  if (single) {
    // A version folder named directly (`taxi_model/2`): it is version 2 of taxi_model, named so in every report,
    // and the model root's spec serves it when it has none of its own.
    const base = path.basename(abs);
    if (/^\d+$/.test(base)) {
      const parent = path.dirname(abs);
      const parentSpec = path.join(parent, FEATURE_SPEC_FILE);
      const specFile = fallbackSpec ?? ((await isFile(parentSpec)) ? parentSpec : undefined);
      return { root: parent, name: path.basename(parent), versions: [{ version: Number(base), dir: abs, specFile, runtime: single }] };
    }
    return { root: abs, name: base, versions: [{ version: null, dir: abs, specFile: fallbackSpec, runtime: single }] };
  }
  const versions: ModelVersion[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const dir = path.join(abs, entry);
    const runtime = await findRuntime(dir, runtimes);
    if (!runtime) continue;
    const own = path.join(dir, FEATURE_SPEC_FILE);
    versions.push({ version: Number(entry), dir, specFile: (await isFile(own)) ? own : fallbackSpec, runtime });
  }
  if (versions.length === 0) {
    throw new FacetwiseError(
      'MODEL_NOT_FOUND',
      `no model here: expected model.json (tfjs) or model.onnx (ONNX) in the folder or in numbered version folders (1/, 2/, …)`,
      { file: abs },
    );
  }
  versions.sort((a, b) => a.version! - b.version!);
  return { root: abs, name: path.basename(abs), versions };
}

/** Picks a version: the given number, or the newest. */
export function pickVersion(folder: ModelFolder, version?: number): ModelVersion {
  if (version === undefined) return folder.versions[folder.versions.length - 1]!;
  const found = folder.versions.find((v) => v.version === version);
  if (!found) {
    const have = folder.versions.map((v) => v.version ?? '(unversioned)').join(', ');
    throw new FacetwiseError('MODEL_VERSION_NOT_FOUND', `version ${version} not found (versions: ${have})`, { file: folder.root });
  }
  return found;
}
