/**
 * "Explain the number": how much each value (categorical) or bucket (numeric) adds to a distance, so that a user
 * sees which values moved. The terms sum to the distance shown:
 *  - L-infinity (TFDV) is the largest single difference |p(v) − q(v)|: all of it comes from the one value TFDV
 *    reports, every other value contributes 0 (their differences are listed beside, for reading);
 *  - Jensen–Shannon (TFDV) = Σ_v ½ [p log2(p/m) + q log2(q/m)], m = (p + q)/2, over values or aligned buckets;
 *  - PSI = Σ_v (q − p) ln(q/p) with proportions floored at PSI_EPSILON.
 */
import type { Histogram } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { lInfinityDistance } from './distances.js';
import { alignHistograms } from './histogramAlign.js';
import { PSI_EPSILON } from './extraDistances.js';

export interface ValueContribution {
  /** The value, or the bucket as "(low, high]". */
  readonly label: string;
  /** Share of the baseline (a) and of the other dataset (b). */
  readonly a: number;
  readonly b: number;
  readonly lInfinity: number;
  readonly jensenShannon: number;
  readonly psi: number;
}

function jsdTerm(p: number, q: number): number {
  const m = (p + q) / 2;
  let t = 0;
  if (p > 0) t += p * Math.log2(p / m);
  if (q > 0) t += q * Math.log2(q / m);
  return t / 2;
}

function psiTerm(p: number, q: number): number {
  const pi = Math.max(p, PSI_EPSILON);
  const qi = Math.max(q, PSI_EPSILON);
  return (qi - pi) * Math.log(qi / pi);
}

function total(m: ReadonlyMap<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

/** Per-value terms of a categorical feature's distances, largest |difference| first. */
export function categoricalContributions(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): ValueContribution[] {
  const ta = total(a);
  const tb = total(b);
  if (ta === 0 || tb === 0) return [];
  const argmax = lInfinityDistance(a, b).value;
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys
    .map((k) => {
      const p = (a.get(k) ?? 0) / ta;
      const q = (b.get(k) ?? 0) / tb;
      return { label: k, a: p, b: q, lInfinity: k === argmax ? Math.abs(p - q) : 0, jensenShannon: jsdTerm(p, q), psi: psiTerm(p, q) };
    })
    .sort((x, y) => Math.abs(y.a - y.b) - Math.abs(x.a - x.b) || (x.label < y.label ? -1 : 1));
}

function bucketLabel(low: number, high: number): string {
  const f = (x: number): string => String(Number(x.toPrecision(4)));
  return low === high ? `[${f(low)}]` : `(${f(low)}, ${f(high)}]`;
}

/** Per-bucket terms of TFDV's numeric Jensen–Shannon divergence, over the buckets TFDV aligns (in value order). */
export function histogramContributions(h1: Histogram, h2: Histogram): ValueContribution[] {
  const { a, b, rangeBuckets } = alignHistograms(h1, h2);
  const ta = a.reduce((s, x) => s + x, 0);
  const tb = b.reduce((s, x) => s + x, 0);
  if (ta === 0 || tb === 0) return [];
  return a.map((x, i) => {
    const p = x / ta;
    const q = (b[i] as number) / tb;
    const range = rangeBuckets.a[i];
    const label = range ? bucketLabel(range.low, range.high) : 'NaN, ±∞ and point values';
    return { label, a: p, b: q, lInfinity: 0, jensenShannon: jsdTerm(p, q), psi: psiTerm(p, q) };
  });
}
