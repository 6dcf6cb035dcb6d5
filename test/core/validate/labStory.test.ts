/**
 * The TFDV course lab's story on the taxi data, end to end: infer a schema from train, find eval's unexpected
 * company and payment_type values, fix the domain, mark the label as not in SERVING, and catch skew and drift
 * with L-infinity comparators — every number checked against a count made here from the CSVs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import type { DatasetFeatureStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { resolveDataset } from '../../../src/core/io/dataset.js';
import { computeStatistics } from '../../../src/core/stats/statisticsJob.js';
import { AnomalyInfo_Severity, AnomalyInfo_Type, DriftSkewInfo_Measurement_Type } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { FeatureType } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
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
import { hasErrorAnomalies, validateStatistics } from '../../../src/core/validate/validateStatistics.js';
import { countValues, readCsv, statsFromTable, taxiPath } from './statsFromCsv.js';

const train = readCsv(taxiPath('train'));
const evalData = readCsv(taxiPath('eval'));
const serving = readCsv(taxiPath('serving'));
// The statistics validation sees come from the product's engine, as in the CLI and the extension; the expected
// values below come from counts made here (countValues), independently of it.
let trainStats: DatasetFeatureStatistics;
let evalStats: DatasetFeatureStatistics;
let servingStats: DatasetFeatureStatistics;

async function engineStats(path: string): Promise<DatasetFeatureStatistics> {
  return (await computeStatistics(await resolveDataset([path]), { parallelism: 2 })).statistics;
}

before(async () => {
  trainStats = await engineStats(taxiPath('train'));
  evalStats = await engineStats(taxiPath('eval'));
  servingStats = await engineStats(taxiPath('serving'));
});

/** max |p(v) − q(v)| over values, frequencies normalized over non-missing values; computed independently. */
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

/** TFDV prints distances with six significant digits. */
const six = (x: number): string => String(Number(x.toPrecision(6)));

function labSchema() {
  return inferSchema(trainStats);
}

describe('the taxi lab story', () => {
  it('reads CSVs without quoted fields (the premise of the test reader)', () => {
    for (const f of ['train', 'eval', 'serving'] as const) assert.ok(!readFileSync(taxiPath(f), 'utf8').includes('"'));
    assert.equal(train.rows.length, 10000);
    assert.equal(evalData.rows.length, 5000);
    assert.equal(serving.rows.length, 100);
  });

  it('infers a schema from train that train itself passes', () => {
    const schema = labSchema();
    assert.equal(schema.feature.length, train.header.length);
    assert.equal(getFeature(schema, ['payment_type'])?.type, FeatureType.BYTES);
    assert.equal(getFeature(schema, ['tips'])?.type, FeatureType.FLOAT);
    assert.equal(getFeature(schema, ['trip_start_hour'])?.type, FeatureType.INT);
    const paymentDomain = stringDomainOf(schema, getFeature(schema, ['payment_type'])!);
    assert.deepEqual(new Set(paymentDomain?.value), new Set(countValues(train, 'payment_type').keys()));
    const anomalies = validateStatistics(trainStats, schema);
    assert.deepEqual(Object.keys(anomalies.anomalyInfo), []);
  });

  it('flags eval: unexpected company values and the payment_type value Prcard', () => {
    const schema = labSchema();
    const anomalies = validateStatistics(evalStats, schema);
    assert.deepEqual(Object.keys(anomalies.anomalyInfo).sort(), ['company', 'payment_type']);

    const payment = anomalies.anomalyInfo['payment_type']!;
    assert.equal(payment.shortDescription, 'Unexpected string values');
    assert.equal(payment.description, 'Examples contain values missing from the schema: Prcard (<1%). ');
    assert.equal(payment.reason[0]?.type, AnomalyInfo_Type.ENUM_TYPE_UNEXPECTED_STRING_VALUES);
    assert.equal(payment.severity, AnomalyInfo_Severity.ERROR);
    assert.deepEqual(payment.path?.step, ['payment_type']);

    // The company values eval has and train lacks, each well under 1% of eval's company values.
    const trainCompanies = countValues(train, 'company');
    const evalCompanies = countValues(evalData, 'company');
    const total = [...evalCompanies.values()].reduce((s, x) => s + x, 0);
    const novel = [...evalCompanies.keys()].filter((c) => !trainCompanies.has(c)).sort();
    assert.ok(novel.length > 0);
    for (const c of novel) assert.ok(((evalCompanies.get(c) as number) / total) * 100 < 1);
    const company = anomalies.anomalyInfo['company']!;
    assert.equal(company.description, `Examples contain values missing from the schema: ${novel.map((c) => `${c} (<1%)`).join(', ')}. `);
    assert.ok(hasErrorAnomalies(anomalies));
  });

  it('clears them once company tolerates 10% novel values and payment_type knows Prcard', () => {
    const schema = labSchema();
    setMinDomainMass(getFeature(schema, ['company'])!, 0.9);
    addDomainValues(stringDomainOf(schema, getFeature(schema, ['payment_type'])!)!, ['Prcard']);
    // The novel company mass is below 10%, which is what makes min_domain_mass 0.9 enough.
    const trainCompanies = countValues(train, 'company');
    const evalCompanies = countValues(evalData, 'company');
    const total = [...evalCompanies.values()].reduce((s, x) => s + x, 0);
    const novelMass = [...evalCompanies].filter(([c]) => !trainCompanies.has(c)).reduce((s, [, n]) => s + n, 0) / total;
    assert.ok(novelMass > 0 && novelMass <= 0.1);
    assert.deepEqual(Object.keys(validateStatistics(evalStats, schema).anomalyInfo), []);
  });

  it('reports the label missing from serving until tips is marked not in SERVING', () => {
    const schema = labSchema();
    const before = validateStatistics(servingStats, schema);
    assert.deepEqual(Object.keys(before.anomalyInfo), ['tips']);
    const tips = before.anomalyInfo['tips']!;
    assert.equal(tips.shortDescription, 'Column dropped');
    assert.equal(tips.description, 'Column is completely missing');
    assert.equal(tips.reason[0]?.type, AnomalyInfo_Type.SCHEMA_MISSING_COLUMN);

    addDefaultEnvironment(schema, 'TRAINING');
    addDefaultEnvironment(schema, 'SERVING');
    setNotInEnvironment(schema, getFeature(schema, ['tips'])!, 'SERVING');
    assert.deepEqual(Object.keys(validateStatistics(servingStats, schema, { environment: 'SERVING' }).anomalyInfo), []);
    // Training data still needs the label.
    assert.deepEqual(Object.keys(validateStatistics(trainStats, schema, { environment: 'TRAINING' }).anomalyInfo), []);
    const trainWithoutTips = statsFromTable({ header: train.header.filter((h) => h !== 'tips'), rows: train.rows.map((r) => r.slice(0, -1)) });
    assert.deepEqual(Object.keys(validateStatistics(trainWithoutTips, schema, { environment: 'TRAINING' }).anomalyInfo), ['tips']);
  });

  it('catches skew on payment_type and drift on company, naming the value that moved most', () => {
    const schema = labSchema();
    setComparatorThreshold(getFeature(schema, ['payment_type'])!, 'skew', 'infinityNorm', 0.01);
    setComparatorThreshold(getFeature(schema, ['company'])!, 'drift', 'infinityNorm', 0.001);
    // The lab: validate_statistics(train_stats, schema, previous_statistics=eval_stats, serving_statistics=serving_stats)
    const anomalies = validateStatistics(trainStats, schema, { previousStats: evalStats, servingStats });

    const skew = lInfinity(countValues(train, 'payment_type'), countValues(serving, 'payment_type'));
    const drift = lInfinity(countValues(train, 'company'), countValues(evalData, 'company'));
    assert.ok(skew.distance > 0.01 && drift.distance > 0.001);

    const payment = anomalies.anomalyInfo['payment_type']!;
    assert.equal(payment.reason[0]?.type, AnomalyInfo_Type.COMPARATOR_L_INFTY_HIGH);
    assert.equal(payment.shortDescription, 'High Linfty distance between training and serving');
    assert.equal(
      payment.description,
      `The Linfty distance between training and serving is ${six(skew.distance)} (up to six significant digits), above the threshold 0.01. ` +
        `The feature value with maximum difference is: ${skew.value}`,
    );
    const company = anomalies.anomalyInfo['company']!;
    assert.equal(company.shortDescription, 'High Linfty distance between current and previous');
    assert.equal(
      company.description,
      `The Linfty distance between current and previous is ${six(drift.distance)} (up to six significant digits), above the threshold 0.001. ` +
        `The feature value with maximum difference is: ${drift.value}`,
    );

    // Both measurements are recorded in drift_skew_info, exactly.
    const info = new Map(anomalies.driftSkewInfo.map((d) => [d.path?.step.join('.'), d]));
    const skewM = info.get('payment_type')?.skewMeasurements[0];
    assert.equal(skewM?.type, DriftSkewInfo_Measurement_Type.L_INFTY);
    assert.ok(Math.abs((skewM?.value ?? 0) - skew.distance) < 1e-12);
    assert.equal(skewM?.threshold, 0.01);
    const driftM = info.get('company')?.driftMeasurements[0];
    assert.ok(Math.abs((driftM?.value ?? 0) - drift.distance) < 1e-12);
    assert.equal(driftM?.threshold, 0.001);
  });

  it('records measurements below the threshold too, without an anomaly', () => {
    const schema = labSchema();
    setComparatorThreshold(getFeature(schema, ['payment_type'])!, 'skew', 'infinityNorm', 0.5);
    const anomalies = validateStatistics(trainStats, schema, { servingStats });
    assert.deepEqual(Object.keys(anomalies.anomalyInfo), []);
    const m = anomalies.driftSkewInfo.find((d) => d.path?.step[0] === 'payment_type')?.skewMeasurements[0];
    const expected = lInfinity(countValues(train, 'payment_type'), countValues(serving, 'payment_type'));
    assert.ok(Math.abs((m?.value ?? -1) - expected.distance) < 1e-12);
    assert.equal(m?.threshold, 0.5);
  });
});
