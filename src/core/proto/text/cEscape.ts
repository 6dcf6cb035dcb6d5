/**
 * String and bytes literals the way Python's protobuf `text_format` writes them (`text_encoding.CEscape`):
 * the UTF-8 bytes of the value, with `\n \r \t \" \' \\` escaped, and every other byte below 0x20 or above 0x7e
 * as a 3-digit octal escape. TFDV writes schemas with `as_utf8=False`, so non-ASCII text comes out as octal
 * (`café` → `caf\303\251`); `asUtf8` keeps printable non-ASCII characters as they are.
 */

const NAMED: Record<number, string> = { 9: '\\t', 10: '\\n', 13: '\\r', 34: '\\"', 39: "\\'", 92: '\\\\' };

const utf8Encoder = new TextEncoder();

export function utf8Bytes(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

function octal(byte: number): string {
  return `\\${byte.toString(8).padStart(3, '0')}`;
}

/** Escapes raw bytes (a `bytes` field, or a string field printed without `asUtf8`). */
export function escapeBytesLikePython(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    const named = NAMED[b];
    if (named !== undefined) out += named;
    else if (b < 0x20 || b >= 0x7f) out += octal(b);
    else out += String.fromCharCode(b);
  }
  return out;
}

/** Escapes a string field's value; with `asUtf8`, non-ASCII stays as is (Python's `as_utf8=True`). */
export function escapeStringLikePython(text: string, asUtf8: boolean): string {
  if (!asUtf8) return escapeBytesLikePython(utf8Bytes(text));
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    // Python leaves other control characters raw here; octal keeps the file readable by every parser.
    out += NAMED[code] ?? (code < 0x20 || code === 0x7f ? octal(code) : ch);
  }
  return out;
}
