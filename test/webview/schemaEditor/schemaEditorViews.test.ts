/** The schema editor's views: data as text only, controls tagged with the edit they make, read-only disables them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EditorState, FeatureRow, SchemaForm } from '../../../src/protocol/schemaEditor/schemaEditorProtocol.js';
import { findElements, viewText } from '../../../webview/shared/viewNode.js';
import { anomalyView, featureView, parseErrorView, summaryText, visibleFeatures } from '../../../webview/schemaEditor/schemaEditorViews.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

const row: FeatureRow = {
  key: 'payment_type',
  name: 'payment_type',
  depth: 0,
  type: 'BYTES',
  minFraction: 1,
  shape: { kind: 'valueCount', min: 1, max: 1 },
  domain: { kind: 'string', name: 'payment_type', sharedWith: [], values: ['Cash', HOSTILE] },
  inEnvironment: [],
  notInEnvironment: ['SERVING'],
  deprecated: false,
  skew: { infinityNorm: 0.01 },
  drift: {},
  observed: { numExamples: 1000, numPresent: 997, minValues: 1, maxValues: 1, unique: 3, domainCounts: [990, 0], outOfDomain: [{ value: 'Prcard', count: 7 }] },
  anomalies: [{ severity: 'error', type: 'ENUM_TYPE_UNEXPECTED_STRING_VALUES', short: 'Unexpected string values', description: 'Prcard', fixes: [{ index: 0, title: "Add 'Prcard'" }] }],
};
const form: SchemaForm = { defaultEnvironment: ['TRAINING', 'SERVING'], features: [row, { ...row, key: 'company', name: 'company', anomalies: [] }], datasetAnomalies: [] };

describe('schemaEditorViews', () => {
  it('renders a feature with what the data has, values as text, and the fix a click away', () => {
    const view = featureView(row, 0, form, false);
    const text = viewText(view);
    assert.ok(text.includes(HOSTILE), 'a hostile value is text');
    assert.equal(findElements(view, (e) => e.tag === 'img').length, 0);
    assert.ok(text.includes('observed 0.3% missing (3 of 1,000)'), text);
    assert.ok(text.includes('observed 1–1 values per example'));
    assert.ok(text.includes('+ Prcard (7)'));
    const counts = findElements(view, (e) => String(e.attrs.class ?? '').startsWith('se-count')).map(viewText);
    assert.deepEqual(counts, ['990', '0']);
    const fix = findElements(view, (e) => e.attrs['data-fix'] !== undefined);
    assert.deepEqual(fix.map((e) => [e.attrs['data-fix'], e.attrs['data-feature'], viewText(e)]), [['0', 'payment_type', "Add 'Prcard'"]]);
    // The environment select shows "not in" for SERVING, default for TRAINING.
    const envs = findElements(view, (e) => e.tag === 'select' && e.attrs['data-edit'] === 'environment');
    assert.deepEqual(envs.map((e) => [e.attrs['data-environment'], e.attrs['data-current']]), [['TRAINING', 'default'], ['SERVING', 'notIn']]);
    const skew = findElements(view, (e) => e.attrs['data-comparator'] === 'skew' && e.attrs['data-metric'] === 'infinityNorm');
    assert.equal(skew[0]?.attrs.value, '0.01');
    // Every control has an id (focus survives a re-render) and none is disabled when editable.
    const controls = findElements(view, (e) => e.tag === 'input' || e.tag === 'select');
    assert.ok(controls.every((e) => typeof e.attrs.id === 'string' && e.attrs.disabled === false), JSON.stringify(controls.map((c) => c.attrs.id)));
  });

  it('disables every control when read-only', () => {
    const view = featureView(row, 0, form, true);
    const controls = findElements(view, (e) => e.tag === 'input' || e.tag === 'select' || e.tag === 'button');
    assert.ok(controls.length > 10);
    assert.ok(controls.every((e) => e.attrs.disabled === true));
  });

  it('shows the parse error with its position, the summary, and filters features', () => {
    const state: EditorState = { fileName: '/w/schema.pbtxt', version: 4, readOnly: true, parseError: { message: "'X' is not a value", line: 3, column: 9 }, form };
    const err = parseErrorView(state);
    assert.ok(err && typeof err === 'object' && !Array.isArray(err));
    assert.match(viewText(err as never), /Line 3, column 9: 'X' is not a value/);
    assert.equal(summaryText({ ...state, dataset: { name: 'eval.csv', numExamples: 5000 } }), '2 features · against eval.csv (5,000 examples) · 1 feature with anomalies');
    assert.deepEqual(visibleFeatures(form, 'COMP').map((f) => [f.row.key, f.index]), [['company', 1]]);
  });
});

describe('anomalyView: the severity of the anomaly type', () => {
  const anomaly = row.anomalies[0];
  assert.ok(anomaly);
  it('offers Error, Warning and TFDV\'s default for the type, the current severity selected; read-only disables it', () => {
    const select = findElements(anomalyView(anomaly, 'payment_type', false, 'sev'), (e) => e.tag === 'select')[0];
    assert.equal(select?.attrs['data-anomaly-type'], 'ENUM_TYPE_UNEXPECTED_STRING_VALUES');
    assert.equal(select?.attrs.disabled, false);
    const options = findElements(select ?? anomalyView(anomaly, undefined, false, 'sev'), (e) => e.tag === 'option');
    assert.deepEqual(options.map((o) => [o.attrs.value, viewText(o), o.attrs.selected === true]), [['ERROR', 'Error', true], ['WARNING', 'Warning', false], ['default', "TFDV's default", false]]);
    const warning = findElements(anomalyView({ ...anomaly, severity: 'warning' }, 'payment_type', false, 'sev'), (e) => e.tag === 'option' && e.attrs.selected === true);
    assert.deepEqual(warning.map((o) => o.attrs.value), ['WARNING']);
    assert.equal(findElements(anomalyView(anomaly, 'payment_type', true, 'sev'), (e) => e.tag === 'select')[0]?.attrs.disabled, true);
  });
});
