/**
 * Comparison results kept per SET of versions (+ dataset, slicing, file modification times), and within a set per
 * base: reopening a comparison whose files did not change is instant, and so is going back to a base the panel
 * showed before. A few sets only (each result holds the chart rows).
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { CompareModelsParams, CompareModelsResult, VersionRef } from '../../protocol/models/compareJobProtocol.js';

async function mtimeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return -1;
  }
}

function versionDir(ref: VersionRef): string {
  return ref.version === null ? ref.root : path.join(ref.root, String(ref.version));
}

function refKey(ref: VersionRef): string {
  return `${ref.root}\0${ref.version ?? ''}`;
}

/** The versions compared, in one order whichever is the base (the order a set's results are computed in). */
export function canonicalVersions(refs: readonly VersionRef[]): VersionRef[] {
  const seen = new Map<string, VersionRef>();
  for (const r of refs) seen.set(refKey(r), r);
  return [...seen.values()].sort((a, b) => (a.root === b.root ? (a.version ?? -1) - (b.version ?? -1) : a.root < b.root ? -1 : 1));
}

export interface ComparisonKey {
  /** The set of versions, the dataset, the slicing and every input file's modification time. */
  readonly set: string;
  /** The base within the set. */
  readonly base: string;
}

/** The key: every input's path and modification time (the model files, tfjs or ONNX, the spec, each shard). */
export async function comparisonKey(params: CompareModelsParams): Promise<ComparisonKey> {
  const versions = canonicalVersions([params.base, ...params.candidates]);
  const files = [...versions.flatMap((ref) => ['model.json', 'model.onnx', 'feature_spec.json'].map((f) => path.join(versionDir(ref), f))), ...params.dataset.shards];
  const times = await Promise.all(files.map(mtimeOf));
  const { base: _base, candidates: _candidates, dataset, ...rest } = params;
  return { set: JSON.stringify({ versions: versions.map(refKey), dataset: dataset.shards, params: rest, times }), base: refKey(params.base) };
}

export class ComparisonCache {
  private readonly entries = new Map<string, Map<string, CompareModelsResult>>();

  constructor(private readonly capacity = 4) {}

  get(key: ComparisonKey): CompareModelsResult | undefined {
    const set = this.entries.get(key.set);
    if (set) {
      this.entries.delete(key.set);
      this.entries.set(key.set, set);
    }
    return set?.get(key.base);
  }

  set(key: ComparisonKey, value: CompareModelsResult): void {
    const set = this.entries.get(key.set) ?? new Map<string, CompareModelsResult>();
    set.set(key.base, value);
    this.entries.delete(key.set);
    this.entries.set(key.set, set);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
