import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { viewText } from '../../../webview/shared/viewNode.js';
import { schemaLineView } from '../../../webview/overview/schemaLine.js';

describe('schemaLineView (overview header)', () => {
  test('names the schema and why, with Change…', () => {
    assert.equal(viewText(schemaLineView({ type: 'schema', label: 'schema.pbtxt', source: 'setting' })), 'Schema: schema.pbtxt (from setting) · Change…');
    assert.equal(viewText(schemaLineView({ type: 'schema', label: 'a schema inferred from train.csv', source: 'remembered' })), 'Schema: a schema inferred from train.csv (remembered) · Change…');
  });

  test('no schema yet: says so and offers Choose…; before the host answers: an ellipsis', () => {
    assert.equal(viewText(schemaLineView({ type: 'schema', detail: 'No schema yet' })), 'Schema: none yet · Choose…');
    assert.equal(viewText(schemaLineView(undefined)), 'Schema: …');
  });

  test('a label holding markup stays text', () => {
    const view = schemaLineView({ type: 'schema', label: '<img src=x onerror=alert(1)>', source: 'chosen' });
    assert.ok(viewText(view).includes('<img src=x onerror=alert(1)>'));
  });
});
