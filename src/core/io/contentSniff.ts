/**
 * A file whose name says nothing (`group1-shard1of1.bin`, `part-00000`) is read as TFRecord only when its first
 * bytes look like it: a TFRecord length header with a valid CRC, or a GZIP / ZLIB stream (compressed shards).
 * Otherwise it is not a dataset — a model's weights must not be read as records and turned red.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { FacetwiseError } from '../data/issues.js';
import { hasTfRecordHeader } from '../proto/tfrecordFrame.js';

/** Whether these leading bytes can start a (possibly compressed) TFRecord file. */
export function startsLikeTfRecord(head: Uint8Array): boolean {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return true; // GZIP
  if (head.length >= 2 && (head[0] & 0x0f) === 8 && ((head[0] << 8) | head[1]) % 31 === 0) return true; // ZLIB
  return hasTfRecordHeader(head);
}

async function head(path: string): Promise<Uint8Array> {
  const fd = await open(path, 'r');
  try {
    const buffer = new Uint8Array(16);
    const { bytesRead } = await fd.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
}

/** Throws INPUT_NOT_DATA for the first file that does not start like TFRecord. An empty file passes (nothing to misread). */
export async function assertTfRecordContent(files: readonly string[]): Promise<void> {
  for (const file of files) {
    const bytes = await head(file).catch(() => undefined);
    if (!bytes || bytes.length === 0) continue;
    if (!startsLikeTfRecord(bytes)) {
      throw new FacetwiseError(
        'INPUT_NOT_DATA',
        `${basename(file)} is not a dataset: its name is not .csv, .tsv or .tfrecord and its content does not start like TFRecord (or GZIP/ZLIB).`,
        { file },
      );
    }
  }
}
