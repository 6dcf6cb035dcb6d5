/**
 * bzip2 decompression one block at a time (at most ~900 kB of output each), so a large `.bz2` file is streamed in
 * bounded memory. seek-bzip decodes synchronously from a byte-reading stream; this drives its block loop (the one
 * in its `decode`) over a file read in 1 MiB pieces and hands each block's output on. Concatenated streams
 * (pbzip2, `cat a.bz2 b.bz2`) are read to the end.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import Bunzip from 'seek-bzip';
import type { DecompressOptions } from './textCompression.js';

const READ_SIZE = 1024 * 1024;

export async function* bzip2Blocks(path: string, options: DecompressOptions): AsyncGenerator<Uint8Array, void, undefined> {
  const fd = openSync(path, 'r');
  try {
    const input = new FileBytes(fd, options.onCompressedBytes);
    const output = new GrowingBytes();
    const bz = new Bunzip(input, output);
    for (;;) {
      if (bz._init_block()) {
        bz._read_bunzip();
        if (output.length > 0) yield output.take();
        await Promise.resolve(); // let a cancellation or other work in between blocks
        continue;
      }
      const storedCrc = bz.reader.read(32) >>> 0;
      if (storedCrc !== bz.streamCRC >>> 0) throw new Error('bad stream CRC');
      if (input.eof()) break;
      bz._start_bunzip(input, output); // a concatenated stream follows
    }
  } finally {
    closeSync(fd);
  }
}

class FileBytes {
  private buffer = new Uint8Array(READ_SIZE);
  private pos = 0;
  private end = 0;
  private offset = 0;
  private done = false;

  constructor(
    private readonly fd: number,
    private readonly onBytes: ((bytes: number) => void) | undefined,
  ) {}

  readByte(): number {
    if (this.pos >= this.end && !this.fill()) return -1;
    return this.buffer[this.pos++];
  }

  read(target: Uint8Array, at: number, length: number): number {
    let n = 0;
    while (n < length) {
      const b = this.readByte();
      if (b < 0) return n === 0 ? -1 : n;
      target[at + n++] = b;
    }
    return n;
  }

  eof(): boolean {
    return this.pos >= this.end && !this.fill();
  }

  private fill(): boolean {
    if (this.done) return false;
    const bytesRead = readSync(this.fd, this.buffer, 0, this.buffer.length, this.offset);
    if (bytesRead === 0) {
      this.done = true;
      return false;
    }
    this.offset += bytesRead;
    this.pos = 0;
    this.end = bytesRead;
    this.onBytes?.(this.offset);
    return true;
  }
}

class GrowingBytes {
  private buffer = new Uint8Array(1024 * 1024);
  length = 0;

  writeByte(byte: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = byte;
  }

  /** The bytes written since the last take, as a fresh buffer. */
  take(): Uint8Array {
    const out = this.buffer.slice(0, this.length);
    this.length = 0;
    return out;
  }
}
