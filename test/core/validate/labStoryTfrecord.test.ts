/**
 * The TFDV lab's story again, from TFX's TFRecord shards (Split-train, Split-eval, unlabelled) and through the
 * real statistics engine: the same anomalies as from the CSVs, and comparator distances checked against value
 * counts made here from the decoded examples.
 */
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, it, before } from 'node:test';
import { AnomalyInfo_Type, DriftSkewInfo_Measurement_Type } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { DatasetFeatureStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { resolveDataset, readDataset } from '../../../src/core/io/dataset.js';
import { computeStatistics } from '../../../src/core/stats/statisticsJob.js';
import { inferSchema } from '../../../src/core/schema/inferSchema.js';
import {
  addDefaultEnvironment,
  addDomainValues,
  getFeature,
  setComparatorThreshold,
  setMinDomainMass,
  setNotInEnvironment,
  stringDomainOf,
} from '../../../src/core/schema/schemaModel.js';
import { validateStatistics } from '../../../src/core/validate/validateStatistics.js';

const shards = resolve(__dirname, '../../../../shared/data/taxi-tfrecord');
const splits = { train: 'Split-train', eval: 'Split-eval', serving: 'unlabelled' } as const;
type Split = keyof typeof splits;

const stats = {} as Record<Split, DatasetFeatureStatistics>;
const counts = {} as Record<Split, Map<string, Map<string, number>>>;

/** Value counts of the bytes features, straight from the decoded examples. */
async function countBytesValues(split: Split): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  const decoder = new TextDecoder();
  for await (const batch of readDataset(await resolveDataset([join(shards, splits[split])]))) {
    for (const col of batch.columns) {
      if (col.kind !== 'bytes') continue;
      const m = out.get(col.name) ?? new Map<string, number>();
      out.set(col.name, m);
      for (let r = 0; r < batch.rowCount; r++) {
        if (!col.present[r]) continue;
        for (let v = col.offsets[r]; v < col.offsets[r + 1]; v++) {
          const s = decoder.decode(col.data.subarray(col.starts[v], col.ends[v]));
          m.set(s, (m.get(s) ?? 0) + 1);
        }
      }
    }
  }
  return out;
}

function lInfinity(a: Map<string, number>, b: Map<string, number>): { value: string; distance: number } {
  const sa = [...a.values()].reduce((s, x) => s + x, 0);
  const sb = [...b.values()].reduce((s, x) => s + x, 0);
  let best = { value: '', distance: -1 };
  for (const v of new Set([...a.keys(), ...b.keys()])) {
    const d = Math.abs((a.get(v) ?? 0) / sa - (b.get(v) ?? 0) / sb);
    if (d > best.distance) best = { value: v, distance: d };
  }
  return best;
}

describe('the taxi lab story from TFRecord shards', () => {
  before(async () => {
    for (const split of Object.keys(splits) as Split[]) {
      stats[split] = (await computeStatistics(await resolveDataset([join(shards, splits[split])]), { parallelism: 2 })).statistics;
      counts[split] = await countBytesValues(split);
    }
  });

  it('reads the three splits in full', () => {
    assert.equal(stats.train.numExamples, 9909n);
    assert.equal(stats.eval.numExamples, 5091n);
    assert.equal(stats.serving.numExamples, 2459n);
  });

  it('flags eval: unexpected company values and Prcard in payment_type, cleared by fixing the domains', () => {
    const schema = inferSchema(stats.train);
    const anomalies = validateStatistics(stats.eval, schema);
    const payment = anomalies.anomalyInfo['payment_type'];
    assert.equal(payment?.reason[0]?.type, AnomalyInfo_Type.ENUM_TYPE_UNEXPECTED_STRING_VALUES);
    assert.match(payment?.description ?? '', /values missing from the schema: Prcard \(<1%\)/);
    const novel = [...counts.eval.get('company')!.keys()].filter((c) => !counts.train.get('company')!.has(c)).sort();
    assert.ok(novel.length > 0);
    const company = anomalies.anomalyInfo['company'];
    assert.equal(company?.reason[0]?.type, AnomalyInfo_Type.ENUM_TYPE_UNEXPECTED_STRING_VALUES);
    for (const c of novel) assert.ok(company?.description.includes(c), `${c} named`);

    setMinDomainMass(getFeature(schema, ['company'])!, 0.9);
    addDomainValues(stringDomainOf(schema, getFeature(schema, ['payment_type'])!)!, ['Prcard']);
    const after = validateStatistics(stats.eval, schema);
    assert.equal(after.anomalyInfo['company'], undefined);
    assert.equal(after.anomalyInfo['payment_type'], undefined);
  });

  it('reports tips missing from the unlabelled split until tips is not in SERVING', () => {
    const schema = inferSchema(stats.train);
    const before = validateStatistics(stats.serving, schema);
    assert.equal(before.anomalyInfo['tips']?.reason[0]?.type, AnomalyInfo_Type.SCHEMA_MISSING_COLUMN);
    addDefaultEnvironment(schema, 'TRAINING');
    addDefaultEnvironment(schema, 'SERVING');
    setNotInEnvironment(schema, getFeature(schema, ['tips'])!, 'SERVING');
    assert.equal(validateStatistics(stats.serving, schema, { environment: 'SERVING' }).anomalyInfo['tips'], undefined);
  });

  it('skew on payment_type and drift on company fire, with the distances counted by hand', () => {
    const schema = inferSchema(stats.train);
    setComparatorThreshold(getFeature(schema, ['payment_type'])!, 'skew', 'infinityNorm', 0.01);
    setComparatorThreshold(getFeature(schema, ['company'])!, 'drift', 'infinityNorm', 0.001);
    const anomalies = validateStatistics(stats.train, schema, { previousStats: stats.eval, servingStats: stats.serving });

    const skew = lInfinity(counts.train.get('payment_type')!, counts.serving.get('payment_type')!);
    const drift = lInfinity(counts.train.get('company')!, counts.eval.get('company')!);
    const info = (name: string) => anomalies.driftSkewInfo.find((d) => d.path?.step[0] === name);
    const skewMeasured = info('payment_type')?.skewMeasurements.find((m) => m.type === DriftSkewInfo_Measurement_Type.L_INFTY);
    const driftMeasured = info('company')?.driftMeasurements.find((m) => m.type === DriftSkewInfo_Measurement_Type.L_INFTY);
    assert.ok(skewMeasured && driftMeasured);
    assert.ok(Math.abs(skewMeasured.value - skew.distance) < 1e-12, `skew ${skewMeasured.value} vs ${skew.distance}`);
    assert.ok(Math.abs(driftMeasured.value - drift.distance) < 1e-12, `drift ${driftMeasured.value} vs ${drift.distance}`);

    assert.ok(skew.distance > 0.01, `skew ${skew.distance}`);
    assert.equal(anomalies.anomalyInfo['payment_type']?.reason.some((r) => r.type === AnomalyInfo_Type.COMPARATOR_L_INFTY_HIGH), true);
    assert.match(anomalies.anomalyInfo['payment_type']?.description ?? '', new RegExp(`maximum difference is: ${skew.value}`));
    assert.ok(drift.distance > 0.001);
    assert.equal(anomalies.anomalyInfo['company']?.reason.some((r) => r.type === AnomalyInfo_Type.COMPARATOR_L_INFTY_HIGH), true);
    assert.match(anomalies.anomalyInfo['company']?.description ?? '', new RegExp(`maximum difference is: ${drift.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
