/**
 * The paired bootstrap behind version comparison, for any number of versions against one base. Each replicate
 * redraws the rows with replacement (as per-row counts, one draw shared by every version, so each interval is for
 * a paired difference) and recomputes every version's metrics on it — overall, and the judged metric per slice.
 *
 * Fast because everything that does not depend on the draw is computed once per (version, subset): the rows in
 * score order, each row's log-likelihood term, its label and predicted-class flags, the score-tie groups AUC needs.
 * A replicate is then one pass of multiply-adds per subset. The draws are those of the seeded generator as
 * before, and the overall sums run in the same order as `computeMetrics` over the same score order, so for a
 * fixed seed the overall deltas are bit-identical to recomputing the metrics from the rows. A slice needs only
 * the judged metric; unless that is AUC its sums run in row order, reading the counts front to back instead of
 * jumping through them in score order (the jumps, cache misses on 1M rows, are most of a pass's time), so slice
 * deltas differ from the score-order sums by rounding alone (pairedBootstrap.test.ts checks both against the
 * old implementation, test/core/model/referenceBootstrap.ts).
 */
import type { JobOptions } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import type { MetricInput, MetricName, TaskMetrics } from './metrics.js';
import { EPS, binaryFromSums, metricValue, multiclassFromSums, regressionFromSums } from './metrics.js';
import { seededRandom } from './seededRandom.js';

export interface BootstrapOptions extends JobOptions {
  readonly replicates: number;
  readonly seed: number;
}

export interface BootstrapSamples {
  /** [candidate][metric] the finite deltas candidate − base, one per replicate where both were defined. */
  readonly overall: number[][][];
  /** [candidate][slice] the same for the judged metric on each slice. */
  readonly slices: number[][][];
}

/** A subset's draw-independent terms, in score order. */
type Prepared =
  | { readonly task: 'binary'; readonly rows: Int32Array; readonly term: Float64Array; readonly score: Float64Array; readonly flags: Uint8Array; readonly groupEnd: Int32Array; readonly threshold: number; readonly ordered: boolean }
  | { readonly task: 'regression'; readonly rows: Int32Array; readonly error: Float64Array; readonly label: Float64Array; readonly score: Float64Array }
  | { readonly task: 'multiclass'; readonly rows: Int32Array; readonly term: Float64Array; readonly correct: Uint8Array };

/** How often each row was drawn: bytes while no row is drawn more than 255 times (always, in practice). */
export type Counts = Uint8Array | Uint32Array;

const POSITIVE = 1;
const PREDICTED_POSITIVE = 2;

/**
 * Precomputes the terms of `computeMetrics(input, order, ·)` that do not depend on the weights. With `ordered`
 * false the rows may be in any order and AUC is not computed (null).
 */
export function prepareSubset(input: MetricInput, order: Int32Array, ordered = true): Prepared {
  const { scores, labels, k } = input;
  const m = order.length;
  switch (input.task) {
    case 'binary': {
      const threshold = input.threshold ?? 0.5;
      const term = new Float64Array(m);
      const score = new Float64Array(m);
      const flags = new Uint8Array(m);
      const ends: number[] = [];
      for (let j = 0; j < m; j++) {
        const r = order[j]!;
        const s = scores[r]!;
        const p = Math.min(1 - EPS, Math.max(EPS, s));
        const positive = labels[r] === 1;
        term[j] = positive ? Math.log(p) : Math.log(1 - p);
        score[j] = s;
        flags[j] = (positive ? POSITIVE : 0) | (s >= threshold ? PREDICTED_POSITIVE : 0);
        if (ordered && (j + 1 === m || scores[order[j + 1]!] !== s)) ends.push(j + 1);
      }
      if (!ordered) ends.push(m);
      return { task: 'binary', rows: order, term, score, flags, groupEnd: Int32Array.from(ends), threshold, ordered };
    }
    case 'regression': {
      const error = new Float64Array(m);
      const label = new Float64Array(m);
      const score = new Float64Array(m);
      for (let j = 0; j < m; j++) {
        const r = order[j]!;
        error[j] = scores[r]! - labels[r]!;
        label[j] = labels[r]!;
        score[j] = scores[r]!;
      }
      return { task: 'regression', rows: order, error, label, score };
    }
    case 'multiclass': {
      const term = new Float64Array(m);
      const correct = new Uint8Array(m);
      for (let j = 0; j < m; j++) {
        const r = order[j]!;
        let best = 0;
        for (let c = 1; c < k; c++) if (scores[r * k + c]! > scores[r * k + best]!) best = c;
        const y = labels[r]!;
        correct[j] = best === y ? 1 : 0;
        term[j] = Math.log(Math.min(1 - EPS, Math.max(EPS, scores[r * k + y]!)));
      }
      return { task: 'multiclass', rows: order, term, correct };
    }
  }
}

/** The subset's metrics under per-row weights (a multiclass result has no confusion matrix: no delta reads it). */
export function weightedMetrics(p: Prepared, weights: Counts): TaskMetrics {
  const rows = p.rows;
  switch (p.task) {
    case 'binary': {
      const { term, score, flags, groupEnd } = p;
      let count = 0;
      let pos = 0;
      let tp = 0;
      let fp = 0;
      let tn = 0;
      let fn = 0;
      let loss = 0;
      let predSum = 0;
      let negBelow = 0;
      let aucNumerator = 0;
      let j = 0;
      for (let g = 0; g < groupEnd.length; g++) {
        const end = groupEnd[g]!;
        let groupPos = 0;
        let groupNeg = 0;
        for (; j < end; j++) {
          const w = weights[rows[j]!]!;
          if (w === 0) continue;
          const f = flags[j]!;
          count += w;
          predSum += w * score[j]!;
          loss -= w * term[j]!;
          if (f & POSITIVE) {
            pos += w;
            groupPos += w;
            if (f & PREDICTED_POSITIVE) tp += w;
            else fn += w;
          } else {
            groupNeg += w;
            if (f & PREDICTED_POSITIVE) fp += w;
            else tn += w;
          }
        }
        aucNumerator += groupPos * negBelow + 0.5 * groupPos * groupNeg;
        negBelow += groupNeg;
      }
      const metrics = binaryFromSums({ count, pos, tp, fp, tn, fn, loss, predSum, aucNumerator }, p.threshold);
      return p.ordered ? metrics : { ...metrics, auc: null };
    }
    case 'regression': {
      const { error, label, score } = p;
      let count = 0;
      let abs = 0;
      let sq = 0;
      let ySum = 0;
      let predSum = 0;
      for (let j = 0; j < rows.length; j++) {
        const w = weights[rows[j]!]!;
        if (w === 0) continue;
        const e = error[j]!;
        count += w;
        abs += w * Math.abs(e);
        sq += w * e * e;
        ySum += w * label[j]!;
        predSum += w * score[j]!;
      }
      const meanLabel = ySum / count;
      let ss = 0;
      for (let j = 0; j < rows.length; j++) {
        const d = label[j]! - meanLabel;
        ss += weights[rows[j]!]! * d * d;
      }
      return regressionFromSums(count, abs, sq, ss, meanLabel, predSum);
    }
    case 'multiclass': {
      const { term, correct } = p;
      let count = 0;
      let right = 0;
      let loss = 0;
      for (let j = 0; j < rows.length; j++) {
        const w = weights[rows[j]!]!;
        if (w === 0) continue;
        count += w;
        if (correct[j]) right += w;
        loss -= w * term[j]!;
      }
      return multiclassFromSums(count, right, loss, []);
    }
  }
}

/** Per-row counts of one replicate's draws (`small` is reused between replicates). */
export function countDraws(draws: Int32Array, small: Uint8Array): Counts {
  small.fill(0);
  for (let i = 0; i < draws.length; i++) {
    const r = draws[i]!;
    if (small[r] === 255) {
      const wide = new Uint32Array(small.length);
      for (const d of draws) wide[d]++;
      return wide;
    }
    small[r]++;
  }
  return small;
}

const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);

/** Yields to the event loop so an abort can arrive while the replicates run (at most every 100 ms). */
function breather(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < 100) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}

/**
 * Runs the replicates. `orders[v]` is version v's overall score order (scoreOrder), `sliceOrders[s][v]` its order
 * on slice s. Progress is reported per replicate (`bootstrap k/N`, unit 'steps'); the signal is honoured between
 * replicates.
 */
export async function pairedBootstrap(
  inputs: readonly MetricInput[],
  orders: readonly Int32Array[],
  sliceOrders: readonly (readonly Int32Array[])[],
  base: number,
  candidates: readonly number[],
  names: readonly MetricName[],
  metric: MetricName,
  options: BootstrapOptions,
): Promise<BootstrapSamples> {
  const n = inputs[base]!.labels.length;
  const overall = candidates.map(() => names.map(() => [] as number[]));
  const slices = candidates.map(() => sliceOrders.map(() => [] as number[]));
  const versions = [base, ...candidates.filter((c) => c !== base)];
  const whole = new Map(versions.map((v) => [v, prepareSubset(inputs[v]!, orders[v]!)]));
  const inRowOrder = metric !== 'auc';
  const bySlice = sliceOrders.map(
    (perVersion) => new Map(versions.map((v) => [v, inRowOrder ? prepareSubset(inputs[v]!, Int32Array.from(perVersion[v]!).sort(), false) : prepareSubset(inputs[v]!, perVersion[v]!)])),
  );
  const random = seededRandom(options.seed);
  const draws = new Int32Array(n);
  // Counts as bytes: the passes read them in score order (random access), and a quarter of the memory misses the
  // cache less. A row drawn more than 255 times (possible in principle) sends that replicate to 32-bit counts.
  const small = new Uint8Array(n);
  const pause = breather();
  for (let b = 0; b < options.replicates && n > 0; b++) {
    throwIfAborted(options.signal);
    for (let i = 0; i < n; i++) draws[i] = Math.floor(random() * n);
    const counts = countDraws(draws, small);
    const values = new Map(versions.map((v) => [v, weightedMetrics(whole.get(v)!, counts)]));
    candidates.forEach((c, ci) => {
      const mb = values.get(base)!;
      const mc = values.get(c)!;
      names.forEach((name, j) => {
        const vb = metricValue(mb, name);
        const vc = metricValue(mc, name);
        if (finite(vb) && finite(vc)) overall[ci]![j]!.push(vc - vb);
      });
    });
    bySlice.forEach((prepared, s) => {
      const sliceValues = new Map(versions.map((v) => [v, metricValue(weightedMetrics(prepared.get(v)!, counts), metric)]));
      candidates.forEach((c, ci) => {
        const vb = sliceValues.get(base)!;
        const vc = sliceValues.get(c)!;
        if (finite(vb) && finite(vc)) slices[ci]![s]!.push(vc - vb);
      });
    });
    options.onProgress?.({ done: b + 1, total: options.replicates, unit: 'steps', message: `bootstrap ${b + 1}/${options.replicates}` });
    await pause();
  }
  return { overall, slices };
}
