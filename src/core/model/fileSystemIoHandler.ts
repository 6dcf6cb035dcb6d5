/**
 * A tf.io.IOHandler over a folder on disk: `model.json` plus the weight shards its weightsManifest lists.
 * Pure @tensorflow/tfjs has no file:// handler (that lives in tfjs-node, which cannot be installed everywhere),
 * so this reads and writes the same layout the Python converter and tfjs-node write.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { FacetwiseError } from '../data/issues.js';
import { parseJsonWithPosition } from './jsonWithPosition.js';

type ModelArtifacts = tfTypes.io.ModelArtifacts;
type WeightsManifestEntry = tfTypes.io.WeightsManifestEntry;
type IOHandler = tfTypes.io.IOHandler;

export const MODEL_JSON = 'model.json';

/** Bytes per element as stored in a shard (quantized weights are stored in their quantized type). */
const storedBytes: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/** Bytes a weight occupies in a shard, or undefined for string weights (variable length). */
export function weightByteLength(entry: WeightsManifestEntry): number | undefined {
  const dtype = entry.quantization?.dtype ?? entry.dtype;
  const size = storedBytes[dtype];
  if (size === undefined) return undefined;
  return entry.shape.reduce((a, b) => a * b, 1) * size;
}

interface ManifestGroup {
  readonly paths: readonly string[];
  readonly weights: readonly WeightsManifestEntry[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readManifest(json: Record<string, unknown>, file: string): ManifestGroup[] {
  const manifest = json.weightsManifest;
  if (manifest === undefined) return [];
  const bad = (what: string): never => {
    throw new FacetwiseError('MODEL_JSON_INVALID', `weightsManifest ${what}`, { file });
  };
  if (!Array.isArray(manifest)) bad('must be a list of {paths, weights} groups');
  return (manifest as unknown[]).map((group, g) => {
    if (!isRecord(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      return bad(`[${g}] must have a 'paths' list and a 'weights' list`);
    }
    const paths = group.paths.map((p, k) => (typeof p === 'string' ? p : bad(`[${g}].paths[${k}] must be a string`)));
    const weights = group.weights.map((w, k) => {
      if (!isRecord(w) || typeof w.name !== 'string' || !Array.isArray(w.shape) || typeof w.dtype !== 'string') {
        return bad(`[${g}].weights[${k}] must have name, shape and dtype`);
      }
      if (!w.shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) {
        return bad(`[${g}].weights[${k}] (${w.name}) has a shape that is not a list of sizes`);
      }
      return w as unknown as WeightsManifestEntry;
    });
    return { paths, weights };
  });
}

/** Resolves a shard path from the manifest, refusing paths that leave the model's folder. */
function shardPath(dir: string, relative: string, file: string): string {
  const full = path.resolve(dir, relative);
  const rel = path.relative(dir, full);
  if (path.isAbsolute(relative) || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new FacetwiseError('MODEL_JSON_INVALID', `weight path '${relative}' points outside the model folder`, {
      file,
    });
  }
  return full;
}

async function readShard(file: string, modelJson: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new FacetwiseError(
        'MODEL_WEIGHTS_MISSING',
        `weight shard '${path.basename(file)}' listed in ${path.basename(modelJson)} does not exist`,
        { file },
      );
    }
    throw new FacetwiseError('MODEL_WEIGHTS_UNREADABLE', `cannot read weight shard: ${(err as Error).message}`, {
      file,
    });
  }
}

/**
 * Checks a group's shards against the bytes its weights need. Shards are cut at arbitrary byte boundaries, so only
 * the group total is exact; to name the culprit we rely on the writers' habit of equal shards but the last.
 */
function checkGroupSize(group: ManifestGroup, shards: readonly Uint8Array[], files: readonly string[]): void {
  let expected = 0;
  for (const w of group.weights) {
    const n = weightByteLength(w);
    if (n === undefined) return; // string weights: length is in the data, cannot check up front
    expected += n;
  }
  const actual = shards.reduce((a, s) => a + s.byteLength, 0);
  if (actual === expected) return;
  let culprit = shards.length - 1;
  const first = shards[0]?.byteLength ?? 0;
  for (let k = 1; k < shards.length - 1; k++) {
    if (shards[k]!.byteLength !== first) {
      culprit = k;
      break;
    }
  }
  const names = group.weights.map((w) => w.name);
  const listed = names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', ');
  throw new FacetwiseError(
    'MODEL_WEIGHTS_SIZE',
    `weight shard has the wrong size: the group's shards hold ${actual} bytes but its weights (${listed}) need ` +
      `${expected} bytes${shards.length > 1 ? ' (this is the shard that differs from the others or the last)' : ''}`,
    { file: files[culprit] ?? files[0] ?? '' },
  );
}

/** Reads model.json and its shards; the returned artifacts carry all weights concatenated in manifest order. */
export async function loadModelArtifacts(dir: string): Promise<ModelArtifacts> {
  const file = path.join(dir, MODEL_JSON);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FacetwiseError(
      code === 'ENOENT' ? 'MODEL_NOT_FOUND' : 'MODEL_JSON_UNREADABLE',
      code === 'ENOENT' ? 'no model.json in this folder' : `cannot read model.json: ${(err as Error).message}`,
      { file },
    );
  }
  const json = parseJsonWithPosition(text, file);
  if (!isRecord(json)) throw new FacetwiseError('MODEL_JSON_INVALID', 'model.json must hold a JSON object', { file });
  if (!isRecord(json.modelTopology)) {
    throw new FacetwiseError('MODEL_JSON_INVALID', "model.json has no 'modelTopology' object", { file });
  }
  const groups = readManifest(json, file);
  const buffers: Uint8Array[] = [];
  const weightSpecs: WeightsManifestEntry[] = [];
  for (const group of groups) {
    const files = group.paths.map((p) => shardPath(dir, p, file));
    const shards: Uint8Array[] = [];
    for (const f of files) shards.push(await readShard(f, file));
    checkGroupSize(group, shards, files);
    buffers.push(...shards);
    weightSpecs.push(...group.weights);
  }
  const total = buffers.reduce((a, b) => a + b.byteLength, 0);
  const weightData = new Uint8Array(total);
  let at = 0;
  for (const b of buffers) {
    weightData.set(b, at);
    at += b.byteLength;
  }
  const artifacts: ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs,
    weightData: weightData.buffer,
  };
  // Optional fields are copied only when present, so tfjs sees exactly what the file says.
  const copy = artifacts as Record<string, unknown>;
  for (const key of [
    'format',
    'generatedBy',
    'convertedBy',
    'signature',
    'userDefinedMetadata',
    'modelInitializer',
    'initializerSignature',
    'trainingConfig',
  ]) {
    if (json[key] !== undefined) copy[key] = json[key];
  }
  return artifacts;
}

/** Writes artifacts as `model.json` + one shard `group1-shard1of1.bin` (the layout tfjs-node writes). */
export async function saveModelArtifacts(dir: string, artifacts: ModelArtifacts): Promise<void> {
  if (artifacts.modelTopology instanceof ArrayBuffer) {
    throw new FacetwiseError('MODEL_SAVE_UNSUPPORTED', 'binary model topologies cannot be saved as model.json', {
      file: dir,
    });
  }
  await fs.mkdir(dir, { recursive: true });
  const parts = artifacts.weightData === undefined ? [] : Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData];
  const shardName = 'group1-shard1of1.bin';
  const total = parts.reduce((a, b) => a + b.byteLength, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  const modelJson: Record<string, unknown> = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [shardName], weights: artifacts.weightSpecs ?? [] }],
  };
  if (artifacts.trainingConfig) modelJson.trainingConfig = artifacts.trainingConfig;
  if (artifacts.userDefinedMetadata) modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
  await fs.writeFile(path.join(dir, shardName), bytes);
  await fs.writeFile(path.join(dir, MODEL_JSON), JSON.stringify(modelJson));
}

/** The IOHandler tfjs' loaders and `model.save` take. */
export function fileSystemIoHandler(dir: string): IOHandler {
  return {
    load: () => loadModelArtifacts(dir),
    save: async (artifacts) => {
      await saveModelArtifacts(dir, artifacts);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
        },
      };
    },
  };
}
