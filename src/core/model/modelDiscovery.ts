/**
 * Finds the models under a folder (a workspace) and describes each version with what a user needs to choose one:
 * format, the inputs its feature spec reads, task and label, parameter count, size and date. Two layouts count as a
 * model: TF Serving's (a folder with numbered version folders: `taxi_model/1`, `taxi_model/2`) and a bare folder
 * holding `model.json` (TensorFlow.js) or `model.onnx` (ONNX).
 *
 * Nothing here throws for a broken model: a corrupt model.json or model.onnx, a missing spec or a SavedModel that was never
 * converted is an `error` on that version, so a tree can show it as an item a user can act on. Only reading the
 * root itself can fail.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FacetwiseError } from '../data/issues.js';
import { throwIfAborted } from '../data/job.js';
import { FEATURE_SPEC_FILE, readFeatureSpec } from './featureSpec.js';
import type { ModelTask } from './featureSpec.js';
import { FeatureTransform } from './featureTransform.js';
import { MODEL_JSON } from './fileSystemIoHandler.js';
import { parseJsonWithPosition } from './jsonWithPosition.js';
import { ONNX_MODEL_FILE } from './onnx/onnxGraph.js';
import { onnxFacts } from './onnx/onnxFacts.js';

export type ModelFormat = 'LayersModel' | 'GraphModel' | 'ONNX';

export interface VersionProblem {
  readonly code: string;
  /** A sentence, with the file position when there is one. */
  readonly message: string;
}

export interface VersionInputs {
  /** Features the spec reads, in spec order. */
  readonly features: readonly string[];
  readonly count: number;
  /** Floats the spec's transform produces per row. */
  readonly specWidth: number;
  /** Floats per row the model declares (null: unknown / not a single dense input). */
  readonly modelWidth: number | null;
  /** Named model inputs (one per feature, e.g. a GraphModel signature) that the spec does not provide. */
  readonly missingFromSpec: readonly string[];
}

export interface VersionDescription {
  readonly dir: string;
  /** The folder's number; null for a bare model folder. */
  readonly version: number | null;
  readonly format: ModelFormat | null;
  /** The spec that applies (the version's own, else the model root's); null when there is none. */
  readonly specFile: string | null;
  readonly inputs: VersionInputs | null;
  readonly task: ModelTask | null;
  /** The label expression. */
  readonly label: string | null;
  /** Sum over the weights manifest's shapes (tfjs) or the initializers' (ONNX). */
  readonly parameters: number | null;
  /** Bytes of the files in the version folder (recursively). */
  readonly sizeBytes: number;
  /** Newest modification time of those files, ms since the epoch. */
  readonly modifiedMs: number;
  /** What stops this version from being used; absent when it can be. */
  readonly error?: VersionProblem;
  /** What a user should know but that does not stop it (e.g. the spec's width differs from the model's). */
  readonly warnings: readonly string[];
}

export interface DiscoveredModel {
  /** The model's folder (TF Serving's base_path) or the bare model folder. */
  readonly root: string;
  /** The folder's name, e.g. `taxi_model`. */
  readonly name: string;
  /** Relative to the discovery root, `/`-separated. */
  readonly relativePath: string;
  readonly layout: 'versioned' | 'bare';
  /** Ascending by number (a bare model has one, numbered null). */
  readonly versions: readonly VersionDescription[];
  /** Sub-folders of a versioned model that are not versions (non-numeric names), with why they were skipped. */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

export interface DiscoverOptions {
  /** Globs (relative to the root, `/`-separated; `*`, `**`, `?`, `{a,b}`): only models at or under a match. */
  readonly include?: readonly string[];
  /** Folder depth searched below the root (default 6). */
  readonly maxDepth?: number;
  readonly signal?: AbortSignal;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode-test', '__pycache__']);

/** A glob as a RegExp over a `/`-separated relative path. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let i = 0;
  let inBraces = false;
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  while (i < g.length) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 3 : 2;
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      re += '(?:';
      inBraces = true;
    } else if (c === '}' && inBraces) {
      re += ')';
      inBraces = false;
    } else if (c === ',' && inBraces) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    i++;
  }
  return new RegExp(`^${re}$`);
}

function included(relative: string, patterns: readonly RegExp[] | undefined): boolean {
  if (!patterns) return true;
  const parts = relative === '' ? [] : relative.split('/');
  for (let n = parts.length; n >= 0; n--) {
    const prefix = parts.slice(0, n).join('/');
    if (patterns.some((p) => p.test(prefix))) return true;
  }
  return false;
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.stat(p);
    return true;
  } catch {
    return false;
  }
}

async function folderSize(dir: string): Promise<{ bytes: number; modifiedMs: number }> {
  let bytes = 0;
  let modifiedMs = 0;
  const walk = async (d: string, depth: number): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (depth < 8) await walk(p, depth + 1);
      } else if (e.isFile()) {
        try {
          const s = await fs.stat(p);
          bytes += s.size;
          modifiedMs = Math.max(modifiedMs, s.mtimeMs);
        } catch {
          // Removed while we looked: not counted.
        }
      }
    }
  };
  await walk(dir, 0);
  if (modifiedMs === 0) modifiedMs = (await fs.stat(dir).catch(() => undefined))?.mtimeMs ?? 0;
  return { bytes, modifiedMs };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface ModelJsonFacts {
  readonly format: ModelFormat;
  readonly parameters: number | null;
  readonly width: number | null;
  readonly inputNames: readonly string[];
}

function lastDim(shape: unknown): number | null {
  if (!Array.isArray(shape) || shape.length !== 2) return null;
  const d = shape[1];
  return typeof d === 'number' && d > 0 ? d : null;
}

/** What model.json says about format, parameters and inputs (throws a plain Error on a shape it cannot read). */
function readModelJson(json: unknown): ModelJsonFacts {
  if (!isRecord(json)) throw new Error('model.json is not a JSON object');
  const topo = json['modelTopology'];
  if (!isRecord(topo)) throw new Error('model.json has no modelTopology');
  const declared = json['format'];
  const isLayers = declared === 'layers-model' || (declared !== 'graph-model' && ('class_name' in topo || 'model_config' in topo));
  let parameters: number | null = null;
  const manifest = json['weightsManifest'];
  if (Array.isArray(manifest)) {
    parameters = 0;
    for (const group of manifest) {
      const weights = isRecord(group) ? group['weights'] : undefined;
      if (!Array.isArray(weights)) continue;
      for (const w of weights) {
        const shape = isRecord(w) ? w['shape'] : undefined;
        if (Array.isArray(shape) && shape.every((d) => typeof d === 'number' && d >= 0)) parameters += (shape as number[]).reduce((a, b) => a * b, 1);
      }
    }
  }
  let width: number | null = null;
  const inputNames: string[] = [];
  if (isLayers) {
    const config = isRecord(topo['model_config']) ? (topo['model_config'] as Record<string, unknown>)['config'] : topo['config'];
    const layers = isRecord(config) ? config['layers'] : undefined;
    if (Array.isArray(layers)) {
      const inputLayers = layers.filter((l) => isRecord(l) && l['class_name'] === 'InputLayer');
      const candidates = inputLayers.length > 0 ? inputLayers : layers.slice(0, 1);
      for (const l of candidates) {
        const c = isRecord(l) ? l['config'] : undefined;
        if (!isRecord(c)) continue;
        if (inputLayers.length > 1 && typeof c['name'] === 'string') inputNames.push(c['name']);
        width ??= lastDim(c['batch_input_shape'] ?? c['batch_shape']);
      }
      if (inputLayers.length > 1) width = null;
    }
  } else {
    const signature = json['signature'] ?? json['userDefinedMetadata'];
    const inputs = isRecord(signature) ? signature['inputs'] : undefined;
    if (isRecord(inputs)) {
      const entries = Object.entries(inputs);
      for (const [name, info] of entries) {
        const shape = isRecord(info) && isRecord(info['tensorShape']) ? (info['tensorShape'] as Record<string, unknown>)['dim'] : undefined;
        const dims = Array.isArray(shape) ? shape.map((d) => (isRecord(d) ? Number(d['size'] ?? -1) : -1)) : [];
        if (entries.length === 1) width = dims.length === 2 && dims[1]! > 0 ? dims[1]! : null;
        else inputNames.push(name.replace(/:\d+$/, ''));
      }
    }
  }
  return { format: isLayers ? 'LayersModel' : 'GraphModel', parameters, width, inputNames };
}

function problemOf(err: unknown, fallbackCode: string): VersionProblem {
  if (err instanceof FacetwiseError) return { code: err.code, message: err.message };
  return { code: fallbackCode, message: err instanceof Error ? err.message : String(err) };
}

/**
 * Describes one version folder. `fallbackSpec`: the model root's feature_spec.json, used when the version has
 * none of its own.
 */
export async function describeVersion(dir: string, options: { readonly version?: number | null; readonly fallbackSpec?: string } = {}): Promise<VersionDescription> {
  const abs = path.resolve(dir);
  const base = path.basename(abs);
  const version = options.version !== undefined ? options.version : /^\d+$/.test(base) ? Number(base) : null;
  const { bytes, modifiedMs } = await folderSize(abs);
  const warnings: string[] = [];
  let error: VersionProblem | undefined;
  let format: ModelFormat | null = null;
  let parameters: number | null = null;
  let facts: ModelJsonFacts | undefined;
  const modelJson = path.join(abs, MODEL_JSON);
  const modelOnnx = path.join(abs, ONNX_MODEL_FILE);
  let text: string | undefined;
  try {
    text = await fs.readFile(modelJson, 'utf8');
  } catch {
    text = undefined;
  }
  const onnxBytes = text === undefined ? await fs.readFile(modelOnnx).catch(() => undefined) : undefined;
  if (onnxBytes !== undefined) {
    try {
      const onnx = onnxFacts(onnxBytes, modelOnnx);
      facts = { format: 'ONNX', parameters: onnx.parameters, width: onnx.width, inputNames: onnx.inputNames };
      format = facts.format;
      parameters = facts.parameters;
    } catch (err) {
      error = problemOf(err, 'MODEL_LOAD_FAILED');
    }
  } else if (text === undefined) {
    error = (await exists(path.join(abs, 'saved_model.pb')))
      ? { code: 'MODEL_NOT_CONVERTED', message: `${abs}: a TensorFlow SavedModel; convert it once with tensorflowjs_converter to get model.json` }
      : { code: 'MODEL_NOT_FOUND', message: `${abs}: no model.json or model.onnx in this version folder` };
  } else {
    try {
      facts = readModelJson(parseJsonWithPosition(text, modelJson, 'MODEL_JSON_INVALID'));
      format = facts.format;
      parameters = facts.parameters;
    } catch (err) {
      error = err instanceof FacetwiseError ? problemOf(err, 'MODEL_JSON_INVALID') : { code: 'MODEL_JSON_INVALID', message: `${modelJson}: ${(err as Error).message}` };
    }
  }
  const own = path.join(abs, FEATURE_SPEC_FILE);
  const specFile = (await exists(own)) ? own : options.fallbackSpec && (await exists(options.fallbackSpec)) ? options.fallbackSpec : null;
  let inputs: VersionInputs | null = null;
  let task: ModelTask | null = null;
  let label: string | null = null;
  if (specFile === null) {
    error ??= { code: 'MODEL_SPEC_MISSING', message: `${abs}: no ${FEATURE_SPEC_FILE} (write one with \`facetwise model init\`)` };
  } else {
    try {
      const spec = await readFeatureSpec(specFile);
      task = spec.task;
      label = spec.label?.expression ?? null;
      const features = spec.features.map((f) => f.name);
      const specWidth = new FeatureTransform(spec).width;
      const featureSet = new Set(features);
      const missingFromSpec = (facts?.inputNames ?? []).filter((n) => !featureSet.has(n));
      const modelWidth = facts?.width ?? null;
      inputs = { features, count: features.length, specWidth, modelWidth, missingFromSpec };
      if (modelWidth !== null && modelWidth !== specWidth) {
        error ??= { code: 'MODEL_SPEC_WIDTH', message: `the model takes ${modelWidth} floats per row, the feature spec makes ${specWidth}` };
      }
      // ONNX feeds named inputs by name, so one the spec lacks stops the model; a tfjs signature may be wider.
      if (missingFromSpec.length > 0 && format === 'ONNX') error ??= { code: 'MODEL_SPEC_MISMATCH', message: `the model's inputs ${missingFromSpec.join(', ')} are not in the feature spec` };
      else if (missingFromSpec.length > 0) warnings.push(`model inputs not in the feature spec: ${missingFromSpec.join(', ')}`);
      if (!spec.label) warnings.push('the feature spec has no label: the version can predict but not be evaluated or compared');
    } catch (err) {
      error ??= problemOf(err, 'MODEL_SPEC_INVALID');
    }
  }
  return { dir: abs, version, format, specFile, inputs, task, label, parameters, sizeBytes: bytes, modifiedMs, ...(error ? { error } : {}), warnings };
}

/** Finds models under `rootDir` (breadth of a workspace; hidden folders and node_modules are not searched). */
export async function discoverModels(rootDir: string, options: DiscoverOptions = {}): Promise<DiscoveredModel[]> {
  const root = path.resolve(rootDir);
  const patterns = options.include && options.include.length > 0 ? options.include.map(globToRegExp) : undefined;
  const maxDepth = options.maxDepth ?? 6;
  try {
    if (!(await fs.stat(root)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new FacetwiseError('MODEL_ROOT_NOT_FOUND', 'the folder to search for models does not exist', { file: root });
  }
  const found: DiscoveredModel[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    throwIfAborted(options.signal);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const relativePath = path.relative(root, dir).split(path.sep).join('/');
    const name = path.basename(dir);
    const files = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
    const subdirs = entries.filter((e) => e.isDirectory() && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')).map((e) => e.name);
    if (files.has(MODEL_JSON) || files.has(ONNX_MODEL_FILE)) {
      if (included(relativePath, patterns)) found.push({ root: dir, name, relativePath, layout: 'bare', versions: [await describeVersion(dir, { version: null })], skipped: [] });
      return;
    }
    const numeric = subdirs.filter((d) => /^\d+$/.test(d));
    const looksVersioned = await Promise.all(
      numeric.map(async (d) => (await exists(path.join(dir, d, MODEL_JSON))) || (await exists(path.join(dir, d, ONNX_MODEL_FILE))) || (await exists(path.join(dir, d, 'saved_model.pb')))),
    );
    if (looksVersioned.some(Boolean)) {
      if (included(relativePath, patterns)) {
        const rootSpec = path.join(dir, FEATURE_SPEC_FILE);
        const fallbackSpec = (await exists(rootSpec)) ? rootSpec : undefined;
        const versions: VersionDescription[] = [];
        for (const d of numeric.sort((a, b) => Number(a) - Number(b))) {
          throwIfAborted(options.signal);
          versions.push(await describeVersion(path.join(dir, d), { version: Number(d), ...(fallbackSpec ? { fallbackSpec } : {}) }));
        }
        const skipped = subdirs
          .filter((d) => !/^\d+$/.test(d))
          .map((d) => ({ name: d, reason: 'not a version: TF Serving reads only folders named by a number' }));
        found.push({ root: dir, name, relativePath, layout: 'versioned', versions, skipped });
      }
      return;
    }
    if (depth >= maxDepth) return;
    for (const d of subdirs.sort()) await visit(path.join(dir, d), depth + 1);
  };
  await visit(root, 0);
  return found.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
}
