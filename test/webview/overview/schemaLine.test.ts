import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findElements, viewText } from '../../../webview/shared/viewNode.js';
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
  test("Change…'s tooltip warns when the facetwise.schemas setting decides (a pick would not take effect)", () => {
    const title = (source: 'setting' | 'remembered'): unknown =>
      findElements(schemaLineView({ type: 'schema', label: 'schema.pbtxt', source }), (e) => e.attrs['data-action'] === 'changeSchema')[0]?.attrs.title;
    assert.match(String(title('setting')), /facetwise\.schemas setting, which wins over a schema picked here/);
    assert.equal(title('remembered'), 'Pick the schema this dataset is validated against');
  });
});
