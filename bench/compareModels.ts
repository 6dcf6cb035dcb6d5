/**
 * The version comparison's paired bootstrap: the fast one (src/core/model/pairedBootstrap.ts, per-row terms computed
 * once, one shared draw per replicate) against the one it replaced (test/core/model/referenceBootstrap.ts: every
 * metric recomputed from the rows through computeMetrics per replicate), on the same data in the same run; and the
 * binary score order by the packed native sort against the comparator sort.
 *
 *   npx tsx bench/compareModels.ts [--rows 1000000] [--replicates 20] [--versions 2] [--seed 1]
 *
 * Data: `--rows` synthetic binary rows shaped like the taxi comparison — a 0/1 label, per version a float32
 * P(positive) that depends on it, and two slicing features of 5 and 20 values (the taxi specs' payment_type and
 * company), every slice judged — so each replicate computes 1 + 2 subsets of `--rows` rows per version. Both
 * bootstraps get the same orders and seed; their overall deltas must be identical and their slice deltas equal to
 * 1e-12 (the fast one sums slices in row order; checked, the bench fails otherwise).
 * The ratio is old time / new time; the 200-replicate time a comparison spends is extrapolated from it.
 */
import * as os from 'node:os';
import type { MetricInput } from '../src/core/model/metrics.js';
import { metricsByTask, scoreOrder } from '../src/core/model/metrics.js';
import { pairedBootstrap } from '../src/core/model/pairedBootstrap.js';
import { seededRandom } from '../src/core/model/seededRandom.js';
import { referenceBootstrap, referenceScoreOrder } from '../test/core/model/referenceBootstrap.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const rows = Number(option('rows', '1000000'));
const replicates = Number(option('replicates', '20'));
const versions = Number(option('versions', '2'));
const seed = Number(option('seed', '1'));

const random = seededRandom(seed);
const labels = Float64Array.from({ length: rows }, () => (random() < 0.4 ? 1 : 0));
const inputs: MetricInput[] = Array.from({ length: versions }, (_v, version) => ({
  task: 'binary',
  k: 1,
  labels,
  scores: Float32Array.from({ length: rows }, (_s, r) => Math.min(1, Math.max(0, 0.3 + 0.35 * labels[r]! + (random() - 0.5) * (0.6 + 0.1 * version)))),
}));
const sliceRowsOf = (values: number): Int32Array[] => {
  const lists = Array.from({ length: values }, () => [] as number[]);
  for (let r = 0; r < rows; r++) lists[Math.floor(random() * values)]!.push(r);
  return lists.map((l) => Int32Array.from(l));
};
const slices = [...sliceRowsOf(5), ...sliceRowsOf(20)];
const candidates = Array.from({ length: versions - 1 }, (_c, i) => i + 1);
const names = metricsByTask.binary;

const time = async <T>(f: () => T | Promise<T>): Promise<{ seconds: number; value: T }> => {
  const t0 = performance.now();
  const value = await f();
  return { seconds: (performance.now() - t0) / 1000, value };
};

async function main(): Promise<void> {
  console.error(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${os.cpus().length} cpus; ${rows} rows, ${versions} versions, ${slices.length} slices, ${replicates} replicates`);
  const oldSort = await time(() => [...inputs.map((i) => referenceScoreOrder(i)), ...slices.flatMap((s) => inputs.map((i) => referenceScoreOrder(i, s)))]);
  const newSort = await time(() => [...inputs.map((i) => scoreOrder(i)), ...slices.flatMap((s) => inputs.map((i) => scoreOrder(i, s)))]);
  const sameOrder = oldSort.value.every((o, i) => o.length === newSort.value[i]!.length && o.every((r, j) => r === newSort.value[i]![j]));
  if (!sameOrder) throw new Error('the packed sort and the comparator sort disagree');
  const orders = newSort.value.slice(0, versions);
  const sliceOrders = slices.map((_s, i) => newSort.value.slice(versions * (i + 1), versions * (i + 2)));
  const options = { replicates, seed };
  const fast = await time(() => pairedBootstrap(inputs, orders, sliceOrders, 0, candidates, names, 'logLoss', options));
  const slow = await time(() => referenceBootstrap(inputs, orders, sliceOrders, 0, candidates, names, 'logLoss', options));
  // Overall deltas are bit-identical; slice deltas are summed in row order by the fast one: equal up to rounding.
  if (JSON.stringify(fast.value.overall) !== JSON.stringify(slow.value.overall)) throw new Error('the overall deltas differ');
  const slowSlices = slow.value.slices.flat(2);
  const worst = fast.value.slices.flat(2).reduce((m, d, i) => Math.max(m, Math.abs(d - slowSlices[i]!) / Math.max(1, Math.abs(slowSlices[i]!))), 0);
  if (!(worst <= 1e-12)) throw new Error(`slice deltas differ by ${worst}`);
  const perReplicate = (s: number): string => `${((1000 * s) / replicates).toFixed(1)} ms/replicate, 200 replicates ≈ ${((200 * s) / replicates).toFixed(1)} s`;
  console.log(`score orders (${newSort.value.length} sorts): comparator ${oldSort.seconds.toFixed(2)} s, packed native ${newSort.seconds.toFixed(2)} s, ratio ${(oldSort.seconds / newSort.seconds).toFixed(1)}×`);
  console.log(`bootstrap old: ${slow.seconds.toFixed(2)} s (${perReplicate(slow.seconds)})`);
  console.log(`bootstrap new: ${fast.seconds.toFixed(2)} s (${perReplicate(fast.seconds)})`);
  console.log(`bootstrap ratio old/new: ${(slow.seconds / fast.seconds).toFixed(1)}×; overall deltas identical, slice deltas within ${worst.toExponential(1)} (relative)`);
  console.log(JSON.stringify({ rows, versions, replicates, slices: slices.length, sortOldSeconds: oldSort.seconds, sortNewSeconds: newSort.seconds, bootstrapOldSeconds: slow.seconds, bootstrapNewSeconds: fast.seconds }));
}

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
