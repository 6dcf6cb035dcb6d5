/**
 * Distances between two distributions, computed the way TFDV's metrics.cc computes them:
 * L-infinity over value frequencies (each side normalized by its own total), the normalized absolute difference
 * (both normalized by the combined total), and the approximate Jensen-Shannon divergence (log base 2, capped at 1)
 * over value counts or over aligned histograms.
 */
import type { Histogram } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { compareUtf8 } from '../data/compareUtf8.js';
import { alignHistograms } from './histogramAlign.js';

/** The largest per-value difference and the value it occurs at. */
export interface MaxDifference {
  /** The value with the largest difference ("" when both sides are empty). */
  readonly value: string;
  readonly distance: number;
}

export type DistanceResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

function sum(counts: ReadonlyMap<string, number>): number {
  let s = 0;
  for (const v of counts.values()) s += v;
  return s;
}

function scaled(counts: ReadonlyMap<string, number>, scale: number): Map<string, number> {
  if (scale === 0) return new Map(counts);
  const out = new Map<string, number>();
  for (const [k, v] of counts) out.set(k, v / scale);
  return out;
}

/**
 * TFDV's GetLInftyNorm over a − b: keys in byte order, the last key among equal maxima wins, and with nothing
 * but zeros the answer is the last key (or "" for no keys at all).
 */
function lInfinityOfDifference(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): MaxDifference {
  const diff = new Map(a);
  for (const [k, v] of b) diff.set(k, (diff.get(k) ?? 0) - v);
  let best: MaxDifference = { value: '', distance: 0 };
  for (const key of [...diff.keys()].sort(compareUtf8)) {
    const d = Math.abs(diff.get(key) as number);
    if (d >= best.distance) best = { value: key, distance: d };
  }
  return best;
}

/** max over values of |a(v)/Σa − b(v)/Σb|; a value missing on one side counts 0 there. */
export function lInfinityDistance(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): MaxDifference {
  return lInfinityOfDifference(scaled(a, sum(a)), scaled(b, sum(b)));
}

/** max over values of |a(v) − b(v)| / (Σa + Σb). */
export function normalizedAbsoluteDifference(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): MaxDifference {
  const total = sum(a) + sum(b);
  return lInfinityOfDifference(scaled(a, total), scaled(b, total));
}

/** JSD(P‖Q) = (KL(P‖M) + KL(Q‖M)) / 2 with M = (P + Q) / 2, log base 2, capped at 1 like TFDV. */
function jsdOfMasses(p: readonly number[], q: readonly number[]): number {
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] as number;
    const qi = q[i] as number;
    const m = (pi + qi) / 2;
    if (pi > 0) kl += pi * Math.log2(pi / m);
    if (qi > 0) kl += qi * Math.log2(qi / m);
  }
  return Math.min(kl / 2, 1);
}

/** Jensen-Shannon divergence between two value→count maps (TFDV: both non-empty, every count positive). */
export function jensenShannonDivergenceCounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): DistanceResult {
  if (a.size === 0 || b.size === 0) return { ok: false, reason: 'Input maps must not be empty.' };
  for (const v of [...a.values(), ...b.values()]) {
    if (!(v > 0)) return { ok: false, reason: 'Sample count is a non-positive value.' };
  }
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const sa = sum(a);
  const sb = sum(b);
  return { ok: true, value: jsdOfMasses(keys.map((k) => (a.get(k) ?? 0) / sa), keys.map((k) => (b.get(k) ?? 0) / sb)) };
}

/** Jensen-Shannon divergence between two histograms, after aligning their buckets (TFDV's approximation). */
export function jensenShannonDivergenceHistograms(h1: Histogram, h2: Histogram): DistanceResult {
  if (h1.type !== h2.type) return { ok: false, reason: 'Input histograms must have same type.' };
  const { a, b } = alignHistograms(h1, h2);
  const ta = a.reduce((s, x) => s + x, 0);
  const tb = b.reduce((s, x) => s + x, 0);
  if (ta === 0 || tb === 0) return { ok: false, reason: 'Unable to normalize an empty histogram' };
  return { ok: true, value: jsdOfMasses(a.map((x) => x / ta), b.map((x) => x / tb)) };
}
