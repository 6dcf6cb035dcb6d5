/**
 * "Nice" tick values for a linear axis (1, 2, 2.5 or 5 times a power of ten), so axis labels read 0, 20, 40
 * rather than 0, 17.3, 34.6. Pure: no DOM.
 */

/** The step between ticks for a span to be cut into about `count` intervals. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span) || count < 1) return 0;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * Tick values inside [lo, hi], multiples of a nice step, about `count` of them (never more than count + 1).
 * A zero-width range has the one tick at its value; an empty or non-finite range none.
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) return [];
  if (hi === lo) return [lo];
  const step = niceStep(hi - lo, count);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const out: number[] = [];
  for (let i = first; i <= last; i++) {
    // Rounded to the step's precision so 0.1 * 3 prints as 0.3.
    const v = i * step;
    out.push(Number(v.toPrecision(12)) === 0 ? 0 : Number(v.toPrecision(12)));
  }
  return out;
}
