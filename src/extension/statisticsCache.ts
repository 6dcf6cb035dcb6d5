/**
 * Recent datasets' statistics, so opening an overview after validating (or validating from an open overview)
 * does not read the data again. An entry is valid while every shard keeps its size and modification time.
 * No `vscode` import.
 */
import { stat } from 'node:fs/promises';
import type { DataIssue } from '../core/data/issues.js';
import type { DatasetInfo } from '../core/io/dataset.js';
import type { StatisticsResult } from '../core/stats/statisticsJob.js';

export interface CachedStatistics {
  readonly result: StatisticsResult;
  /** The reader's findings while computing them, in file order. */
  readonly issues: readonly DataIssue[];
}

interface Entry {
  readonly signature: string;
  readonly value: CachedStatistics;
}

async function signatureOf(info: DatasetInfo): Promise<string> {
  const parts = await Promise.all(
    info.shards.map(async (shard) => {
      const s = await stat(shard);
      return `${shard}\u0000${s.size}\u0000${s.mtimeMs}`;
    }),
  );
  return `${info.format}\u0001${parts.join('\u0001')}`;
}

export class StatisticsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 8) {}

  /**
   * The cached statistics of `info` when still valid, else undefined (nothing is computed). Lets a caller show
   * progress UI only when there is work to do.
   */
  async peek(info: DatasetInfo): Promise<CachedStatistics | undefined> {
    const key = info.shards.join('\u0000');
    return this.lookup(key, await signatureOf(info).catch(() => undefined));
  }

  /** The cached statistics of `info` when still valid, else `compute()`'s (then cached). */
  async get(info: DatasetInfo, compute: () => Promise<CachedStatistics>): Promise<CachedStatistics> {
    const key = info.shards.join('\u0000');
    const signature = await signatureOf(info);
    const hit = this.lookup(key, signature);
    if (hit) return hit;
    const value = await compute();
    // The data may have changed while it was read: cache under the signature it had before, which a later
    // lookup will find stale if so.
    this.entries.delete(key);
    this.entries.set(key, { signature, value });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  private lookup(key: string, signature: string | undefined): CachedStatistics | undefined {
    const hit = this.entries.get(key);
    if (!hit || signature === undefined || hit.signature !== signature) return undefined;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  /** Forgets every entry whose shards include `path` or lie under it (a deleted file or folder). */
  forget(path: string): void {
    for (const key of [...this.entries.keys()]) {
      if (key.split('\u0000').some((shard) => shard === path || shard.startsWith(`${path}/`) || shard.startsWith(`${path}\\`))) this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
