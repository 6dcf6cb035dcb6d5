/**
 * Turns the bytes of a quoted field (the bytes after its opening quote) into its value, in place: `""` becomes `"`,
 * and a lone quote closes the quoted part, after which bytes are literal (the lenient reading of `"ab"cd` as
 * `abcd`). The value only ever shrinks, so it is written over its own bytes starting at `start`.
 *
 * @returns the value's new end; the value is `bytes[start .. returned)`.
 */
export function unescapeInPlace(bytes: Uint8Array, start: number, end: number, quote: number): number {
  let read = start;
  // Nothing moves until the first quote: skip ahead to it.
  while (read < end && bytes[read] !== quote) read++;
  let write = read;
  let quoted = true;
  while (read < end) {
    const b = bytes[read];
    if (quoted && b === quote) {
      if (read + 1 < end && bytes[read + 1] === quote) {
        bytes[write++] = quote;
        read += 2;
      } else {
        quoted = false;
        read++;
      }
    } else {
      bytes[write++] = b;
      read++;
    }
  }
  return write;
}
