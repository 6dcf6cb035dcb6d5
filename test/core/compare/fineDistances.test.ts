/**
 * Facetwise's fine distances on the real taxi data: KS from the 1,000 fine quantiles kept in the statistics
 * against the exact two-sample KS statistic computed from the raw values, within the stated error; TFDV's JSD
 * kept as TFDV computes it; the per-bin and per-value terms summing to the distances shown; "unavailable" for
 * statistics without fine quantiles.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DatasetFeatureStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { buildComparison } from '../../../src/core/compare/datasetComparison.js';
import type { FeatureDistances } from '../../../src/core/compare/datasetComparison.js';
import { readFineQuantiles } from '../../../src/core/stats/fineQuantiles.js';
import { DatasetAccumulator } from '../../../src/core/stats/datasetAccumulator.js';
import { readStatistics } from '../../../src/core/proto/protoFiles.js';
import { readCsvNaive, SHARED_DATA, textBatches } from '../stats/batches.js';

function stats(file: string): { stats: DatasetFeatureStatistics; column: (name: string) => number[] } {
  const csv = readCsvNaive(`taxi/${file}`);
  const acc = new DatasetAccumulator();
  for (const batch of textBatches(csv.header, csv.rows, 1024)) acc.add(batch);
  return {
    stats: acc.finish(file),
    column: (name) => {
      const i = csv.header.indexOf(name);
      return csv.rows.map((r) => r[i]).filter((v): v is string => typeof v === 'string' && v !== '').map(Number);
    },
  };
}

/** The exact two-sample KS statistic of raw values. */
function exactKs(a: number[], b: number[]): number {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i] as number, y[j] as number);
    while (i < x.length && (x[i] as number) <= v) i++;
    while (j < y.length && (y[j] as number) <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

const close = (x: number, y: number, tol = 1e-9): boolean => Math.abs(x - y) <= tol;

describe('fine distances (train.csv vs serving.csv)', () => {
  const train = stats('train.csv');
  const serving = stats('serving.csv');
  const comparison = buildComparison({ datasets: [{ name: 'train', statistics: train.stats }, { name: 'serving', statistics: serving.stats }], noise: true });
  const row = (name: string): FeatureDistances => {
    const r = comparison.features.find((f) => f.pathKey === name);
    assert.ok(r, name);
    return r;
  };

  it('keeps 1,000 fine quantiles per numeric feature in the statistics (exact here: rank error 0)', () => {
    const f = train.stats.features.find((x) => x.fieldId.case === 'path' && x.fieldId.value.step[0] === 'trip_seconds');
    assert.ok(f);
    const fine = readFineQuantiles(f);
    assert.equal(fine?.histogram.buckets.length, 1000);
    assert.equal(fine?.rankError, 0);
  });

  it('KS on trip_seconds is the exact two-sample statistic (0.055) within the stated error', () => {
    const exact = exactKs(train.column('trip_seconds'), serving.column('trip_seconds'));
    assert.ok(Math.abs(exact - 0.055) < 0.0015, `exact KS ${exact}`);
    const r = row('trip_seconds');
    const ks = r.values.ks ?? NaN;
    assert.ok(r.ksError !== undefined && r.ksError <= 0.0021, String(r.ksError));
    assert.ok(Math.abs(ks - exact) <= (r.ksError ?? 0), `KS ${ks} vs exact ${exact} ± ${r.ksError}`);
  });

  it('KS of every numeric feature is within its error of the exact statistic', () => {
    for (const f of comparison.features.filter((x) => x.kind === 'numeric' && x.present.every(Boolean))) {
      const exact = exactKs(train.column(f.pathKey), serving.column(f.pathKey));
      assert.ok(Math.abs((f.values.ks ?? NaN) - exact) <= (f.ksError ?? 0) + 1e-12, `${f.pathKey}: ${f.values.ks} vs ${exact}`);
    }
  });

  it('keeps TFDV’s JSD as TFDV computes it (large on trip_seconds) and sorts numeric features by the fine JSD, with its noise level', () => {
    const r = row('trip_seconds');
    assert.ok((r.values.jensenShannon ?? 0) > 0.4, String(r.values.jensenShannon));
    assert.equal(r.defaultMetric, 'fineJsd');
    assert.ok((r.values.fineJsd ?? 1) < 0.05, String(r.values.fineJsd));
    assert.ok(r.smallSample, 'serving has 100 examples');
    assert.ok(r.noise && r.noise.sizes[1] === 100 && r.noise.p95 > 0, JSON.stringify(r.noise));
    // 100 serving examples: a fine JSD this small is what two samples of one distribution show.
    assert.ok(r.withinNoise);
  });

  it('per-bin terms sum to PSI, fine JSD and Wasserstein; per-value terms to L∞, JSD and PSI', () => {
    for (const f of comparison.features.filter((x) => x.present.every(Boolean))) {
      if (f.kind === 'numeric') {
        const sum = (k: 'psi' | 'jsd' | 'wasserstein'): number => f.fineBins.reduce((s, b) => s + b[k], 0);
        assert.ok(close(sum('psi'), f.values.psi ?? NaN), f.pathKey);
        assert.ok(close(sum('jsd'), f.values.fineJsd ?? NaN), f.pathKey);
        assert.ok(close(sum('wasserstein'), f.values.wasserstein ?? NaN, 1e-6 * (f.values.wasserstein ?? 1)), f.pathKey);
        const tfdv = f.contributions.reduce((s, c) => s + c.jensenShannon, 0);
        assert.ok(close(tfdv, f.values.jensenShannon ?? NaN), `${f.pathKey}: ${tfdv} vs ${f.values.jensenShannon}`);
      }
      if (f.kind === 'categorical') {
        // pickup_census_tract is empty on both sides: no value to compare, no terms.
        if (f.contributions.length === 0) continue;
        const sum = (k: 'lInfinity' | 'jensenShannon' | 'psi'): number => f.contributions.reduce((s, c) => s + c[k], 0);
        assert.ok(close(sum('lInfinity'), f.values.lInfinity ?? NaN), f.pathKey);
        assert.ok(close(sum('jensenShannon'), f.values.jensenShannon ?? NaN), f.pathKey);
        assert.ok(close(sum('psi'), f.values.psi ?? NaN), f.pathKey);
      }
    }
  });

  it('sorts by L∞ (categorical) / TFDV JSD (numeric): tips (training only) first, payment_type among the first', () => {
    const order = comparison.features.map((f) => f.pathKey);
    assert.equal(order[0], 'tips');
    assert.deepEqual(row('tips').present, [true, false]);
    assert.ok(order.indexOf('payment_type') < order.length / 2, order.join(', '));
    const distances = comparison.features.map((f) => f.distance);
    assert.deepEqual(distances, [...distances].sort((a, b) => b - a));
    const pt = row('payment_type');
    assert.equal(pt.defaultMetric, 'lInfinity');
    assert.equal(pt.distance, pt.values.lInfinity);
  });

  it('says the fine distances are unavailable for statistics TFDV wrote', async () => {
    const list = await readStatistics(`${SHARED_DATA}/tfdv-interop/train_FeatureStats.pb`);
    const tfdv = list.datasets[0];
    assert.ok(tfdv);
    const c = buildComparison({ datasets: [{ name: 'tfdv', statistics: tfdv }, { name: 'eval', statistics: stats('eval.csv').stats }] });
    const f = c.features.find((x) => x.pathKey === 'trip_seconds');
    assert.ok(f);
    assert.equal(f.values.ks, undefined);
    assert.match(f.unavailable.ks ?? '', /unavailable/);
    assert.ok(f.values.jensenShannon !== undefined, 'TFDV’s own JSD still computes');
  });
});
