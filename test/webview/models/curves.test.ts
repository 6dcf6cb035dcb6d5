import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRows, calibration, disagreementRate, mostDisagreeing, prCurve, rocCurve, rowsWithCode, sharedHistograms } from '../../../webview/models/curves.js';

const f32 = (xs: number[]): Float32Array => Float32Array.from(xs);
const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);

test('ROC: perfect ranking has AUC 1, reversed 0, one class only is undefined', () => {
  const labels = f64([0, 0, 1, 1]);
  assert.equal(rocCurve(f32([0.1, 0.2, 0.8, 0.9]), labels, allRows(4))?.auc, 1);
  assert.equal(rocCurve(f32([0.9, 0.8, 0.2, 0.1]), labels, allRows(4))?.auc, 0);
  assert.equal(rocCurve(f32([0.1, 0.2]), f64([1, 1]), allRows(2)), undefined);
  const roc = rocCurve(f32([0.1, 0.2, 0.8, 0.9]), labels, allRows(4))!;
  assert.deepEqual(roc.points[0], { x: 0, y: 0 });
  assert.deepEqual(roc.points.at(-1), { x: 1, y: 1 });
});

test('ROC: tied scores make one diagonal step (AUC 0.5), as the rank statistic counts ties half', () => {
  const roc = rocCurve(f32([0.5, 0.5, 0.5, 0.5]), f64([0, 1, 0, 1]), allRows(4))!;
  assert.equal(roc.auc, 0.5);
  assert.equal(roc.points.length, 2);
});

test('ROC on a subset uses only those rows', () => {
  // Rows 0 and 3 alone are perfectly ranked; all four are not.
  const scores = f32([0.1, 0.9, 0.2, 0.8]);
  const labels = f64([0, 0, 1, 1]);
  assert.equal(rocCurve(scores, labels, Int32Array.from([0, 3]))?.auc, 1);
  assert.equal(rocCurve(scores, labels, allRows(4))?.auc, 0.5);
});

test('precision–recall: precision at each distinct score, recall rising to 1', () => {
  const pr = prCurve(f32([0.9, 0.8, 0.7, 0.1]), f64([1, 0, 1, 0]), allRows(4))!;
  assert.deepEqual(pr, [
    { x: 0.5, y: 1 },
    { x: 0.5, y: 0.5 },
    { x: 1, y: 2 / 3 },
    { x: 1, y: 0.5 },
  ]);
  assert.equal(prCurve(f32([0.3]), f64([0]), allRows(1)), undefined);
});

test('calibration: mean predicted vs observed positive rate per bin, empty bins left out', () => {
  const bins = calibration(f32([0.05, 0.15, 0.95, 0.91]), f64([0, 1, 1, 0]), allRows(4), 10);
  assert.equal(bins.length, 3);
  assert.ok(Math.abs(bins[2]!.predicted - 0.93) < 1e-6);
  assert.equal(bins[2]!.observed, 0.5);
  assert.equal(bins[2]!.rows, 2);
});

test('shared histograms cover both series on one range; shares sum to 1', () => {
  const a = [0, 1, 2, 3];
  const b = [2, 3, 4, 5];
  const [ha, hb] = sharedHistograms([(r) => a[r]!, (r) => b[r]!], allRows(4), 5);
  assert.equal(ha!.min, 0);
  assert.equal(ha!.max, 5);
  assert.equal(hb!.min, 0);
  assert.ok(Math.abs(ha!.shares.reduce((x, y) => x + y, 0) - 1) < 1e-12);
  assert.equal(hb!.shares[4], 0.5);
});

test('most disagreeing rows: largest |Δ| first, ties by row; the rate counts class flips', () => {
  const base = f32([0.1, 0.9, 0.5, 0.4]);
  const cand = f32([0.2, 0.1, 0.5, 0.6]);
  const top = mostDisagreeing(base, cand, f64([0, 1, 0, 1]), allRows(4), 2);
  assert.deepEqual(top.map((d) => d.row), [1, 3]);
  assert.equal(disagreementRate(base, cand, allRows(4), true, 0), 0.5);
  assert.deepEqual([...rowsWithCode(Int32Array.from([0, 1, 0, 2]), 0)], [0, 2]);
});
