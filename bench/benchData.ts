/**
 * The benchmark's input files: taxi-like CSVs of given sizes, generated once into .bench-data/ (ignored by git)
 * and reused while the generator's format version, the seed and the size stay the same.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTaxiLike, taxiLikeFormatVersion } from '../scripts/sampleData/taxiLike.js';

export interface BenchDataset {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  /** How long generating it took (now, or when it was cached). */
  readonly generationSeconds: number;
  readonly cached: boolean;
}

interface CacheRecord {
  readonly formatVersion: number;
  readonly seed: number;
  readonly rows: number;
  readonly bytes: number;
  readonly generationSeconds: number;
}

export async function ensureBenchDataset(dataDir: string, targetBytes: number, seed: number): Promise<BenchDataset> {
  mkdirSync(dataDir, { recursive: true });
  const base = join(dataDir, `taxi-like-${targetBytes}B-seed${seed}-v${taxiLikeFormatVersion}`);
  const path = `${base}.csv`;
  const metaPath = `${base}.json`;

  const cached = readCache(metaPath);
  if (cached && existsSync(path) && statSync(path).size === cached.bytes) {
    return { path, rows: cached.rows, bytes: cached.bytes, generationSeconds: cached.generationSeconds, cached: true };
  }

  // Written under a temporary name and renamed, so an interrupted run never leaves a short file behind.
  const partial = `${base}.partial`;
  const started = performance.now();
  const result = await generateTaxiLike({ bytes: targetBytes, seed, out: partial });
  const generationSeconds = (performance.now() - started) / 1000;
  renameSync(partial, path);
  const record: CacheRecord = { formatVersion: taxiLikeFormatVersion, seed, rows: result.rows, bytes: result.bytes, generationSeconds };
  writeFileSync(metaPath, JSON.stringify(record) + '\n');
  return { path, rows: result.rows, bytes: result.bytes, generationSeconds, cached: false };
}

function readCache(metaPath: string): CacheRecord | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const r = parsed as Partial<CacheRecord>;
    const numbers = [r.formatVersion, r.seed, r.rows, r.bytes, r.generationSeconds];
    if (!numbers.every((n) => typeof n === 'number') || r.formatVersion !== taxiLikeFormatVersion) return undefined;
    return r as CacheRecord;
  } catch {
    return undefined;
  }
}
