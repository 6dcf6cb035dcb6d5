/**
 * A protobuf binary message written piece by piece, without its message object ever existing whole: the encoded
 * sub-messages of a repeated field are appended one at a time (each framed by its tag and length) into chunks of
 * CHUNK_BYTES. A wide dataset's statistics as one protobuf-es object cost ~150 bytes of heap per histogram
 * bucket (600 MB for 100,000 features); encoded, they cost their wire size.
 *
 * The bytes are the same as toBinary of the whole message as long as the pieces come in field-number order
 * (protobuf-es writes fields sorted by number) — the caller's duty.
 */
import type { SpillFile } from './spillFile.js';

const CHUNK_BYTES = 1 << 20;

/** An encoded message in pieces: the bytes spilled to a file (if any), then `chunks`. */
export interface EncodedMessage {
  readonly chunks: readonly Uint8Array[];
  readonly spill?: SpillFile;
}

export class ChunkedBinary {
  private readonly done: Uint8Array[] = [];
  private current = new Uint8Array(CHUNK_BYTES);
  private at = 0;
  private doneBytes = 0;

  /** With `spill`, every full chunk is written there instead of held: chunks() is then what comes after it. */
  constructor(private readonly spill?: SpillFile) {}

  get byteLength(): number {
    return this.doneBytes + this.at;
  }

  /** Appends already encoded bytes (e.g. a message's scalar fields, from toBinary). */
  append(bytes: Uint8Array): void {
    let from = 0;
    while (from < bytes.length) {
      if (this.at === this.current.length) this.nextChunk(bytes.length - from);
      const take = Math.min(bytes.length - from, this.current.length - this.at);
      this.current.set(bytes.subarray(from, from + take), this.at);
      this.at += take;
      from += take;
    }
  }

  /** Appends one length-delimited field: `fieldNumber`'s tag, the length, then `bytes` (an encoded message). */
  appendField(fieldNumber: number, bytes: Uint8Array): void {
    this.append(lengthDelimitedHeader(fieldNumber, bytes.length));
    this.append(bytes);
  }

  /** The bytes written, in order (the last chunk trimmed), after those spilled. Do not append afterwards. */
  chunks(): Uint8Array[] {
    return this.at === 0 ? [...this.done] : [...this.done, this.current.subarray(0, this.at)];
  }

  private nextChunk(wanted: number): void {
    this.doneBytes += this.current.length;
    if (this.spill) {
      this.spill.append(this.current);
      this.at = 0;
      // Written out synchronously, so the chunk is free again unless the next piece needs a larger one.
      if (wanted > this.current.length) this.current = new Uint8Array(wanted);
      return;
    }
    this.done.push(this.current);
    // A piece larger than a chunk gets a chunk of its own size: one copy, no splitting loop.
    this.current = new Uint8Array(Math.max(CHUNK_BYTES, wanted));
    this.at = 0;
  }
}

/** The tag (wire type 2) and varint length that precede a length-delimited field's `byteLength` bytes. */
export function lengthDelimitedHeader(fieldNumber: number, byteLength: number): Uint8Array {
  const out: number[] = [];
  writeVarint(out, fieldNumber * 8 + 2);
  writeVarint(out, byteLength);
  return Uint8Array.from(out);
}

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}
