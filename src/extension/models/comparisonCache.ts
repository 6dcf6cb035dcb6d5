/**
 * Comparison results kept per (versions, dataset, slicing, file modification times): reopening a comparison
 * whose files did not change is instant. A few entries only (each holds the chart rows).
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { CompareModelsParams, CompareModelsResult } from '../../protocol/models/compareJobProtocol.js';

async function mtimeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return -1;
  }
}

function versionDir(ref: CompareModelsParams['base']): string {
  return ref.version === null ? ref.root : path.join(ref.root, String(ref.version));
}

/** The key: every input's path and modification time (the model files, tfjs or ONNX, the spec, each shard). */
export async function comparisonKey(params: CompareModelsParams): Promise<string> {
  const files = [
    ...[params.base, params.candidate].flatMap((ref) => ['model.json', 'model.onnx', 'feature_spec.json'].map((f) => path.join(versionDir(ref), f))),
    ...params.dataset.shards,
  ];
  const times = await Promise.all(files.map(mtimeOf));
  return JSON.stringify({ params: { ...params, dataset: params.dataset.shards }, times });
}

export class ComparisonCache {
  private readonly entries = new Map<string, CompareModelsResult>();

  constructor(private readonly capacity = 4) {}

  get(key: string): CompareModelsResult | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CompareModelsResult): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
