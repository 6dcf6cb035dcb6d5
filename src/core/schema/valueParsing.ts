/**
 * Reading numbers out of strings the way TFDV's domain checks do (absl::SimpleAtoi / SimpleAtof): base-10
 * integers that fit int64, and decimal floats including "inf"/"nan", surrounding whitespace allowed.
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const intPattern = /^\s*[+-]?\d+\s*$/;
const floatPattern = /^\s*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)\s*$/i;

/** The integer a string spells, or undefined when it is not an int64 in base 10. */
export function parseInt64(text: string): bigint | undefined {
  if (!intPattern.test(text)) return undefined;
  const value = BigInt(text.trim());
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/** The float a string spells (NaN and ±Infinity included), or undefined when it is not a float. */
export function parseFloatText(text: string): number | undefined {
  if (!floatPattern.test(text)) return undefined;
  const t = text.trim().toLowerCase();
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[+-]/, '');
  if (body === 'nan') return NaN;
  if (body === 'inf' || body === 'infinity') return sign * Infinity;
  return Number(t);
}

export function isInt64Text(text: string): boolean {
  return parseInt64(text) !== undefined;
}
