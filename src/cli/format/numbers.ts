/**
 * Numbers in text output, as the overview shows them: a few significant digits (`0.0225`, not
 * `0.02250000000000002`), integers as integers however large (census tracts and timestamps are IDs, not
 * `1.703e+10`), and percentages that never round a real share to 0% or 100%.
 */

/** Up to `digits` significant digits; integers written out in full; exponent only for tiny or huge non-integers. */
export function formatNumber(x: number, digits = 6): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return x.toFixed(0);
  const abs = Math.abs(x);
  if (abs < 1e-4 || abs >= 1e15) return x.toExponential(Math.max(0, digits - 3));
  return String(Number(x.toPrecision(digits)));
}

/** A share of a whole as the overview writes it: `12.3%`, `<0.1%` for a small non-zero share, `>99.9%` short of all. */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '-';
  if (part === 0) return '0%';
  if (part === whole) return '100%';
  const pct = (100 * part) / whole;
  if (pct < 0.1) return '<0.1%';
  if (pct > 99.9) return '>99.9%';
  return `${pct.toFixed(1)}%`;
}

/** A duration for JSON: whole milliseconds (sub-millisecond digits are timer noise). */
export function wholeMilliseconds(ms: number): number {
  return Math.round(ms);
}
