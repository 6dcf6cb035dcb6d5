/**
 * Record index of TFRecord shards: the offset of every N-th record of an uncompressed shard, found by walking the
 * length headers (payloads are skipped, so a shard of large records costs a read per record header, not of the
 * file). A GZIP/ZLIB shard is counted by reading it through once; it keeps no offsets.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { FacetwiseError } from '../../data/issues.js';
import type { JobOptions } from '../../data/job.js';
import { throwIfAborted } from '../../data/job.js';
import { detectCompression } from '../tfrecord/compression.js';
import { readTfRecordGroups } from '../tfrecord/recordReader.js';
import { fileIdentity } from './fileIdentity.js';
import { DEFAULT_CHECKPOINT_EVERY } from './rowIndex.js';
import type { TfRecordRowIndex, TfRecordShardIndex } from './rowIndex.js';

const HEADER_BYTES = 12;
const FOOTER_BYTES = 4;
const READ_BYTES = 1 << 20;

export async function buildTfRecordIndex(shards: readonly string[], options: JobOptions & { every?: number } = {}): Promise<TfRecordRowIndex> {
  const out: TfRecordShardIndex[] = [];
  let done = 0;
  const sizes: number[] = [];
  for (const shard of shards) sizes.push((await fileIdentity(shard)).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; i < shards.length; i++) {
    const base = done;
    out.push(
      await indexShard(shards[i], options.every ?? DEFAULT_CHECKPOINT_EVERY, {
        signal: options.signal,
        onProgress: options.onProgress && ((p) => options.onProgress?.({ ...p, done: base + p.done, total })),
      }),
    );
    done += sizes[i];
  }
  return { kind: 'tfrecord', shards: out, rows: out.reduce((a, s) => a + s.records, 0) };
}

export async function indexShard(path: string, every: number, options: JobOptions = {}): Promise<TfRecordShardIndex> {
  const identity = await fileIdentity(path);
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(16, identity.size));
    await handle.read(head, 0, head.length, 0);
    if (identity.size > 0 && detectCompression(head) !== 'none') {
      let records = 0;
      for await (const group of readTfRecordGroups(path, { signal: options.signal, verifyCrc: false })) records += group.length;
      return { file: path, identity, records, every, offsets: new Float64Array(0), compressed: true };
    }
    const offsets: number[] = [];
    const headers = new HeaderReader(handle, identity.size);
    let offset = 0;
    let records = 0;
    while (offset + HEADER_BYTES <= identity.size) {
      if (records % 4096 === 0) {
        throwIfAborted(options.signal);
        options.onProgress?.({ done: offset, total: identity.size, unit: 'bytes', message: path });
      }
      const length = await headers.lengthAt(offset);
      const next = offset + HEADER_BYTES + length + FOOTER_BYTES;
      if (next > identity.size) break; // a truncated last record: the reader reports it; it is not a row
      if (records % every === 0) offsets.push(offset);
      records++;
      offset = next;
    }
    return { file: path, identity, records, every, offsets: Float64Array.from(offsets), compressed: false };
  } finally {
    await handle.close();
  }
}

/** Reads record length fields through a 1 MiB window, re-read only when a header falls outside it. */
export class HeaderReader {
  private buffer = Buffer.allocUnsafe(READ_BYTES);
  private start = 0;
  private end = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
  ) {}

  async lengthAt(offset: number): Promise<number> {
    if (offset < this.start || offset + 8 > this.end) {
      const { bytesRead } = await this.handle.read(this.buffer, 0, Math.min(READ_BYTES, this.size - offset), offset);
      this.start = offset;
      this.end = offset + bytesRead;
      if (bytesRead < 8) throw new FacetwiseError('TFRECORD_TRUNCATED', 'the file ends inside a record header', { file: '', offset });
    }
    const at = offset - this.start;
    const low = this.buffer.readUInt32LE(at);
    const high = this.buffer.readUInt32LE(at + 4);
    return high * 2 ** 32 + low;
  }
}
