/**
 * Classifies one CSV cell (raw bytes) as INT, FLOAT or STRING exactly the way TFDV's CSV decoder does
 * (tfx_bsl `csv_decoder._InferValueType`), and parses its value, straight from the bytes.
 *
 * tfx_bsl calls Python's `int(cell)` and then `float(cell)` on the cell's *bytes*, so the accepted forms are
 * Python's (CPython `PyLong_FromString` / `PyFloat_FromString` on a bytes object):
 *  - surrounding ASCII whitespace (space, \t, \n, \v, \f, \r) is ignored: " 12 " is INT 12. A cell of only
 *    whitespace is not empty, so it is a STRING value (and makes the column STRING).
 *  - an optional leading '+' or '-'; leading zeros are fine ("007" is INT 7).
 *  - single underscores between digits are allowed ("1_000" is INT 1000, "1_0.5" is FLOAT 10.5; "1__0", "_1",
 *    "1_" are STRING).
 *  - INT: digits only, and the value must fit int64 [-2^63, 2^63-1]; an integer literal outside that range makes
 *    the *column* STRING ("We infer STRING type when we have long integer values"), not FLOAT.
 *  - FLOAT: Python float syntax: "1.5", ".5", "5.", "1e5", "1E-05", "5.e3"; "inf", "infinity", "nan" in any case
 *    and with an optional sign. NOT accepted (→ STRING): hex ("0x10"), "1,5", "1e", "e5", ".", "Infinit", "nan(1)",
 *    non-ASCII digits (they are bytes, not str).
 *  - the empty cell is missing (UNKNOWN), never seen here.
 * Known divergence: CPython ≥ 3.11 refuses int() of literals over 4300 digits and then float() accepts them as
 * inf (FLOAT); we call any out-of-int64 integer literal STRING, as older Pythons do.
 *
 * Values are the correctly rounded float64 of the decimal, identical to `Number(cleanedText)`: a fast path parses
 * up to 15 digits with a power-of-ten exponent |e| ≤ 22 exactly (one rounding: m·10^e or m/10^e with both
 * operands exact); up to 24 digits (e.g. the 17 of a round-trip float rendering) go through double-double
 * arithmetic (classifyLong/longDecimal); everything else is validated here and handed to Number() after removing
 * whitespace and underscores. INT values are held as float64 too (exact up to 2^53, correctly rounded beyond, as
 * TFDV's float64 statistics do). Costs, one core: ~14 ns per short integer, ~25 ns per "-123.4567", ~110 ns per
 * 17-digit float, ~250 ns per slow-path cell.
 */

export const CELL_INT = 0;
export const CELL_FLOAT = 1;
export const CELL_STRING = 2;
export type CellKind = typeof CELL_INT | typeof CELL_FLOAT | typeof CELL_STRING;

/**
 * Slot 0 holds the value parsed by the last classifyCell call that returned INT or FLOAT. A Float64Array, not an
 * object field: storing a double in an object field can box it (a heap allocation per cell).
 */
export const parsedCell = new Float64Array(1);

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Classifies data[start..end) (non-empty) and leaves its value in `parsedCell[0]` unless STRING. */
export function classifyCell(data: Uint8Array, start: number, end: number): CellKind {
  let i = start;
  const first = data[i];
  const negative = first === 45;
  if (negative || first === 43) i++;
  // Plain loops for the common short numbers; more than 15 digits (leading zeros included) are re-read by
  // classifyLong, since the mantissa here is only exact below 10^15.
  let mantissa = 0;
  const intStart = i;
  while (i < end) {
    const d = data[i] - 48;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
    i++;
  }
  const intDigits = i - intStart;
  if (i === end) {
    if (intDigits === 0) return slowClassify(data, start, end);
    if (intDigits > 15) return classifyLong(data, start, end);
    parsedCell[0] = negative && mantissa !== 0 ? -mantissa : mantissa;
    return CELL_INT;
  }
  let fracDigits = 0;
  if (data[i] === 46) {
    i++;
    const fracStart = i;
    while (i < end) {
      const d = data[i] - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      i++;
    }
    fracDigits = i - fracStart;
    if (intDigits + fracDigits === 0) return slowClassify(data, start, end);
  } else if (intDigits === 0) {
    return slowClassify(data, start, end);
  }
  let exponent = 0;
  if (i < end && (data[i] | 32) === 101) {
    i++;
    let expNegative = false;
    if (i < end && (data[i] === 45 || data[i] === 43)) {
      expNegative = data[i] === 45;
      i++;
    }
    const expStart = i;
    while (i < end) {
      const d = data[i] - 48;
      if (d < 0 || d > 9) break;
      if (exponent < 100_000) exponent = exponent * 10 + d;
      i++;
    }
    if (i === expStart) return slowClassify(data, start, end);
    if (expNegative) exponent = -exponent;
  }
  if (i !== end) return slowClassify(data, start, end);
  if (intDigits + fracDigits > 15) return classifyLong(data, start, end);
  const e10 = exponent - fracDigits;
  let value: number;
  if (mantissa === 0) value = 0;
  else if (e10 >= 0 && e10 <= 22) value = mantissa * POW10[e10];
  else if (e10 < 0 && e10 >= -22) value = mantissa / POW10[-e10];
  else return slowClassify(data, start, end);
  parsedCell[0] = negative ? -value : value;
  return CELL_FLOAT;
}

/**
 * The same grammar for numbers of more than 15 digits: digits go into `mantissa` while it stays exact, the next
 * ones (up to MAX_EXTRA_DIGITS) into `extra`, so M = mantissa·10^k + extra exactly; then longInteger/longDecimal.
 */
function classifyLong(data: Uint8Array, start: number, end: number): CellKind {
  let i = start;
  const negative = data[i] === 45;
  if (negative || data[i] === 43) i++;
  let mantissa = 0;
  let extra = 0;
  let extraDigits = 0;
  let fracDigits = 0;
  let inFraction = false;
  for (; i < end; i++) {
    const c = data[i];
    if (c === 46 && !inFraction) {
      inFraction = true;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) break;
    if (inFraction) fracDigits++;
    if (mantissa < 9e14) mantissa = mantissa * 10 + d;
    else if (++extraDigits <= MAX_EXTRA_DIGITS) extra = extra * 10 + d;
  }
  if (extraDigits > MAX_EXTRA_DIGITS) return slowClassify(data, start, end);
  const integerLiteral = !inFraction && i === end;
  let exponent = 0;
  if (i < end) {
    // Only an exponent can follow (classifyCell checked the syntax).
    i++;
    let expNegative = false;
    if (data[i] === 45 || data[i] === 43) {
      expNegative = data[i] === 45;
      i++;
    }
    for (; i < end; i++) if (exponent < 100_000) exponent = exponent * 10 + (data[i] - 48);
    if (expNegative) exponent = -exponent;
  }
  if (integerLiteral) return longInteger(negative, mantissa, extra, extraDigits);
  if (mantissa === 0 && extra === 0) {
    parsedCell[0] = negative ? -0 : 0;
    return CELL_FLOAT;
  }
  const e10 = exponent - fracDigits;
  const value = e10 >= -22 && e10 <= 22 ? longDecimal(mantissa, extra, extraDigits, e10) : NaN;
  if (value !== value) return slowClassify(data, start, end);
  parsedCell[0] = negative ? -value : value;
  return CELL_FLOAT;
}

// ------------------------------------------------------------------------------------------------
// 16 to 23 significant digits (e.g. the 17 a round-trip float printing writes) without building a string:
// the exact integer M of the digits is held as a double-double (hi + lo, ~106 bits), multiplied or divided by
// the exact power of ten with error-free products (Dekker/Veltkamp), so V = M·10^e is known to ~2^-100 relative;
// rounding hi + lo once gives the correctly rounded double unless V lies within that error of a rounding midpoint,
// which is checked, and only then does the text go to Number().

const MAX_EXTRA_DIGITS = 8;
const SPLITTER = 134217729; // 2^27 + 1

/** The rounding error of p = fl(a·b) (exact, barring overflow): a·b = p + result. */
function productError(a: number, b: number, p: number): number {
  let c = SPLITTER * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLITTER * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

const bits = new Float64Array(1);
const bitWords = new Uint32Array(bits.buffer);

/** M·10^e10 for M = mantissa·10^k + extra, correctly rounded; NaN when too close to call. */
function longDecimal(mantissa: number, extra: number, k: number, e10: number): number {
  const scale = POW10[k];
  const p = mantissa * scale;
  const pErr = productError(mantissa, scale, p);
  const s = p + extra;
  const bb = s - p;
  const sErr = p - (s - bb) + (extra - bb);
  const hi0 = s;
  const lo0 = pErr + sErr;
  let h: number;
  let l: number;
  if (e10 === 0) {
    h = hi0;
    l = lo0;
  } else if (e10 > 0) {
    const f = POW10[e10];
    h = hi0 * f;
    l = productError(hi0, f, h) + lo0 * f;
  } else {
    const f = POW10[-e10];
    h = hi0 / f;
    const back = h * f;
    const remainder = hi0 - back - productError(h, f, back) + lo0;
    l = remainder / f;
  }
  const x = h + l;
  // d ≈ V − x; x is right unless |d| is within the error of half a unit in the last place.
  const d = h - x + l;
  bits[0] = x;
  const hiWord = bitWords[1];
  if ((hiWord & 0xfffff) === 0 && bitWords[0] === 0) return NaN; // a power of two: uneven spacing, let Number() decide
  const exp = (hiWord >>> 20) & 0x7ff;
  // Half a unit in the last place of x, 2^(exp − 1076), built from its bits (Math.pow is slow here).
  bitWords[0] = 0;
  bitWords[1] = (exp - 53) << 20;
  const halfUlp = bits[0];
  const margin = Math.abs(Math.abs(d) - halfUlp);
  return margin > halfUlp * 2 ** -30 && Math.abs(d) < halfUlp ? x : NaN;
}

const TWO_63 = 9223372036854775808;

/** An integer literal of 17–23 digits: INT if it fits int64 (checked exactly), its value correctly rounded. */
function longInteger(negative: boolean, mantissa: number, extra: number, k: number): CellKind {
  const scale = POW10[k];
  const p = mantissa * scale;
  const pErr = productError(mantissa, scale, p);
  const s = p + extra;
  const bb = s - p;
  const lo = pErr + (p - (s - bb) + (extra - bb)); // integers below 2^53 each: exact
  // M = s + lo exactly. int64: M ≤ 2^63 − 1, or ≤ 2^63 when negative.
  if (s > TWO_63 || (s === TWO_63 && (negative ? lo > 0 : lo >= 0))) return CELL_STRING;
  const value = s + lo;
  parsedCell[0] = negative ? -value : value;
  return CELL_INT;
}

function isPySpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Case-insensitive match of data[i..end) against an ASCII lower-case word. */
function matchesWord(data: Uint8Array, i: number, end: number, word: string): boolean {
  if (end - i !== word.length) return false;
  for (let k = 0; k < word.length; k++) if ((data[i + k] | 32) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * Reads Python's `digitpart` (digit (["_"] digit)*) from `i`, appending the digits to `out`.
 * Returns the index after it, or -1 when an underscore is misplaced. Reads nothing (returns i) if no digit.
 */
function readDigitPart(data: Uint8Array, i: number, end: number, out: number[]): number {
  let lastWasDigit = false;
  while (i < end) {
    const c = data[i];
    if (c >= 48 && c <= 57) {
      out.push(c);
      lastWasDigit = true;
    } else if (c === 95) {
      if (!lastWasDigit || i + 1 >= end || data[i + 1] < 48 || data[i + 1] > 57) return -1;
      lastWasDigit = false;
    } else {
      break;
    }
    i++;
  }
  return i;
}

function asciiText(chars: readonly number[]): string {
  let text = '';
  // Chunked: spreading a huge array into fromCharCode would overflow the stack on absurdly long cells.
  for (let k = 0; k < chars.length; k += 8192) text += String.fromCharCode(...chars.slice(k, k + 8192));
  return text;
}

/** The full Python grammar, for everything the fast path declined. */
function slowClassify(data: Uint8Array, start: number, end: number): CellKind {
  let s = start;
  let e = end;
  while (s < e && isPySpace(data[s])) s++;
  while (e > s && isPySpace(data[e - 1])) e--;
  if (s === e) return CELL_STRING;
  const chars: number[] = [];
  let i = s;
  let negative = false;
  if (data[i] === 43 || data[i] === 45) {
    negative = data[i] === 45;
    chars.push(data[i]);
    i++;
  }
  if (matchesWord(data, i, e, 'inf') || matchesWord(data, i, e, 'infinity')) {
    parsedCell[0] = negative ? -Infinity : Infinity;
    return CELL_FLOAT;
  }
  if (matchesWord(data, i, e, 'nan')) {
    parsedCell[0] = NaN;
    return CELL_FLOAT;
  }
  const intStart = chars.length;
  i = readDigitPart(data, i, e, chars);
  if (i < 0) return CELL_STRING;
  const intDigits = chars.length - intStart;
  let isInteger = true;
  if (i < e && data[i] === 46) {
    isInteger = false;
    chars.push(46);
    const fracStart = chars.length;
    i = readDigitPart(data, i + 1, e, chars);
    if (i < 0) return CELL_STRING;
    if (intDigits === 0 && chars.length === fracStart) return CELL_STRING;
  } else if (intDigits === 0) {
    return CELL_STRING;
  }
  if (i < e && (data[i] | 32) === 101) {
    isInteger = false;
    chars.push(101);
    i++;
    if (i < e && (data[i] === 43 || data[i] === 45)) {
      chars.push(data[i]);
      i++;
    }
    const expStart = chars.length;
    i = readDigitPart(data, i, e, chars);
    if (i < 0 || chars.length === expStart) return CELL_STRING;
  }
  if (i !== e) return CELL_STRING;
  const text = asciiText(chars);
  if (isInteger) {
    const big = BigInt(text);
    if (big < INT64_MIN || big > INT64_MAX) return CELL_STRING;
    parsedCell[0] = Number(big);
    return CELL_INT;
  }
  parsedCell[0] = Number(text);
  return CELL_FLOAT;
}
