/**
 * UTF-8 checks for cells. The whole batch is checked at once with Node's native validator; only a batch that
 * fails is walked here to find where, which keeps the common (valid) case at memory speed.
 */
import { isUtf8 } from 'node:buffer';

export function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

/** Offsets in [start, end) where an invalid UTF-8 sequence starts (resynchronising one byte after each). */
export function invalidUtf8Offsets(bytes: Uint8Array, start: number, end: number): number[] {
  const out: number[] = [];
  let i = start;
  while (i < end) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let length = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0)
        lo = 0xa0; // overlong
      else if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0)
        lo = 0x90; // overlong
      else if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    }
    let ok = length > 0 && i + length <= end;
    if (ok) {
      const second = bytes[i + 1];
      ok = second >= lo && second <= hi;
      for (let k = 2; ok && k < length; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    }
    if (ok) {
      i += length;
    } else {
      out.push(i);
      i++;
    }
  }
  return out;
}
