/** The schema editor's messages: the webview is untrusted, so every malformed edit is refused, not coerced. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFormEdit, parseHostToSchemaEditorMessage, parseSchemaEditorToHostMessage } from '../../../src/protocol/schemaEditor/schemaEditorProtocol.js';

describe('schemaEditorProtocol: webview → host', () => {
  it('accepts the messages the page sends', () => {
    assert.deepEqual(parseSchemaEditorToHostMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseSchemaEditorToHostMessage({ type: 'pickDataset', extra: 1 }), { type: 'pickDataset' });
    assert.deepEqual(parseSchemaEditorToHostMessage({ type: 'openText' }), { type: 'openText' });
    assert.deepEqual(parseSchemaEditorToHostMessage({ type: 'applyFix', feature: 'payment_type', index: 0 }), { type: 'applyFix', feature: 'payment_type', index: 0 });
    for (const severity of ['ERROR', 'WARNING', 'default'] as const) {
      assert.deepEqual(parseSchemaEditorToHostMessage({ type: 'setSeverity', anomalyType: 'ENUM_TYPE_UNEXPECTED_STRING_VALUES', severity }), { type: 'setSeverity', anomalyType: 'ENUM_TYPE_UNEXPECTED_STRING_VALUES', severity });
    }
    assert.deepEqual(parseSchemaEditorToHostMessage({ type: 'edit', edit: { kind: 'domainAdd', feature: 'payment_type', value: 'Prcard', junk: '<b>' } }), {
      type: 'edit',
      edit: { kind: 'domainAdd', feature: 'payment_type', value: 'Prcard' },
    });
  });

  it('refuses malformed messages', () => {
    for (const bad of [
      null,
      'ready',
      [],
      { type: 'nope' },
      { type: 'applyFix', feature: 'x', index: -1 },
      { type: 'applyFix', feature: 'x', index: 1.5 },
      { type: 'applyFix', feature: '', index: 0 },
      { type: 'setSeverity', anomalyType: 'ENUM_TYPE_UNEXPECTED_STRING_VALUES', severity: 'INFO' },
      { type: 'setSeverity', anomalyType: 'enum_type', severity: 'ERROR' },
      { type: 'setSeverity', anomalyType: '__proto__', severity: 'ERROR' },
      { type: 'setSeverity', severity: 'WARNING' },
      { type: 'edit' },
      { type: 'edit', edit: { kind: 'domainAdd', feature: 'x' } },
    ]) {
      assert.equal(parseSchemaEditorToHostMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('checks every edit’s fields and ranges', () => {
    const ok = [
      { kind: 'type', feature: 'f', value: 'INT' },
      { kind: 'presence', feature: 'f', field: 'minFraction', value: 0.5 },
      { kind: 'presence', feature: 'f', field: 'minCount', value: null },
      { kind: 'valueCount', feature: 'f', field: 'max', value: 3 },
      { kind: 'domainRemove', feature: 'f', value: 'a' },
      { kind: 'domainMove', feature: 'f', value: 'a', offset: -1 },
      { kind: 'intRange', feature: 'f', field: 'min', value: '-9223372036854775808' },
      { kind: 'floatRange', feature: 'f', field: 'max', value: 1.5 },
      { kind: 'environment', feature: 'f', list: 'notIn', environment: 'SERVING', present: true },
      { kind: 'defaultEnvironment', environment: 'SERVING', present: false },
      { kind: 'lifecycle', feature: 'f', value: 'DEPRECATED' },
      { kind: 'lifecycle', feature: 'f', value: null },
      { kind: 'comparator', feature: 'f', comparator: 'skew', metric: 'infinityNorm', value: 0.01 },
    ];
    for (const edit of ok) assert.deepEqual(parseFormEdit(edit), edit, JSON.stringify(edit));
    const bad = [
      { kind: 'type', feature: 'f', value: 'STRING' },
      { kind: 'type', feature: '', value: 'INT' },
      { kind: 'type', feature: 'x'.repeat(10_001), value: 'INT' },
      { kind: 'presence', feature: 'f', field: 'minFraction', value: 1.5 },
      { kind: 'presence', feature: 'f', field: 'minCount', value: 1.5 },
      { kind: 'presence', feature: 'f', field: 'minCount', value: -1 },
      { kind: 'presence', feature: 'f', field: 'other', value: 1 },
      { kind: 'valueCount', feature: 'f', field: 'max', value: Number.NaN },
      { kind: 'domainMove', feature: 'f', value: 'a', offset: 2 },
      { kind: 'intRange', feature: 'f', field: 'min', value: '1e3' },
      { kind: 'intRange', feature: 'f', field: 'min', value: 3 },
      { kind: 'floatRange', feature: 'f', field: 'max', value: Number.POSITIVE_INFINITY },
      { kind: 'floatRange', feature: 'f', field: 'max', value: '1' },
      { kind: 'environment', feature: 'f', list: 'maybe', environment: 'SERVING', present: true },
      { kind: 'environment', feature: 'f', list: 'in', environment: '', present: true },
      { kind: 'defaultEnvironment', environment: 'SERVING' },
      { kind: 'lifecycle', feature: 'f', value: 'RETIRED' },
      { kind: 'comparator', feature: 'f', comparator: 'skew', metric: 'psi', value: 0.1 },
      { kind: 'comparator', feature: 'f', comparator: 'skew', metric: 'infinityNorm', value: -0.1 },
      { kind: 'rename', feature: 'f', value: 'g' },
    ];
    for (const edit of bad) assert.equal(parseFormEdit(edit), undefined, JSON.stringify(edit));
  });
});

describe('schemaEditorProtocol: host → webview', () => {
  it('accepts a state and a status; refuses a state without its typed fields', () => {
    const state = { type: 'state', fileName: 'schema.pbtxt', version: 2, readOnly: false, form: { defaultEnvironment: [], features: [], datasetAnomalies: [] } };
    assert.deepEqual(parseHostToSchemaEditorMessage(state), state);
    assert.deepEqual(parseHostToSchemaEditorMessage({ type: 'status', message: 'hi' }), { type: 'status', message: 'hi' });
    assert.equal(parseHostToSchemaEditorMessage({ ...state, version: '2' }), undefined);
    assert.equal(parseHostToSchemaEditorMessage({ ...state, form: { features: [] } }), undefined);
    assert.equal(parseHostToSchemaEditorMessage({ ...state, parseError: { line: 3 } }), undefined);
    assert.equal(parseHostToSchemaEditorMessage({ type: 'status' }), undefined);
  });
});
