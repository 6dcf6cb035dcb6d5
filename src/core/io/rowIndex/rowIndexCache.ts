/**
 * Row indexes kept between runs, one file per dataset in a cache folder (the extension's globalStorage, or the
 * CLI's cache dir), named by a hash of the dataset's paths. An entry is used only while every file still has the
 * size, mtime and head/tail hash it was indexed with; otherwise it is rebuilt and replaced.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../proto/atomicWrite.js';
import { fileIdentity, sameIdentity } from './fileIdentity.js';
import { decodeRowIndex, encodeRowIndex } from './indexFile.js';
import type { RowIndex } from './rowIndex.js';

export class RowIndexCache {
  constructor(readonly folder: string) {}

  /** `$FACETWISE_CACHE_DIR`, else `$XDG_CACHE_HOME/facetwise`, else `~/.cache/facetwise`; row indexes go in `row-index/`. */
  static forCli(env: NodeJS.ProcessEnv = process.env): RowIndexCache {
    const base = env.FACETWISE_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'facetwise');
    return new RowIndexCache(join(base, 'row-index'));
  }

  pathFor(files: readonly string[]): string {
    const key = createHash('sha256').update(files.map((f) => resolve(f)).join('\0')).digest('hex').slice(0, 32);
    return join(this.folder, `${key}.fwri`);
  }

  /** The cached index when it still describes the files as they are now. */
  async load(files: readonly string[]): Promise<RowIndex | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(this.pathFor(files));
    } catch {
      return undefined;
    }
    const index = decodeRowIndex(bytes);
    if (!index) return undefined;
    const identities = index.kind === 'csv' ? [index.identity] : index.shards.map((s) => s.identity);
    if (identities.length !== files.length) return undefined;
    for (let i = 0; i < files.length; i++) {
      let now;
      try {
        now = await fileIdentity(files[i]);
      } catch {
        return undefined;
      }
      if (!sameIdentity(now, identities[i])) return undefined;
    }
    return index;
  }

  async save(files: readonly string[], index: RowIndex): Promise<string> {
    await mkdir(this.folder, { recursive: true });
    const path = this.pathFor(files);
    await writeFileAtomic(path, encodeRowIndex(index));
    return path;
  }
}
