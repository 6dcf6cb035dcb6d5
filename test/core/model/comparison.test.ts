import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openModel } from '../../../src/core/model/openModel.js';
import type { OpenedModel } from '../../../src/core/model/openModel.js';
import { compareVersions } from '../../../src/core/model/compareVersions.js';
import { evaluateModel } from '../../../src/core/model/evaluation.js';
import { predictionSkew } from '../../../src/core/model/predictionSkew.js';
import type { BinaryMetrics } from '../../../src/core/model/metrics.js';
import { readCsvRecords, readNaiveCsv, sourceOf, taxiEval, taxiServing, taxiTrain } from './naiveCsv.js';
import { fixtureModel, readDenseLayers, readSpec, referenceForward, referenceTransform } from './reference.js';

let v1: OpenedModel;
let v2: OpenedModel;
const evalSource = sourceOf(readNaiveCsv(taxiEval, 1500).batches);
const records = readCsvRecords(taxiEval);

before(async () => {
  v1 = await openModel(fixtureModel, { version: 1 });
  v2 = await openModel(fixtureModel, { version: 2 });
});
after(() => {
  v1.dispose();
  v2.dispose();
});

describe('evaluation', () => {
  test('overall and per-slice metrics match an independent computation', async () => {
    const report = await evaluateModel(v1, evalSource, { sliceBy: ['payment_type'] });
    const spec = readSpec(v1.dir);
    const layers = readDenseLayers(v1.dir);
    const p = records.map((r) => referenceForward(layers, referenceTransform(spec, r)!)[0]!);
    const y = records.map((r) => (Number(r.tips) > 0.2 * Number(r.fare) ? 1 : 0));
    const acc = (idx: number[]): number => idx.filter((i) => (p[i]! >= 0.5 ? 1 : 0) === y[i]).length / idx.length;
    const all = records.map((_, i) => i);
    const overall = report.overall as BinaryMetrics;
    assert.equal(report.rows, 5000);
    assert.equal(report.skipped, 0);
    assert.equal(overall.count, 5000);
    assert.equal(overall.positives, y.reduce((a: number, b) => a + b, 0));
    assert.ok(Math.abs(overall.accuracy - acc(all)) < 1e-9);
    const ll = -all.reduce((a, i) => a + Math.log(y[i] ? p[i]! : 1 - p[i]!), 0) / all.length;
    assert.ok(Math.abs(overall.logLoss - ll) < 1e-5);
    assert.ok(overall.auc! > 0.9);
    const cashRows = all.filter((i) => records[i]!.payment_type === 'Cash');
    const cash = report.slices.find((s) => s.feature === 'payment_type' && s.value === 'Cash')!;
    assert.equal(cash.metrics.count, cashRows.length);
    assert.ok(Math.abs((cash.metrics as BinaryMetrics).accuracy - acc(cashRows)) < 1e-9);
    assert.equal((cash.metrics as BinaryMetrics).auc, null); // no Cash rider tips in eval.csv
  });

  test('rows without a label are skipped with an issue each', async () => {
    const report = await evaluateModel(v1, sourceOf(readNaiveCsv(taxiServing).batches));
    assert.equal(report.rows, 0);
    assert.equal(report.skipped, 100);
    assert.equal(report.issues[0]!.code, 'MODEL_LABEL_MISSING');
  });
});

describe('version comparison', () => {
  test('finds that version 2 (no payment_type) is worse, on the Cash slice among others, and says roll back', async () => {
    const report = await compareVersions(v1, v2, evalSource, { replicates: 100, seed: 3, attributionRows: 100 });
    assert.equal(report.base, 'taxi_model/1');
    assert.equal(report.candidate, 'taxi_model/2');
    assert.equal(report.rows, 5000);
    const logLoss = report.metrics.find((m) => m.metric === 'logLoss')!;
    assert.equal(logLoss.verdict, 'worse');
    assert.ok(logLoss.ci![0] > 0 && logLoss.delta! >= logLoss.ci![0] && logLoss.delta! <= logLoss.ci![1]);
    const cash = report.worseSlices.find((s) => s.feature === 'payment_type' && s.value === 'Cash');
    assert.ok(cash, `Cash not among worse slices: ${report.worseSlices.map((s) => `${s.feature}=${s.value}`).join(', ')}`);
    assert.ok(cash.candidate! > 100 * cash.base!, 'v1 is nearly certain on Cash, v2 is not');
    assert.equal(report.recommendation.decision, 'roll back');
    assert.match(report.recommendation.reason, /^taxi_model\/2 against taxi_model\/1 fails the gate: logLoss Δ \+[\d.]+, 95% interval \[\+[\d.]+, \+[\d.]+\]: the whole interval misses Δ < 0\.$/);
    assert.equal(report.gate.decision, 'ROLL BACK');
    assert.equal(report.gate.decidedBy, 'logLoss Δ < 0 over the whole 95% interval');
    assert.ok(report.gate.checks.some((c) => c.kind === 'slice' && c.scope === 'payment_type=Cash' && c.status === 'fail'));
    // Disagreement: share of rows with different predicted classes, counted independently.
    const s1 = readSpec(v1.dir);
    const s2 = readSpec(v2.dir);
    const l1 = readDenseLayers(v1.dir);
    const l2 = readDenseLayers(v2.dir);
    const differ = records.filter((r) => referenceForward(l1, referenceTransform(s1, r)!)[0]! >= 0.5 !== referenceForward(l2, referenceTransform(s2, r)!)[0]! >= 0.5).length;
    assert.equal(report.disagreement.rows, differ);
    // Attributions: payment_type lost all of its attribution.
    const pay = report.attributionChanges.find((a) => a.feature === 'payment_type')!;
    assert.equal(pay.inCandidate, false);
    assert.equal(pay.candidate, 0);
    assert.ok(pay.base > 0.1);
    assert.equal(report.attributionChanges[0]!.feature, 'payment_type');
  });

  test('is deterministic for a seed', async () => {
    const a = await compareVersions(v1, v2, evalSource, { replicates: 50, seed: 11, attributionRows: 0 });
    const b = await compareVersions(v1, v2, evalSource, { replicates: 50, seed: 11, attributionRows: 0 });
    assert.deepEqual(a.metrics, b.metrics);
    assert.deepEqual(a.slices, b.slices);
    const c = await compareVersions(v1, v2, evalSource, { replicates: 50, seed: 12, attributionRows: 0 });
    assert.notDeepEqual(a.metrics.map((m) => m.ci), c.metrics.map((m) => m.ci));
  });

  test('a version against itself: no difference, no disagreement, inconclusive', async () => {
    const r = await compareVersions(v1, v1, evalSource, { replicates: 50, attributionRows: 0 });
    assert.equal(r.disagreement.rate, 0);
    assert.ok(r.metrics.every((m) => m.delta === 0 || m.delta === null));
    assert.equal(r.worseSlices.length, 0);
    assert.equal(r.recommendation.decision, 'inconclusive');
  });

  test('the other way round (2 → 1) recommends keeping the new version', async () => {
    const r = await compareVersions(v2, v1, evalSource, { replicates: 50, attributionRows: 0 });
    assert.equal(r.recommendation.decision, 'keep');
  });

  test('a configured gate changes the verdict: a tolerated loss and no slice judging keeps version 2', async () => {
    const gate = { metrics: [{ metric: 'logLoss' as const, change: { absolute: 5 } }, { metric: 'accuracy' as const, lowerBound: 0.5 }], slices: false };
    const r = await compareVersions(v1, v2, evalSource, { replicates: 50, attributionRows: 0, gate });
    assert.equal(r.gate.decision, 'KEEP', r.gate.reason);
    assert.equal(r.recommendation.decision, 'keep');
    assert.match(r.gate.reason, /the whole interval clears Δ < \+5/);
    const strict = await compareVersions(v1, v2, evalSource, { replicates: 50, attributionRows: 0, gate: { metrics: [{ metric: 'accuracy' as const, lowerBound: 0.9999 }], slices: false } });
    assert.equal(strict.gate.decision, 'ROLL BACK');
    assert.equal(strict.gate.decidedBy, 'accuracy ≥ 0.9999');
  });
});

describe('prediction skew', () => {
  test('output histograms on training vs serving data, with L-infinity and JS distances', async () => {
    const report = await predictionSkew(v1, sourceOf(readNaiveCsv(taxiTrain).batches), sourceOf(readNaiveCsv(taxiServing).batches));
    assert.equal(report.training.rows, 10000);
    assert.equal(report.serving.rows, 100);
    assert.equal(report.training.counts.length, 10);
    assert.equal(report.training.counts.reduce((a, b) => a + b, 0), 10000);
    // Independent: bucket the serving predictions by hand.
    const spec = readSpec(v1.dir);
    const layers = readDenseLayers(v1.dir);
    const counts = new Array<number>(10).fill(0);
    for (const r of readCsvRecords(taxiServing)) {
      const p = referenceForward(layers, referenceTransform(spec, r)!)[0]!;
      counts[Math.max(0, Math.min(9, Math.ceil(p * 10) - 1))] += 1;
    }
    assert.deepEqual(report.serving.counts, counts);
    assert.ok(report.lInfinity >= 0 && report.lInfinity <= 1);
    assert.ok(report.jensenShannon >= 0 && report.jensenShannon <= 1);
    const same = await predictionSkew(v1, sourceOf(readNaiveCsv(taxiServing).batches), sourceOf(readNaiveCsv(taxiServing).batches));
    assert.equal(same.lInfinity, 0);
    assert.equal(same.jensenShannon, 0);
  });
});
