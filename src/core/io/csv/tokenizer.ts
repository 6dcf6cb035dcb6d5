/**
 * The hot loop of the CSV reader: splits the records in a chunk of bytes into cell ranges and writes them,
 * column by column, into the arrays of the batch being built. Works on bytes only: no strings, no per-cell
 * allocation. Quoted fields are left escaped here (the batch's cleanup list says which cells need `""` undone),
 * because a record cut by the chunk's end is parsed again from its start in the next chunk and must find its
 * bytes untouched.
 *
 * Rules (RFC 4180, leniently): records end at LF or CRLF (a lone CR is data); a field starting with a quote is
 * quoted and may hold delimiters, line breaks and `""`; text after a closing quote and a quote inside an unquoted
 * field are kept literally, with a warning; a blank line is skipped when more than one column is expected.
 */
import type { SourcePosition } from '../../data/issues.js';
import type { IssueLog } from './issueLog.js';
import { lineColumnAt } from './textPosition.js';

/** parse() stopped because the batch reached its row or byte budget. */
export const PARSE_FULL = 0;
/** parse() consumed every complete record of the chunk; `pos` is where the cut record (if any) starts. */
export const PARSE_NEED_DATA = 1;
/** parse() reached the end of the file or of the byte range. */
export const PARSE_DONE = 2;

// Local copies, not imports: compiled to CommonJS, an imported constant is read through a getter at every use,
// which costs more than the rest of the hot loop together.
const LF = 0x0a;
const CR = 0x0d;

const HIGH_BITS = 0x80808080 | 0;

// The word scan reads bytes through an Int32Array and assumes byte k of a word is its bits 8k..8k+7.
if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1)
  throw new Error('the CSV tokenizer needs a little-endian platform');

// Scanner states.
const IN_FIELD = 0;
const IN_QUOTES = 1;
const AFTER_QUOTES = 2;

/** Records at the start of a range that are checked for signs of a start inside a quoted field. */
const START_RECORDS = 8;

const BARE_QUOTE = 0;
const TEXT_AFTER_QUOTE = 1;

export interface TokenizerConfig {
  readonly columnNames: readonly string[];
  readonly delimiter: number;
  /** Quote byte, or NO_QUOTE (-1). */
  readonly quote: number;
  readonly batchRows: number;
  readonly batchBytes: number;
  readonly issues: IssueLog;
}

export class CsvTokenizer {
  readonly columnCount: number;
  readonly batchRows: number;
  private readonly columnNames: readonly string[];
  private readonly delimiter: number;
  private readonly quote: number;
  private readonly batchBytes: number;
  private readonly issues: IssueLog;
  private readonly belowMask: number;
  private readonly exactCount: number;
  private readonly exact1: number;
  private readonly exact2: number;

  // The chunk being parsed: bytes [.., limit) of `buf`; buf[limit] is overwritten with a sentinel LF.
  private buf: Uint8Array = new Uint8Array(4);
  /** The same bytes as 32-bit words (little-endian: byte k of a word is bits 8k..8k+7). */
  private words: Int32Array = new Int32Array(1);
  private limit = 0;
  private eof = false;
  /** Records starting at or after this index belong to the next byte range. */
  private stopAt = Infinity;
  /** File offset of buf[0]. */
  private fileBase = 0;

  /** Index in `buf` of the next record to parse. */
  pos = 0;
  /** Line number of the record at `pos`. */
  line = 1;

  // The batch being built. Cell (row r, column c) is at index c * batchRows + r; offsets are relative to batchBegin.
  batchBegin = 0;
  rowCount = 0;
  starts: Int32Array;
  ends: Int32Array;
  positions: Float64Array;
  /** Start of each row, relative to batchBegin (to map a byte back to its row). */
  readonly rowStarts: Int32Array;
  /** Cells (by index) whose bytes still hold quotes to undo. */
  cleanups = new Int32Array(256);
  cleanupCount = 0;
  private batchHandedOut = false;

  blankLines = 0;
  /**
   * False when one of the first START_RECORDS records had the wrong field count or a quoting problem: the sign of
   * a byte range that starts inside a quoted field (whose bytes then parse as nonsense for a record or two).
   */
  startClean = true;
  private startRecordsLeft = START_RECORDS;

  // Warnings found inside the current record, reported once the record is known to be complete.
  private pendingKinds: number[] = [];
  private pendingAts: number[] = [];

  constructor(config: TokenizerConfig) {
    this.columnNames = config.columnNames;
    this.columnCount = config.columnNames.length;
    this.delimiter = config.delimiter;
    this.quote = config.quote;
    this.batchRows = Math.max(1, Math.floor(config.batchRows));
    this.batchBytes = Math.max(1, Math.floor(config.batchBytes));
    this.issues = config.issues;
    // Bytes below `below` are flagged by one subtraction per word: LF, CR, tab, space, '!', '"' and, when the
    // delimiter is ',' (or another byte under '-'), the delimiter too, but no digit. A delimiter or quote above
    // that gets an exact per-byte equality test instead.
    let below = 0x23;
    if (this.delimiter < 0x2d) below = Math.max(below, this.delimiter + 1);
    if (this.quote >= 0 && this.quote < 0x2d) below = Math.max(below, this.quote + 1);
    const exact = [this.delimiter, this.quote].filter((b) => b >= below);
    this.belowMask = Math.imul(below, 0x01010101);
    this.exactCount = exact.length;
    this.exact1 = Math.imul(exact[0] ?? 0, 0x01010101);
    this.exact2 = Math.imul(exact[1] ?? 0, 0x01010101);
    const cells = this.columnCount * this.batchRows;
    this.starts = new Int32Array(cells);
    this.ends = new Int32Array(cells);
    this.positions = new Float64Array(this.batchRows);
    this.rowStarts = new Int32Array(this.batchRows);
  }

  /**
   * Parses `buf[begin .. limit)` next. The byte at `limit` is overwritten (a sentinel); the scan reads 32-bit
   * words, so `buf` should sit at a 4-byte-aligned offset with a whole word after `limit`, as chunks from
   * fileChunks.ts do. Otherwise the bytes are copied first.
   * @param fileBase file offset of buf[0]
   * @param stopAt records starting at or after this buffer index are not read
   */
  setChunk(buf: Uint8Array, begin: number, limit: number, eof: boolean, fileBase: number, stopAt: number): void {
    let bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.length); // one element kind in the hot loop
    if (bytes.byteOffset % 4 !== 0 || bytes.length < (limit & ~3) + 4) {
      const copy = new Uint8Array((limit & ~3) + 8);
      copy.set(bytes.subarray(0, limit));
      bytes = copy;
    }
    this.buf = bytes;
    this.words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
    this.pos = begin;
    this.limit = limit;
    this.eof = eof;
    this.fileBase = fileBase;
    this.stopAt = stopAt;
  }

  /** Starts an empty batch at `pos`, in fresh arrays if the previous batch's arrays were handed out. */
  startBatch(): void {
    if (this.batchHandedOut) {
      const cells = this.columnCount * this.batchRows;
      this.starts = new Int32Array(cells);
      this.ends = new Int32Array(cells);
      this.positions = new Float64Array(this.batchRows);
      this.batchHandedOut = false;
    }
    this.batchBegin = this.pos;
    this.rowCount = 0;
    this.cleanupCount = 0;
  }

  /** The batch's arrays now belong to a RowBatch: the next batch gets new ones. */
  handOutBatch(): void {
    this.batchHandedOut = true;
  }

  /** The buffer the current batch's offsets point into. */
  get buffer(): Uint8Array {
    return this.buf;
  }

  /** File offset of buffer index `index`. */
  fileOffsetOf(index: number): number {
    return this.fileBase + index;
  }

  /** Parses records into the current batch until it is full, the chunk runs out, or the input ends. */
  parse(): number {
    const buf = this.buf;
    const words = this.words;
    const limit = this.limit;
    const eof = this.eof;
    const stopAt = this.stopAt;
    const delim = this.delimiter;
    const quote = this.quote;
    const columns = this.columnCount;
    const cap = this.batchRows;
    const starts = this.starts;
    const ends = this.ends;
    const positions = this.positions;
    const rowStarts = this.rowStarts;
    const base = this.batchBegin;
    const byteLimit = base + this.batchBytes;
    const below = this.belowMask;
    const exactCount = this.exactCount;
    const exact1 = this.exact1;
    const exact2 = this.exact2;
    let pos = this.pos;
    let line = this.line;
    let row = this.rowCount;

    if (pos >= stopAt) return this.stop(pos, line, row, PARSE_DONE);
    if (pos >= limit) return this.stop(pos, line, row, eof ? PARSE_DONE : PARSE_NEED_DATA);
    if (row >= cap || pos >= byteLimit) return this.stop(pos, line, row, PARSE_FULL);
    // The sentinel: the scan stops at a LF, so it never reads past the chunk.
    buf[limit] = LF;

    let recStart = pos;
    let recLine = line;
    let cleanupMark = this.cleanupCount;
    let state = IN_FIELD;
    let s = pos; // raw start of the current field
    let col = 0;
    let idx = row; // col * cap + row
    let close = 0; // closing quote of the current quoted field
    let clean = false;
    let extraAt = -1;
    let lastBareQuoteField = -1;
    let vs = 0; // the finished field's value is [vs, e)
    let e = 0;

    // SWAR scan: 32-bit words whose flagged bytes (bit 7 of each byte) are the only places where anything can
    // happen (delimiter, quote, LF, and some harmless look-alikes); runs of ordinary bytes are skipped 4 at a time.
    let wi = pos >> 2;
    let x = words[wi];
    let m = ((x - below) & ~x & HIGH_BITS) | (exactCount === 0 ? 0 : exactBytes(x, exactCount, exact1, exact2));
    m &= -1 << ((pos & 3) << 3);
    for (;;) {
      while (m === 0) {
        x = words[++wi];
        m = (x - below) & ~x & HIGH_BITS;
        if (exactCount !== 0) m |= exactBytes(x, exactCount, exact1, exact2);
      }
      // Lowest flagged byte: its bit index from the trailing-zero count of m.
      const p = (wi << 2) | ((31 - Math.clz32(m ^ (m - 1))) >> 3);
      m &= m - 1;
      const c = buf[p];
      if (state === IN_FIELD) {
        if (c === delim) {
          vs = s;
          e = p;
        } else if (c === LF) {
          vs = s;
          e = p > s && buf[p - 1] === CR ? p - 1 : p;
        } else {
          if (c === quote) {
            if (p === s) {
              state = IN_QUOTES;
              clean = false;
            } else if (lastBareQuoteField !== s) {
              lastBareQuoteField = s;
              this.pend(BARE_QUOTE, p);
            }
          }
          continue;
        }
      } else if (state === IN_QUOTES) {
        if (c === quote) {
          if (buf[p + 1] === quote) {
            // `""`: skip both quotes by restarting the scan after them.
            clean = true;
            const q = p + 2;
            wi = q >> 2;
            x = words[wi];
            m = ((x - below) & ~x & HIGH_BITS) | (exactCount === 0 ? 0 : exactBytes(x, exactCount, exact1, exact2));
            m &= -1 << ((q & 3) << 3);
          } else {
            // At limit - 1 the next byte is the sentinel, so an unfinished `""` is taken for a closing quote for
            // now; the terminator check below then sees the sentinel and asks for more data.
            state = AFTER_QUOTES;
            close = p;
          }
        } else if (c === LF) {
          if (p >= limit) {
            // The bytes ran out inside the quotes.
            if (!eof) return this.restartRecord(recStart, recLine, row, cleanupMark);
            this.unterminatedQuote(s, recStart, recLine);
            this.cleanupCount = cleanupMark;
            return this.stop(limit, line, row, PARSE_DONE);
          }
          line++;
        }
        continue;
      } else {
        // After a closing quote: what decides is the next delimiter or line end.
        if (c !== delim && c !== LF) continue;
        vs = s + 1;
        if (p === close + 1 || (c === LF && p === close + 2 && buf[close + 1] === CR)) {
          e = close;
        } else {
          this.pend(TEXT_AFTER_QUOTE, close + 1);
          clean = true;
          e = c === LF && buf[p - 1] === CR && p - 1 > close ? p - 1 : p;
        }
        if (clean && col < columns) this.pushCleanup(idx);
        state = IN_FIELD;
      }

      // A field ends at p, which holds a delimiter or a LF (possibly the sentinel).
      // At the sentinel, the record may go on in the next chunk.
      if (c === LF && p >= limit && !eof) return this.restartRecord(recStart, recLine, row, cleanupMark);
      if (col < columns) {
        starts[idx] = vs - base;
        ends[idx] = e - base;
      } else if (col === columns) {
        extraAt = s;
      }
      col++;
      idx += cap;
      if (c === delim) {
        s = p + 1;
        continue;
      }

      // The record ends at p: its LF, or the end of the data for a last line without one.
      let next = limit;
      if (p < limit) {
        next = p + 1;
        line++;
      }
      if (col === 1 && columns > 1 && vs === e && buf[recStart] !== quote) {
        this.blankLines++;
      } else {
        if (col !== columns || this.pendingKinds.length > 0 || this.startRecordsLeft > 0) {
          this.recordProblems(recStart, recLine, p, col, extraAt);
          for (; col < columns; col++, idx += cap) {
            // Too few fields: the rest are missing values.
            starts[idx] = 0;
            ends[idx] = 0;
          }
        }
        positions[row] = recLine;
        rowStarts[row] = recStart - base;
        row++;
      }
      pos = next;
      if (pos >= stopAt) return this.stop(pos, line, row, PARSE_DONE);
      if (pos >= limit) return this.stop(pos, line, row, eof ? PARSE_DONE : PARSE_NEED_DATA);
      if (row >= cap || pos >= byteLimit) return this.stop(pos, line, row, PARSE_FULL);
      recStart = pos;
      recLine = line;
      cleanupMark = this.cleanupCount;
      s = pos;
      col = 0;
      idx = row;
      extraAt = -1;
    }
  }

  /** Stops inside a record that the next chunk completes: it is parsed again from its start, so forget it. */
  private restartRecord(recStart: number, recLine: number, row: number, cleanupMark: number): number {
    this.rollback(cleanupMark);
    return this.stop(recStart, recLine, row, PARSE_NEED_DATA);
  }

  private stop(pos: number, line: number, row: number, status: number): number {
    this.pos = pos;
    this.line = line;
    this.rowCount = row;
    return status;
  }

  private pushCleanup(cell: number): void {
    if (this.cleanupCount === this.cleanups.length) {
      const grown = new Int32Array(this.cleanups.length * 2);
      grown.set(this.cleanups);
      this.cleanups = grown;
    }
    this.cleanups[this.cleanupCount++] = cell;
  }

  private pend(kind: number, at: number): void {
    this.pendingKinds.push(kind);
    this.pendingAts.push(at);
  }

  /** Forgets what was noted about a record that is to be parsed again from its start. */
  private rollback(cleanupMark: number): void {
    this.cleanupCount = cleanupMark;
    this.pendingKinds.length = 0;
    this.pendingAts.length = 0;
  }

  private recordProblems(recStart: number, recLine: number, end: number, fields: number, extraAt: number): void {
    const columns = this.columnCount;
    const hadWarnings = this.pendingKinds.length > 0;
    for (let k = 0; k < this.pendingKinds.length; k++) {
      const at = this.pendingAts[k];
      if (this.pendingKinds[k] === BARE_QUOTE) {
        this.warn(
          'CSV_QUOTE_IN_UNQUOTED_FIELD',
          'a quote inside an unquoted field was kept as a literal character',
          'quotes inside unquoted fields',
          recStart,
          recLine,
          at,
        );
      } else {
        this.warn(
          'CSV_TEXT_AFTER_QUOTE',
          'text after the closing quote of a field was kept as part of the value',
          'fields with text after their closing quote',
          recStart,
          recLine,
          at,
        );
      }
    }
    this.pendingKinds.length = 0;
    this.pendingAts.length = 0;
    if (fields < columns) {
      this.warn(
        'CSV_TOO_FEW_FIELDS',
        `the row has ${fields} field${fields === 1 ? '' : 's'} but ${columns} columns are expected; ${this.describeColumns(fields)} read as missing`,
        'rows with too few fields',
        recStart,
        recLine,
        end,
      );
    } else if (fields > columns) {
      this.warn(
        'CSV_TOO_MANY_FIELDS',
        `the row has ${fields} fields but ${columns} column${columns === 1 ? ' is' : 's are'} expected; the extra fields were dropped`,
        'rows with too many fields',
        recStart,
        recLine,
        extraAt,
      );
    }
    if (this.startRecordsLeft > 0) {
      this.startRecordsLeft--;
      if (fields !== columns || hadWarnings) this.startClean = false;
    }
  }

  private describeColumns(from: number): string {
    const names = this.columnNames.slice(from);
    const shown = names
      .slice(0, 3)
      .map((n) => JSON.stringify(n))
      .join(', ');
    return names.length > 3
      ? `${shown} and ${names.length - 3} more are`
      : `${shown} ${names.length === 1 ? 'is' : 'are'}`;
  }

  private unterminatedQuote(quoteAt: number, recStart: number, recLine: number): void {
    if (this.startRecordsLeft > 0) this.startClean = false;
    this.pendingKinds.length = 0;
    this.pendingAts.length = 0;
    if (!this.issues.admit('CSV_UNTERMINATED_QUOTE', 'error', 'unterminated quotes')) return;
    this.issues.report({
      code: 'CSV_UNTERMINATED_QUOTE',
      severity: 'error',
      message: 'a quoted field is not closed before the end of the file; the incomplete last row was skipped',
      position: this.position(recStart, recLine, quoteAt),
    });
  }

  private warn(code: string, message: string, more: string, recStart: number, recLine: number, at: number): void {
    if (!this.issues.admit(code, 'warning', more)) return;
    this.issues.report({ code, severity: 'warning', message, position: this.position(recStart, recLine, at) });
  }

  private position(recStart: number, recLine: number, at: number): SourcePosition {
    const { line, column } = lineColumnAt(this.buf, recStart, recLine, at);
    return { file: this.issues.file, line, column, offset: this.fileBase + at };
  }
}

/** Flags (bit 7) the bytes of `x` equal to the byte repeated in `b1` (and in `b2` when count is 2), exactly. */
function exactBytes(x: number, count: number, b1: number, b2: number): number {
  let t = x ^ b1;
  let m = ~(((t & 0x7f7f7f7f) + 0x7f7f7f7f) | t | 0x7f7f7f7f);
  if (count === 2) {
    t = x ^ b2;
    m |= ~(((t & 0x7f7f7f7f) + 0x7f7f7f7f) | t | 0x7f7f7f7f);
  }
  return m;
}
