/**
 * The paired bootstrap as session 2 wrote it (inside compareVersions), kept as the reference the fast one in
 * src/core/model/pairedBootstrap.ts must equal bit for bit, and as the peer bench/compareModels.ts times: every
 * replicate recomputes every metric from the rows (logs included) through computeMetrics, and the score orders
 * come from a comparator sort.
 */
import type { MetricInput, MetricName } from '../../../src/core/model/metrics.js';
import { comparatorSorted, computeMetrics, metricValue } from '../../../src/core/model/metrics.js';
import { seededRandom } from '../../../src/core/model/seededRandom.js';

/** scoreOrder before the packed sort. */
export function referenceScoreOrder(input: MetricInput, subset?: Int32Array): Int32Array {
  const n = input.labels.length;
  const idx = subset ? Int32Array.from(subset) : Int32Array.from({ length: n }, (_, i) => i);
  return input.task === 'binary' ? comparatorSorted(input.scores, idx) : idx;
}

/** Same arguments and result as pairedBootstrap (base 0 vs each candidate), computed the old way. */
export function referenceBootstrap(
  inputs: readonly MetricInput[],
  orders: readonly Int32Array[],
  sliceOrders: readonly (readonly Int32Array[])[],
  base: number,
  candidates: readonly number[],
  names: readonly MetricName[],
  metric: MetricName,
  options: { replicates: number; seed: number },
): { overall: number[][][]; slices: number[][][] } {
  const n = inputs[base]!.labels.length;
  const overall = candidates.map(() => names.map(() => [] as number[]));
  const slices = candidates.map(() => sliceOrders.map(() => [] as number[]));
  const random = seededRandom(options.seed);
  const counts = new Uint32Array(n);
  const ok = (v: number | null): v is number => v !== null && Number.isFinite(v);
  for (let b = 0; b < options.replicates && n > 0; b++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(random() * n)]++;
    const mb = computeMetrics(inputs[base]!, orders[base]!, counts);
    candidates.forEach((c, ci) => {
      const mc = computeMetrics(inputs[c]!, orders[c]!, counts);
      names.forEach((name, j) => {
        const vb = metricValue(mb, name);
        const vc = metricValue(mc, name);
        if (ok(vb) && ok(vc)) overall[ci]![j]!.push(vc - vb);
      });
      sliceOrders.forEach((perVersion, s) => {
        const vb = metricValue(computeMetrics(inputs[base]!, perVersion[base]!, counts), metric);
        const vc = metricValue(computeMetrics(inputs[c]!, perVersion[c]!, counts), metric);
        if (ok(vb) && ok(vc)) slices[ci]![s]!.push(vc - vb);
      });
    });
  }
  return { overall, slices };
}
