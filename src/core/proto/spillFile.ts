/**
 * Bytes appended in order to a temporary file and read back once, in pieces: an encoded output too large to hold
 * in memory while it is being produced (a wide dataset's statistics are ~1.7 KB a feature; held, they and their
 * garbage were a sixth of peak memory at 10,000 features). The file lives in the OS temp folder, is unlinked as
 * soon as it is open where the OS allows (so a crash leaves nothing behind), and otherwise on dispose.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const READ_PIECE = 1 << 20;

export class SpillFile {
  private fd: number | undefined;
  private readonly path: string;
  private unlinked = false;
  private length = 0;

  private constructor(fd: number, path: string) {
    this.fd = fd;
    this.path = path;
    try {
      unlinkSync(path); // POSIX: the open descriptor keeps the data; Windows refuses, and dispose unlinks instead
      this.unlinked = true;
    } catch {
      this.unlinked = false;
    }
  }

  static create(dir: string = tmpdir()): SpillFile {
    const path = join(dir, `facetwise-${process.pid}-${randomBytes(6).toString('hex')}.spill`);
    return new SpillFile(openSync(path, 'wx+', 0o600), path);
  }

  get byteLength(): number {
    return this.length;
  }

  /** Appends `bytes` (written before this returns: the caller may reuse the buffer). */
  append(bytes: Uint8Array): void {
    const fd = this.open();
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, this.length + done);
    this.length += bytes.length;
  }

  /**
   * The bytes appended, in order, in pieces of at most 1 MiB. Each piece is a view of one reused buffer, valid
   * until the next is asked for (a writer that awaits each write before the next needs no more).
   */
  *pieces(): Generator<Uint8Array, void, undefined> {
    const fd = this.open();
    const buffer = new Uint8Array(Math.min(READ_PIECE, this.length));
    for (let at = 0; at < this.length; ) {
      const piece = buffer.subarray(0, Math.min(READ_PIECE, this.length - at));
      let got = 0;
      while (got < piece.length) {
        const n = readSync(fd, piece, got, piece.length - got, at + got);
        if (n === 0) throw new Error(`spill file ${this.path} ended at ${at + got} of ${this.length} bytes`);
        got += n;
      }
      at += got;
      yield piece;
    }
  }

  /** Closes and removes the file; safe to call more than once. */
  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (!this.unlinked) {
      this.unlinked = true;
      try {
        unlinkSync(this.path);
      } catch {
        // already gone
      }
    }
  }

  private open(): number {
    if (this.fd === undefined) throw new Error('the spill file was disposed');
    return this.fd;
  }
}
