/**
 * Writes TFRecord files: the framing of recordReader.ts, optionally GZIP- or ZLIB-compressed. Used to make test
 * fixtures and to write record files (e.g. serialized statistics) that TensorFlow tools can read.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflate, createGzip } from 'node:zlib';
import type { TfRecordCompression } from './compression.js';
import { maskedCrc32c } from './crc32c.js';

export interface TfRecordWriteOptions {
  /** Default 'none'. */
  readonly compression?: TfRecordCompression;
}

/** One record's bytes as stored: header (length, masked length CRC), data, masked data CRC. */
export function frameTfRecord(payload: Uint8Array): Buffer {
  const framed = Buffer.allocUnsafe(12 + payload.length + 4);
  framed.writeUInt32LE(payload.length >>> 0, 0);
  framed.writeUInt32LE(Math.floor(payload.length / 4294967296), 4);
  framed.writeUInt32LE(maskedCrc32c(framed.subarray(0, 8)), 8);
  framed.set(payload, 12);
  framed.writeUInt32LE(maskedCrc32c(payload), 12 + payload.length);
  return framed;
}

/** Writes `payloads` as the records of a new file at `path` (replacing it), streaming. */
export async function writeTfRecords(
  path: string,
  payloads: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  options: TfRecordWriteOptions = {},
): Promise<void> {
  async function* framed(): AsyncGenerator<Buffer> {
    for await (const payload of payloads) yield frameTfRecord(payload);
  }
  const source = Readable.from(framed(), { objectMode: false });
  const out = createWriteStream(path);
  switch (options.compression ?? 'none') {
    case 'none':
      await pipeline(source, out);
      return;
    case 'gzip':
      await pipeline(source, createGzip(), out);
      return;
    case 'zlib':
      await pipeline(source, createDeflate(), out);
      return;
  }
}
