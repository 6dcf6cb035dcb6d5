/** Line and column of a byte in delimited text, computed on demand (only for issues that are reported). */
import { LF } from './csvBytes.js';

export interface LineColumn {
  readonly line: number;
  /** 1-based, in characters (UTF-8 sequences) of the line. */
  readonly column: number;
}

/**
 * Position of byte `at`, given that a record (or any line start) at `recordStart` begins line `recordLine`.
 * Quoted line breaks between the two count as lines.
 */
export function lineColumnAt(bytes: Uint8Array, recordStart: number, recordLine: number, at: number): LineColumn {
  let line = recordLine;
  let lineStart = recordStart;
  for (let i = recordStart; i < at; i++) {
    if (bytes[i] === LF) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  // Continuation bytes (10xxxxxx) do not start a character.
  for (let i = lineStart; i < at; i++) if ((bytes[i] & 0xc0) !== 0x80) column++;
  return { line, column };
}
