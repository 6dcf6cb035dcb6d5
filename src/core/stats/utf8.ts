/**
 * UTF-8 checks for string statistics. TFDV counts values that are not valid UTF-8 (`invalid_utf8_count`, arrow's
 * strict validator: no overlong forms, no surrogates, nothing above U+10FFFF) and shows such values in top-k as
 * the placeholder `__BYTES_VALUE__` (tensorflow_data_validation constants.NON_UTF8_PLACEHOLDER).
 */

export const NON_UTF8_PLACEHOLDER = '__BYTES_VALUE__';

/** Whether data[start..end) is well-formed UTF-8 (RFC 3629). */
export function isValidUtf8(data: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = data[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let code: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
      code = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
      code = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
      code = c & 0x07;
    } else {
      return false;
    }
    if (i + need >= end) return false;
    for (let k = 1; k <= need; k++) {
      const cc = data[i + k];
      if ((cc & 0xc0) !== 0x80) return false;
      code = (code << 6) | (cc & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of a value for labels: its UTF-8 decoding, or the placeholder when it is not valid UTF-8. */
export function labelOf(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return NON_UTF8_PLACEHOLDER;
  }
}
