/**
 * The few protobuf wire-format primitives the tf.Example decoder needs, hand-written because decoding straight
 * into columns (no intermediate message objects) is the reader's hot loop.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

/** Malformed protobuf input; `at` is the byte offset within the message being decoded. */
export class WireFormatError extends Error {
  readonly at: number;

  constructor(message: string, at: number) {
    super(message);
    this.name = 'WireFormatError';
    this.at = at;
  }
}

/** A cursor over `buf[pos .. limit)`; every read checks the limit, so truncated input throws instead of reading junk. */
export class WireReader {
  buf: Uint8Array;
  pos: number;
  limit: number;

  constructor(buf: Uint8Array, pos = 0, limit = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.limit = limit;
  }

  /** A varint that must fit in 32 bits unsigned (tags); longer encodings are accepted if their value fits. */
  uint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    const limit = this.limit;
    // Fast path: tags and short lengths are one byte.
    if (pos < limit && buf[pos] < 0x80) {
      this.pos = pos + 1;
      return buf[pos];
    }
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= limit) throw new WireFormatError('truncated varint', pos);
      const b = buf[pos++];
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) {
        if (result > 0xffffffff) throw new WireFormatError('varint out of 32-bit range', this.pos);
        this.pos = pos;
        return result;
      }
    }
    throw new WireFormatError('varint too long for 32 bits', this.pos);
  }

  /** A length prefix; returns the end offset of the delimited bytes, checked against the limit. */
  lengthDelimitedEnd(): number {
    const start = this.pos;
    let length: number;
    if (start < this.limit && this.buf[start] < 0x80) {
      length = this.buf[start]; // fast path: short lengths are one byte
      this.pos = start + 1;
    } else {
      length = this.uint32();
    }
    const end = this.pos + length;
    if (end > this.limit) throw new WireFormatError(`length ${length} runs past the end of the message`, start);
    return end;
  }

  /**
   * An int64 varint (two's complement, not zigzag) as a float64: exact up to 2^53 in magnitude, rounded to
   * nearest beyond. Negative values always take 10 bytes.
   */
  int64(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (this.limit - pos < 10) return this.int64Checked();
    let b = buf[pos++];
    if (b < 0x80) {
      this.pos = pos;
      return b;
    }
    let lo = b & 0x7f;
    b = buf[pos++];
    lo |= (b & 0x7f) << 7;
    if (b < 0x80) {
      this.pos = pos;
      return lo;
    }
    b = buf[pos++];
    lo |= (b & 0x7f) << 14;
    if (b < 0x80) {
      this.pos = pos;
      return lo;
    }
    b = buf[pos++];
    lo |= (b & 0x7f) << 21;
    if (b < 0x80) {
      this.pos = pos;
      return lo;
    }
    // Fifth byte: 4 bits complete the low word, 3 start the high word.
    b = buf[pos++];
    lo |= (b & 0x0f) << 28;
    let hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      b = buf[pos++];
      hi |= (b & 0x7f) << 3;
      if (b >= 0x80) {
        b = buf[pos++];
        hi |= (b & 0x7f) << 10;
        if (b >= 0x80) {
          b = buf[pos++];
          hi |= (b & 0x7f) << 17;
          if (b >= 0x80) {
            b = buf[pos++];
            hi |= (b & 0x7f) << 24;
            if (b >= 0x80) {
              b = buf[pos++];
              hi |= (b & 0x01) << 31;
              if (b >= 0x80) throw new WireFormatError('varint longer than 10 bytes', this.pos);
            }
          }
        }
      }
    }
    this.pos = pos;
    // hi is read as signed (two's complement), lo as unsigned.
    return (hi | 0) * 4294967296 + (lo >>> 0);
  }

  /** Slow path of int64() near the end of the buffer: same decoding, with a bounds check per byte. */
  private int64Checked(): number {
    const buf = this.buf;
    let pos = this.pos;
    const limit = this.limit;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= limit) throw new WireFormatError('truncated varint', pos);
      const b = buf[pos++];
      const bits = b & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= (bits & 0x0f) << 28;
        hi = bits >> 4;
      } else hi |= bits << (7 * i - 32);
      if (b < 0x80) {
        this.pos = pos;
        return (hi | 0) * 4294967296 + (lo >>> 0);
      }
    }
    throw new WireFormatError('varint longer than 10 bytes', this.pos);
  }

  /** Skips a field's value whose tag was just read. */
  skip(wireType: number, fieldNumber: number): void {
    switch (wireType) {
      case WIRE_VARINT: {
        const limit = this.limit;
        for (let i = 0; ; i++) {
          if (this.pos >= limit) throw new WireFormatError('truncated varint', this.pos);
          if (this.buf[this.pos++] < 0x80) break;
          if (i >= 9) throw new WireFormatError('varint longer than 10 bytes', this.pos);
        }
        return;
      }
      case WIRE_FIXED64:
        this.advance(8);
        return;
      case WIRE_FIXED32:
        this.advance(4);
        return;
      case WIRE_LEN:
        this.pos = this.lengthDelimitedEnd();
        return;
      case WIRE_START_GROUP:
        this.skipGroup(fieldNumber);
        return;
      default:
        throw new WireFormatError(`invalid wire type ${wireType}`, this.pos);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.limit) throw new WireFormatError('truncated fixed-width field', this.pos);
    this.pos += n;
  }

  /** Groups are obsolete, but a valid message may still carry one as an unknown field. */
  private skipGroup(fieldNumber: number): void {
    for (;;) {
      const tag = this.uint32();
      const wireType = tag & 7;
      if (wireType === WIRE_END_GROUP) {
        if (tag >>> 3 !== fieldNumber) throw new WireFormatError('mismatched end-group tag', this.pos);
        return;
      }
      this.skip(wireType, tag >>> 3);
    }
  }
}
