import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { statusBarText } from '../../src/extension/statusBarText.js';

describe('statusBarText', () => {
  test('rows with thousands separators and the anomaly count', () => {
    assert.equal(statusBarText({ name: 'eval.csv', rowCount: 5000, anomalies: 2 }).text, '$(table) 5,000 rows $(warning) 2 anomalies');
    assert.equal(statusBarText({ name: 'x.csv', rowCount: 1, anomalies: 1 }).text, '$(table) 1 row $(warning) 1 anomaly');
    assert.equal(statusBarText({ name: 'x.csv', rowCount: 10, anomalies: 0 }).text, '$(table) 10 rows $(check) 0 anomalies');
  });

  test('not validated yet, or rows not known yet', () => {
    const s = statusBarText({ name: 'train.csv', rowCount: 10000, anomalies: undefined });
    assert.equal(s.text, '$(table) 10,000 rows');
    assert.match(s.tooltip, /not validated yet/);
    assert.match(s.tooltip, /Problems/);
    assert.equal(statusBarText({ name: 'a', rowCount: undefined, anomalies: undefined }).text, '$(table) … rows');
  });
});
