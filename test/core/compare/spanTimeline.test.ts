/**
 * The drift timeline over spans, on the real taxi data taken as three spans (train, eval, serving): each point
 * is the pairwise panel's own distance (TFDV's L∞ / JSD and Facetwise's fine JSD), each pair computed once, the
 * reference selectable, features most drifted first, the schema's drift_comparator threshold applied as TFDV
 * applies it (distance to the previous span over the threshold), and the fine distance said to be unavailable for
 * statistics TFDV wrote.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import type { DatasetFeatureStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { SchemaSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { buildComparison } from '../../../src/core/compare/datasetComparison.js';
import { buildSpanTimeline } from '../../../src/core/compare/spanTimeline.js';
import type { FeatureTimeline } from '../../../src/core/compare/spanTimeline.js';
import { DatasetAccumulator } from '../../../src/core/stats/datasetAccumulator.js';
import { readStatistics } from '../../../src/core/proto/protoFiles.js';
import { parseText } from '../../../src/core/proto/textFormat.js';
import { readCsvNaive, SHARED_DATA, textBatches } from '../stats/batches.js';

function stats(file: string): DatasetFeatureStatistics {
  const csv = readCsvNaive(`taxi/${file}`);
  const acc = new DatasetAccumulator();
  for (const batch of textBatches(csv.header, csv.rows, 1024)) acc.add(batch);
  return acc.finish(file);
}

describe('buildSpanTimeline (train, eval, serving as three spans)', () => {
  const train = stats('train.csv');
  const evalStats = stats('eval.csv');
  const serving = stats('serving.csv');
  const spans = [
    { name: 'span-1', statistics: train },
    { name: 'span-2', statistics: evalStats },
    { name: 'span-3', statistics: serving },
  ];
  const timeline = buildSpanTimeline(spans);
  const feature = (name: string, t = timeline): FeatureTimeline => {
    const f = t.features.find((x) => x.pathKey === name);
    assert.ok(f, name);
    return f;
  };

  it('names the spans with their sizes and takes the first as reference by default', () => {
    assert.deepEqual(timeline.spans, [
      { name: 'span-1', numExamples: 10000 },
      { name: 'span-2', numExamples: 5000 },
      { name: 'span-3', numExamples: 100 },
    ]);
    assert.equal(timeline.reference, 0);
  });

  it('each point is the pairwise distance: TFDV’s L∞ for payment_type, TFDV’s and the fine JSD for trip_seconds', () => {
    const pair = (a: DatasetFeatureStatistics, b: DatasetFeatureStatistics, name: string) =>
      buildComparison({ datasets: [{ name: 'a', statistics: a }, { name: 'b', statistics: b }] }).features.find((f) => f.pathKey === name);
    const p = feature('payment_type');
    assert.equal(p.tfdvMetric, 'lInfinity');
    assert.equal(p.toPrevious[0], null);
    assert.equal(p.toReference[0], null);
    assert.equal(p.toPrevious[2]?.tfdv, pair(evalStats, serving, 'payment_type')?.values.lInfinity);
    assert.equal(p.toReference[2]?.tfdv, pair(train, serving, 'payment_type')?.values.lInfinity);
    assert.equal(p.toPrevious[1]?.fine, undefined);
    assert.match(p.fineUnavailable ?? '', /numeric features/);
    const t = feature('trip_seconds');
    assert.equal(t.tfdvMetric, 'jensenShannon');
    const ts = pair(train, serving, 'trip_seconds');
    assert.equal(t.toReference[2]?.tfdv, ts?.values.jensenShannon);
    assert.equal(t.toReference[2]?.fine, ts?.values.fineJsd);
    assert.ok((t.toReference[2]?.fine ?? 1) < (t.toReference[2]?.tfdv ?? 0), 'the fine JSD is far below TFDV’s rebinned one on this long-tailed feature');
    assert.equal(t.fineUnavailable, undefined);
    // With the first span as reference, span 2's two distances are one pair.
    assert.deepEqual(t.toPrevious[1], t.toReference[1]);
  });

  it('a feature missing from a span is one-sided there, and is present only where it is', () => {
    const tips = feature('tips');
    assert.deepEqual(tips.present, [true, true, false]);
    assert.deepEqual(tips.toPrevious[2], { oneSided: true });
    assert.equal(tips.maxDrift, 1);
  });

  it('sorts the most drifted feature first (fine distance where there is one)', () => {
    const keys = timeline.features.map((f) => f.maxDrift);
    assert.deepEqual(keys, [...keys].sort((a, b) => b - a));
    const t = feature('trip_seconds');
    const fines = [...t.toPrevious, ...t.toReference].map((d) => d?.fine ?? 0);
    assert.equal(t.maxDrift, Math.max(...fines));
  });

  it('takes another reference span', () => {
    const t = buildSpanTimeline(spans, { reference: 2 });
    const p = feature('payment_type', t);
    assert.equal(p.toReference[2], null);
    assert.equal(p.toReference[0]?.tfdv, feature('payment_type').toReference[2]?.tfdv, 'L∞ is symmetric');
    assert.throws(() => buildSpanTimeline(spans, { reference: 3 }), /reference span must be 1 to 3/);
    assert.throws(() => buildSpanTimeline(spans.slice(0, 1)), /at least two spans/);
  });

  it('marks the spans over the schema’s drift_comparator threshold (distance to the previous span, as TFDV checks)', () => {
    const schema = parseText(SchemaSchema, 'feature { name: "payment_type" type: BYTES drift_comparator { infinity_norm { threshold: 0.01 } } }\nfeature { name: "trip_seconds" type: INT drift_comparator { jensen_shannon_divergence { threshold: 0.9 } } }\n');
    const t = buildSpanTimeline(spans, { schema });
    const p = feature('payment_type', t);
    assert.deepEqual(p.driftThreshold, { metric: 'infinity_norm', threshold: 0.01 });
    const expected = p.toPrevious.flatMap((d, i) => (d?.tfdv !== undefined && d.tfdv > 0.01 ? [i] : []));
    assert.ok(expected.length > 0);
    assert.deepEqual(p.overThreshold, expected);
    const trip = feature('trip_seconds', t);
    assert.deepEqual(trip.driftThreshold, { metric: 'jensen_shannon_divergence', threshold: 0.9 });
    assert.deepEqual(trip.overThreshold, []);
    assert.equal(feature('company', t).driftThreshold, undefined);
  });

  it('says the fine distance is unavailable for statistics TFDV wrote', async () => {
    const dir = join(SHARED_DATA, 'tfdv-interop');
    const a = await readStatistics(join(dir, 'train_FeatureStats.pb'));
    const b = await readStatistics(join(dir, 'eval_FeatureStats.pb'));
    const t = buildSpanTimeline([
      { name: 'train', statistics: a },
      { name: 'eval', statistics: b },
    ]);
    const trip = feature('trip_seconds', t);
    assert.match(trip.fineUnavailable ?? '', /no fine quantiles/);
    assert.equal(trip.toPrevious[1]?.fine, undefined);
    assert.ok((trip.toPrevious[1]?.tfdv ?? -1) >= 0);
    assert.equal(trip.maxDrift, trip.toPrevious[1]?.tfdv);
  });
});
