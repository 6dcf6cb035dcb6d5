/**
 * ChunkedFileReader's contract (fileChunks.ts) over a compressed file: chunks of decompressed bytes, with the
 * caller's carried tail in front, `fileOffset` counted in decompressed bytes. Used for `.csv.gz`/`.zst`/`.bz2`.
 */
import type { FileChunk } from './fileChunks.js';
import { DEFAULT_CHUNK_SIZE, SPARE_BYTES } from './fileChunks.js';
import { decompressedPieces } from './compression/textCompression.js';
import type { DecompressOptions, TextCompression } from './compression/textCompression.js';

export interface DecompressedReadOptions extends DecompressOptions {
  /** Decompressed bytes to skip first (the header, read separately). */
  readonly start?: number;
  readonly chunkSize?: number;
}

/** What CsvReader needs from a byte source: ChunkedFileReader and DecompressedChunkReader both provide it. */
export interface ChunkSource {
  next(carry?: Uint8Array): Promise<FileChunk | undefined>;
  close(): Promise<void>;
}

export class DecompressedChunkReader implements ChunkSource {
  private readonly pieces: AsyncGenerator<Uint8Array, void, undefined>;
  private readonly chunkSize: number;
  private skip: number;
  /** Decompressed offset of the next byte to hand out. */
  private delivered: number;
  private ahead: Uint8Array | undefined;
  private ended = false;

  constructor(path: string, compression: Exclude<TextCompression, 'none'>, options: DecompressedReadOptions = {}) {
    this.pieces = decompressedPieces(path, compression, options);
    this.chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
    this.skip = Math.max(0, options.start ?? 0);
    this.delivered = this.skip;
  }

  async next(carry?: Uint8Array): Promise<FileChunk | undefined> {
    const carried = carry?.length ?? 0;
    const parts: Uint8Array[] = [];
    let bytes = 0;
    while (bytes < this.chunkSize) {
      const piece = await this.pull();
      if (!piece) break;
      parts.push(piece);
      bytes += piece.length;
    }
    // One piece of lookahead tells whether this chunk is the last.
    if (!this.ahead && !this.ended) this.ahead = await this.pull();
    const eof = this.ahead === undefined;
    if (bytes === 0 && carried === 0) return undefined;
    const buffer = allocate(carried + bytes);
    if (carry && carried > 0) buffer.set(carry, 0);
    let at = carried;
    for (const part of parts) {
      buffer.set(part, at);
      at += part.length;
    }
    const fileOffset = this.delivered - carried;
    this.delivered += bytes;
    return { buffer, begin: 0, end: carried + bytes, fileOffset, eof };
  }

  async close(): Promise<void> {
    await this.pieces.return(undefined);
  }

  /** The next piece of decompressed bytes past the skipped prefix, or undefined at the end. */
  private async pull(): Promise<Uint8Array | undefined> {
    if (this.ahead) {
      const piece = this.ahead;
      this.ahead = undefined;
      return piece;
    }
    while (!this.ended) {
      const r = await this.pieces.next();
      if (r.done) {
        this.ended = true;
        return undefined;
      }
      let piece = r.value;
      if (this.skip > 0) {
        const dropped = Math.min(this.skip, piece.length);
        this.skip -= dropped;
        piece = piece.subarray(dropped);
      }
      if (piece.length > 0) return piece;
    }
    return undefined;
  }
}

function allocate(length: number): Uint8Array {
  return new Uint8Array(new ArrayBuffer(length + SPARE_BYTES), 0, length + SPARE_BYTES);
}
