/**
 * The comparison panel's curves, computed from per-row scores and labels (DOM-free, unit-tested): ROC and
 * precision–recall for a binary model, a reliability diagram, score histograms, residual histograms for
 * regression, and the rows where two versions disagree most. `rows` limits any of them to a subset (a slice).
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** All row indices 0..n-1. */
export function allRows(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Rows whose slice code is `code`. */
export function rowsWithCode(codes: Int32Array, code: number): Int32Array {
  let n = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) n++;
  const out = new Int32Array(n);
  let j = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) out[j++] = i;
  return out;
}

function byScoreDescending(scores: Float32Array, rows: Int32Array): Int32Array {
  return Int32Array.from(rows).sort((a, b) => scores[b]! - scores[a]!);
}

/**
 * ROC curve (false positive rate → true positive rate) with one point per distinct score, from (0,0) to (1,1);
 * `auc` by the trapezoid rule. Labels are 0/1. Undefined when the rows hold only one class.
 */
export function rocCurve(scores: Float32Array, labels: Float64Array, rows: Int32Array): { points: Point[]; auc: number } | undefined {
  const order = byScoreDescending(scores, rows);
  let positives = 0;
  for (const r of order) if (labels[r]! > 0.5) positives++;
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return undefined;
  const points: Point[] = [{ x: 0, y: 0 }];
  let tp = 0;
  let fp = 0;
  let auc = 0;
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    if (labels[r]! > 0.5) tp++;
    else fp++;
    const next = order[i + 1];
    if (next !== undefined && scores[next] === scores[r]) continue;
    const p = { x: fp / negatives, y: tp / positives };
    const last = points[points.length - 1]!;
    auc += (p.x - last.x) * (p.y + last.y) / 2;
    points.push(p);
  }
  return { points, auc };
}

/** Precision–recall curve (recall → precision), one point per distinct score; undefined without positives. */
export function prCurve(scores: Float32Array, labels: Float64Array, rows: Int32Array): Point[] | undefined {
  const order = byScoreDescending(scores, rows);
  let positives = 0;
  for (const r of order) if (labels[r]! > 0.5) positives++;
  if (positives === 0) return undefined;
  const points: Point[] = [];
  let tp = 0;
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    if (labels[r]! > 0.5) tp++;
    const next = order[i + 1];
    if (next !== undefined && scores[next] === scores[r]) continue;
    points.push({ x: tp / positives, y: tp / (i + 1) });
  }
  return points;
}

export interface CalibrationBin {
  /** Mean predicted probability of the rows in the bin. */
  readonly predicted: number;
  /** Share of positives among them. */
  readonly observed: number;
  readonly rows: number;
}

/** Reliability diagram: `bins` equal-width probability bins; empty bins are left out. */
export function calibration(scores: Float32Array, labels: Float64Array, rows: Int32Array, bins = 10): CalibrationBin[] {
  const sum = new Float64Array(bins);
  const pos = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (const r of rows) {
    const s = scores[r]!;
    if (!Number.isFinite(s)) continue;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(s * bins)));
    sum[b]! += s;
    pos[b]! += labels[r]! > 0.5 ? 1 : 0;
    count[b]!++;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) if (count[b]! > 0) out.push({ predicted: sum[b]! / count[b]!, observed: pos[b]! / count[b]!, rows: count[b]! });
  return out;
}

export interface Histogram {
  readonly min: number;
  readonly max: number;
  /** Share of the rows per bucket (sums to 1 over finite values). */
  readonly shares: readonly number[];
}

/** Histograms of several value series over one shared range, so they can be overlaid. */
export function sharedHistograms(series: readonly ((r: number) => number)[], rows: Int32Array, buckets = 20, range?: readonly [number, number]): Histogram[] {
  let min = range ? range[0] : Infinity;
  let max = range ? range[1] : -Infinity;
  if (!range) {
    for (const value of series)
      for (const r of rows) {
        const v = value(r);
        if (Number.isFinite(v)) {
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) return series.map(() => ({ min: 0, max: 1, shares: new Array<number>(buckets).fill(0) }));
  if (max === min) max = min + 1;
  return series.map((value) => {
    const counts = new Array<number>(buckets).fill(0);
    let n = 0;
    for (const r of rows) {
      const v = value(r);
      if (!Number.isFinite(v)) continue;
      const b = Math.min(buckets - 1, Math.max(0, Math.floor(((v - min) / (max - min)) * buckets)));
      counts[b]!++;
      n++;
    }
    return { min, max, shares: counts.map((c) => (n > 0 ? c / n : 0)) };
  });
}

export interface DisagreeingRow {
  /** Index into the chart rows. */
  readonly row: number;
  readonly base: number;
  readonly candidate: number;
  readonly label: number;
}

/** The `limit` rows with the largest |candidate − base| score, largest first (ties: earlier row first). */
export function mostDisagreeing(base: Float32Array, candidate: Float32Array, labels: Float64Array, rows: Int32Array, limit = 20): DisagreeingRow[] {
  const order = Int32Array.from(rows).sort((a, b) => Math.abs(candidate[b]! - base[b]!) - Math.abs(candidate[a]! - base[a]!) || a - b);
  return [...order.subarray(0, limit)].map((row) => ({ row, base: base[row]!, candidate: candidate[row]!, label: labels[row]! }));
}

/** Share of rows whose predicted class differs at `threshold` (binary) or whose predictions differ by > tolerance. */
export function disagreementRate(base: Float32Array, candidate: Float32Array, rows: Int32Array, binary: boolean, tolerance: number, threshold = 0.5): number {
  if (rows.length === 0) return 0;
  let n = 0;
  for (const r of rows) {
    if (binary ? base[r]! >= threshold !== candidate[r]! >= threshold : Math.abs(base[r]! - candidate[r]!) > tolerance) n++;
  }
  return n / rows.length;
}
