/**
 * Writes ASCII text straight into a Buffer: digits of integers and copies of pre-encoded strings.
 * Generating a gigabyte through JS strings spends most of its time flattening and collecting them; writing
 * bytes in place is several times faster and leaves no garbage per row.
 */
export class ByteSink {
  buf: Buffer;
  pos = 0;

  constructor(readonly capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  byte(code: number): void {
    this.buf[this.pos++] = code;
  }

  /** Copies pre-encoded bytes; a plain loop beats TypedArray.set for the short cells written here. */
  bytes(src: Uint8Array): void {
    const buf = this.buf;
    const n = src.length;
    const p = this.pos;
    for (let i = 0; i < n; i++) buf[p + i] = src[i];
    this.pos = p + n;
  }

  /** The decimal digits of a non-negative safe integer. */
  uint(n: number): void {
    const buf = this.buf;
    if (n < 10) {
      buf[this.pos++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    let x = n;
    while (x >= 10) {
      const q = Math.floor(x / 10);
      buf[--p] = 48 + (x - q * 10);
      x = q;
    }
    buf[--p] = 48 + x;
  }

  /** Two digits, zero-padded (0 ≤ n < 100). */
  pad2(n: number): void {
    const tens = Math.floor(n / 10);
    this.buf[this.pos++] = 48 + tens;
    this.buf[this.pos++] = 48 + (n - tens * 10);
  }

  /** Hands over what was written and starts a fresh buffer (the consumer may still hold the old one). */
  take(): Buffer {
    const full = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.capacity);
    this.pos = 0;
    return full;
  }
}

/** A string known to be ASCII, encoded once. */
export function ascii(text: string): Uint8Array {
  if (!/^[\x20-\x7e\r\n]*$/.test(text)) throw new RangeError(`not printable ASCII: ${JSON.stringify(text)}`);
  return Buffer.from(text, 'latin1');
}
