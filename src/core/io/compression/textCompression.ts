/**
 * Compressed delimited files (`.csv.gz`, `.csv.zst`, `.csv.bz2`, and the same for TSV): which compression a file
 * uses — from its magic bytes, whatever its name says — and its decompressed bytes as a stream. gzip goes through
 * Node's zlib (native, off the JS thread), zstd through fzstd, bzip2 through seek-bzip (both pure JS, on the
 * calling thread). A stream cannot be entered in the middle, so a compressed file is decompressed front to back by
 * one thread (which, for statistics on worker threads, cuts it into blocks for the workers: csvBlockFanOut.ts); see
 * README.md and bench/README.md for what that costs.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import { FacetwiseError } from '../../data/issues.js';
import { throwIfAborted } from '../../data/job.js';
import { bzip2Blocks } from './bzip2Stream.js';

export type TextCompression = 'none' | 'gzip' | 'zstd' | 'bzip2';

/** The compression whose magic number `head` starts with (pass at least 10 bytes). */
export function detectTextCompression(head: Uint8Array): TextCompression {
  if (head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  // "BZh" + block size '1'..'9' + the first block's magic (π) or the end-of-stream magic (√π) of an empty file.
  if (head.length >= 10 && head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68 && head[3] >= 0x31 && head[3] <= 0x39) {
    const magic = Array.from(head.subarray(4, 10), (b) => b.toString(16).padStart(2, '0')).join('');
    if (magic === '314159265359' || magic === '177245385090') return 'bzip2';
  }
  return 'none';
}

/** Reads the first bytes of a file and tells its compression ('none' for an unreadable or short file). */
export async function compressionOfFile(path: string): Promise<TextCompression> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return 'none';
  }
  try {
    const head = new Uint8Array(10);
    const { bytesRead } = await handle.read(head, 0, 10, 0);
    return detectTextCompression(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

export interface DecompressOptions {
  readonly signal?: AbortSignal;
  /** Called with the compressed bytes read so far (for progress in bytes on disk). */
  readonly onCompressedBytes?: (bytes: number) => void;
}

const READ_SIZE = 1024 * 1024;

/**
 * The decompressed bytes of a file, in pieces of any size (each a fresh buffer the caller may keep). A corrupt or
 * truncated stream throws FacetwiseError `DECOMPRESS_FAILED` with the decompressed offset reached.
 */
export async function* decompressedPieces(path: string, compression: Exclude<TextCompression, 'none'>, options: DecompressOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
  let produced = 0;
  try {
    const pieces = compression === 'gzip' ? gunzipPieces(path, options) : compression === 'zstd' ? zstdPieces(path, options) : bzip2Blocks(path, options);
    for await (const piece of pieces) {
      throwIfAborted(options.signal);
      produced += piece.length;
      yield piece;
    }
  } catch (err) {
    if (err instanceof FacetwiseError || isAbort(err)) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new FacetwiseError('DECOMPRESS_FAILED', `the ${compression} stream is corrupt or truncated (${reason}); ${produced} bytes were decompressed before it`, { file: path, offset: produced });
  }
}

async function* gunzipPieces(path: string, options: DecompressOptions): AsyncGenerator<Uint8Array, void, undefined> {
  const input = createReadStream(path, { highWaterMark: READ_SIZE });
  let read = 0;
  input.on('data', (chunk) => {
    read += chunk.length;
    options.onCompressedBytes?.(read);
  });
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  try {
    for await (const piece of gunzip) yield piece as Buffer;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

async function* zstdPieces(path: string, options: DecompressOptions): AsyncGenerator<Uint8Array, void, undefined> {
  const out: Uint8Array[] = [];
  let ended = false;
  const decoder = new Decompress((chunk, final) => {
    if (chunk.length > 0) out.push(chunk);
    if (final) ended = true;
  });
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    let offset = 0;
    while (offset < size) {
      const buffer = new Uint8Array(Math.min(READ_SIZE, size - offset));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
      decoder.push(buffer.subarray(0, bytesRead), offset >= size);
      options.onCompressedBytes?.(offset);
      while (out.length > 0) yield out.shift() as Uint8Array;
    }
    if (size === 0) throw new Error('the file is empty');
    if (!ended) throw new Error('the stream ends early');
  } finally {
    await handle.close();
  }
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

/** The first `length` decompressed bytes (fewer when the stream is shorter). */
export async function decompressedPrefix(path: string, compression: Exclude<TextCompression, 'none'>, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let done = 0;
  const pieces = decompressedPieces(path, compression);
  try {
    for await (const piece of pieces) {
      const n = Math.min(piece.length, length - done);
      out.set(piece.subarray(0, n), done);
      done += n;
      if (done >= length) break;
    }
  } finally {
    await pieces.return(undefined);
  }
  return done === length ? out : out.subarray(0, done);
}
