import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseComparisonToHostMessage, parseHostToComparisonMessage } from '../../../src/protocol/models/comparisonProtocol.js';

test('messages from the webview are checked as untrusted input', () => {
  assert.deepEqual(parseComparisonToHostMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseComparisonToHostMessage({ type: 'rerun', requestId: 3 }), { type: 'rerun', requestId: 3 });
  assert.deepEqual(parseComparisonToHostMessage({ type: 'rollBack', version: 1, extra: 'x' }), { type: 'rollBack', version: 1 });
  assert.deepEqual(parseComparisonToHostMessage({ type: 'revealRow', shard: 0, position: 17 }), { type: 'revealRow', shard: 0, position: 17 });
  for (const bad of [
    null,
    'ready',
    [],
    { type: 'rerun' },
    { type: 'rerun', requestId: -1 },
    { type: 'rollBack', version: 1.5 },
    { type: 'rollBack', version: '1' },
    { type: 'sliceBy', requestId: 1, feature: '' },
    { type: 'sliceBy', requestId: 1, feature: 'x'.repeat(1001) },
    { type: 'revealRow', shard: 0, position: Number.NaN },
    { type: 'openFile', path: '/etc/passwd' },
  ]) {
    assert.equal(parseComparisonToHostMessage(bad), undefined, JSON.stringify(bad));
  }
});

test('host messages are dispatched only when they have their fields', () => {
  assert.equal(parseHostToComparisonMessage({ type: 'progress', message: 'scoring' })?.type, 'progress');
  assert.equal(parseHostToComparisonMessage({ type: 'comparison' }), undefined);
  assert.equal(parseHostToComparisonMessage({ type: 'rolledBack', version: 'x', message: '' }), undefined);
  assert.equal(parseHostToComparisonMessage({ type: 'whatever' }), undefined);
});
