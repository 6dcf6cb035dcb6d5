import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asBytes, parseHostToOverviewMessage, parseOverviewToHostMessage } from '../../../src/protocol/overview/overviewProtocol.js';

const bytes = new Uint8Array([10, 0, 1]);

test('statistics messages keep their bytes and optional fields', () => {
  const msg = parseHostToOverviewMessage({ type: 'statistics', stats: bytes, anomalies: bytes, datasetName: 'train.csv', rowCount: 5, requestId: 3 });
  assert.deepEqual(msg, { type: 'statistics', stats: bytes, anomalies: bytes, datasetName: 'train.csv', rowCount: 5, requestId: 3 });
  const minimal = parseHostToOverviewMessage({ type: 'statistics', stats: bytes, datasetName: '' });
  assert.deepEqual(minimal, { type: 'statistics', stats: bytes, datasetName: '' });
});

test('bytes may arrive as an ArrayBuffer or another view', () => {
  const viaBuffer = parseHostToOverviewMessage({ type: 'anomalies', anomalies: bytes.buffer });
  assert.ok(viaBuffer?.type === 'anomalies');
  assert.deepEqual([...viaBuffer.anomalies], [10, 0, 1]);
  const view = new DataView(new Uint8Array([9, 9, 7, 8]).buffer, 2, 2);
  assert.deepEqual([...(asBytes(view) ?? [])], [7, 8]);
  assert.equal(asBytes([1, 2, 3]), undefined, 'a JSON array of numbers is not bytes');
  assert.equal(asBytes('AQID'), undefined);
});

test('malformed host messages are rejected, not half-handled', () => {
  for (const bad of [
    null,
    'statistics',
    [],
    { type: 'nope' },
    { type: 'statistics', stats: [1, 2], datasetName: 'x' },
    { type: 'statistics', stats: bytes },
    { type: 'statistics', stats: bytes, datasetName: 'x', anomalies: 'no' },
    { type: 'statistics', stats: bytes, datasetName: 'x', rowCount: -1 },
    { type: 'statistics', stats: bytes, datasetName: 'x', requestId: 1.5 },
    { type: 'anomalies' },
    { type: 'progress' },
    { type: 'progress', message: 'x', fraction: 'half' },
    { type: 'error', message: 3 },
  ]) {
    assert.equal(parseHostToOverviewMessage(bad), undefined, JSON.stringify(bad));
  }
});

test('progress fractions are clamped to 0..1; errors may answer a request', () => {
  assert.deepEqual(parseHostToOverviewMessage({ type: 'progress', message: 'Reading', fraction: 1.5 }), { type: 'progress', message: 'Reading', fraction: 1 });
  assert.deepEqual(parseHostToOverviewMessage({ type: 'progress', message: 'Reading' }), { type: 'progress', message: 'Reading' });
  assert.deepEqual(parseHostToOverviewMessage({ type: 'error', message: 'no schema', requestId: 7 }), { type: 'error', message: 'no schema', requestId: 7 });
});

test('webview messages: ready, revealFeature, validate with an id', () => {
  assert.deepEqual(parseOverviewToHostMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseOverviewToHostMessage({ type: 'revealFeature', feature: 'a.b', path: ['a', 'b'] }), { type: 'revealFeature', feature: 'a.b', path: ['a', 'b'] });
  assert.deepEqual(parseOverviewToHostMessage({ type: 'revealFeature', feature: 'fare' }), { type: 'revealFeature', feature: 'fare' });
  assert.deepEqual(parseOverviewToHostMessage({ type: 'validate', requestId: 2 }), { type: 'validate', requestId: 2 });
  for (const bad of [{ type: 'validate' }, { type: 'revealFeature' }, { type: 'revealFeature', feature: 'x', path: [1] }, { type: 'run' }, undefined]) {
    assert.equal(parseOverviewToHostMessage(bad), undefined, JSON.stringify(bad));
  }
});
