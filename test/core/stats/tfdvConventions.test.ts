/**
 * Sanity check against statistics TFDV itself wrote (../shared/data/tfdv-interop/train_FeatureStats.pb). That file
 * describes an imputed variant of the taxi training data (10036 examples, no empty cells), so only conventions
 * and rough magnitudes can agree with ours for taxi/train.csv (10000 examples), not exact numbers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { DatasetFeatureStatisticsListSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { DatasetFeatureStatistics, FeatureNameStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { DatasetAccumulator } from '../../../src/core/stats/datasetAccumulator.js';
import { SHARED_DATA, readCsvNaive, textBatches } from './batches.js';
import { HistogramType, Type, common, histogram, numStats, strStats } from './statsHelpers.js';

function nameOf(f: FeatureNameStatistics): string {
  assert.equal(f.fieldId.case, 'path', 'features are identified by path, as TFDV does');
  return f.fieldId.value.step.join('.');
}

function byName(stats: DatasetFeatureStatistics): Map<string, FeatureNameStatistics> {
  return new Map(stats.features.map((f) => [nameOf(f), f]));
}

describe('conventions shared with TFDV-written statistics', () => {
  const tfdv = fromBinary(DatasetFeatureStatisticsListSchema, readFileSync(resolve(SHARED_DATA, 'tfdv-interop/train_FeatureStats.pb'))).datasets[0];
  const csv = readCsvNaive('taxi/train.csv');
  const acc = new DatasetAccumulator();
  for (const b of textBatches(csv.header, csv.rows, 2048)) acc.add(b);
  const ours = acc.finish('train');
  const theirs = byName(tfdv);
  const mine = byName(ours);

  it('has the same features and types (except pickup_census_tract, all empty in train.csv but imputed in TFDV’s data)', () => {
    assert.deepEqual([...mine.keys()].sort(), [...theirs.keys()].sort());
    for (const [name, t] of theirs) {
      const m = mine.get(name) as FeatureNameStatistics;
      if (name === 'pickup_census_tract') {
        assert.equal(t.type, Type.INT);
        assert.equal(m.type, Type.STRING, 'no value at all: TFDV reports STRING for an untyped feature');
        continue;
      }
      assert.equal(m.type, t.type, name);
      assert.equal(m.stats.case, t.stats.case, name);
    }
  });

  it('shapes num_values_histogram, numeric histograms and rank histograms like TFDV', () => {
    for (const [name, t] of theirs) {
      const m = mine.get(name) as FeatureNameStatistics;
      if (m.type !== t.type) continue;
      const tc = common(t);
      const mc = common(m);
      for (const [c, n] of [
        [tc, tfdv.numExamples],
        [mc, ours.numExamples],
      ] as const) {
        const h = c.numValuesHistogram;
        assert.ok(h, `${name}: num_values_histogram`);
        assert.equal(h.type, HistogramType.QUANTILES);
        assert.equal(h.buckets.length, 10);
        const expectedEach = Number(c.numNonMissing) / 10;
        for (const b of h.buckets) assert.ok(Math.abs(b.sampleCount - expectedEach) < 1e-9, `${name}: ${b.sampleCount} vs ${expectedEach}`);
        assert.equal(c.numNonMissing + c.numMissing, n);
      }
      if (t.stats.case === 'numStats') {
        for (const f of [t, m]) {
          const num = numStats(f);
          assert.deepEqual(
            num.histograms.map((h) => h.type),
            [HistogramType.STANDARD, HistogramType.QUANTILES],
            `${name}: STANDARD then QUANTILES`,
          );
          const std = histogram(num, HistogramType.STANDARD);
          const q = histogram(num, HistogramType.QUANTILES);
          assert.equal(q.buckets.length, 10);
          assert.ok(std.buckets.length === 10 || std.buckets.length === 1);
          // TFDV writes min only when nonzero (proto3), and its values went through float32: compare loosely.
          assert.ok(Math.abs(std.buckets[0].lowValue - num.min) <= 1e-5 * Math.max(1, Math.abs(num.min)), `${name}: std low = min`);
          assert.ok(Math.abs(std.buckets[std.buckets.length - 1].highValue - num.max) <= 1e-5 * Math.max(1, Math.abs(num.max)));
          assert.ok(Math.abs(q.buckets[0].lowValue - num.min) <= 1e-5 * Math.max(1, Math.abs(num.min)));
          assert.ok(Math.abs(q.buckets[9].highValue - num.max) <= 1e-5 * Math.max(1, Math.abs(num.max)));
          for (let i = 1; i < q.buckets.length; i++) assert.equal(q.buckets[i].lowValue, q.buckets[i - 1].highValue);
          // The median is the 5th quantile boundary in both.
          assert.equal(q.buckets[4].highValue, num.median, `${name}: median = quantile 5/10`);
        }
      } else {
        for (const f of [t, m]) {
          const s = strStats(f);
          const rank = s.rankHistogram?.buckets ?? [];
          assert.ok(rank.length > 0);
          rank.forEach((b, i) => {
            assert.equal(b.lowRank, BigInt(i));
            assert.equal(b.highRank, BigInt(i));
            if (i < s.topValues.length) {
              assert.equal(b.label, s.topValues[i].value);
              assert.equal(b.sampleCount, s.topValues[i].frequency);
            }
            if (i > 0) assert.ok(b.sampleCount <= rank[i - 1].sampleCount, 'most frequent first');
          });
        }
      }
    }
  });

  it('tells roughly the same story in numbers (means within 5%, same medians for coarse features, same leading payment types)', () => {
    for (const name of ['fare', 'trip_start_hour', 'trip_miles', 'tips', 'trip_start_day']) {
      const t = numStats(theirs.get(name) as FeatureNameStatistics);
      const m = numStats(mine.get(name) as FeatureNameStatistics);
      assert.ok(Math.abs(m.mean - t.mean) <= 0.05 * Math.abs(t.mean), `${name}: mean ${m.mean} vs TFDV ${t.mean}`);
    }
    for (const name of ['fare', 'trip_start_hour', 'trip_start_day', 'trip_start_month']) {
      const t = numStats(theirs.get(name) as FeatureNameStatistics);
      const m = numStats(mine.get(name) as FeatureNameStatistics);
      assert.ok(Math.abs(m.median - t.median) <= 1e-5 * Math.max(1, Math.abs(t.median)), `${name}: median ${m.median} vs ${t.median}`);
    }
    const tPay = strStats(theirs.get('payment_type') as FeatureNameStatistics).topValues.map((v) => v.value);
    const mPay = strStats(mine.get('payment_type') as FeatureNameStatistics).topValues.map((v) => v.value);
    assert.deepEqual(mPay.slice(0, 4), tPay.slice(0, 4));
    assert.equal(strStats(mine.get('payment_type') as FeatureNameStatistics).unique, strStats(theirs.get('payment_type') as FeatureNameStatistics).unique);
  });
});
