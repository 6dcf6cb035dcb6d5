/**
 * Reads a file from a byte offset in large chunks, for tokenizers that work on bytes. The caller hands back the
 * unconsumed tail of each chunk (a record cut by the chunk's end) and gets it in front of the next chunk's bytes.
 *
 * Every chunk lives in a freshly allocated buffer that this reader never writes again, so views into a chunk
 * (row batches) stay valid for as long as the caller keeps them — unless the caller opts into `recycle`. The next
 * chunk is read while the caller works on the current one.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

export interface FileChunk {
  /**
   * Holds the chunk's bytes at [begin, end), at a 4-byte-aligned offset of its ArrayBuffer, followed by at least
   * SPARE_BYTES bytes the caller may overwrite (a sentinel) or read as part of a 32-bit word.
   */
  readonly buffer: Uint8Array;
  readonly begin: number;
  readonly end: number;
  /** File offset of `buffer[begin]`. */
  readonly fileOffset: number;
  /** True when `end` is the end of the file (as sized when it was opened). */
  readonly eof: boolean;
}

export interface ChunkedReadOptions {
  /** First byte to read (default 0). */
  readonly start?: number;
  /**
   * Read in full chunks up to this offset and in small ones past it: a caller that stops shortly after it (to
   * finish a record straddling a range's end) does not pay for a full chunk. Default: the end of the file.
   */
  readonly softEnd?: number;
  /** Bytes per read before `softEnd` (default 2 MiB). */
  readonly chunkSize?: number;
  /** Bytes per read after `softEnd` (default 64 KiB). */
  readonly tailChunkSize?: number;
  /** Free bytes in front of each chunk, where a short carried tail goes without copying the chunk (default 64 KiB). */
  readonly headroom?: number;
  /**
   * The caller is done with a chunk once it asks for the next one: that chunk's buffer is read into again instead
   * of a new one being allocated (two buffers in all, not one per read: less garbage, a lower peak).
   */
  readonly recycle?: boolean;
}

interface RawRead {
  readonly buffer: Uint8Array;
  readonly bytes: number;
  readonly requested: number;
}

/** 2 MiB: measured on 1 GB with two workers, 8 MiB reads peaked at 365 MB RSS, 2 MiB at 269 MB, at the same speed. */
export const DEFAULT_CHUNK_SIZE = 2 * 1024 * 1024;
export const SPARE_BYTES = 8;

export class ChunkedFileReader {
  /** Size of the file when it was opened; bytes appended later are not read. */
  readonly size: number;
  private readonly handle: FileHandle;
  private readonly chunkSize: number;
  private readonly tailChunkSize: number;
  private readonly headroom: number;
  private readonly softEnd: number;
  /** File offset of the next byte to read. */
  private offset: number;
  /** File offset of the first byte not yet handed to the caller. */
  private delivered: number;
  private pending: Promise<RawRead> | undefined;
  /** Grows when the caller carries a large tail, so a huge record is not rescanned once per default-sized chunk. */
  private minRead = 0;
  private readonly recycle: boolean;
  /** recycle: the buffer of the chunk handed out last, and one free for the next read. */
  private handedOut: Uint8Array | undefined;
  private spare: Uint8Array | undefined;

  private constructor(handle: FileHandle, size: number, options: ChunkedReadOptions) {
    this.handle = handle;
    this.size = size;
    this.chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
    this.tailChunkSize = Math.max(1, options.tailChunkSize ?? 64 * 1024);
    this.headroom = Math.max(0, options.headroom ?? 64 * 1024);
    this.softEnd = Math.min(size, options.softEnd ?? size);
    this.offset = Math.min(size, Math.max(0, options.start ?? 0));
    this.delivered = this.offset;
    this.recycle = options.recycle ?? false;
  }

  static async open(path: string, options: ChunkedReadOptions = {}): Promise<ChunkedFileReader> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const reader = new ChunkedFileReader(handle, size, options);
      reader.prefetch();
      return reader;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /**
   * The next chunk, with `carry` (bytes of the previous chunk the caller did not consume) placed first.
   * Returns undefined once the file is exhausted and nothing is carried.
   */
  async next(carry?: Uint8Array): Promise<FileChunk | undefined> {
    const carried = carry?.length ?? 0;
    if (carried > this.minRead / 2) this.minRead = carried * 2;
    const raw = this.pending ? await this.pending : { buffer: new Uint8Array(1), bytes: 0, requested: 0 };
    this.pending = undefined;
    const fileOffset = this.delivered - carried;
    this.delivered += raw.bytes;
    if (raw.bytes < raw.requested) this.offset = this.size; // the file shrank since it was opened: stop here
    // One read is outstanding at a time, so once every byte has been requested this chunk is the last one.
    const eof = this.offset >= this.size;
    // Recycling, the next read goes into the previous chunk's buffer, free only once the carry is copied out.
    if (!eof && !this.recycle) this.prefetch();
    if (raw.bytes === 0 && carried === 0) return undefined;
    const chunk = this.assemble(raw, carry, carried, fileOffset, eof);
    if (this.recycle) {
      const previous = this.handedOut;
      this.handedOut = chunk.buffer;
      if (previous !== undefined && previous !== chunk.buffer) this.spare = previous;
      if (raw.buffer !== chunk.buffer && (this.spare === undefined || raw.buffer.length > this.spare.length)) this.spare = raw.buffer;
      if (!eof) this.prefetch();
    }
    return chunk;
  }

  private assemble(raw: RawRead, carry: Uint8Array | undefined, carried: number, fileOffset: number, eof: boolean): FileChunk {
    if (carried <= this.headroom && raw.bytes > 0) {
      const begin = this.headroom - carried;
      if (carry && carried > 0) raw.buffer.set(carry, begin);
      return { buffer: raw.buffer, begin, end: this.headroom + raw.bytes, fileOffset, eof };
    }
    // A long carried record (or the carried tail alone at the end): one copy into a buffer that holds both.
    const buffer = allocate(carried + raw.bytes);
    if (carry && carried > 0) buffer.set(carry, 0);
    if (raw.bytes > 0) buffer.set(raw.buffer.subarray(this.headroom, this.headroom + raw.bytes), carried);
    return { buffer, begin: 0, end: carried + raw.bytes, fileOffset, eof };
  }

  async close(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) await pending.catch(() => undefined);
    await this.handle.close();
  }

  private prefetch(): void {
    if (this.offset >= this.size) return;
    let want = this.offset < this.softEnd ? Math.min(this.chunkSize, this.softEnd - this.offset) : this.tailChunkSize;
    want = Math.min(Math.max(want, this.minRead), this.size - this.offset);
    const position = this.offset;
    this.offset += want;
    this.pending = this.readFully(position, want);
    // Reported when awaited in next(); this keeps an abandoned prefetch from becoming an unhandled rejection.
    this.pending.catch(() => undefined);
  }

  private async readFully(position: number, length: number): Promise<RawRead> {
    const spare = this.spare;
    let buffer: Uint8Array;
    if (spare !== undefined && spare.length >= this.headroom + length + SPARE_BYTES) {
      buffer = spare;
      this.spare = undefined;
    } else {
      buffer = allocate(this.headroom + length);
    }
    let bytes = 0;
    while (bytes < length) {
      const { bytesRead } = await this.handle.read(buffer, this.headroom + bytes, length - bytes, position + bytes);
      if (bytesRead === 0) break; // the file shrank since it was opened
      bytes += bytesRead;
    }
    return { buffer, bytes, requested: length };
  }
}

/** A buffer for `length` bytes plus the spare ones, at offset 0 of its own ArrayBuffer (so word-aligned). */
function allocate(length: number): Uint8Array {
  // Not zero-filled: the bytes are overwritten by the read, and zeroing every chunk would be wasted work.
  // allocUnsafeSlow, not allocUnsafe: small buffers would come out of Node's shared pool at unaligned offsets.
  const buffer = Buffer.allocUnsafeSlow(length + SPARE_BYTES);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}
