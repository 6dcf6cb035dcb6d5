import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openModel } from '../../../src/core/model/openModel.js';
import type { OpenedModel } from '../../../src/core/model/openModel.js';
import { integratedGradients } from '../../../src/core/model/integratedGradients.js';
import { permutationImportance } from '../../../src/core/model/permutationImportance.js';
import { partialDependence } from '../../../src/core/model/partialDependence.js';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import { readCsvRecords, readNaiveCsv, sourceOf, taxiEval } from './naiveCsv.js';
import { fixtureModel, readDenseLayers, readSpec, referenceForward, referenceTransform } from './reference.js';
import { numericSpec, saveDenseModel } from './modelFixtures.js';

let tmp: string;
let v1: OpenedModel;
const records = readCsvRecords(taxiEval);
const evalSource = sourceOf(readNaiveCsv(taxiEval).batches);

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'fw-explain-'));
  v1 = await openModel(fixtureModel, { version: 1 });
});
after(() => {
  v1.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('integrated gradients', () => {
  test('a linear model gets exactly w_j (x_j − b_j)', async () => {
    const dir = path.join(tmp, 'linear');
    await saveDenseModel(dir, [2, -3, 0.5], 1, 'linear', numericSpec(['a', 'b', 'c'], 'regression'));
    const m = await openModel(dir);
    try {
      const ig = await integratedGradients(m, { a: 1, b: 2, c: 4 }, { baseline: { a: 0, b: 1, c: 0 } });
      const byName = Object.fromEntries(ig.attributions.map((a) => [a.feature, a.attribution]));
      assert.ok(Math.abs(byName.a! - 2) < 1e-5);
      assert.ok(Math.abs(byName.b! - -3) < 1e-5);
      assert.ok(Math.abs(byName.c! - 2) < 1e-5);
      assert.ok(Math.abs(ig.completeness.delta - 1) < 1e-5);
      assert.deepEqual(ig.attributions.map((a) => a.feature), ['b', 'a', 'c']); // by |attribution|
    } finally {
      m.dispose();
    }
  });

  test('completeness holds on the taxi model: Σ attributions ≈ f(x) − f(baseline)', async () => {
    const spec = readSpec(v1.dir);
    const layers = readDenseLayers(v1.dir);
    for (const i of [0, 7, 123]) {
      const ig = await integratedGradients(v1, records[i]!);
      const fx = referenceForward(layers, referenceTransform(spec, records[i]!)!)[0]!;
      const fb = referenceForward(layers, new Array(v1.transform.width).fill(0))[0]!;
      assert.ok(Math.abs(ig.prediction - fx) < 1e-5);
      assert.ok(Math.abs(ig.baselinePrediction - fb) < 1e-5);
      const sum = ig.attributions.reduce((a, f) => a + f.attribution, 0);
      assert.ok(ig.completeness.ok, JSON.stringify(ig.completeness));
      assert.ok(Math.abs(sum - (fx - fb)) <= Math.max(1e-4, 0.01 * Math.abs(fx - fb)), `${sum} vs ${fx - fb}`);
      assert.equal(ig.attributions.length, 6);
    }
  });

  test('steps double until completeness holds', async () => {
    const ig = await integratedGradients(v1, records[7]!, { steps: 2, tolerance: 0.001 });
    assert.ok(ig.completeness.steps > 2);
    assert.ok(ig.completeness.ok || ig.completeness.steps * 2 > 1024);
  });

  test('an example the spec cannot transform is an error, not a crash', async () => {
    await assert.rejects(() => integratedGradients(v1, { ...records[0]!, fare: 'cheap' }), (err: unknown) => err instanceof FacetwiseError && err.code === 'MODEL_EXAMPLE_INVALID');
  });
});

describe('permutation importance', () => {
  test('a feature the model cannot see scores 0; payment_type matters most', async () => {
    // Copy version 1 and zero the first-layer kernel rows that read trip_seconds: the model no longer sees it.
    const dir = path.join(tmp, 'blind');
    cpSync(path.join(fixtureModel, '1'), dir, { recursive: true });
    const block = v1.transform.block('trip_seconds')!;
    const shard = path.join(dir, 'group1-shard1of1.bin');
    const bytes = readFileSync(shard);
    const units = readDenseLayers(dir)[0]!.units;
    bytes.fill(0, block.offset * units * 4, (block.offset + block.width) * units * 4); // kernel is the first weight
    writeFileSync(shard, bytes);
    const blind = await openModel(dir);
    try {
      const report = await permutationImportance(blind, evalSource, { maxRows: 2000, repeats: 3, seed: 7 });
      const byName = Object.fromEntries(report.features.map((f) => [f.feature, f]));
      assert.equal(byName.trip_seconds!.importance, 0);
      assert.equal(byName.trip_seconds!.stdDev, 0);
      assert.equal(report.features[0]!.feature, 'payment_type');
      assert.ok(report.features[0]!.importance > 0.1);
      assert.equal(report.metric, 'logLoss');
      assert.equal(report.rows, 2000);
      // Seeded: a rerun gives the same numbers.
      const again = await permutationImportance(blind, evalSource, { maxRows: 2000, repeats: 3, seed: 7 });
      assert.deepEqual(again.features, report.features);
    } finally {
      blind.dispose();
    }
  });
});

describe('partial dependence', () => {
  test('mean prediction with the feature set to each grid value, checked by hand', async () => {
    const report = await partialDependence(v1, evalSource, 'payment_type', { maxRows: 200 });
    assert.equal(report.kind, 'categorical');
    const spec = readSpec(v1.dir);
    const layers = readDenseLayers(v1.dir);
    const rows = records.slice(0, 200);
    for (const point of report.points.filter((p) => p.value === 'Cash' || p.value === 'Credit Card' || p.value === '(out of vocabulary)')) {
      const mean = rows.reduce((a, r) => a + referenceForward(layers, referenceTransform(spec, { ...r, payment_type: String(point.value) })!)[0]!, 0) / rows.length;
      assert.ok(Math.abs(point.mean[0]! - mean) < 1e-5, `${point.value}: ${point.mean[0]} vs ${mean}`);
    }
    const cash = report.points.find((p) => p.value === 'Cash')!.mean[0]!;
    const card = report.points.find((p) => p.value === 'Credit Card')!.mean[0]!;
    assert.ok(card > cash + 0.3, 'card payers tip');
    const numeric = await partialDependence(v1, evalSource, 'fare', { maxRows: 100, gridSize: 5 });
    assert.equal(numeric.kind, 'numeric');
    assert.ok(numeric.points.length >= 2 && numeric.points.length <= 5);
  });
});
