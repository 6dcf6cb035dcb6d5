import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import type { MetricInput, MetricName } from '../../../src/core/model/metrics.js';
import { metricsByTask, scoreOrder } from '../../../src/core/model/metrics.js';
import { countDraws, pairedBootstrap } from '../../../src/core/model/pairedBootstrap.js';
import { compareManyVersions, compareVersions } from '../../../src/core/model/compareVersions.js';
import type { OpenedModel } from '../../../src/core/model/openModel.js';
import { openModel } from '../../../src/core/model/openModel.js';
import { seededRandom } from '../../../src/core/model/seededRandom.js';
import type { Progress } from '../../../src/core/data/job.js';
import { readNaiveCsv, sourceOf, taxiEval } from './naiveCsv.js';
import { referenceBootstrap, referenceScoreOrder } from './referenceBootstrap.js';
import { threeVersionModel } from './threeVersions.js';

/** Scores rounded to a coarse grid, so many rows tie (AUC's tie groups are exercised). */
function synthetic(task: 'binary' | 'regression' | 'multiclass', n: number, versions: number, seed: number): MetricInput[] {
  const random = seededRandom(seed);
  const k = task === 'multiclass' ? 3 : 1;
  const labels = Float64Array.from({ length: n }, () => (task === 'regression' ? random() * 10 : Math.floor(random() * (task === 'binary' ? 2 : 3))));
  return Array.from({ length: versions }, () => {
    const scores = new Float32Array(n * k);
    for (let r = 0; r < n; r++) {
      if (task === 'regression') scores[r] = labels[r]! + (random() - 0.5) * 3;
      else if (task === 'binary') scores[r] = Math.round((labels[r]! * 0.4 + random() * 0.6) * 50) / 50;
      else {
        let sum = 0;
        for (let c = 0; c < k; c++) sum += scores[r * k + c] = random() + (labels[r] === c ? 0.5 : 0);
        for (let c = 0; c < k; c++) scores[r * k + c] = scores[r * k + c]! / sum;
      }
    }
    return { task, scores, k, labels };
  });
}

function slicesOf(n: number, parts: number): Int32Array[] {
  return Array.from({ length: parts }, (_, p) => Int32Array.from({ length: n }, (_v, i) => i).filter((i) => i % parts === p));
}

describe('score order', () => {
  test('the packed native sort gives the comparator sort order: ties by row, -0 with 0, subsets, and the fallback', () => {
    const random = seededRandom(9);
    const n = 5000;
    const scores = Float32Array.from({ length: n }, () => Math.round(random() * 40) / 40);
    scores[7] = -0;
    scores[8] = 0;
    scores[9] = 1;
    const input: MetricInput = { task: 'binary', scores, k: 1, labels: new Float64Array(n) };
    assert.deepEqual(scoreOrder(input), referenceScoreOrder(input));
    const subset = Int32Array.from({ length: n / 5 }, (_, i) => (i * 7919) % n);
    assert.deepEqual(scoreOrder(input, subset), referenceScoreOrder(input, subset));
    // Negative scores cannot be keyed by their bits: the comparator sort is used, with the same result.
    const signed: MetricInput = { ...input, scores: scores.map((s, i) => (i % 3 === 0 ? -s : s)) };
    assert.deepEqual(scoreOrder(signed), referenceScoreOrder(signed));
  });
});

describe('paired bootstrap', () => {
  for (const task of ['binary', 'regression', 'multiclass'] as const) {
    test(`${task}: bit-identical to recomputing every metric per replicate (3 versions, 2 slices, seed 5)`, async () => {
      const n = 2000;
      const inputs = synthetic(task, n, 3, 11);
      const orders = inputs.map((i) => referenceScoreOrder(i));
      const sliceOrders = slicesOf(n, 2).map((rows) => inputs.map((i) => referenceScoreOrder(i, rows)));
      const names = metricsByTask[task];
      const metric: MetricName = task === 'regression' ? 'rmse' : 'logLoss';
      const fast = await pairedBootstrap(inputs, orders, sliceOrders, 0, [1, 2], names, metric, { replicates: 40, seed: 5 });
      const slow = referenceBootstrap(inputs, orders, sliceOrders, 0, [1, 2], names, metric, { replicates: 40, seed: 5 });
      // Overall: the same draws, the same score-order sums: bit-identical.
      assert.deepEqual(fast.overall, slow.overall);
      assert.equal(fast.overall[0]![0]!.length, 40);
      assert.notDeepEqual(fast.overall[0], fast.overall[1], 'each candidate has its own deltas');
      // Slices: the same draws, but the loss sums run in row order, not score order: equal up to rounding.
      assert.equal(fast.slices.flat(2).length, slow.slices.flat(2).length);
      fast.slices.flat(2).forEach((d, i) => {
        const ref = slow.slices.flat(2)[i]!;
        assert.ok(Math.abs(d - ref) <= 1e-12 * Math.max(1, Math.abs(ref)), `slice delta ${i}: ${d} vs ${ref}`);
      });
    });
  }

  test('slices judged on AUC keep the score order: bit-identical', async () => {
    const n = 2000;
    const inputs = synthetic('binary', n, 2, 12);
    const orders = inputs.map((i) => referenceScoreOrder(i));
    const sliceOrders = slicesOf(n, 3).map((rows) => inputs.map((i) => referenceScoreOrder(i, rows)));
    const fast = await pairedBootstrap(inputs, orders, sliceOrders, 0, [1], ['auc', 'logLoss'], 'auc', { replicates: 30, seed: 2 });
    assert.deepEqual(fast, referenceBootstrap(inputs, orders, sliceOrders, 0, [1], ['auc', 'logLoss'], 'auc', { replicates: 30, seed: 2 }));
    assert.equal(fast.slices[0]![0]!.length, 30);
  });

  test('counts are bytes until a row is drawn more than 255 times, then 32-bit', () => {
    const small = new Uint8Array(4);
    const bytes = countDraws(Int32Array.from([0, 1, 1, 3]), small);
    assert.ok(bytes instanceof Uint8Array);
    assert.deepEqual([...bytes], [1, 2, 0, 1]);
    const many = countDraws(Int32Array.from({ length: 300 }, (_, i) => (i < 299 ? 2 : 0)), small);
    assert.ok(many instanceof Uint32Array);
    assert.deepEqual([...many], [1, 0, 299, 0]);
  });

  test('reports bootstrap k/N per replicate and stops between replicates when aborted', async () => {
    const inputs = synthetic('binary', 500, 2, 3);
    const orders = inputs.map((i) => scoreOrder(i));
    const seen: Progress[] = [];
    await pairedBootstrap(inputs, orders, [], 0, [1], ['logLoss'], 'logLoss', { replicates: 5, seed: 1, onProgress: (p) => seen.push(p) });
    assert.deepEqual(
      seen.map((p) => [p.message, p.done, p.total, p.unit]),
      [1, 2, 3, 4, 5].map((k) => [`bootstrap ${k}/5`, k, 5, 'steps']),
    );
    const controller = new AbortController();
    let done = 0;
    await assert.rejects(
      pairedBootstrap(inputs, orders, [], 0, [1], ['logLoss'], 'logLoss', {
        replicates: 100,
        seed: 1,
        signal: controller.signal,
        onProgress: (p) => {
          done = p.done;
          if (p.done === 3) controller.abort();
        },
      }),
      { name: 'AbortError' },
    );
    assert.equal(done, 3);
  });
});

describe('many versions against one base', () => {
  let root: string;
  let models: OpenedModel[];
  const evalSource = sourceOf(readNaiveCsv(taxiEval, 1500).batches);
  before(async () => {
    root = threeVersionModel();
    models = [];
    for (const version of [1, 2, 3]) models.push(await openModel(root, { version }));
  });
  after(() => {
    for (const m of models) m.dispose();
    rmSync(path.dirname(root), { recursive: true, force: true });
  });

  test('one pair report per candidate, each equal to comparing that pair alone', async () => {
    const [v1, v2, v3] = models as [OpenedModel, OpenedModel, OpenedModel];
    const options = { replicates: 60, seed: 3, attributionRows: 50 };
    const many = await compareManyVersions(v1, [v2, v3], evalSource, options);
    assert.equal(many.base, 'taxi_model/1');
    assert.deepEqual(many.candidates, ['taxi_model/2', 'taxi_model/3']);
    assert.equal(many.comparisons.length, 2);
    assert.equal(many.rows, 5000);
    assert.deepEqual(many.comparisons[0], await compareVersions(v1, v2, evalSource, options));
    assert.deepEqual(many.comparisons[1], await compareVersions(v1, v3, evalSource, options));
  });

  test('the shifted copy is worse on log loss only: its own verdict, its own intervals, the same attributions shape', async () => {
    const [v1, v2, v3] = models as [OpenedModel, OpenedModel, OpenedModel];
    const many = await compareManyVersions(v1, [v2, v3], evalSource, { replicates: 60, seed: 3, attributionRows: 50 });
    const [c2, c3] = many.comparisons as [(typeof many.comparisons)[number], (typeof many.comparisons)[number]];
    const metric = (c: typeof c2, name: string) => c.metrics.find((m) => m.metric === name)!;
    assert.equal(c2.gate.decision, 'ROLL BACK');
    assert.equal(c3.gate.decision, 'ROLL BACK');
    assert.equal(metric(c3, 'logLoss').verdict, 'worse');
    // A shifted bias changes no ranking: AUC is the same, with a zero-width interval.
    assert.equal(metric(c3, 'auc').delta, 0);
    assert.deepEqual(metric(c3, 'auc').ci, [0, 0]);
    assert.notEqual(metric(c2, 'auc').delta, 0);
    assert.ok(c3.disagreement.rate > 0 && c3.disagreement.rate < c2.disagreement.rate, `${c3.disagreement.rate} vs ${c2.disagreement.rate}`);
    assert.equal(c3.attributionChanges.length, c2.attributionChanges.length);
    assert.ok(c2.attributionChanges.some((a) => a.feature === 'payment_type' && a.inBase && a.candidate === 0));
  });

  test('no candidate is an error', async () => {
    await assert.rejects(compareManyVersions(models[0]!, [], evalSource), /at least one candidate/);
  });
});
