/**
 * A FIFO of byte chunks from a stream, from which fixed-size pieces are taken. A piece inside one chunk is a
 * zero-copy view; one spanning chunks is copied once, so a record split over many chunks costs linear time.
 */
export class ByteQueue {
  private chunks: Buffer[] = [];
  /** Read position within chunks[0]. */
  private headOffset = 0;
  private available = 0;

  get length(): number {
    return this.available;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.available += chunk.length;
  }

  /** Removes and returns the next `n` bytes; the caller checks `length >= n` first. */
  take(n: number): Buffer {
    if (n > this.available) throw new RangeError(`take(${n}) with only ${this.available} bytes queued`);
    this.available -= n;
    const first = this.chunks[0];
    if (n === 0) return first === undefined ? Buffer.alloc(0) : first.subarray(this.headOffset, this.headOffset);
    if (this.headOffset + n <= first.length) {
      const piece = first.subarray(this.headOffset, this.headOffset + n);
      this.headOffset += n;
      if (this.headOffset === first.length) this.dropHead();
      return piece;
    }
    const piece = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0];
      const count = Math.min(n - filled, chunk.length - this.headOffset);
      chunk.copy(piece, filled, this.headOffset, this.headOffset + count);
      filled += count;
      this.headOffset += count;
      if (this.headOffset === chunk.length) this.dropHead();
    }
    return piece;
  }

  private dropHead(): void {
    this.chunks.shift();
    this.headOffset = 0;
  }
}
