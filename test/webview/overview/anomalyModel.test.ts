import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create } from '@bufbuild/protobuf';
import {
  AnomaliesSchema,
  AnomalyInfoSchema,
  AnomalyInfo_Severity,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { anomalyCount, anomalyFeatureName, anomalyLineText, indexAnomalies } from '../../../webview/overview/anomalyModel.js';
import { HOSTILE_DESCRIPTION, HOSTILE_NAME, demoAnomalies } from './overviewFixtures.js';

test('reasons become "short — description" lines, by feature, with severity', () => {
  const index = indexAnomalies(demoAnomalies());
  assert.equal(anomalyCount(index), 5);
  const payment = index.byFeature.get('payment_type');
  assert.equal(payment?.severity, 'error');
  assert.deepEqual(
    payment?.lines.map((l) => l.text),
    ['Unexpected string values \u2014 Examples contain values missing from the schema: Prcard (<1%).'],
  );
  assert.equal(index.byFeature.get('company')?.severity, 'warning');
  assert.equal(index.byFeature.get('tips')?.lines[0].text, 'Column dropped \u2014 Column is completely missing');
  const hostile = index.byFeature.get(HOSTILE_NAME);
  assert.equal(hostile?.lines[0].description, HOSTILE_DESCRIPTION);
});

test('line text keeps whichever part exists', () => {
  assert.equal(anomalyLineText('Short', ''), 'Short');
  assert.equal(anomalyLineText('', 'Long'), 'Long');
  assert.equal(anomalyLineText('Same', 'Same'), 'Same');
  assert.equal(anomalyLineText('  a ', ' b  '), 'a \u2014 b');
});

test('UNKNOWN severity shows as an error; an anomaly without reasons uses its own text', () => {
  const index = indexAnomalies(
    create(AnomaliesSchema, {
      anomalyInfo: { f: create(AnomalyInfoSchema, { severity: AnomalyInfo_Severity.UNKNOWN, shortDescription: 'Odd', description: 'Very odd.' }) },
      datasetAnomalyInfo: create(AnomalyInfoSchema, { severity: AnomalyInfo_Severity.WARNING, description: 'Too few examples.' }),
      dataMissing: true,
    }),
  );
  assert.equal(index.byFeature.get('f')?.severity, 'error');
  assert.deepEqual(index.byFeature.get('f')?.lines.map((l) => l.text), ['Odd \u2014 Very odd.']);
  assert.equal(index.dataset?.severity, 'warning');
  assert.equal(index.dataset?.lines[0].text, 'Too few examples.');
  assert.equal(index.dataMissing, true);
  assert.equal(anomalyCount(index), 2);
});

test('the feature an entry names: its path, else its key without TFDV parentheses', () => {
  const plain = create(AnomalyInfoSchema, {});
  assert.equal(anomalyFeatureName('fare', plain), 'fare');
  assert.equal(anomalyFeatureName('(a.b)', plain), 'a.b');
  const withPath = create(AnomalyInfoSchema, { path: { step: ['parent', 'child'] } });
  assert.equal(anomalyFeatureName('whatever', withPath), 'parent.child');
});
