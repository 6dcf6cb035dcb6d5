import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LifecycleStage, SchemaSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { parseText, printText } from '../../../src/core/proto/textFormat.js';
import { updateSchema } from '../../../src/core/validate/updateSchema.js';
import { getFeature, stringDomainOf } from '../../../src/core/schema/schemaModel.js';
import { validateStatistics } from '../../../src/core/validate/validateStatistics.js';
import { countValues, readCsv, statsFromTable, taxiPath } from '../validate/statsFromCsv.js';
import { dataset, StatsType } from '../validate/statsBuilder.js';

const schemaOf = (text: string) => parseText(SchemaSchema, text, 'test.pbtxt');

describe('updateSchema', () => {
  const base = `
    feature { name: "c" type: BYTES domain: "c" presence { min_fraction: 1.0 min_count: 1 } value_count { min: 1 max: 1 } }
    feature { name: "n" type: INT int_domain { min: 0 max: 10 } presence { min_count: 1 } }
    feature { name: "gone" type: FLOAT presence { min_count: 1 } }
    feature { name: "img" type: BYTES image_domain { } }
    string_domain { name: "c" value: "x" }`;
  const stats = dataset(10, [
    { name: 'c', type: StatsType.STRING, present: 9, maxValues: 2, totValues: 10, values: { x: 5, y: 5 } },
    { name: 'n', type: StatsType.INT, num: { min: -1, max: 20 } },
    { name: 'img', type: StatsType.STRING, values: { a: 1 } },
    { name: 'fresh', type: StatsType.STRING, values: { p: 4, q: 6 } },
  ]);

  it('relaxes what the new span breaks, adds new features, deprecates missing ones', () => {
    const schema = schemaOf(base);
    const updated = updateSchema(schema, stats);
    const c = getFeature(updated, ['c'])!;
    assert.deepEqual(stringDomainOf(updated, c)?.value, ['x', 'y']);
    assert.ok(c.presenceConstraints.case === 'presence' && c.presenceConstraints.value.minFraction === 0.9);
    assert.ok(c.shapeType.case === 'valueCount' && c.shapeType.value.max === 2n);
    const n = getFeature(updated, ['n'])!.domainInfo;
    assert.ok(n.case === 'intDomain' && n.value.min === -1n && n.value.max === 20n);
    assert.equal(getFeature(updated, ['gone'])!.lifecycleStage, LifecycleStage.DEPRECATED);
    assert.deepEqual(getFeature(updated, ['fresh'])!.domainInfo, { case: 'domain', value: 'fresh' });
    // The statistics pass the updated schema, and the input schema is untouched.
    assert.deepEqual(Object.keys(validateStatistics(stats, updated).anomalyInfo), []);
    assert.deepEqual(stringDomainOf(schema, getFeature(schema, ['c'])!)?.value, ['x']);
  });

  it('keeps semantic domains and tensor representations (now defined fields, printed as TFDV prints them)', () => {
    const text = `${base}\ntensor_representation_group { key: "" value { } }\n`;
    const printed = printText(updateSchema(schemaOf(text), stats));
    assert.match(printed, /  image_domain \{\n  \}/);
    assert.match(printed, /tensor_representation_group \{\n  key: ""\n  value \{\n  \}\n\}/);
  });

  it('adds a span’s new values to the taxi schema so that eval passes', () => {
    const train = readCsv(taxiPath('train'));
    const evalData = readCsv(taxiPath('eval'));
    const trainStats = statsFromTable(train);
    const evalStats = statsFromTable(evalData);
    const schema = updateSchema(schemaOf(''), trainStats);
    assert.notDeepEqual(Object.keys(validateStatistics(evalStats, schema).anomalyInfo), []);
    const updated = updateSchema(schema, evalStats);
    assert.deepEqual(Object.keys(validateStatistics(evalStats, updated).anomalyInfo), []);
    const domain = new Set(stringDomainOf(updated, getFeature(updated, ['company'])!)?.value);
    for (const c of [...countValues(train, 'company').keys(), ...countValues(evalData, 'company').keys()]) assert.ok(domain.has(c), c);
  });

  it('only with inferFeatureShape, turns a required constant value_count into a shape (TFDV’s _infer_shape)', () => {
    const schema = schemaOf(`feature { name: "a" type: FLOAT value_count { min: 1 max: 1 } presence { min_fraction: 1 min_count: 1 } }`);
    const s = dataset(5, [{ name: 'a', type: StatsType.FLOAT, num: { min: 0, max: 1 } }]);
    const shaped = getFeature(updateSchema(schema, s, { inferFeatureShape: true }), ['a'])!.shapeType;
    assert.ok(shaped.case === 'shape' && shaped.value.dim[0]?.size === 1n);
    // TFDV's update_schema deletes its infer_feature_shape argument (validation_api.py): no shape by default.
    assert.equal(getFeature(updateSchema(schema, s), ['a'])!.shapeType.case, 'valueCount');
  });
});
