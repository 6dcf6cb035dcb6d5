/**
 * Which compression a TFRecord file uses, and a streaming decompressor for it. TFX writes GZIP shards;
 * TensorFlow's TFRecordWriter can also write ZLIB (RFC 1950) streams.
 */
import { createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { maskedCrc32c } from './crc32c.js';

export type TfRecordCompression = 'none' | 'gzip' | 'zlib';

/**
 * Guesses the compression from a file's first bytes (pass at least 12). An uncompressed file starts with a
 * record header whose masked length CRC checks out; that is tested first because a record length can begin
 * with the same two bytes as a gzip or zlib header, while a gzip/zlib header passing a CRC-32C check is a
 * 1-in-4-billion accident. Otherwise gzip is `1f 8b`, zlib is a valid RFC 1950 header (deflate method and
 * header checksum: in practice `78 01`, `78 5e`, `78 9c`, `78 da`). Anything else is read as uncompressed,
 * so its framing errors get reported.
 */
export function detectCompression(head: Uint8Array): TfRecordCompression {
  if (head.length >= 12) {
    const stored = (head[8] | (head[9] << 8) | (head[10] << 16) | (head[11] << 24)) >>> 0;
    if (maskedCrc32c(head.subarray(0, 8)) === stored) return 'none';
  }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 2 && (head[0] & 0x0f) === 8 && head[0] >> 4 <= 7 && ((head[0] << 8) | head[1]) % 31 === 0) {
    return 'zlib';
  }
  return 'none';
}

/** A streaming decompressor, or undefined for uncompressed input. `chunkSize` is its output chunk size. */
export function createDecompressor(compression: TfRecordCompression, chunkSize?: number): Transform | undefined {
  switch (compression) {
    case 'none':
      return undefined;
    case 'gzip':
      return createGunzip({ chunkSize });
    case 'zlib':
      return createInflate({ chunkSize });
    default: {
      const unreachable: never = compression;
      throw new Error(`unknown compression ${String(unreachable)}`);
    }
  }
}
