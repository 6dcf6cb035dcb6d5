import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeRows } from '../../../src/core/model/featureSummary.js';
import { deriveFeatureSpec } from '../../../src/core/model/specInit.js';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import { readCsvRecords, readNaiveCsv, sourceOf, taxiTrain } from './naiveCsv.js';

describe('model init: feature spec from statistics', () => {
  test('summaries: type, population mean/std, top values, computed independently', async () => {
    const summaries = await summarizeRows(sourceOf(readNaiveCsv(taxiTrain).batches));
    const records = readCsvRecords(taxiTrain);
    const fare = summaries.find((s) => s.name === 'fare')!;
    const values = records.map((r) => r.fare!).filter((v) => v !== '').map(Number);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    assert.equal(fare.type, 'float');
    assert.equal(fare.count, values.length);
    assert.ok(Math.abs(fare.mean! - mean) < 1e-9);
    assert.ok(Math.abs(fare.stdDev! - std) < 1e-9);
    assert.equal(summaries.find((s) => s.name === 'trip_start_hour')!.type, 'int');
    const pay = summaries.find((s) => s.name === 'payment_type')!;
    assert.equal(pay.type, 'string');
    assert.deepEqual(pay.topValues.slice(0, 2), [
      { value: 'Cash', frequency: records.filter((r) => r.payment_type === 'Cash').length },
      { value: 'Credit Card', frequency: records.filter((r) => r.payment_type === 'Credit Card').length },
    ]);
  });

  test('derives numeric and vocabulary transforms, leaving the label columns out', async () => {
    const summaries = await summarizeRows(sourceOf(readNaiveCsv(taxiTrain).batches));
    const spec = deriveFeatureSpec(summaries, { task: 'binary', label: { expression: 'tips > 0.2 * fare' }, vocabularySize: 3 });
    const names = spec.features.map((f) => f.name);
    assert.ok(!names.includes('tips') && !names.includes('fare'), 'label columns are not features by default');
    const pay = spec.features.find((f) => f.name === 'payment_type')!.transform;
    assert.deepEqual(pay, { kind: 'vocabulary', vocabulary: ['Cash', 'Credit Card', 'No Charge'], oovBuckets: 1, encoding: 'oneHot' });
    const miles = spec.features.find((f) => f.name === 'trip_miles')!.transform;
    assert.equal(miles.kind, 'numeric');
    const explicit = deriveFeatureSpec(summaries, { task: 'binary', features: ['fare', 'trip_start_hour'], kinds: { trip_start_hour: 'bucketize' }, boundaries: { trip_start_hour: [6, 18] } });
    assert.deepEqual(explicit.features[1]!.transform, { kind: 'bucketize', boundaries: [6, 18] });
    assert.throws(() => deriveFeatureSpec(summaries, { task: 'binary', features: ['nope'] }), (e: unknown) => e instanceof FacetwiseError && /no statistics for feature 'nope'/.test(e.message));
    assert.throws(() => deriveFeatureSpec(summaries, { task: 'binary', features: ['company'], kinds: { company: 'numeric' } }), /has no mean\/std/);
  });
});
