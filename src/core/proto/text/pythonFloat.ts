/**
 * Numbers printed the way Python's protobuf `text_format` prints them, so that a schema Facetwise writes is
 * byte-identical to the one TFDV writes: doubles as Python's `repr` (shortest round-trip digits, `1.0`, `1e-05`,
 * `1e+16`), 32-bit floats through `ToShortestFloat` (the fewest digits, at least 6, that still read back as the
 * same float32, so 0.9f prints `0.9` and not `0.8999999761581421`).
 */

/** Python's `repr(float)`: shortest digits; exponent form when the decimal point is < -4 or > 16 places out. */
export function formatDoubleLikePython(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const abs = Math.abs(x);
  // Fast path: in [1e-4, 1e16) both languages print fixed notation with the same shortest digits; Python adds
  // `.0` to whole numbers.
  if (abs >= 1e-4 && abs < 1e16) {
    const s = String(x);
    return Number.isInteger(x) ? `${s}.0` : s;
  }
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  // JS and Python both produce the shortest digit string that reads back as the same double; only the layout
  // differs. toExponential() without an argument gives exactly those digits.
  const [mantissa = '0', expText = '0'] = abs.toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const decpt = Number(expText) + 1; // value = 0.digits × 10^decpt
  if (decpt <= -4 || decpt > 16) {
    const exp = decpt - 1;
    const expAbs = String(Math.abs(exp)).padStart(2, '0');
    const frac = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${frac}e${exp < 0 ? '-' : '+'}${expAbs}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/**
 * Python protobuf's `ToShortestFloat` followed by `str()`: the value is first rounded to float32 (what the field
 * holds), then printed with the fewest significant digits (starting at 6) that round back to that float32.
 */
export function formatFloat32LikePython(x: number): string {
  const f = Math.fround(x);
  if (!Number.isFinite(f) || f === 0) return formatDoubleLikePython(f); // keeps -0 as `-0.0`
  let rounded = f;
  for (let precision = 6; precision <= 17; precision++) {
    rounded = Number(f.toPrecision(precision));
    if (Math.fround(rounded) === f) break;
  }
  return formatDoubleLikePython(rounded);
}
