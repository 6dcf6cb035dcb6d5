import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BinaryMetrics, MetricInput, MulticlassMetrics, RegressionMetrics } from '../../../src/core/model/metrics.js';
import { computeMetrics, scoreOrder } from '../../../src/core/model/metrics.js';
import { jensenShannonDivergence, lInfinityDistance, equalWidthHistogram } from '../../../src/core/model/histogramDistance.js';

const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) <= eps, `${a} vs ${b}`);

function binary(scores: number[], labels: number[], threshold = 0.5): MetricInput {
  return { task: 'binary', scores: Float32Array.from(scores), k: 1, labels: Float64Array.from(labels), threshold };
}

describe('metrics', () => {
  test('binary metrics equal brute-force definitions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { minLength: 1, maxLength: 60 }),
        (rows) => {
          // Scores on a coarse grid so ties happen.
          const s = rows.map(([v]) => Math.fround(v / 20));
          const y = rows.map(([, b]) => (b ? 1 : 0));
          const input = binary(s, y);
          const m = computeMetrics(input, scoreOrder(input)) as BinaryMetrics;
          let pairs = 0;
          let wins = 0;
          for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) {
            if (y[i] === 1 && y[j] === 0) {
              pairs++;
              wins += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
            }
          }
          if (pairs === 0) assert.equal(m.auc, null);
          else close(m.auc!, wins / pairs);
          const pred = s.map((v) => (v >= 0.5 ? 1 : 0));
          close(m.accuracy, pred.filter((p, i) => p === y[i]).length / s.length);
          const eps = 1e-7;
          const ll = -s.reduce((a, p, i) => a + (y[i] ? Math.log(Math.min(1 - eps, Math.max(eps, p))) : Math.log(1 - Math.min(1 - eps, Math.max(eps, p)))), 0) / s.length;
          close(m.logLoss, ll);
          const tp = pred.filter((p, i) => p === 1 && y[i] === 1).length;
          const fp = pred.filter((p, i) => p === 1 && y[i] === 0).length;
          assert.deepEqual(m.confusion, { tp, fp, tn: pred.filter((p, i) => p === 0 && y[i] === 0).length, fn: pred.filter((p, i) => p === 0 && y[i] === 1).length });
          assert.equal(m.precision, tp + fp > 0 ? tp / (tp + fp) : null);
        },
      ),
    );
  });

  test('integer weights equal duplicated rows (what the bootstrap relies on)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), fc.integer({ min: 0, max: 3 })), { minLength: 2, maxLength: 40 }), (rows) => {
        const weighted = binary(rows.map((r) => r[0]), rows.map((r) => (r[1] ? 1 : 0)));
        const w = Uint32Array.from(rows.map((r) => r[2]));
        const dup = rows.flatMap((r) => Array.from({ length: r[2] }, () => r));
        if (dup.length === 0) return;
        const expanded = binary(dup.map((r) => r[0]), dup.map((r) => (r[1] ? 1 : 0)));
        const a = computeMetrics(weighted, scoreOrder(weighted), w) as BinaryMetrics;
        const b = computeMetrics(expanded, scoreOrder(expanded)) as BinaryMetrics;
        close(a.logLoss, b.logLoss, 1e-9);
        close(a.accuracy, b.accuracy);
        if (b.auc === null) assert.equal(a.auc, null);
        else close(a.auc!, b.auc, 1e-12);
      }),
    );
  });

  test('regression: MAE, RMSE, R²', () => {
    const input: MetricInput = { task: 'regression', scores: Float32Array.from([1, 2, 4]), k: 1, labels: Float64Array.from([1, 3, 2]) };
    const m = computeMetrics(input, scoreOrder(input)) as RegressionMetrics;
    close(m.mae, 1);
    close(m.rmse, Math.sqrt(5 / 3));
    close(m.r2!, 1 - 5 / 2); // SS_tot = (1-2)²+(3-2)²+(2-2)² = 2
  });

  test('multiclass: accuracy and confusion matrix (actual × predicted)', () => {
    const input: MetricInput = { task: 'multiclass', scores: Float32Array.from([0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.5, 0.1, 0.4]), k: 3, labels: Float64Array.from([0, 1, 2]) };
    const m = computeMetrics(input, scoreOrder(input)) as MulticlassMetrics;
    close(m.accuracy, 2 / 3);
    assert.deepEqual(m.confusion, [[1, 0, 0], [0, 1, 0], [1, 0, 0]]);
    close(m.logLoss, -(Math.log(Math.fround(0.7)) + Math.log(Math.fround(0.8)) + Math.log(Math.fround(0.4))) / 3, 1e-12);
  });
});

describe('histogram distances', () => {
  test('L-infinity and Jensen–Shannon (log2)', () => {
    close(lInfinityDistance([1, 1], [1, 3]), 0.25);
    close(jensenShannonDivergence([1, 0], [0, 1]), 1);
    close(jensenShannonDivergence([2, 2], [5, 5]), 0);
    // P = (0.5, 0.5), Q = (1, 0): M = (0.75, 0.25)
    const want = 0.5 * (0.5 * Math.log2(0.5 / 0.75) + 0.5 * Math.log2(0.5 / 0.25)) + 0.5 * Math.log2(1 / 0.75);
    close(jensenShannonDivergence([1, 1], [1, 0]), want);
  });
  test('equal-width buckets: low bound exclusive except the first', () => {
    assert.deepEqual(equalWidthHistogram([0, 0.1, 0.15, 0.2, 1], 0, 1, 10), [2, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
});
