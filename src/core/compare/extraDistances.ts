/**
 * Distances TFDV does not compute but users ask for, from the same statistics: the population stability index
 * (categorical and numeric), and for numeric features the Wasserstein-1 (earth mover's) distance and the
 * Kolmogorov–Smirnov statistic. Numeric ones work on histograms, assuming values spread uniformly inside a bucket,
 * so they approximate what the raw values would give — closer with the equal-mass QUANTILES histogram.
 */
import type { Histogram } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { DistanceResult } from './distances.js';
import { alignHistograms } from './histogramAlign.js';

/** Proportions below this are raised to it before PSI's logarithm (a common convention; zero buckets would be ∞). */
export const PSI_EPSILON = 1e-4;

function psiOfMasses(p: readonly number[], q: readonly number[]): number {
  let psi = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = Math.max(p[i] as number, PSI_EPSILON);
    const qi = Math.max(q[i] as number, PSI_EPSILON);
    psi += (qi - pi) * Math.log(qi / pi);
  }
  return psi;
}

function normalize(xs: readonly number[]): number[] | undefined {
  const t = xs.reduce((s, x) => s + x, 0);
  return t > 0 ? xs.map((x) => x / t) : undefined;
}

/** PSI = Σ (q − p) ln(q / p) over the union of values, p the baseline's frequencies and q the target's. */
export function psiCounts(baseline: ReadonlyMap<string, number>, target: ReadonlyMap<string, number>): DistanceResult {
  const keys = [...new Set([...baseline.keys(), ...target.keys()])];
  const p = normalize(keys.map((k) => baseline.get(k) ?? 0));
  const q = normalize(keys.map((k) => target.get(k) ?? 0));
  if (!p || !q) return { ok: false, reason: 'One side has no values.' };
  return { ok: true, value: psiOfMasses(p, q) };
}

/** PSI over aligned histogram buckets; NaNs and infinities form their own shared buckets. */
export function psiHistograms(baseline: Histogram, target: Histogram): DistanceResult {
  const { a, b } = alignHistograms(baseline, target, { mismatchNonFinite: false });
  const p = normalize(a);
  const q = normalize(b);
  if (!p || !q) return { ok: false, reason: 'One histogram is empty.' };
  return { ok: true, value: psiOfMasses(p, q) };
}

export interface MassPiece {
  readonly low: number;
  readonly high: number;
  readonly mass: number;
}

/** Finite buckets as probability mass (NaN and infinite-bound buckets are left out). */
export function finiteMass(h: Histogram): MassPiece[] | undefined {
  const pieces = h.buckets
    .filter((b) => Number.isFinite(b.lowValue) && Number.isFinite(b.highValue) && b.sampleCount > 0)
    .map((b) => ({ low: Math.min(b.lowValue, b.highValue), high: Math.max(b.lowValue, b.highValue), mass: b.sampleCount }));
  const total = pieces.reduce((s, p) => s + p.mass, 0);
  if (total <= 0) return undefined;
  return pieces.map((p) => ({ ...p, mass: p.mass / total }));
}

/** CDF value just left of and just right of x (they differ at point masses). */
export function cdfAt(pieces: readonly MassPiece[], x: number): { left: number; right: number } {
  let left = 0;
  let right = 0;
  for (const p of pieces) {
    if (p.low === p.high) {
      if (x > p.low) {
        left += p.mass;
        right += p.mass;
      } else if (x === p.low) right += p.mass;
    } else {
      const f = x <= p.low ? 0 : x >= p.high ? 1 : (x - p.low) / (p.high - p.low);
      left += p.mass * f;
      right += p.mass * f;
    }
  }
  return { left, right };
}

/** First index of sorted `xs` with xs[i] >= x (lower) or xs[i] > x (upper). */
function bound(xs: readonly number[], x: number, upper: boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = xs[mid] as number;
    if (upper ? v <= x : v < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * cdfAt at every x of `xs` (sorted ascending), the same values in O((pieces + xs) log xs) instead of
 * O(pieces × xs): a piece adds its whole mass from the first x at or past its high end (a prefix sum), and a
 * share only at the xs strictly inside it — few, since the breakpoints of histograms do not overlap much.
 */
export function cdfAtSorted(pieces: readonly MassPiece[], xs: readonly number[]): Array<{ left: number; right: number }> {
  const n = xs.length;
  const full = new Float64Array(n + 1);
  const partLeft = new Float64Array(n);
  const partRight = new Float64Array(n);
  for (const p of pieces) {
    if (p.low === p.high) {
      // Left and right of x > low; right only at x === low.
      const past = bound(xs, p.low, true);
      full[past] = (full[past] as number) + p.mass;
      for (let k = bound(xs, p.low, false); k < past; k++) partRight[k] = (partRight[k] as number) + p.mass;
    } else {
      const past = bound(xs, p.high, false);
      full[past] = (full[past] as number) + p.mass;
      for (let k = bound(xs, p.low, true); k < past; k++) {
        const share = p.mass * (((xs[k] as number) - p.low) / (p.high - p.low));
        partLeft[k] = (partLeft[k] as number) + share;
        partRight[k] = (partRight[k] as number) + share;
      }
    }
  }
  const out: Array<{ left: number; right: number }> = [];
  let whole = 0;
  for (let k = 0; k < n; k++) {
    whole += full[k] as number;
    out.push({ left: whole + (partLeft[k] as number), right: whole + (partRight[k] as number) });
  }
  return out;
}

interface CdfPair {
  readonly xs: number[];
  readonly fa: Array<{ left: number; right: number }>;
  readonly fb: Array<{ left: number; right: number }>;
}

/** Both CDFs at every breakpoint of either; between breakpoints both are linear. */
function cdfPair(a: Histogram, b: Histogram): CdfPair | undefined {
  const pa = finiteMass(a);
  const pb = finiteMass(b);
  if (!pa || !pb) return undefined;
  const xs = [...new Set([...pa, ...pb].flatMap((p) => [p.low, p.high]))].sort((x, y) => x - y);
  return { xs, fa: cdfAtSorted(pa, xs), fb: cdfAtSorted(pb, xs) };
}

/** ∫ |F_a − F_b| dx, exact for the piecewise-linear CDFs (the earth mover's distance in the values' unit). */
export function wassersteinHistograms(a: Histogram, b: Histogram): DistanceResult {
  const pair = cdfPair(a, b);
  if (!pair) return { ok: false, reason: 'One histogram has no finite values.' };
  let w = 0;
  for (let i = 0; i + 1 < pair.xs.length; i++) {
    const width = (pair.xs[i + 1] as number) - (pair.xs[i] as number);
    const d0 = (pair.fa[i] as { right: number }).right - (pair.fb[i] as { right: number }).right;
    const d1 = (pair.fa[i + 1] as { left: number }).left - (pair.fb[i + 1] as { left: number }).left;
    if (d0 * d1 >= 0) w += (width * (Math.abs(d0) + Math.abs(d1))) / 2;
    else {
      // The difference crosses zero inside the interval: two triangles.
      const t = Math.abs(d0) / (Math.abs(d0) + Math.abs(d1));
      w += (width * t * Math.abs(d0)) / 2 + (width * (1 - t) * Math.abs(d1)) / 2;
    }
  }
  return { ok: true, value: w };
}

/** sup |F_a − F_b| (the two-sample Kolmogorov–Smirnov statistic) over the piecewise-linear CDFs. */
export function kolmogorovSmirnovHistograms(a: Histogram, b: Histogram): DistanceResult {
  const pair = cdfPair(a, b);
  if (!pair) return { ok: false, reason: 'One histogram has no finite values.' };
  let ks = 0;
  for (let i = 0; i < pair.xs.length; i++) {
    const fa = pair.fa[i] as { left: number; right: number };
    const fb = pair.fb[i] as { left: number; right: number };
    ks = Math.max(ks, Math.abs(fa.left - fb.left), Math.abs(fa.right - fb.right));
  }
  return { ok: true, value: ks };
}
