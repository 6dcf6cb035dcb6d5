/**
 * Cuts a stream of CSV bytes (a decompressed `.csv.gz`, which cannot be entered midway) into blocks of whole
 * records, so that other threads can parse the blocks while this one decompresses. A block boundary is exact: it
 * follows the tokenizer's own quoting rules (tokenizer.ts), tracked from the start of the stream — a quote opens a
 * quoted field only at a field's start, `""` inside quotes is an escaped quote, text after a closing quote runs
 * literally to the next delimiter or line end, and a record ends at a LF outside quotes (a CR is data). Each block
 * carries its stream offset and the line number of its first byte (lines count LF bytes, as the tokenizer does), so
 * a block parsed alone reports the positions a front-to-back read would.
 *
 * Where blocks are cut depends only on the bytes and `blockBytes`, never on how the stream was pieced: a block ends
 * at the last record end within its first `blockBytes` bytes, or, when one record is longer than that, at that
 * record's end.
 */
import { SPARE_BYTES } from '../fileChunks.js';
import { LF, NO_QUOTE } from './csvBytes.js';
import type { CsvBlock } from './csvOptions.js';

export interface RecordBlockOptions {
  readonly delimiter: number;
  /** Quote byte, or NO_QUOTE (-1) when quoting is off. */
  readonly quote: number;
  /** Bytes a block holds at most, unless a single record is longer. */
  readonly blockBytes: number;
  /** Stream bytes to skip first (the BOM and header row, read separately); the first block's offset. */
  readonly start?: number;
  /** Line number of the first byte after `start` (default 1). */
  readonly firstLine?: number;
}

/**
 * A block the cutter yields: the CSV reader's block (CsvReadOptions.block), its bytes `bytes[0 .. length)` whole
 * records, the last one ending with its LF unless the stream ends without one. `bytes` spans its own ArrayBuffer
 * (free to transfer to another thread), 4-byte aligned with at least SPARE_BYTES to spare after `length`, as the
 * tokenizer wants.
 */
export type RecordBlock = CsvBlock;

// Scanner states.
const UNQUOTED = 0;
const IN_QUOTES = 1;
/** A quote inside quotes, its next byte not seen yet: `""` (an escaped quote) or the closing quote. */
const QUOTE_SEEN = 2;
const AFTER_QUOTES = 3;

/** `for await (const block of recordBlocks(pieces, options))`: the blocks of a stream of byte pieces. */
export async function* recordBlocks(pieces: AsyncIterable<Uint8Array>, options: RecordBlockOptions): AsyncGenerator<RecordBlock, void, undefined> {
  const cutter = new RecordBlockCutter(options);
  for await (const piece of pieces) yield* cutter.push(piece);
  const last = cutter.end();
  if (last) yield last;
}

export class RecordBlockCutter {
  private readonly delimiter: number;
  private readonly quote: number;
  private readonly blockBytes: number;
  private skip: number;

  // The block being filled: bytes [0, len) of buf, known up to `scanned`.
  private buf: Uint8Array;
  private len = 0;
  private offset: number;
  private line: number;
  private scanned = 0;
  private state = UNQUOTED;
  /** In UNQUOTED: where that state began, a field's start (a quote there opens a quoted field). */
  private entry = 0;
  /** The last record end at or before blockBytes (0: none yet). */
  private lastWithin = 0;
  /** The first record end past blockBytes (0: none yet); scanning stops there. */
  private firstPast = 0;

  constructor(options: RecordBlockOptions) {
    this.delimiter = options.delimiter;
    this.quote = options.quote;
    this.blockBytes = Math.max(1, Math.floor(options.blockBytes));
    this.skip = Math.max(0, options.start ?? 0);
    this.offset = this.skip;
    this.line = options.firstLine ?? 1;
    this.buf = allocate(this.blockBytes);
  }

  /** Takes the next piece of the stream (copied: the caller may reuse it); returns the blocks it completed. */
  push(piece: Uint8Array): RecordBlock[] {
    const out: RecordBlock[] = [];
    let at = 0;
    if (this.skip > 0) {
      at = Math.min(this.skip, piece.length);
      this.skip -= at;
    }
    while (at < piece.length) {
      const room = this.capacity() - this.len;
      if (room === 0) {
        // One record longer than a block: let the block grow until that record ends.
        this.grow(this.capacity() * 2);
        continue;
      }
      const n = Math.min(room, piece.length - at);
      this.buf.set(piece.subarray(at, at + n), this.len);
      this.len += n;
      at += n;
      this.scan();
      for (let block = this.cut(); block; block = this.cut()) out.push(block);
    }
    return out;
  }

  /** The stream has ended: the rest, if any, as the last block (it may end without a LF, or inside quotes). */
  end(): RecordBlock | undefined {
    if (this.len === 0) return undefined;
    return this.take(this.len);
  }

  private capacity(): number {
    return this.buf.length - SPARE_BYTES;
  }

  /** A block, when the bytes seen settle where one ends. */
  private cut(): RecordBlock | undefined {
    if (this.len < this.blockBytes) return undefined;
    const at = this.lastWithin > 0 ? this.lastWithin : this.firstPast;
    if (at === 0) return undefined;
    const block = this.take(at);
    this.scan();
    return block;
  }

  /** Hands out bytes [0, at) (a record end) as a block and starts the next one with the rest. */
  private take(at: number): RecordBlock {
    const block: RecordBlock = { bytes: this.buf, length: at, offset: this.offset, firstLine: this.line };
    const rest = this.buf.subarray(at, this.len);
    this.buf = allocate(Math.max(this.blockBytes, rest.length));
    this.buf.set(rest);
    this.len = rest.length;
    this.offset += at;
    this.line += countLf(block.bytes, 0, at);
    // A record end is a clean state: scan what follows it again (at most a record, which scanning stopped at).
    this.scanned = 0;
    this.state = UNQUOTED;
    this.entry = 0;
    this.lastWithin = 0;
    this.firstPast = 0;
    return block;
  }

  private grow(capacity: number): void {
    const bigger = allocate(capacity);
    bigger.set(this.buf.subarray(0, this.len));
    this.buf = bigger;
  }

  /** Follows the quoting state over [scanned, len), noting record ends; stops at the first one past blockBytes. */
  private scan(): void {
    if (this.firstPast > 0) return;
    const bytes = Buffer.from(this.buf.buffer, this.buf.byteOffset, this.len);
    const len = this.len;
    const quote = this.quote;
    const delimiter = this.delimiter;
    let i = this.scanned;
    let state = this.state;
    while (i < len) {
      if (state === UNQUOTED) {
        const q = quote === NO_QUOTE ? -1 : bytes.indexOf(quote, i);
        const stop = q < 0 ? len : q;
        // Every LF before the next quote ends a record.
        const past = this.recordEnds(bytes, i, stop);
        if (past > 0) {
          i = past;
          this.entry = past;
          break;
        }
        if (q < 0) {
          i = len;
          break;
        }
        if (q === this.entry || bytes[q - 1] === delimiter || bytes[q - 1] === LF) state = IN_QUOTES;
        i = q + 1;
      } else if (state === IN_QUOTES) {
        const q = bytes.indexOf(quote, i);
        if (q < 0) {
          i = len;
          break;
        }
        state = QUOTE_SEEN;
        i = q + 1;
      } else if (state === QUOTE_SEEN) {
        if (bytes[i] === quote) {
          state = IN_QUOTES;
          i++;
        } else {
          state = AFTER_QUOTES; // the byte at i is looked at there
        }
      } else {
        const c = bytes[i];
        i++;
        if (c === delimiter) {
          state = UNQUOTED;
          this.entry = i;
        } else if (c === LF) {
          state = UNQUOTED;
          this.entry = i;
          if (this.noteRecordEnd(i)) break;
        }
      }
    }
    this.scanned = i;
    this.state = state;
  }

  /** Notes the record ends after the LFs in [from, to), all outside quotes; returns the first one past blockBytes, or 0. */
  private recordEnds(bytes: Buffer, from: number, to: number): number {
    const limit = this.blockBytes;
    if (from >= to) return 0;
    if (from < limit) {
      const lf = bytes.lastIndexOf(LF, Math.min(to, limit) - 1);
      if (lf >= from) this.lastWithin = lf + 1;
    }
    if (to > limit) {
      const lf = bytes.indexOf(LF, Math.max(from, limit));
      if (lf >= 0 && lf < to) {
        this.firstPast = lf + 1;
        return lf + 1;
      }
    }
    return 0;
  }

  /** A record ends at `end`; true when it is the first past blockBytes (scanning stops there). */
  private noteRecordEnd(end: number): boolean {
    if (end <= this.blockBytes) {
      this.lastWithin = end;
      return false;
    }
    this.firstPast = end;
    return true;
  }
}

function allocate(capacity: number): Uint8Array {
  return new Uint8Array(capacity + SPARE_BYTES);
}

function countLf(bytes: Uint8Array, from: number, to: number): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from);
  let n = 0;
  for (let i = view.indexOf(LF); i >= 0; i = view.indexOf(LF, i + 1)) n++;
  return n;
}
