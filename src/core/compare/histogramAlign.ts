/**
 * Puts two histograms on common buckets so that bucket i means the same range in both — TFDV's AlignHistograms:
 * finite buckets are re-cut at the union of both histograms' boundaries assuming values spread uniformly inside
 * a bucket; zero-width (point) buckets, buckets with an infinite bound and NaNs become extra buckets.
 */
import type { Histogram } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';

export interface PlainBucket {
  readonly low: number;
  readonly high: number;
  readonly count: number;
}

export interface AlignedHistograms {
  /** Bucket masses, same length in both; the finite range buckets first, then points, infinities, NaNs. */
  readonly a: number[];
  readonly b: number[];
  /** The finite range buckets alone (same boundaries in both), before the extra buckets. */
  readonly rangeBuckets: { readonly a: PlainBucket[]; readonly b: PlainBucket[] };
}

export interface AlignOptions {
  /**
   * TFDV puts one histogram's infinite values and NaNs in buckets the other histogram has empty, so any of them
   * counts as divergence (true, the default, for Jensen-Shannon). False pairs them up, for distances (PSI)
   * where shared NaN/∞ mass should cancel.
   */
  readonly mismatchNonFinite?: boolean;
}

interface Stripped {
  readonly buckets: PlainBucket[];
  readonly points: Map<number, number>;
  readonly infinite: number;
  readonly nan: number;
}

function strip(h: Histogram): Stripped {
  const buckets: PlainBucket[] = [];
  const points = new Map<number, number>();
  let infinite = 0;
  for (const b of h.buckets) {
    if (!Number.isFinite(b.lowValue) || !Number.isFinite(b.highValue)) infinite += b.sampleCount;
    else if (b.lowValue === b.highValue) points.set(b.lowValue, (points.get(b.lowValue) ?? 0) + b.sampleCount);
    else buckets.push({ low: b.lowValue, high: b.highValue, count: b.sampleCount });
  }
  return { buckets, points, infinite, nan: Number(h.numNan) };
}

function boundaries(buckets: readonly PlainBucket[]): number[] {
  const set = new Set<number>();
  for (const b of buckets) {
    set.add(b.low);
    set.add(b.high);
  }
  return [...set].sort((x, y) => x - y);
}

/**
 * Re-cuts `buckets` at `bounds` (which contain every boundary of `buckets`), spreading each bucket's count over
 * the new buckets it covers in proportion to their widths. Gaps get empty buckets.
 */
export function rebucket(bounds: readonly number[], buckets: readonly PlainBucket[]): PlainBucket[] {
  const out: PlainBucket[] = [];
  const last = bounds.length - 1;
  let index = 0;
  const at = (i: number): number => bounds[i] as number;
  for (const { low, high, count } of buckets) {
    while (index < last && low > at(index)) {
      out.push({ low: at(index), high: at(index + 1), count: 0 });
      index++;
    }
    if (low === high && low === at(index) && index < last) {
      out.push({ low: at(index), high: at(index + 1), count });
      index++;
      continue;
    }
    const covered: number[] = [];
    while (index < last && high > at(index)) {
      covered.push(at(index));
      index++;
    }
    covered.push(at(index));
    const width = high - low;
    for (let i = 0; i + 1 < covered.length; i++) {
      const lo = covered[i] as number;
      const hi = covered[i + 1] as number;
      out.push({ low: lo, high: hi, count: width > 0 ? ((hi - lo) / width) * count : 0 });
    }
  }
  for (let i = index; i < last; i++) out.push({ low: at(i), high: at(i + 1), count: 0 });
  return out;
}

function sameBounds(x: readonly number[], y: readonly number[]): boolean {
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

export function alignHistograms(h1: Histogram, h2: Histogram, options: AlignOptions = {}): AlignedHistograms {
  const mismatch = options.mismatchNonFinite ?? true;
  const s1 = strip(h1);
  const s2 = strip(h2);
  let r1 = s1.buckets;
  let r2 = s2.buckets;
  const b1 = boundaries(r1);
  const b2 = boundaries(r2);
  if (!sameBounds(b1, b2)) {
    const union = [...new Set([...b1, ...b2])].sort((x, y) => x - y);
    r1 = rebucket(union, [...r1].sort((x, y) => x.low - y.low));
    r2 = rebucket(union, [...r2].sort((x, y) => x.low - y.low));
  }
  const a = r1.map((b) => b.count);
  const b = r2.map((x) => x.count);
  const points = [...new Set([...s1.points.keys(), ...s2.points.keys()])].sort((x, y) => x - y);
  for (const p of points) {
    a.push(s1.points.get(p) ?? 0);
    b.push(s2.points.get(p) ?? 0);
  }
  if (mismatch) {
    if (s1.infinite !== 0) {
      a.push(s1.infinite);
      b.push(0);
    }
    if (s2.infinite !== 0) {
      a.push(0);
      b.push(s2.infinite);
    }
    if (s1.nan > 0 || s2.nan > 0) {
      a.push(0, s1.nan);
      b.push(s2.nan, 0);
    }
  } else {
    if (s1.infinite !== 0 || s2.infinite !== 0) {
      a.push(s1.infinite);
      b.push(s2.infinite);
    }
    if (s1.nan > 0 || s2.nan > 0) {
      a.push(s1.nan);
      b.push(s2.nan);
    }
  }
  return { a, b, rangeBuckets: { a: r1, b: r2 } };
}
