/**
 * Number formatting for compact table cells. Deterministic (no locale lookup: a fixed `,` thousands separator and
 * `.` decimal point), so the same statistics always print the same way; full values go in tooltips.
 */

const MINUS = '\u2212';

function withSeparators(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Trims trailing zeros of a fixed/precision string ("1.500" → "1.5", "2.000" → "2"). */
function trimZeros(text: string): string {
  if (!text.includes('.') || text.includes('e')) return text;
  return text.replace(/\.?0+$/, '');
}

function sign(x: number, body: string): string {
  return x < 0 ? MINUS + body : body;
}

const SCALES: ReadonlyArray<readonly [number, string]> = [
  [1e6, 'M'],
  [1e9, 'B'],
  [1e12, 'T'],
];

function exponent(abs: number): string {
  return abs.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
}

/** "1.23M", "45.6B": `digits` significant digits with a suffix, for magnitudes from a million up. */
function compact(abs: number, digits: number): string {
  for (let i = 0; i < SCALES.length; i++) {
    const [scale, suffix] = SCALES[i];
    const next = SCALES[i + 1];
    if (next && abs >= next[0]) continue;
    const scaled = abs / scale;
    // 999,999,999 rounds to "1.00e+3"M: that is 1B, so carry to the next suffix.
    if (Number(scaled.toPrecision(digits)) >= 1000) {
      if (next) return trimZeros((abs / next[0]).toPrecision(digits)) + next[1];
      return exponent(abs);
    }
    return trimZeros(scaled.toPrecision(digits)) + suffix;
  }
  return exponent(abs);
}

/**
 * A statistic (mean, std dev, min, median, max) in at most ~8 characters:
 * - |x| ≥ 1e15 or 0 < |x| < 0.001: exponent form, 3 significant digits ("1.23e-5");
 * - |x| ≥ 1e6: 4 significant digits and a suffix M / B / T ("17.03B", "1.405B");
 * - 1e4 ≤ |x| < 1e6: whole, thousands separated ("330,401");
 * - 1e3 ≤ |x| < 1e4: at most 1 decimal ("1,092.9");
 * - 1 ≤ |x| < 1e3: at most 2 decimals ("41.87");
 * - 0.001 ≤ |x| < 1: 3 significant digits ("0.0123");
 * - NaN → "NaN", ±Infinity → "∞" / "−∞". Negative numbers use a true minus sign.
 */
export function formatStat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return sign(x, '\u221e');
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e15 || abs < 1e-3) return sign(x, exponent(abs));
  if (abs >= 1e6) return sign(x, compact(abs, 4));
  if (abs >= 1) {
    const rounded = trimZeros(abs.toFixed(abs >= 1e4 ? 0 : abs >= 1e3 ? 1 : 2));
    const [int, frac] = rounded.split('.');
    // 999,999.996 rounds to "1,000,000" here rather than switching to "1M": both are correct.
    return sign(x, withSeparators(int) + (frac !== undefined ? `.${frac}` : ''));
  }
  const small = trimZeros(abs.toPrecision(3));
  return sign(x, small);
}

/** A count: thousands separated below ten million, compact above ("12.3M"). */
export function formatCount(n: number | bigint): string {
  const x = typeof n === 'bigint' ? Number(n) : n;
  if (!Number.isFinite(x)) return formatStat(x);
  const abs = Math.abs(x);
  if (abs >= 1e7) return sign(x, compact(abs, 3));
  return sign(x, withSeparators(String(Math.round(abs))));
}

/**
 * A ratio (0..1) as a percentage with one decimal: "0%" for exactly zero, "<0.1%" for a tiny but non-zero share
 * (so a single missing value is never hidden as 0%), ">99.9%" just below one, "100%" for exactly one.
 * Undefined / NaN (no denominator) → "–".
 */
export function formatPercent(ratio: number | undefined): string {
  if (ratio === undefined || Number.isNaN(ratio)) return '\u2013';
  if (ratio <= 0) return '0%';
  if (ratio >= 1) return '100%';
  if (ratio < 0.001) return '<0.1%';
  if (ratio > 0.999) return '>99.9%';
  return `${trimZeros((ratio * 100).toFixed(1))}%`;
}

/** The exact value for a tooltip: shortest round-trip form, with a true minus sign. */
export function formatExact(x: number | bigint): string {
  if (typeof x === 'bigint') return sign(Number(x), withSeparators((x < 0n ? -x : x).toString()));
  if (!Number.isFinite(x)) return formatStat(x);
  const text = String(Math.abs(x));
  if (/^\d+$/.test(text)) return sign(x, withSeparators(text));
  return sign(x, text);
}
