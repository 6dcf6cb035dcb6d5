import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SchemaSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { parseText, printText } from '../../../src/core/proto/textFormat.js';
import { getFeature, isFeatureInEnvironment, stringDomainOf } from '../../../src/core/schema/schemaModel.js';
import { applySchemaFix, relaxedDomainMass, schemaFixTitle } from '../../../src/extension/schema/schemaEdits.js';

const TEXT = `# The taxi schema, edited by hand.
feature {
  name: "payment_type"
  type: BYTES
  domain: "payment_type"
  presence { min_fraction: 1.0 min_count: 1 }
  a_field_from_the_future: 7
}
feature {
  name: "tips"
  type: FLOAT
  presence { min_fraction: 1.0 min_count: 1 }
}
feature {
  name: "inline"
  type: BYTES
  string_domain { value: "x" }
}
feature {
  name: "company"
  type: BYTES
  domain: "company"
}
string_domain {
  name: "payment_type"
  value: "Cash"  # the common one
  value: "Credit Card"
}
string_domain {
  name: "company"
  value: "Flash Cab"
}
`;

const parse = () => parseText(SchemaSchema, TEXT, 'schema.pbtxt');

describe('applySchemaFix', () => {
  test("adds a value to a feature's schema-level domain, and leaves the input alone", () => {
    const schema = parse();
    const edited = applySchemaFix(schema, { kind: 'addDomainValues', feature: 'payment_type', values: ['Prcard'] });
    assert.deepEqual(stringDomainOf(edited, getFeature(edited, ['payment_type'])!)?.value, ['Cash', 'Credit Card', 'Prcard']);
    assert.deepEqual(stringDomainOf(schema, getFeature(schema, ['payment_type'])!)?.value, ['Cash', 'Credit Card']);
  });

  test('adds to an inline string_domain; values already there are not repeated', () => {
    const edited = applySchemaFix(parse(), { kind: 'addDomainValues', feature: 'inline', values: ['x', 'y', 'y'] });
    assert.deepEqual(stringDomainOf(edited, getFeature(edited, ['inline'])!)?.value, ['x', 'y']);
  });

  test('comments and fields Facetwise does not know survive the edit when printed', () => {
    const printed = printText(applySchemaFix(parse(), { kind: 'addDomainValues', feature: 'payment_type', values: ['Prcard'] }));
    assert.match(printed, /a_field_from_the_future: 7/);
    assert.match(printed, /# The taxi schema, edited by hand\./);
    assert.match(printed, /# the common one/);
    assert.match(printed, /value: "Prcard"/);
    // And it reads back to the same domain.
    const again = parseText(SchemaSchema, printed, 'again.pbtxt');
    assert.deepEqual(stringDomainOf(again, getFeature(again, ['payment_type'])!)?.value, ['Cash', 'Credit Card', 'Prcard']);
  });

  test('marks a feature as not in an environment, adding the environment to the defaults', () => {
    const edited = applySchemaFix(parse(), { kind: 'notInEnvironment', feature: 'tips', environment: 'SERVING' });
    const tips = getFeature(edited, ['tips'])!;
    assert.deepEqual(tips.notInEnvironment, ['SERVING']);
    assert.ok(edited.defaultEnvironment.includes('SERVING'));
    assert.equal(isFeatureInEnvironment(edited, tips, 'SERVING'), false);
    assert.equal(isFeatureInEnvironment(edited, getFeature(edited, ['company'])!, 'SERVING'), true);
    assert.match(printText(edited), /not_in_environment: "SERVING"/);
  });

  test('relaxes min_domain_mass', () => {
    const edited = applySchemaFix(parse(), { kind: 'minDomainMass', feature: 'company', mass: 0.9 });
    assert.equal(getFeature(edited, ['company'])?.distributionConstraints?.minDomainMass, 0.9);
    assert.match(printText(edited), /distribution_constraints \{\n\s+min_domain_mass: 0\.9\n/);
    assert.throws(() => applySchemaFix(parse(), { kind: 'minDomainMass', feature: 'company', mass: 1.5 }), /between 0 and 1/);
  });

  test('errors name what is missing', () => {
    assert.throws(() => applySchemaFix(parse(), { kind: 'addDomainValues', feature: 'nope', values: ['a'] }), /no feature nope/);
    assert.throws(() => applySchemaFix(parse(), { kind: 'addDomainValues', feature: 'tips', values: ['a'] }), /tips has no string domain/);
  });
});

describe('schemaFixTitle and relaxedDomainMass', () => {
  test('titles as the lightbulb shows them', () => {
    assert.equal(schemaFixTitle({ kind: 'addDomainValues', feature: 'payment_type', values: ['Prcard'] }), "Add 'Prcard' to the schema's domain of payment_type");
    assert.equal(schemaFixTitle({ kind: 'addDomainValues', feature: 'company', values: ['a', 'b', 'c'] }), "Add all 3 unexpected values to the schema's domain of company");
    assert.equal(schemaFixTitle({ kind: 'notInEnvironment', feature: 'tips', environment: 'SERVING' }), 'Mark tips as not in SERVING');
    assert.equal(schemaFixTitle({ kind: 'minDomainMass', feature: 'company', mass: 0.9 }), 'Relax min_domain_mass of company to 0.9');
  });

  test('rounds the observed in-domain fraction down to two decimals', () => {
    assert.equal(relaxedDomainMass(0.9968), 0.99);
    assert.equal(relaxedDomainMass(0.99), 0.99);
    assert.equal(relaxedDomainMass(0.905), 0.9);
    assert.equal(relaxedDomainMass(0.004), 0);
    // The relaxed mass lets the data pass TFDV's check (off-domain fraction ≤ 1 − min_domain_mass).
    for (const f of [0.9968, 0.9321, 0.5, 0.999999]) assert.ok(1 - f <= 1 - relaxedDomainMass(f) + 1e-12, String(f));
  });
});
