import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { create, fromBinary } from '@bufbuild/protobuf';
import {
  BytesStatisticsSchema,
  CommonStatisticsSchema,
  DatasetFeatureStatisticsListSchema,
  DatasetFeatureStatisticsSchema,
  FeatureNameStatisticsSchema,
  FeatureNameStatistics_Type,
  StructStatisticsSchema,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { FeatureNameStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { datasetSummary, featureRow } from '../../../webview/overview/featureModel.js';
import { taxiTrainStatsPath } from './overviewFixtures.js';

const list = fromBinary(DatasetFeatureStatisticsListSchema, readFileSync(taxiTrainStatsPath()));
const taxi = list.datasets[0];
const summary = datasetSummary(taxi, 'train');

function proto(name: string): FeatureNameStatistics {
  const f = taxi.features.find((x) => x.fieldId.case === 'path' && x.fieldId.value.step.join('.') === name);
  assert.ok(f, name);
  return f;
}

test('one row per feature, named by path, in statistics order', () => {
  assert.equal(summary.features.length, taxi.features.length);
  assert.equal(summary.numExamples, 10036);
  assert.equal(summary.name, 'train', 'TFDV left the dataset name empty: the fallback is used');
  assert.deepEqual(
    summary.features.map((f) => f.index),
    taxi.features.map((_, i) => i),
  );
  assert.equal(summary.features[0].name, 'payment_type');
  assert.deepEqual(summary.features[0].path, ['payment_type']);
});

test('a numeric feature carries its statistics and both histograms', () => {
  const fare = summary.features.find((f) => f.name === 'fare');
  const p = proto('fare');
  assert.ok(fare?.numeric && p.stats.case === 'numStats');
  const s = p.stats.value;
  assert.equal(fare.kind, 'numeric');
  assert.equal(fare.typeLabel, 'float');
  assert.equal(fare.count, Number(s.commonStats?.numNonMissing));
  assert.equal(fare.numeric.mean, s.mean);
  assert.equal(fare.numeric.max, s.max);
  assert.equal(fare.numeric.standard.length, 10);
  assert.equal(fare.numeric.quantiles.length, 10);
  assert.equal(fare.numeric.standard[3].count, s.histograms[0].buckets[3].sampleCount);
  const zeros = Number(s.numZeros);
  assert.ok(zeros > 0);
  assert.equal(fare.numeric.zerosRatio, zeros / Number(s.commonStats?.totNumValues));
  assert.equal(fare.missingOrZeroRatio, zeros / fare.count);
});

test('a categorical feature carries its top values and rank histogram', () => {
  const payment = summary.features[0];
  assert.equal(payment.kind, 'categorical');
  assert.equal(payment.typeLabel, 'string');
  assert.ok(payment.categorical);
  assert.equal(payment.categorical.unique, 6);
  assert.equal(payment.categorical.topValue, 'Cash');
  assert.equal(payment.categorical.topCount, 6675);
  assert.deepEqual(
    payment.categorical.ranks.map((r) => r.label),
    ['Cash', 'Credit Card', 'No Charge', 'Unknown', 'Pcard', 'Dispute'],
  );
  // 6675 + 3274 + 61 + 20 + 3 + 3 = 10036 = tot_num_values: nothing left over.
  assert.equal(payment.categorical.otherCount, 0);
  const counts = [6675, 3274, 61, 20, 3, 3];
  const p = counts.map((c) => c / 10036);
  const expected = 1 + p.reduce((s, x) => s + x * Math.log(x), 0) / Math.log(6);
  assert.ok(Math.abs((payment.nonUniformity ?? Number.NaN) - expected) < 1e-12);
});

test('a feature without values has no distribution to judge', () => {
  const tract = summary.features.find((f) => f.name === 'pickup_census_tract');
  assert.ok(tract?.numeric);
  assert.equal(tract.numeric.standard.length, 0);
  assert.equal(tract.nonUniformity, undefined);
});

test('missing ratios: over present + missing, else over num_examples', () => {
  const common = create(CommonStatisticsSchema, { numNonMissing: 75n, numMissing: 25n, totNumValues: 75n });
  const named = create(FeatureNameStatisticsSchema, {
    fieldId: { case: 'name', value: 'b' },
    type: FeatureNameStatistics_Type.BYTES,
    stats: { case: 'bytesStats', value: create(BytesStatisticsSchema, { commonStats: common, unique: 9n, avgNumBytes: 12.5 }) },
  });
  const bytes = featureRow(named, 3, 100);
  assert.equal(bytes.missingRatio, 0.25);
  assert.equal(bytes.kind, 'categorical');
  assert.equal(bytes.typeLabel, 'bytes');
  assert.equal(bytes.categorical?.unique, 9);
  assert.equal(bytes.categorical?.avgLength, 12.5);
  assert.equal(bytes.name, 'b');

  const noCounts = create(FeatureNameStatisticsSchema, {
    fieldId: { case: 'path', value: { step: ['parent', 'child'] } },
    type: FeatureNameStatistics_Type.STRUCT,
    stats: { case: 'structStats', value: create(StructStatisticsSchema, {}) },
  });
  const struct = featureRow(noCounts, 0, 40);
  assert.equal(struct.name, 'parent.child');
  assert.equal(struct.typeLabel, 'struct');
  assert.equal(struct.missingRatio, 1, 'no counts at all: every one of the 40 examples lacks it');
  assert.equal(featureRow(noCounts, 0, 0).missingRatio, undefined);
  assert.equal(struct.missingOrZeroRatio, 1);
});

test('an empty dataset gives no rows', () => {
  const empty = datasetSummary(create(DatasetFeatureStatisticsSchema, { name: 'x' }));
  assert.deepEqual(empty.features, []);
  assert.equal(empty.name, 'x');
});
