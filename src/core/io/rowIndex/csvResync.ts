/**
 * Finds the first record start at or after an arbitrary byte offset of a CSV file, without reading from the
 * start: what a byte-proportional scrollbar needs before the row index exists.
 *
 * A line break is a record end only outside quotes, and quote state at a random byte is unknown. Four hypotheses
 * are scanned from the offset — at a field start, inside an unquoted field, inside a quoted field, just after a
 * quote — each with the reader's own state machine (RFC 4180, quotes inside unquoted fields literal). Each gives a
 * first record end; the records after it are then parsed and checked (right field count, clean quoting). When all
 * hypotheses that hold up agree on the boundary, it is the answer. When they disagree or none holds up (a quoted
 * field full of CSV-looking text, a ragged file), the same question is asked at an earlier offset, farther back each time, until one is answered
 * with certainty (or the data start, where the state is known); the reader's state machine then walks forward
 * from that record start to the target. So a jump never lands inside a quoted multi-line field unless the file
 * is ambiguous over every window tried, which the result then says (`certain: false`).
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { throwIfAborted } from '../../data/job.js';
import { splitRecord } from '../csv/recordSplitter.js';

export interface CsvResyncLayout {
  readonly delimiter: number;
  /** Quote byte, or -1 when quoting is off. */
  readonly quote: number;
  readonly columnCount: number;
  /** Offset of the first data record: the one place whose state is known. */
  readonly dataStart: number;
}

export interface ResyncResult {
  /** A record start at or after the target (the file size when no record starts there). */
  readonly offset: number;
  /** False only when every window tried was ambiguous and the plain "unquoted" guess was taken. */
  readonly certain: boolean;
  /** Bytes read to decide, for measurements. */
  readonly bytesRead: number;
}

export interface ResyncOptions {
  readonly signal?: AbortSignal;
  /** Records after a candidate boundary that must parse cleanly (default 8). */
  readonly checkRecords?: number;
  /** Most bytes scanned forward for one hypothesis (default 64 MiB: longer records than this are not found). */
  readonly maxScan?: number;
}

const LF = 0x0a;
// Scanner states, as in the tokenizer.
const FIELD_START = 0;
const IN_FIELD = 1;
const IN_QUOTES = 2;
const AFTER_QUOTE = 3;
/** The state at an arbitrary byte is one of these. */
const STATES = [FIELD_START, IN_FIELD, IN_QUOTES, AFTER_QUOTE];

const FIRST_WINDOW = 64 * 1024;
const FIRST_STEP_BACK = 64 * 1024;
const MAX_STEP_BACKS = 8;

export async function nextRecordStart(path: string, layout: CsvResyncLayout, target: number, options: ResyncOptions = {}): Promise<ResyncResult> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const resync = new Resync(handle, size, layout, options);
    const result = await resync.resolve(Math.min(Math.max(target, layout.dataStart), size), 0);
    return { ...result, bytesRead: resync.bytesRead };
  } finally {
    await handle.close();
  }
}

type Verdict = 'ok' | 'bad';

interface Hypothesis {
  /** Index (in the window) just after the first record end, or -1 when none was found yet. */
  boundary: number;
  /** The hypothesis met a quote it cannot explain before its first boundary. */
  anomaly: boolean;
}

class Resync {
  bytesRead = 0;
  private readonly checkRecords: number;
  private readonly maxScan: number;

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
    private readonly layout: CsvResyncLayout,
    private readonly options: ResyncOptions,
  ) {
    this.checkRecords = options.checkRecords ?? 8;
    this.maxScan = options.maxScan ?? 64 * 1024 * 1024;
  }

  async resolve(target: number, depth: number): Promise<{ offset: number; certain: boolean }> {
    throwIfAborted(this.options.signal);
    const { dataStart, quote } = this.layout;
    if (target <= dataStart) return { offset: dataStart, certain: true };
    if (target >= this.size) return { offset: this.size, certain: true };
    // The scan starts one byte early so that a target just after a record end is itself the answer.
    const origin = target - 1;
    if (quote < 0) {
      const window = await this.readUntil(origin, (bytes, eof) => firstEnd(bytes, IN_FIELD, -1, eof).boundary >= 0 || eof);
      const h = firstEnd(window.bytes, IN_FIELD, -1, window.eof);
      return { offset: h.boundary >= 0 ? origin + h.boundary : this.size, certain: true };
    }
    let length = FIRST_WINDOW;
    for (;;) {
      const window = await this.read(origin, length);
      const judged = STATES.map((state) => this.judge(window.bytes, state, window.eof));
      const scanned = window.bytes.length;
      const ok = judged.filter((j) => j.verdict === 'ok');
      const farthest = Math.max(0, ...ok.map((j) => j.boundary));
      // A hypothesis that found no record end in far more bytes than the sound ones needed is dropped: a quoted
      // field that much longer than its neighbours is unlikely enough to call it.
      const open = judged.filter((j) => j.verdict === undefined && !(j.boundary < 0 && ok.length > 0 && scanned >= 2 * farthest + (1 << 20)));
      if (open.length === 0) {
        const first = judged[0].boundary;
        if (first >= 0 && judged.every((j) => j.boundary === first)) return { offset: origin + first, certain: true };
        // The true state is one of the four; in a well-formed file its records parse cleanly.
        if (ok.length > 0 && ok.every((j) => j.boundary === ok[0].boundary)) return { offset: this.at(origin, ok[0].boundary), certain: true };
        return this.stepBack(target, depth, judged[STATES.indexOf(IN_FIELD)]);
      }
      if (window.eof || length >= this.maxScan) return this.stepBack(target, depth, judged[STATES.indexOf(IN_FIELD)]);
      length = Math.min(this.maxScan, length * 2);
    }
  }

  /** A boundary index of the window as a file offset; a hypothesis that ran into the end of the file ends there. */
  private at(origin: number, boundary: number): number {
    return boundary >= 0 ? origin + boundary : this.size;
  }

  /** Asks the question farther back; a certain answer there is walked forward to the target exactly. */
  private async stepBack(target: number, depth: number, guess: { boundary: number; verdict: Verdict | undefined }): Promise<{ offset: number; certain: boolean }> {
    if (depth < MAX_STEP_BACKS) {
      const back = FIRST_STEP_BACK * 4 ** depth;
      const earlier = await this.resolve(Math.max(this.layout.dataStart, target - back), depth + 1);
      if (earlier.certain) {
        if (earlier.offset >= target) return earlier;
        return { offset: await this.walk(earlier.offset, target), certain: true };
      }
    }
    return { offset: guess.boundary >= 0 ? target - 1 + guess.boundary : this.size, certain: false };
  }

  /** From a known record start, the reader's state machine forward to the first record start at or after target. */
  private async walk(recordStart: number, target: number): Promise<number> {
    let state = FIELD_START;
    const buffer = Buffer.allocUnsafe(1 << 20);
    let offset = recordStart;
    const { delimiter, quote } = this.layout;
    while (offset < this.size) {
      throwIfAborted(this.options.signal);
      const { bytesRead } = await this.handle.read(buffer, 0, Math.min(buffer.length, this.size - offset), offset);
      if (bytesRead === 0) break;
      this.bytesRead += bytesRead;
      for (let i = 0; i < bytesRead; i++) {
        const b = buffer[i];
        switch (state) {
          case FIELD_START:
            if (b === quote) state = IN_QUOTES;
            else if (b === LF) {
              if (offset + i + 1 >= target) return offset + i + 1;
            } else if (b !== delimiter) state = IN_FIELD;
            break;
          case IN_FIELD:
            if (b === delimiter) state = FIELD_START;
            else if (b === LF) {
              state = FIELD_START;
              if (offset + i + 1 >= target) return offset + i + 1;
            }
            break;
          case IN_QUOTES:
            if (b === quote) state = AFTER_QUOTE;
            break;
          default: // AFTER_QUOTE
            if (b === quote) state = IN_QUOTES;
            else if (b === delimiter) state = FIELD_START;
            else if (b === LF) {
              state = FIELD_START;
              if (offset + i + 1 >= target) return offset + i + 1;
            } else state = IN_FIELD;
        }
      }
      offset += bytesRead;
    }
    return this.size;
  }

  /** A hypothesis's first record end and whether the records after it parse cleanly (undefined: need more bytes). */
  private judge(bytes: Uint8Array, start: number, eof: boolean): { boundary: number; verdict: Verdict | undefined } {
    const first = firstEnd(bytes, start, this.layout.quote, eof, this.layout.delimiter);
    if (first.anomaly) return { boundary: first.boundary, verdict: 'bad' };
    if (first.boundary < 0) return { boundary: -1, verdict: eof ? 'bad' : undefined };
    return { boundary: first.boundary, verdict: this.checkAfter(bytes, first.boundary, eof) };
  }

  private checkAfter(bytes: Uint8Array, from: number, eof: boolean): Verdict | undefined {
    const { delimiter, quote, columnCount } = this.layout;
    let pos = from;
    for (let k = 0; k < this.checkRecords; ) {
      if (pos >= bytes.length) return eof ? 'ok' : undefined;
      const record = splitRecord(bytes, pos, bytes.length, delimiter, quote, eof);
      if (!record.complete) return eof ? 'bad' : undefined;
      const fields = record.fields;
      const blank = fields.length === 1 && fields[0].start === fields[0].end && !fields[0].quoted;
      if (!blank || columnCount === 1) {
        if (fields.length !== columnCount) return 'bad';
        for (const f of fields) {
          if (f.quoted ? bytes[f.end] !== quote : bytes.subarray(f.start, f.end).includes(quote)) return 'bad';
        }
        k++;
      }
      pos = record.next;
    }
    return 'ok';
  }

  private async read(origin: number, length: number): Promise<{ bytes: Uint8Array; eof: boolean }> {
    const want = Math.min(length, this.size - origin);
    const buffer = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await this.handle.read(buffer, got, want - got, origin + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    this.bytesRead += got;
    return { bytes: buffer.subarray(0, got), eof: origin + got >= this.size };
  }

  private async readUntil(origin: number, done: (bytes: Uint8Array, eof: boolean) => boolean): Promise<{ bytes: Uint8Array; eof: boolean }> {
    let length = FIRST_WINDOW;
    for (;;) {
      const window = await this.read(origin, length);
      if (done(window.bytes, window.eof) || length >= this.maxScan) return window;
      length *= 2;
    }
  }
}

/**
 * Scans from the window's start in `state` to the first record end. A quote an RFC 4180 file cannot have there
 * (inside an unquoted field, or text right after a closing quote) marks the hypothesis as anomalous.
 */
function firstEnd(bytes: Uint8Array, state: number, quote: number, eof: boolean, delimiter = -2): Hypothesis {
  let anomaly = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    switch (state) {
      case FIELD_START:
        if (b === quote) state = IN_QUOTES;
        else if (b === LF) return { boundary: i + 1, anomaly };
        else if (b !== delimiter) state = IN_FIELD;
        break;
      case IN_FIELD:
        if (b === delimiter) state = FIELD_START;
        else if (b === LF) return { boundary: i + 1, anomaly };
        else if (b === quote) anomaly = true;
        break;
      case IN_QUOTES:
        if (b === quote) state = AFTER_QUOTE;
        break;
      default: // AFTER_QUOTE
        if (b === quote) state = IN_QUOTES;
        else if (b === delimiter) state = FIELD_START;
        else if (b === LF) return { boundary: i + 1, anomaly };
        else if (b !== 0x0d) {
          anomaly = true;
          state = IN_FIELD;
        }
    }
  }
  // At the end of the file the last record ends there.
  return { boundary: eof && state !== IN_QUOTES ? bytes.length : -1, anomaly };
}
