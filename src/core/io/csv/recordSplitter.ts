/**
 * A plain, quote-aware splitter of one delimited record, for the few records read outside the batch tokenizer
 * (the header, dialect sniffing). It follows the same rules as the tokenizer: RFC 4180 quoting with `""` escapes,
 * LF or CRLF terminators, a lone CR as data, text after a closing quote and quotes inside unquoted fields kept as
 * literal bytes.
 */
import { CR, LF } from './csvBytes.js';

export interface SplitField {
  /** Where the field's bytes start in the input (its opening quote, if quoted). */
  readonly rawStart: number;
  /** Value bytes [start, end): quotes excluded; when `quoted`, unescapeInPlace still has to apply. */
  readonly start: number;
  readonly end: number;
  readonly quoted: boolean;
}

export interface SplitRecord {
  readonly fields: readonly SplitField[];
  /** Offset just after the record's terminator (or `end` for a last record without one). */
  readonly next: number;
  /** LF bytes consumed, terminator included. */
  readonly newlines: number;
  /** False when the bytes ran out before the record ended (and `eof` was false), or a quote was left open. */
  readonly complete: boolean;
  /** Offset of the opening quote of a quoted field that `eof` left unterminated. */
  readonly unterminatedQuoteAt: number | undefined;
}

/** Splits the record starting at `start` in `bytes[start .. end)`; `eof` says the input ends at `end`. */
export function splitRecord(
  bytes: Uint8Array,
  start: number,
  end: number,
  delimiter: number,
  quote: number,
  eof: boolean,
): SplitRecord {
  const fields: SplitField[] = [];
  let i = start;
  let newlines = 0;
  for (;;) {
    const rawStart = i;
    let valueStart: number;
    let valueEnd: number;
    let quoted = false;
    if (i < end && bytes[i] === quote) {
      quoted = true;
      valueStart = i + 1;
      i++;
      let close = -1;
      while (i < end) {
        if (bytes[i] === quote) {
          if (i + 1 < end) {
            if (bytes[i + 1] === quote) {
              i += 2;
              continue;
            }
            close = i;
          } else if (eof) {
            close = i;
          } // else: cannot tell a closing quote from the first half of `""` yet
          break;
        }
        if (bytes[i] === LF) newlines++;
        i++;
      }
      if (close < 0) {
        const unterminatedQuoteAt = eof ? rawStart : undefined;
        return { fields, next: end, newlines, complete: false, unterminatedQuoteAt };
      }
      i = close + 1;
      valueEnd = close;
      const crlf = i < end && bytes[i] === CR && (i + 1 < end ? bytes[i + 1] === LF : eof);
      if (crlf) {
        i++;
      } else if (i < end && bytes[i] !== delimiter && bytes[i] !== LF) {
        // Text after the closing quote runs, literally, to the next delimiter or line end.
        while (i < end && bytes[i] !== delimiter && bytes[i] !== LF) i++;
        valueEnd = i;
        if (valueEnd - 1 > close && bytes[valueEnd - 1] === CR && (i >= end || bytes[i] === LF)) valueEnd--;
      }
    } else {
      valueStart = i;
      while (i < end && bytes[i] !== delimiter && bytes[i] !== LF) i++;
      valueEnd = i;
      // A CR right before the line end belongs to the terminator.
      if (valueEnd > valueStart && bytes[valueEnd - 1] === CR && (i >= end || bytes[i] === LF)) valueEnd--;
    }
    if (i >= end && !eof) return { fields, next: end, newlines, complete: false, unterminatedQuoteAt: undefined };
    fields.push({ rawStart, start: valueStart, end: valueEnd, quoted });
    if (i < end && bytes[i] === delimiter) {
      i++;
      continue;
    }
    if (i < end) {
      newlines++; // bytes[i] is the LF
      i++;
    }
    return { fields, next: i, newlines, complete: true, unterminatedQuoteAt: undefined };
  }
}
