import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { clone, equals } from '@bufbuild/protobuf';
import { FeatureType, LifecycleStage, SchemaSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { parseText, printText } from '../../../src/core/proto/textFormat.js';
import { parsePath, serializePath } from '../../../src/core/schema/featurePath.js';
import {
  addStringDomain,
  allFeatures,
  comparatorThresholds,
  datasetConstraintValues,
  getFeature,
  isExistenceRequired,
  isFeatureDeprecated,
  isFeatureInEnvironment,
  maxOffDomain,
  presenceSummary,
  setComparatorThreshold,
  setDatasetConstraints,
  setMinDomainMass,
  setNotInEnvironment,
  stringDomainOf,
  valueCountOf,
} from '../../../src/core/schema/schemaModel.js';

const schemaText = readFileSync(resolve(__dirname, '../../../../shared/data/tfdv-interop/schema.pbtxt'), 'utf8');

describe('the schema model over TFDV’s schema.pbtxt', () => {
  const schema = parseText(SchemaSchema, schemaText, 'schema.pbtxt');

  it('reads features, types, presence, valency and top-level domains by name', () => {
    assert.equal(schema.feature.length, 18);
    const payment = getFeature(schema, ['payment_type'])!;
    assert.equal(payment.type, FeatureType.BYTES);
    assert.equal(presenceSummary(payment), 'required');
    assert.equal(valueCountOf(payment)?.max, 1n);
    assert.deepEqual(stringDomainOf(schema, payment)?.value, ['Cash', 'Credit Card', 'Dispute', 'No Charge', 'Pcard', 'Unknown', 'Prcard']);
    assert.equal(stringDomainOf(schema, getFeature(schema, ['company'])!)?.value.length, (schemaText.split('string_domain')[1]?.match(/value:/g) ?? []).length);
    assert.equal(getFeature(schema, ['tips'])?.type, FeatureType.FLOAT);
    assert.equal(getFeature(schema, ['nope']), undefined);
  });

  it('round-trips through text format unchanged', () => {
    const again = parseText(SchemaSchema, printText(schema), 'again.pbtxt');
    assert.ok(equals(SchemaSchema, again, schema));
  });

  it('edits land in the text TFDV reads: environments, comparators, min_domain_mass', () => {
    const s = clone(SchemaSchema, schema);
    setNotInEnvironment(s, getFeature(s, ['tips'])!, 'SERVING');
    setComparatorThreshold(getFeature(s, ['payment_type'])!, 'skew', 'infinityNorm', 0.01);
    setComparatorThreshold(getFeature(s, ['company'])!, 'drift', 'jensenShannonDivergence', 0.2);
    setMinDomainMass(getFeature(s, ['company'])!, 0.9);
    const text = printText(s);
    assert.match(text, /default_environment: "SERVING"/);
    assert.match(text, /not_in_environment: "SERVING"/);
    assert.match(text, /skew_comparator \{\n    infinity_norm \{\n      threshold: 0.01\n    \}\n  \}/);
    assert.match(text, /min_domain_mass: 0.9/);
    const back = parseText(SchemaSchema, text, 'edited.pbtxt');
    assert.deepEqual(comparatorThresholds(getFeature(back, ['payment_type'])!.skewComparator), { infinityNorm: 0.01 });
    assert.deepEqual(comparatorThresholds(getFeature(back, ['company'])!.driftComparator), { jensenShannonDivergence: 0.2 });
    assert.ok(Math.abs(maxOffDomain(getFeature(back, ['company'])!) - 0.1) < 1e-12);
    assert.equal(maxOffDomain(getFeature(back, ['payment_type'])!), 0);
    setComparatorThreshold(getFeature(s, ['payment_type'])!, 'skew', 'infinityNorm', undefined);
    assert.deepEqual(comparatorThresholds(getFeature(s, ['payment_type'])!.skewComparator), {});
  });
});

describe('schema model semantics', () => {
  const s = parseText(
    SchemaSchema,
    `default_environment: "TRAINING"
     default_environment: "SERVING"
     feature { name: "label" type: INT presence { min_count: 1 } not_in_environment: "SERVING" }
     feature { name: "opt" type: INT presence { min_count: 0 } }
     feature { name: "old" type: INT presence { min_count: 1 } lifecycle_stage: ALPHA }
     feature { name: "beta" type: INT presence { min_fraction: 0.5 } lifecycle_stage: BETA }
     feature { name: "s" type: STRUCT struct_domain { feature { name: "x" type: INT } } }
     string_domain { name: "d" }
     dataset_constraints { min_examples_count: 10 num_examples_drift_comparator { max_fraction_threshold: 2 } }`,
    'env.pbtxt',
  );
  const f = (n: string) => getFeature(s, [n])!;

  it('environments follow TFDV: in_environment, then not_in_environment, then the defaults', () => {
    assert.equal(isFeatureInEnvironment(s, f('label'), 'SERVING'), false);
    assert.equal(isFeatureInEnvironment(s, f('label'), 'TRAINING'), true);
    assert.equal(isFeatureInEnvironment(s, f('label'), undefined), true);
    assert.equal(isFeatureInEnvironment(s, f('label'), 'OTHER'), false);
  });

  it('existence is required for live features with a positive min_count or min_fraction', () => {
    assert.equal(isExistenceRequired(s, f('label'), 'TRAINING'), true);
    assert.equal(isExistenceRequired(s, f('label'), 'SERVING'), false);
    assert.equal(isExistenceRequired(s, f('opt'), undefined), false);
    assert.equal(isExistenceRequired(s, f('old'), undefined), false);
    assert.equal(isFeatureDeprecated(f('old')), true);
    assert.equal(isFeatureDeprecated(f('beta')), false);
    assert.equal(isExistenceRequired(s, f('beta'), undefined), true);
    assert.equal(f('old').lifecycleStage, LifecycleStage.ALPHA);
  });

  it('walks struct children and names new domains like TFDV (name, name2, …)', () => {
    assert.deepEqual(allFeatures(s).map((e) => serializePath(e.path)), ['label', 'opt', 'old', 'beta', 's', 's.x']);
    assert.equal(getFeature(s, ['s', 'x'])?.type, FeatureType.INT);
    const t = clone(SchemaSchema, s);
    assert.equal(addStringDomain(t, 'd').name, 'd2');
    assert.equal(addStringDomain(t, 'd').name, 'd3');
  });

  it('reads and edits dataset constraints with proto2 presence', () => {
    assert.deepEqual(datasetConstraintValues(s), { minExamplesCount: 10, numExamplesDriftMaxFraction: 2 });
    const t = clone(SchemaSchema, s);
    setDatasetConstraints(t, { minExamplesCount: undefined, maxExamplesCount: 500, numExamplesDriftMinFraction: 0.5 });
    assert.deepEqual(datasetConstraintValues(t), { maxExamplesCount: 500, numExamplesDriftMinFraction: 0.5, numExamplesDriftMaxFraction: 2 });
    assert.match(printText(t), /dataset_constraints \{\n  num_examples_drift_comparator \{\n    min_fraction_threshold: 0.5\n    max_fraction_threshold: 2.0\n  \}\n  max_examples_count: 500\n\}/);
  });

  it('serializes paths like TFDV, and parses them back', () => {
    for (const p of [['a'], ['a', 'b'], ['a.b', "it's"], ['(ext.x)', 'y']]) {
      assert.deepEqual(parsePath(serializePath(p)), p);
    }
    assert.equal(serializePath(['a.b', "it's"]), "'a.b'.'it''s'");
    assert.equal(serializePath(['(ext.x)', 'y']), '(ext.x).y');
    assert.equal(parsePath("'unterminated"), undefined);
  });
});
