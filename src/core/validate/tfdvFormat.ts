/**
 * Number and string formatting the way TFDV's C++ validator prints them, so that anomaly descriptions read the
 * same as the ones users know from TFDV (`absl::SixDigits`, `%f`, `Utf8SafeCEscape`, "<1%" / "~12%").
 */
import { compareUtf8 } from '../data/compareUtf8.js';

export { compareUtf8 };

/** `absl::SixDigits` / `absl::StrCat(double)`: printf's `%.6g`. */
export function sixDigits(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // toExponential(5) rounds to six significant digits and tells the exponent after rounding, as %g needs.
  const [mantissa, expText] = x.toExponential(5).split('e') as [string, string];
  const exponent = Number(expText);
  if (exponent < -4 || exponent >= 6) {
    const m = stripZeros(mantissa);
    const sign = exponent < 0 ? '-' : '+';
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${m}e${sign}${digits}`;
  }
  return stripZeros(x.toFixed(5 - exponent));
}

function stripZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** printf's `%f` (six decimals), as `absl::StrFormat("%f")` prints. */
export function fixedSix(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return x.toFixed(6);
}

/** `%d` of a count held as a double: truncation toward zero, as the C++ int64 conversion does. */
export function integerText(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Math.trunc(x));
}

/** TFDV's PercentageAsString: "<1%" below one percent, else "~x%" with x the floor; "?" without a total. */
export function percentageAsString(count: number, total: number | undefined): string {
  if (total === undefined || total === 0) return '?';
  const percent = (100 * count) / total;
  if (percent < 1) return '<1%';
  return `~${Math.floor(percent)}%`;
}

/**
 * `absl::Utf8SafeCEscape`: C escapes for quotes, backslash and control characters; bytes of multi-byte UTF-8
 * characters are left alone, so non-ASCII text stays readable.
 */
export function utf8SafeCEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '"':
        out += '\\"';
        break;
      case "'":
        out += "\\'";
        break;
      case '\\':
        out += '\\\\';
        break;
      default:
        if (code < 0x20 || code === 0x7f) out += '\\' + code.toString(8).padStart(3, '0');
        else out += ch;
    }
  }
  return out;
}


/** Keys of a map sorted like a C++ std::map would hold them. */
export function sortedKeys<V>(map: ReadonlyMap<string, V>): string[] {
  return [...map.keys()].sort(compareUtf8);
}
