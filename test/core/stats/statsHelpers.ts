/**
 * Reading finished statistics in tests: find a feature by name, unwrap its numeric/string stats, and compute the
 * expected numbers independently of the engine (plain sorts, sums and Maps).
 */
import assert from 'node:assert/strict';
import { toBinary, toJson } from '@bufbuild/protobuf';
import { DatasetFeatureStatisticsSchema, FeatureNameStatistics_Type, Histogram_HistogramType } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type {
  CommonStatistics,
  DatasetFeatureStatistics,
  FeatureNameStatistics,
  Histogram,
  NumericStatistics,
  StringStatistics,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';

export { FeatureNameStatistics_Type as Type, Histogram_HistogramType as HistogramType };

export function feature(stats: DatasetFeatureStatistics, name: string): FeatureNameStatistics {
  const f = stats.features.find((x) => x.fieldId.case === 'path' && x.fieldId.value.step.join('.') === name);
  assert.ok(f, `feature ${name} missing`);
  return f;
}

export function numStats(f: FeatureNameStatistics): NumericStatistics {
  assert.equal(f.stats.case, 'numStats', `${f.fieldId.value?.toString()} is not numeric`);
  return f.stats.value as NumericStatistics;
}

export function strStats(f: FeatureNameStatistics): StringStatistics {
  assert.equal(f.stats.case, 'stringStats');
  return f.stats.value as StringStatistics;
}

export function common(f: FeatureNameStatistics): CommonStatistics {
  const c = f.stats.value?.commonStats;
  assert.ok(c, 'no common stats');
  return c;
}

export function histogram(n: NumericStatistics, type: Histogram_HistogramType): Histogram {
  const h = n.histograms.find((x) => x.type === type);
  assert.ok(h, `no ${Histogram_HistogramType[type]} histogram`);
  return h;
}

export function buckets(h: Histogram): [number, number, number][] {
  return h.buckets.map((b) => [b.lowValue, b.highValue, b.sampleCount]);
}

export function sameBytes(a: DatasetFeatureStatistics, b: DatasetFeatureStatistics): boolean {
  const x = toBinary(DatasetFeatureStatisticsSchema, a);
  const y = toBinary(DatasetFeatureStatisticsSchema, b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * Asserts two statistics are the same message. Every count and sketch-free value must be equal; only a mean or a
 * standard deviation may round differently when rows are merged in another order, and their rounding error scales
 * with the data's magnitude (max |min|, |max|), not with their own: those two are compared to 1e-12 of that scale.
 */
export function assertEquivalentStats(a: DatasetFeatureStatistics, b: DatasetFeatureStatistics, relative = 1e-12): void {
  let scale = 1;
  const walk = (x: unknown, y: unknown, path: string): void => {
    // proto3 JSON omits zeros: a mean of 0 in one and 2e-16 in the other is "absent" vs a number.
    if (x === undefined && typeof y === 'number') x = 0;
    if (y === undefined && typeof x === 'number') y = 0;
    if (typeof x === 'number' && typeof y === 'number') {
      if (Object.is(x, y)) return;
      const rounded = /\.numStats\.(mean|stdDev)$/.test(path);
      assert.ok(rounded && Math.abs(x - y) <= relative * scale, `${path}: ${x} ≠ ${y}`);
      return;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      assert.equal(x.length, y.length, `${path}: length`);
      x.forEach((v, i) => walk(v, y[i], `${path}[${i}]`));
      return;
    }
    if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object') {
      const xo = x as Record<string, unknown>;
      if (path.endsWith('.numStats')) {
        const magnitude = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.abs(v) : 0);
        scale = Math.max(1, magnitude(xo.min), magnitude(xo.max));
      }
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) walk(xo[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
      return;
    }
    assert.deepEqual(x, y, path);
  };
  walk(toJson(DatasetFeatureStatisticsSchema, a), toJson(DatasetFeatureStatisticsSchema, b), '');
}

// ---------------------------------------------------------------- independent expectations

export function sortedNumbers(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** TFDV's quantile rule: the value of rank ⌊r·n/q⌋. */
export function expectedQuantiles(sorted: readonly number[], q: number): number[] {
  return Array.from({ length: q + 1 }, (_, r) => sorted[Math.min(sorted.length - 1, Math.floor((r * sorted.length) / q))]);
}

export function meanAndPopulationStd(values: readonly number[]): { mean: number; std: number } {
  // Two passes, in a different way from the engine (which uses shifted block sums + Chan merges).
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return { mean, std: Math.sqrt(ss / values.length) };
}

/** Equal-width buckets over [min, max], bucket i = (b_i, b_{i+1}] except the first, which is closed. */
export function expectedStandardCounts(values: readonly number[], min: number, max: number, numBuckets: number): number[] {
  const width = (max - min) / numBuckets;
  const bounds = Array.from({ length: numBuckets + 1 }, (_, i) => (i === numBuckets ? max : min + i * width));
  const counts = new Array<number>(numBuckets).fill(0);
  for (const v of values) {
    let placed = false;
    for (let i = 0; i < numBuckets && !placed; i++) {
      const inside = i === 0 ? v >= bounds[0] && v <= bounds[1] : v > bounds[i] && v <= bounds[i + 1];
      if (inside) {
        counts[i]++;
        placed = true;
      }
    }
    assert.ok(placed, `value ${v} outside [${min}, ${max}]`);
  }
  return counts;
}

/** Top values: frequency descending, ties by UTF-8 bytes descending (TFDV). */
export function expectedTop(values: readonly string[], n: number): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const encoder = new TextEncoder();
  const cmpBytes = (a: string, b: string): number => {
    const x = encoder.encode(a);
    const y = encoder.encode(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  };
  return [...counts].sort((a, b) => b[1] - a[1] || cmpBytes(b[0], a[0])).slice(0, n);
}

export function closeTo(actual: number, expected: number, relative = 1e-12, message = ''): void {
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= relative * scale, `${message} ${actual} ≉ ${expected}`);
}
