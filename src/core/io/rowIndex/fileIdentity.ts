/**
 * What says "this is still the file the index was built from": size, modification time and a hash of its first
 * and last 64 KiB. Size and mtime catch nearly every change; the hash catches an in-place rewrite that kept both
 * (a copy with preserved times, a coarse mtime on some file systems).
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

export interface FileIdentity {
  readonly size: number;
  readonly mtimeMs: number;
  /** SHA-256 (hex, 32 chars) of the head and tail bytes and the size. */
  readonly fingerprint: string;
}

const EDGE_BYTES = 64 * 1024;

export async function fileIdentity(path: string): Promise<FileIdentity> {
  const handle = await open(path, 'r');
  try {
    const { size, mtimeMs } = await handle.stat();
    const hash = createHash('sha256');
    hash.update(String(size));
    const head = Buffer.alloc(Math.min(EDGE_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    hash.update(head);
    if (size > EDGE_BYTES) {
      const tailLength = Math.min(EDGE_BYTES, size - EDGE_BYTES);
      const tail = Buffer.alloc(tailLength);
      await handle.read(tail, 0, tailLength, size - tailLength);
      hash.update(tail);
    }
    return { size, mtimeMs, fingerprint: hash.digest('hex').slice(0, 32) };
  } finally {
    await handle.close();
  }
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.fingerprint === b.fingerprint;
}
