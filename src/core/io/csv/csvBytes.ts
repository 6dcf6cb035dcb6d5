/** The bytes delimited text is made of. Tokenizers compare bytes, never characters. */

export const LF = 0x0a;
export const CR = 0x0d;
export const QUOTE = 0x22;
export const COMMA = 0x2c;
export const SEMICOLON = 0x3b;
export const TAB = 0x09;
export const PIPE = 0x7c;

/** Sniffing tries these, in this order of preference when two explain a sample equally well. */
export const DELIMITER_CANDIDATES: readonly number[] = [COMMA, TAB, SEMICOLON, PIPE];

/** Quote byte meaning "no quoting": it never equals a byte. */
export const NO_QUOTE = -1;

/** Length of a UTF-8 byte order mark at `start`, or 0. */
export function bomLength(bytes: Uint8Array, start = 0): number {
  return bytes.length >= start + 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf
    ? 3
    : 0;
}

/** A delimiter given as a one-character string or a byte, checked; undefined stays undefined (sniff it). */
export function delimiterByte(delimiter: string | number | undefined): number | undefined {
  if (delimiter === undefined) return undefined;
  const byte = typeof delimiter === 'number' ? delimiter : delimiter === '\\t' ? TAB : delimiter.charCodeAt(0);
  const singleChar = typeof delimiter === 'number' || delimiter.length === 1 || delimiter === '\\t';
  if (
    !singleChar ||
    !Number.isInteger(byte) ||
    byte < 1 ||
    byte > 0x7f ||
    byte === LF ||
    byte === CR ||
    byte === QUOTE
  ) {
    throw new RangeError(
      `CSV delimiter must be one ASCII character other than a quote or a line break, got ${JSON.stringify(delimiter)}`,
    );
  }
  return byte;
}

/** Quote option → byte, or NO_QUOTE when quoting is turned off (`null` or `''`). */
export function quoteByte(quote: string | null | undefined): number {
  if (quote === undefined) return QUOTE;
  if (quote === null || quote === '') return NO_QUOTE;
  const byte = quote.charCodeAt(0);
  if (quote.length !== 1 || byte > 0x7f || byte === LF || byte === CR) {
    throw new RangeError(`CSV quote must be one ASCII character, got ${JSON.stringify(quote)}`);
  }
  return byte;
}

/** Printable name of a delimiter byte for messages. */
export function delimiterName(byte: number): string {
  return byte === TAB ? 'tab' : JSON.stringify(String.fromCharCode(byte));
}
