import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseHostToOverviewMessage, parseOverviewToHostMessage } from '../../../src/protocol/overview/overviewProtocol.js';

describe('overview protocol: the header schema line', () => {
  test('host → webview: a schema with its source, or none yet', () => {
    assert.deepEqual(parseHostToOverviewMessage({ type: 'schema', label: 'schema.pbtxt', source: 'found beside', detail: 'taxi/schema.pbtxt' }), {
      type: 'schema',
      label: 'schema.pbtxt',
      source: 'found beside',
      detail: 'taxi/schema.pbtxt',
    });
    assert.deepEqual(parseHostToOverviewMessage({ type: 'schema' }), { type: 'schema' });
  });

  test('host → webview: malformed schema messages are dropped', () => {
    for (const bad of [
      { type: 'schema', label: 'schema.pbtxt', source: 'guessed' },
      { type: 'schema', label: 3, source: 'setting' },
      { type: 'schema', label: 'schema.pbtxt' },
      { type: 'schema', source: 'setting' },
      { type: 'schema', label: 'x'.repeat(5000), source: 'setting' },
    ]) {
      assert.equal(parseHostToOverviewMessage(bad), undefined, JSON.stringify(bad).slice(0, 80));
    }
  });

  test('webview → host: Change… and Compare Dataset with… are bare requests; extra fields are not passed on', () => {
    assert.deepEqual(parseOverviewToHostMessage({ type: 'changeSchema' }), { type: 'changeSchema' });
    assert.deepEqual(parseOverviewToHostMessage({ type: 'compareWith', dataset: '/etc/passwd' }), { type: 'compareWith' });
    assert.equal(parseOverviewToHostMessage({ type: 'changeSchemaTo', path: '/x' }), undefined);
    assert.equal(parseOverviewToHostMessage(['changeSchema']), undefined);
  });
});
