/**
 * Facetwise's own numeric distances, from the fine quantiles kept in the statistics (stats/fineQuantiles.ts:
 * 1,000 equal-mass buckets) rather than from TFDV's 10-bucket histograms, so they do not inherit the coarseness of
 * TFDV's uniform-within-bucket rebinning:
 *  - KS: sup |F_a − F_b| over the two piecewise-linear CDFs; each CDF is within 1/q + ε of the true empirical
 *    CDF (q buckets, ε the stored rank error), so the KS statistic is within `ksError` = Σ (1/q + ε) of the exact
 *    two-sample statistic;
 *  - Wasserstein-1: ∫ |F_a − F_b| dx, exact for those CDFs;
 *  - PSI and a fine Jensen–Shannon divergence (log 2) over the baseline's deciles, read from its fine quantiles
 *    (equal-mass bins of the baseline, the usual PSI binning), with the per-bin terms that sum to them.
 * Where a side has no fine quantiles (statistics TFDV wrote) the result says so: nothing is guessed.
 */
import type { FineQuantiles } from '../stats/fineQuantiles.js';
import type { MassPiece } from './extraDistances.js';
import { cdfAt, cdfAtSorted, finiteMass, kolmogorovSmirnovHistograms, PSI_EPSILON, wassersteinHistograms } from './extraDistances.js';

/** Bins PSI and the fine JSD use: the baseline's deciles. */
export const FINE_BINS = 10;

export interface FineBin {
  /** Bin (low, high]; the first is [min, high], the last (low, max]. */
  readonly low: number;
  readonly high: number;
  /** Mass of each side in the bin (fractions of its finite values). */
  readonly a: number;
  readonly b: number;
  /** This bin's term of each distance: the terms sum to the distance. */
  readonly psi: number;
  readonly jsd: number;
  readonly wasserstein: number;
}

export interface FineDistances {
  readonly ks: number;
  /** Where the CDFs differ most. */
  readonly ksAt: number;
  /** Bound on |ks − exact two-sample KS|. */
  readonly ksError: number;
  readonly wasserstein: number;
  readonly psi: number;
  readonly jsd: number;
  readonly bins: readonly FineBin[];
}

export type FineResult = { readonly ok: true; readonly value: FineDistances } | { readonly ok: false; readonly reason: string };

function cdfRight(pieces: readonly MassPiece[], x: number): number {
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  return cdfAt(pieces, x).right;
}

function psiTerm(p: number, q: number): number {
  const pi = Math.max(p, PSI_EPSILON);
  const qi = Math.max(q, PSI_EPSILON);
  return (qi - pi) * Math.log(qi / pi);
}

function jsdTerm(p: number, q: number): number {
  const m = (p + q) / 2;
  let t = 0;
  if (p > 0) t += p * Math.log2(p / m);
  if (q > 0) t += q * Math.log2(q / m);
  return t / 2;
}

/** ∫ |F_a − F_b| over [lo, hi], both CDFs linear between consecutive `xs`. */
function absCdfIntegral(pa: readonly MassPiece[], pb: readonly MassPiece[], xs: readonly number[]): number {
  const fa = cdfAtSorted(pa, xs);
  const fb = cdfAtSorted(pb, xs);
  let w = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const x0 = xs[i] as number;
    const x1 = xs[i + 1] as number;
    const width = x1 - x0;
    if (!(width > 0)) continue;
    const d0 = (fa[i] as { right: number }).right - (fb[i] as { right: number }).right;
    const d1 = (fa[i + 1] as { left: number }).left - (fb[i + 1] as { left: number }).left;
    if (d0 * d1 >= 0) w += (width * (Math.abs(d0) + Math.abs(d1))) / 2;
    else {
      const t = Math.abs(d0) / (Math.abs(d0) + Math.abs(d1));
      w += (width * t * Math.abs(d0)) / 2 + (width * (1 - t) * Math.abs(d1)) / 2;
    }
  }
  return w;
}

/** The x where |F_a − F_b| is largest (a breakpoint of either CDF). */
function ksLocation(pa: readonly MassPiece[], pb: readonly MassPiece[]): number {
  const xs = [...new Set([...pa, ...pb].flatMap((p) => [p.low, p.high]))].sort((x, y) => x - y);
  const ca = cdfAtSorted(pa, xs);
  const cb = cdfAtSorted(pb, xs);
  let best = xs[0] ?? NaN;
  let gap = -1;
  xs.forEach((x, i) => {
    const fa = ca[i] as { left: number; right: number };
    const fb = cb[i] as { left: number; right: number };
    const d = Math.max(Math.abs(fa.left - fb.left), Math.abs(fa.right - fb.right));
    if (d > gap) {
      gap = d;
      best = x;
    }
  });
  return best;
}

/** Decile edges of the baseline (deduplicated: ties collapse bins). */
function binEdges(baseline: readonly MassPiece[]): number[] {
  const edges: number[] = [];
  let cumulative = 0;
  let piece = 0;
  for (let k = 1; k < FINE_BINS; k++) {
    const target = k / FINE_BINS;
    while (piece < baseline.length && cumulative + (baseline[piece] as MassPiece).mass < target - 1e-12) cumulative += (baseline[piece++] as MassPiece).mass;
    const p = baseline[Math.min(piece, baseline.length - 1)] as MassPiece;
    const x = p.low === p.high || p.mass === 0 ? p.low : p.low + ((target - cumulative) / p.mass) * (p.high - p.low);
    if (edges.length === 0 || x > (edges[edges.length - 1] as number)) edges.push(x);
  }
  return edges;
}

export function fineNumericDistances(baseline: FineQuantiles | undefined, target: FineQuantiles | undefined): FineResult {
  if (!baseline || !target) {
    return { ok: false, reason: 'unavailable: these statistics have no fine quantiles (statistics written by TFDV keep only 10-bucket histograms)' };
  }
  const pa = finiteMass(baseline.histogram);
  const pb = finiteMass(target.histogram);
  const ks = kolmogorovSmirnovHistograms(baseline.histogram, target.histogram);
  const w = wassersteinHistograms(baseline.histogram, target.histogram);
  if (!pa || !pb || !ks.ok || !w.ok) return { ok: false, reason: 'unavailable: a side has no finite values' };
  const qa = baseline.histogram.buckets.length;
  const qb = target.histogram.buckets.length;
  const ksError = 1 / qa + baseline.rankError + 1 / qb + target.rankError;

  const edges = binEdges(pa);
  const lo = Math.min((pa[0] as MassPiece).low, (pb[0] as MassPiece).low);
  const hi = Math.max((pa[pa.length - 1] as MassPiece).high, (pb[pb.length - 1] as MassPiece).high);
  const bounds = [lo, ...edges.filter((e) => e > lo && e < hi), hi];
  const breakpoints = [...new Set([...pa, ...pb].flatMap((p) => [p.low, p.high]))];
  const bins: FineBin[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const low = bounds[i] as number;
    const high = bounds[i + 1] as number;
    const first = i === 0;
    const a = cdfRight(pa, high) - (first ? 0 : cdfRight(pa, low));
    const b = cdfRight(pb, high) - (first ? 0 : cdfRight(pb, low));
    const xs = [low, ...breakpoints.filter((x) => x > low && x < high), high].sort((x, y) => x - y);
    bins.push({ low, high, a, b, psi: psiTerm(a, b), jsd: jsdTerm(a, b), wasserstein: absCdfIntegral(pa, pb, xs) });
  }
  const sum = (f: (b: FineBin) => number): number => bins.reduce((s, b) => s + f(b), 0);
  return {
    ok: true,
    value: { ks: ks.value, ksAt: ksLocation(pa, pb), ksError, wasserstein: sum((b) => b.wasserstein), psi: sum((b) => b.psi), jsd: sum((b) => b.jsd), bins },
  };
}
