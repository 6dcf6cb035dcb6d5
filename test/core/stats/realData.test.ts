/**
 * The statistics of the real CSV datasets (../shared/data), feature by feature, against a plain independent
 * computation: regexes for the types, sorts for min/median/max and quantiles, two-pass mean/std, Maps for
 * top values. The files have no quoted fields (readCsvNaive checks), so a comma split is the truth.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DatasetAccumulator } from '../../../src/core/stats/datasetAccumulator.js';
import type { DatasetFeatureStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { readCsvNaive, textBatches } from './batches.js';
import {
  HistogramType,
  Type,
  buckets,
  closeTo,
  common,
  expectedQuantiles,
  expectedStandardCounts,
  expectedTop,
  feature,
  histogram,
  meanAndPopulationStd,
  numStats,
  sortedNumbers,
  strStats,
} from './statsHelpers.js';

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function expectedType(values: readonly string[]): Type {
  if (values.length === 0) return Type.STRING;
  if (values.every((v) => INT.test(v))) return Type.INT;
  if (values.every((v) => FLOAT.test(v))) return Type.FLOAT;
  return Type.STRING;
}

function checkDataset(relativePath: string, expectedTypes: Record<string, Type>): void {
  const csv = readCsvNaive(relativePath);
  const n = csv.rows.length;
  let stats: DatasetFeatureStatistics;

  it(`${relativePath}: ${n} examples, features in column order`, () => {
    const acc = new DatasetAccumulator();
    for (const batch of textBatches(csv.header, csv.rows, 1024)) acc.add(batch);
    assert.deepEqual(acc.featuresNeedingRescan(), []);
    stats = acc.finish(relativePath);
    assert.equal(stats.numExamples, BigInt(n));
    assert.deepEqual(
      stats.features.map((f) => (f.fieldId.case === 'path' ? f.fieldId.value.step.join('.') : '?')),
      csv.header,
    );
  });

  csv.header.forEach((name, c) => {
    const values = csv.rows.map((r) => r[c]).filter((v) => v !== '');
    const type = expectedType(values);

    it(`${relativePath} · ${name}: ${Type[type]}, counts and ${type === Type.STRING ? 'string' : 'numeric'} stats`, () => {
      assert.equal(type, expectedTypes[name], 'the test table of expected types is itself consistent with the data');
      const f = feature(stats, name);
      assert.equal(f.type, type);
      const cs = common(f);
      assert.equal(cs.numNonMissing, BigInt(values.length));
      assert.equal(cs.numMissing, BigInt(n - values.length));
      assert.equal(cs.totNumValues, BigInt(values.length));
      if (values.length > 0) {
        assert.equal(cs.minNumValues, 1n);
        assert.equal(cs.maxNumValues, 1n);
        assert.equal(cs.avgNumValues, 1);
        assert.deepEqual(
          buckets(cs.numValuesHistogram ?? assert.fail('no num_values_histogram')),
          Array.from({ length: 10 }, () => [1, 1, values.length / 10]),
        );
      }
      if (type === Type.STRING) {
        const s = strStats(f);
        const totalBytes = values.reduce((a, v) => a + Buffer.byteLength(v, 'utf8'), 0);
        if (values.length === 0) {
          assert.equal(s.unique, 0n);
          assert.equal(s.topValues.length, 0);
          return;
        }
        assert.equal(Number(s.unique), new Set(values).size);
        closeTo(s.avgLength, totalBytes / values.length, 1e-6, 'avg_length');
        assert.deepEqual(
          s.topValues.map((t) => [t.value, t.frequency]),
          expectedTop(values, 20),
        );
        assert.deepEqual(
          s.rankHistogram?.buckets.map((b) => [Number(b.lowRank), Number(b.highRank), b.label, b.sampleCount]),
          expectedTop(values, 1000).map(([v, count], i) => [i, i, v, count]),
        );
        assert.equal(s.invalidUtf8Count, 0n);
        return;
      }
      const xs = values.map(Number);
      const sorted = sortedNumbers(xs);
      const num = numStats(f);
      const { mean, std } = meanAndPopulationStd(xs);
      closeTo(num.mean, mean, 1e-12, 'mean');
      closeTo(num.stdDev, std, 1e-10, 'std_dev');
      assert.equal(num.min, sorted[0]);
      assert.equal(num.max, sorted[sorted.length - 1]);
      assert.equal(num.median, sorted[Math.floor(sorted.length / 2)], 'median = value of rank ⌊n/2⌋');
      assert.equal(num.numZeros, BigInt(xs.filter((x) => x === 0).length));
      const std10 = histogram(num, HistogramType.STANDARD);
      assert.equal(std10.numNan, 0n);
      if (sorted[0] === sorted[sorted.length - 1]) {
        assert.deepEqual(buckets(std10), [[sorted[0], sorted[0], xs.length]]);
      } else {
        assert.deepEqual(
          std10.buckets.map((b) => b.sampleCount),
          expectedStandardCounts(xs, sorted[0], sorted[sorted.length - 1], 10),
        );
        assert.equal(std10.buckets[0].lowValue, sorted[0]);
        assert.equal(std10.buckets[9].highValue, sorted[sorted.length - 1]);
      }
      const q = expectedQuantiles(sorted, 10);
      assert.deepEqual(
        buckets(histogram(num, HistogramType.QUANTILES)),
        Array.from({ length: 10 }, (_, i) => [q[i], q[i + 1], xs.length / 10]),
      );
    });
  });
}

describe('statistics of the taxi data (train.csv)', () => {
  checkDataset('taxi/train.csv', {
    pickup_community_area: Type.INT,
    fare: Type.FLOAT,
    trip_start_month: Type.INT,
    trip_start_hour: Type.INT,
    trip_start_day: Type.INT,
    trip_start_timestamp: Type.INT,
    pickup_latitude: Type.FLOAT,
    pickup_longitude: Type.FLOAT,
    dropoff_latitude: Type.FLOAT,
    dropoff_longitude: Type.FLOAT,
    trip_miles: Type.FLOAT,
    pickup_census_tract: Type.STRING,
    dropoff_census_tract: Type.INT,
    payment_type: Type.STRING,
    company: Type.STRING,
    trip_seconds: Type.INT,
    dropoff_community_area: Type.INT,
    tips: Type.FLOAT,
  });
});

describe('statistics of the consumer spending data (score_train.csv)', () => {
  checkDataset('spending/score_train.csv', {
    Graduated: Type.STRING,
    Profession: Type.STRING,
    Work_Experience: Type.FLOAT,
    Family_Size: Type.FLOAT,
    Spending_Score: Type.STRING,
  });
});
