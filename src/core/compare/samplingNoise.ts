/**
 * How large a distance two samples of these sizes show when they come from one distribution: a parametric
 * bootstrap under the null. Both samples are drawn (seeded, so the figure is reproducible) from the pooled
 * distribution the statistics describe, the distance is computed exactly as for the real data (TFDV's
 * L-infinity over value frequencies, TFDV's JSD over each sample's own 10-bucket histogram), and the 95th
 * percentile of NOISE_DRAWS repetitions is the noise level. A distance at or below it is indistinguishable from
 * sampling noise. Samples are capped at NOISE_MAX_SAMPLE values (a larger sample adds little noise); when both
 * sides exceed it, the estimate is skipped.
 */
import { create } from '@bufbuild/protobuf';
import { Histogram_BucketSchema, Histogram_HistogramType, HistogramSchema } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { Histogram } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { jensenShannonDivergenceHistograms, lInfinityDistance } from './distances.js';
import type { MassPiece } from './extraDistances.js';

export const NOISE_DRAWS = 50;
export const NOISE_MAX_SAMPLE = 20_000;
/** Below this many examples on either side a distance is flagged as from a small sample. */
export const SMALL_SAMPLE = 1000;

export interface NoiseEstimate {
  /** 95th percentile of the distance between two same-distribution samples of these sizes. */
  readonly p95: number;
  readonly draws: number;
  readonly sizes: readonly [number, number];
  readonly method: string;
}

/** mulberry32: small, fast, good enough for resampling. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function percentile95(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] ?? 0;
}

function search(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] as number) > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function sizes(na: number, nb: number): [number, number] | undefined {
  if (na < 1 || nb < 1) return undefined;
  if (na > NOISE_MAX_SAMPLE && nb > NOISE_MAX_SAMPLE) return undefined;
  return [Math.min(na, NOISE_MAX_SAMPLE), Math.min(nb, NOISE_MAX_SAMPLE)];
}

/** Noise level of TFDV's L-infinity for value counts `a` and `b` drawn from their pooled frequencies. */
export function lInfinityNoise(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, na: number, nb: number, seed: number): NoiseEstimate | undefined {
  const n = sizes(na, nb);
  if (!n) return undefined;
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const ta = [...a.values()].reduce((s, x) => s + x, 0);
  const tb = [...b.values()].reduce((s, x) => s + x, 0);
  if (keys.length === 0 || ta === 0 || tb === 0) return undefined;
  const cumulative = new Float64Array(keys.length);
  let c = 0;
  keys.forEach((k, i) => {
    c += ((a.get(k) ?? 0) + (b.get(k) ?? 0)) / (ta + tb);
    cumulative[i] = c;
  });
  const random = rng(seed);
  const draw = (size: number): Map<string, number> => {
    const counts = new Float64Array(keys.length);
    for (let i = 0; i < size; i++) counts[search(cumulative, random() * c)]++;
    const m = new Map<string, number>();
    counts.forEach((x, i) => {
      if (x > 0) m.set(keys[i] as string, x);
    });
    return m;
  };
  const out: number[] = [];
  for (let r = 0; r < NOISE_DRAWS; r++) out.push(lInfinityDistance(draw(n[0]), draw(n[1])).distance);
  return { p95: percentile95(out), draws: NOISE_DRAWS, sizes: n, method: 'parametric bootstrap from the pooled value frequencies' };
}

/** A 10-bucket equal-width histogram of a sample, as TFDV builds it (first bucket closed). */
function standardOf(values: Float64Array): Histogram {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const h = create(HistogramSchema, { type: Histogram_HistogramType.STANDARD });
  if (lo === hi) {
    h.buckets.push(create(Histogram_BucketSchema, { lowValue: lo, highValue: hi, sampleCount: values.length }));
    return h;
  }
  const counts = new Float64Array(10);
  const width = (hi - lo) / 10;
  for (const v of values) counts[Math.min(9, Math.max(0, Math.ceil((v - lo) / width) - 1))]++;
  for (let i = 0; i < 10; i++) {
    h.buckets.push(create(Histogram_BucketSchema, { lowValue: lo + i * width, highValue: i === 9 ? hi : lo + (i + 1) * width, sampleCount: counts[i] as number }));
  }
  return h;
}

/** TFDV's numeric JSD of two samples: each binned into its own 10-bucket histogram, then aligned. */
export function tfdvJsdOfSamples(a: Float64Array, b: Float64Array): number | undefined {
  const d = jensenShannonDivergenceHistograms(standardOf(a), standardOf(b));
  return d.ok ? d.value : undefined;
}

/** The JSD (log 2) of two samples over fixed bins (low, high] cut at `edges` (ascending). */
export function binnedJsdOfSamples(edges: readonly number[]): (a: Float64Array, b: Float64Array) => number | undefined {
  const masses = (xs: Float64Array): Float64Array => {
    const m = new Float64Array(edges.length + 1);
    for (const x of xs) {
      let lo = 0;
      let hi = edges.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (x <= (edges[mid] as number)) hi = mid;
        else lo = mid + 1;
      }
      m[lo]++;
    }
    return m.map((c) => c / xs.length);
  };
  return (a, b) => {
    const p = masses(a);
    const q = masses(b);
    let t = 0;
    for (let i = 0; i < p.length; i++) {
      const pi = p[i] as number;
      const qi = q[i] as number;
      const m = (pi + qi) / 2;
      if (pi > 0) t += pi * Math.log2(pi / m);
      if (qi > 0) t += qi * Math.log2(qi / m);
    }
    return t / 2;
  };
}

/**
 * Noise level of a numeric distance: samples drawn from the pooled distribution of `pieces` (probability mass
 * pieces, uniform inside each, e.g. from the fine quantiles), the distance computed by `distance`.
 */
export function numericNoise(
  pieces: readonly MassPiece[],
  na: number,
  nb: number,
  seed: number,
  distance: (a: Float64Array, b: Float64Array) => number | undefined,
  method: string,
): NoiseEstimate | undefined {
  const n = sizes(na, nb);
  if (!n || pieces.length === 0) return undefined;
  const cumulative = new Float64Array(pieces.length);
  let c = 0;
  pieces.forEach((p, i) => {
    c += p.mass;
    cumulative[i] = c;
  });
  const random = rng(seed);
  const draw = (size: number): Float64Array => {
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const p = pieces[search(cumulative, random() * c)] as MassPiece;
      out[i] = p.low === p.high ? p.low : p.low + random() * (p.high - p.low);
    }
    return out;
  };
  const out: number[] = [];
  for (let r = 0; r < NOISE_DRAWS; r++) {
    const d = distance(draw(n[0]), draw(n[1]));
    if (d !== undefined) out.push(d);
  }
  if (out.length === 0) return undefined;
  return { p95: percentile95(out), draws: out.length, sizes: n, method };
}

/** Pools two mass-piece lists with weights na and nb. */
export function poolPieces(a: readonly MassPiece[], b: readonly MassPiece[], na: number, nb: number): MassPiece[] {
  const wa = na / (na + nb);
  const wb = nb / (na + nb);
  return [...a.map((p) => ({ ...p, mass: p.mass * wa })), ...b.map((p) => ({ ...p, mass: p.mass * wb }))];
}
