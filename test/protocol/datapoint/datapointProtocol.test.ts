import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDatapointToHost } from '../../../src/protocol/datapoint/datapointProtocol.js';

describe('datapoint protocol: messages from the webview are untrusted', () => {
  test('well-formed messages pass; anything else is dropped', () => {
    assert.deepEqual(parseDatapointToHost({ type: 'ready' }), { type: 'ready' });
    const backend = { type: 'backend', realtime: 'wasm', batch: 'webgl', trials: [{ name: 'webgl', status: 'used', reason: 'batches', maxAbsDiff: 6e-8, rowsPerSecond: [77, 69000, null] }] };
    assert.deepEqual(parseDatapointToHost(backend), backend);
    assert.equal(parseDatapointToHost({ ...backend, realtime: 'tensorflow' }), undefined);
    assert.equal(parseDatapointToHost({ ...backend, trials: [{ name: 'webgl', status: 'hacked', reason: '', rowsPerSecond: [] }] }), undefined);
    assert.equal(parseDatapointToHost({ type: 'saveSession', requestId: 1.5, jsonl: '', examples: 0 }), undefined);
    assert.deepEqual(parseDatapointToHost({ type: 'saveSession', requestId: 2, jsonl: '{}\n', examples: 1 }), { type: 'saveSession', requestId: 2, jsonl: '{}\n', examples: 1 });
    assert.equal(parseDatapointToHost({ type: 'eval', code: 'x' }), undefined);
    assert.equal(parseDatapointToHost('ready'), undefined);
  });
});
