/**
 * The schema editor's form model: schema text ⇄ form rows, each form edit → the next text (comments and unknown
 * fields kept, one span changed), a dataset's figures and anomalies with their fixes on each feature, and a
 * parse error → a read-only state with line and column.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { create } from '@bufbuild/protobuf';
import {
  CommonStatisticsSchema,
  DatasetFeatureStatisticsSchema,
  FeatureNameStatistics_Type,
  FeatureNameStatisticsSchema,
  NumericStatisticsSchema,
  RankHistogram_BucketSchema,
  RankHistogramSchema,
  StringStatisticsSchema,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { DatasetFeatureStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { buildEditorState, textAfterEdit, textAfterFix } from '../../../src/extension/schemaEditor/editorState.js';
import type { FormEdit, FeatureRow } from '../../../src/protocol/schemaEditor/schemaEditorProtocol.js';
import { textDelta } from '../../../src/extension/schema/schemaText.js';

const SCHEMA = `# Reviewed by hand: keep this comment.
feature {
  name: "payment_type"
  type: BYTES
  domain: "payment_type"
  presence {
    min_fraction: 1.0
    min_count: 1
  }
  shape {
    dim {
      size: 1
    }
  }
}
feature {
  name: "fare"  # dollars
  value_count {
    min: 1
    max: 1
  }
  type: FLOAT
  float_domain {
    min: 0.0
  }
  some_future_field: 42
}
feature {
  name: "tips"
  type: FLOAT
  skew_comparator {
    infinity_norm {
      threshold: 0.01
    }
  }
  not_in_environment: "SERVING"
  lifecycle_stage: PRODUCTION
}
string_domain {
  name: "payment_type"
  value: "Cash"
  value: "Credit Card"
}
default_environment: "TRAINING"
`;

function stats(): DatasetFeatureStatistics {
  const common = (present: number) => create(CommonStatisticsSchema, { numNonMissing: BigInt(present), numMissing: BigInt(100 - present), minNumValues: 1n, maxNumValues: 1n, totNumValues: BigInt(present) });
  return create(DatasetFeatureStatisticsSchema, {
    name: 'eval.csv',
    numExamples: 100n,
    features: [
      create(FeatureNameStatisticsSchema, {
        fieldId: { case: 'name', value: 'payment_type' },
        type: FeatureNameStatistics_Type.STRING,
        stats: {
          case: 'stringStats',
          value: create(StringStatisticsSchema, {
            commonStats: common(100),
            unique: 3n,
            rankHistogram: create(RankHistogramSchema, {
              buckets: [
                create(RankHistogram_BucketSchema, { label: 'Cash', sampleCount: 60 }),
                create(RankHistogram_BucketSchema, { label: 'Credit Card', sampleCount: 39 }),
                create(RankHistogram_BucketSchema, { label: 'Prcard', sampleCount: 1 }),
              ],
            }),
          }),
        },
      }),
      create(FeatureNameStatisticsSchema, {
        fieldId: { case: 'name', value: 'fare' },
        type: FeatureNameStatistics_Type.FLOAT,
        stats: { case: 'numStats', value: create(NumericStatisticsSchema, { commonStats: common(97), min: 0, max: 80.5 }) },
      }),
      create(FeatureNameStatisticsSchema, {
        fieldId: { case: 'name', value: 'tips' },
        type: FeatureNameStatistics_Type.FLOAT,
        stats: { case: 'numStats', value: create(NumericStatisticsSchema, { commonStats: common(100), min: 0, max: 10 }) },
      }),
    ],
  });
}

function rowOf(text: string, key: string, withStats = false): FeatureRow {
  const built = buildEditorState({ text, fileName: 'schema.pbtxt', version: 1, trusted: true, ...(withStats ? { dataset: { name: 'eval.csv', statistics: stats() } } : {}) });
  const row = built.state.form?.features.find((f) => f.key === key);
  assert.ok(row, key);
  return row;
}

function domainValues(text: string): readonly string[] {
  const d = rowOf(text, 'payment_type').domain;
  return d.kind === 'string' ? d.values : [];
}

function edit(text: string, e: FormEdit): string {
  const after = textAfterEdit(text, 'schema.pbtxt', e);
  // Everything the user wrote and Facetwise does not touch survives every edit.
  assert.ok(after.startsWith('# Reviewed by hand: keep this comment.\n'), after);
  assert.ok(after.includes('name: "fare"  # dollars') || after.includes('# dollars'), after);
  assert.ok(after.includes('some_future_field: 42'), after);
  return after;
}

describe('schema editor form: schema → rows', () => {
  it('reads type, presence, shape, domains, environments, lifecycle and comparators', () => {
    const built = buildEditorState({ text: SCHEMA, fileName: 'schema.pbtxt', version: 3, trusted: true });
    assert.equal(built.state.readOnly, false);
    assert.equal(built.state.version, 3);
    const form = built.state.form;
    assert.ok(form);
    assert.deepEqual(form.defaultEnvironment, ['TRAINING']);
    assert.deepEqual(form.features.map((f) => f.key), ['payment_type', 'fare', 'tips']);
    const payment = rowOf(SCHEMA, 'payment_type');
    assert.equal(payment.type, 'BYTES');
    assert.equal(payment.minFraction, 1);
    assert.equal(payment.minCount, 1);
    assert.deepEqual(payment.shape, { kind: 'shape', dims: [1] });
    assert.deepEqual(payment.domain, { kind: 'string', name: 'payment_type', sharedWith: [], values: ['Cash', 'Credit Card'] });
    assert.equal(payment.observed, undefined);
    const fare = rowOf(SCHEMA, 'fare');
    assert.deepEqual(fare.shape, { kind: 'valueCount', min: 1, max: 1 });
    assert.deepEqual(fare.domain, { kind: 'float', min: 0 });
    assert.equal(fare.minFraction, undefined);
    const tips = rowOf(SCHEMA, 'tips');
    assert.deepEqual(tips.notInEnvironment, ['SERVING']);
    assert.equal(tips.lifecycle, 'PRODUCTION');
    assert.equal(tips.deprecated, false);
    assert.deepEqual(tips.skew, { infinityNorm: 0.01 });
    assert.deepEqual(tips.drift, {});
  });

  it('puts the dataset’s figures beside the fields and its anomalies, with their fixes, on the feature', () => {
    const built = buildEditorState({ text: SCHEMA, fileName: 'schema.pbtxt', version: 1, trusted: true, dataset: { name: 'eval.csv', statistics: stats() } });
    assert.deepEqual(built.state.dataset, { name: 'eval.csv', numExamples: 100 });
    const payment = built.state.form?.features.find((f) => f.key === 'payment_type');
    assert.ok(payment?.observed);
    assert.equal(payment.observed.numPresent, 100);
    assert.deepEqual(payment.observed.domainCounts, [60, 39]);
    assert.deepEqual(payment.observed.outOfDomain, [{ value: 'Prcard', count: 1 }]);
    assert.equal(payment.anomalies.length, 1);
    const anomaly = payment.anomalies[0];
    assert.equal(anomaly?.type, 'ENUM_TYPE_UNEXPECTED_STRING_VALUES');
    assert.equal(anomaly?.severity, 'error');
    assert.match(anomaly?.description ?? '', /Prcard/);
    assert.equal(anomaly?.fixes[0]?.title, "Add 'Prcard' to the schema's domain of payment_type");
    // The fix, applied to the text, adds the value and keeps the comments.
    const fix = built.fixes.get('payment_type')?.[anomaly?.fixes[0]?.index ?? -1];
    assert.ok(fix);
    const fixed = textAfterFix(SCHEMA, 'schema.pbtxt', fix);
    assert.match(fixed, /value: "Credit Card"\n  value: "Prcard"\n/);
    assert.ok(fixed.startsWith('# Reviewed by hand'));
    // …and the anomaly is gone once the text has it.
    assert.equal(rowOf(fixed, 'payment_type', true).anomalies.length, 0);
    const fare = built.state.form?.features.find((f) => f.key === 'fare');
    assert.equal(fare?.observed?.numPresent, 97);
    assert.equal(fare?.observed?.max, 80.5);
  });

  it('says why the dataset was not validated when its environment is not in the schema, and still shows figures', () => {
    const built = buildEditorState({ text: SCHEMA, fileName: 'schema.pbtxt', version: 1, trusted: true, dataset: { name: 'serving.csv', statistics: stats(), environment: 'SERVING' } });
    assert.match(built.state.dataset?.note ?? '', /^Not validated: .*SERVING/);
    assert.equal(built.state.form?.features[0]?.observed?.numExamples, 100);
  });
});

describe('schema editor form: each edit → new text', () => {
  it('adds, removes and reorders string domain values as one span of the text', () => {
    const added = edit(SCHEMA, { kind: 'domainAdd', feature: 'payment_type', value: 'Prcard' });
    assert.deepEqual(rowOf(added, 'payment_type').domain, { kind: 'string', name: 'payment_type', sharedWith: [], values: ['Cash', 'Credit Card', 'Prcard'] });
    const delta = textDelta(SCHEMA, added);
    assert.deepEqual(delta && { text: delta.text, at: SCHEMA.slice(0, delta.start).split('\n').length }, { text: '  value: "Prcard"\n', at: 43 });
    const moved = edit(added, { kind: 'domainMove', feature: 'payment_type', value: 'Prcard', offset: -1 });
    assert.deepEqual(domainValues(moved), ['Cash', 'Prcard', 'Credit Card']);
    const removed = edit(moved, { kind: 'domainRemove', feature: 'payment_type', value: 'Cash' });
    assert.deepEqual(domainValues(removed), ['Prcard', 'Credit Card']);
    assert.throws(() => textAfterEdit(SCHEMA, 'schema.pbtxt', { kind: 'domainAdd', feature: 'payment_type', value: 'Cash' }), /already has 'Cash'/);
    assert.throws(() => textAfterEdit(SCHEMA, 'schema.pbtxt', { kind: 'domainAdd', feature: 'fare', value: 'x' }), /fare has no string domain/);
    assert.throws(() => textAfterEdit(SCHEMA, 'schema.pbtxt', { kind: 'domainAdd', feature: 'nope', value: 'x' }), /no feature nope/);
  });

  it('sets and clears presence, value counts and ranges', () => {
    let t = edit(SCHEMA, { kind: 'presence', feature: 'payment_type', field: 'minFraction', value: 0.95 });
    assert.equal(rowOf(t, 'payment_type').minFraction, 0.95);
    assert.match(t, /min_fraction: 0\.95\n/);
    t = edit(t, { kind: 'presence', feature: 'payment_type', field: 'minCount', value: null });
    assert.equal(rowOf(t, 'payment_type').minCount, undefined);
    t = edit(t, { kind: 'valueCount', feature: 'fare', field: 'max', value: 3 });
    assert.deepEqual(rowOf(t, 'fare').shape, { kind: 'valueCount', min: 1, max: 3 });
    assert.throws(() => textAfterEdit(SCHEMA, 'schema.pbtxt', { kind: 'valueCount', feature: 'payment_type', field: 'max', value: 3 }), /fixed shape/);
    t = edit(t, { kind: 'floatRange', feature: 'fare', field: 'max', value: 500 });
    assert.deepEqual(rowOf(t, 'fare').domain, { kind: 'float', min: 0, max: 500 });
    t = edit(t, { kind: 'floatRange', feature: 'fare', field: 'min', value: null });
    assert.deepEqual(rowOf(t, 'fare').domain, { kind: 'float', max: 500 });
    assert.throws(() => textAfterEdit(SCHEMA, 'schema.pbtxt', { kind: 'intRange', feature: 'fare', field: 'max', value: '3' }), /floatDomain domain, not an int domain/);
    t = edit(t, { kind: 'intRange', feature: 'tips', field: 'max', value: '9007199254740993' });
    assert.deepEqual(rowOf(t, 'tips').domain, { kind: 'int', max: '9007199254740993' });
  });

  it('sets type, lifecycle, environments and comparator thresholds', () => {
    let t = edit(SCHEMA, { kind: 'type', feature: 'fare', value: 'INT' });
    assert.equal(rowOf(t, 'fare').type, 'INT');
    t = edit(t, { kind: 'lifecycle', feature: 'fare', value: 'DEPRECATED' });
    assert.equal(rowOf(t, 'fare').lifecycle, 'DEPRECATED');
    assert.equal(rowOf(t, 'fare').deprecated, true);
    t = edit(t, { kind: 'lifecycle', feature: 'tips', value: null });
    assert.equal(rowOf(t, 'tips').lifecycle, undefined);
    assert.ok(!t.includes('lifecycle_stage: PRODUCTION'));
    // An environment a feature names joins default_environment; in and not-in are exclusive.
    t = edit(t, { kind: 'environment', feature: 'tips', list: 'in', environment: 'SERVING', present: true });
    assert.deepEqual(rowOf(t, 'tips').inEnvironment, ['SERVING']);
    assert.deepEqual(rowOf(t, 'tips').notInEnvironment, []);
    assert.ok(t.endsWith('default_environment: "TRAINING"\ndefault_environment: "SERVING"\n'), t);
    t = edit(t, { kind: 'environment', feature: 'tips', list: 'in', environment: 'SERVING', present: false });
    assert.deepEqual(rowOf(t, 'tips').inEnvironment, []);
    t = edit(t, { kind: 'defaultEnvironment', environment: 'TRAINING', present: false });
    assert.ok(!t.includes('"TRAINING"'));
    t = edit(t, { kind: 'comparator', feature: 'payment_type', comparator: 'drift', metric: 'jensenShannonDivergence', value: 0.2 });
    assert.deepEqual(rowOf(t, 'payment_type').drift, { jensenShannonDivergence: 0.2 });
    // Clearing the only threshold takes the comparator out of the text.
    t = edit(t, { kind: 'comparator', feature: 'tips', comparator: 'skew', metric: 'infinityNorm', value: null });
    assert.deepEqual(rowOf(t, 'tips').skew, {});
    assert.ok(!t.includes('skew_comparator'), t);
  });
});

describe('schema editor form: invalid text', () => {
  it('shows the parse error with line and column and keeps the last form read-only', () => {
    const good = buildEditorState({ text: SCHEMA, fileName: 'schema.pbtxt', version: 1, trusted: true });
    const broken = SCHEMA.replace('  type: FLOAT\n  float_domain', '  type: FLAOT\n  float_domain');
    const bad = buildEditorState({ text: broken, fileName: 'schema.pbtxt', version: 2, trusted: true, ...(good.state.form ? { previousForm: good.state.form } : {}) });
    assert.equal(bad.state.readOnly, true);
    assert.equal(bad.schema, undefined);
    assert.equal(bad.state.parseError?.line, 22);
    assert.equal(bad.state.parseError?.column, 9);
    assert.match(bad.state.parseError?.message ?? '', /FLAOT/);
    assert.ok(!(bad.state.parseError?.message ?? '').startsWith('schema.pbtxt'), 'the position is not repeated in the message');
    assert.match(bad.state.readOnlyReason ?? '', /line 22, column 9/);
    assert.equal(bad.state.form, good.state.form);
    assert.throws(() => textAfterEdit(broken, 'schema.pbtxt', { kind: 'domainAdd', feature: 'payment_type', value: 'Prcard' }), /schema\.pbtxt:22:9/);
  });

  it('is read-only in an untrusted workspace', () => {
    const built = buildEditorState({ text: SCHEMA, fileName: 'schema.pbtxt', version: 1, trusted: false });
    assert.equal(built.state.readOnly, true);
    assert.match(built.state.readOnlyReason ?? '', /not trusted/);
    assert.ok(built.state.form);
  });
});
