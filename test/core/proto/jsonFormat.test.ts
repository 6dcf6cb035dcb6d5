import assert from 'node:assert/strict';
import { test } from 'node:test';
import { create, equals } from '@bufbuild/protobuf';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import {
  FeaturePresenceSchema,
  FeatureSchema,
  FloatDomainSchema,
  SchemaSchema,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { parseJsonText, toJsonText, toJsonValue } from '../../../src/core/proto/jsonFormat.js';

const schema = create(SchemaSchema, {
  feature: [
    create(FeatureSchema, {
      name: 'fare',
      presenceConstraints: { case: 'presence', value: create(FeaturePresenceSchema, { minFraction: 0.5, minCount: 3n }) },
      domainInfo: { case: 'floatDomain', value: create(FloatDomainSchema, { min: Math.fround(0.9), max: Infinity }) },
    }),
  ],
});

test('writes lowerCamelCase names, int64 as strings, float32 as its shortest decimal, 2-space indent', () => {
  assert.deepEqual(toJsonValue(schema), {
    feature: [{ name: 'fare', presence: { minFraction: 0.5, minCount: '3' }, floatDomain: { min: 0.9, max: 'Infinity' } }],
  });
  const text = toJsonText(schema);
  assert.ok(text.startsWith('{\n  "feature": [\n    {\n      "name": "fare",'), text);
  assert.ok(text.endsWith('}\n'));
  assert.deepEqual(toJsonValue(schema, { useProtoFieldName: true }), {
    feature: [{ name: 'fare', presence: { min_fraction: 0.5, min_count: '3' }, float_domain: { min: 0.9, max: 'Infinity' } }],
  });
});

test('reads camelCase and snake_case, int64 as string or number, and rounds float fields to float32', () => {
  const camel = parseJsonText(SchemaSchema, '{"feature":[{"name":"fare","presence":{"minFraction":0.5,"minCount":"3"},"floatDomain":{"min":0.9,"max":"Infinity"}}]}');
  const snake = parseJsonText(SchemaSchema, '{"feature":[{"name":"fare","presence":{"min_fraction":0.5,"min_count":3},"float_domain":{"min":0.9,"max":"Infinity"}}]}');
  assert.ok(equals(SchemaSchema, camel, schema));
  assert.ok(equals(SchemaSchema, snake, schema));
  const f = camel.feature[0]?.domainInfo;
  assert.equal(f?.case === 'floatDomain' ? f.value.min : undefined, Math.fround(0.9));
});

test('unknown JSON fields are ignored by default and rejected in strict mode', () => {
  const text = '{"feature":[{"name":"a","futureDomain":{}}]}';
  assert.equal(parseJsonText(SchemaSchema, text).feature[0]?.name, 'a');
  assert.throws(() => parseJsonText(SchemaSchema, text, 's.json', { strict: true }), (e: unknown) => e instanceof FacetwiseError && e.code === 'PROTO_JSON_INVALID' && e.position?.file === 's.json');
});

test('a JSON syntax error has its line and column', () => {
  const text = '{\n  "feature": [\n    {"name": "a",}\n  ]\n}';
  assert.throws(
    () => parseJsonText(SchemaSchema, text, 's.json'),
    (e: unknown) => e instanceof FacetwiseError && e.code === 'PROTO_JSON_SYNTAX' && e.position?.line === 3 && e.position.column === 18,
  );
  assert.throws(
    () => parseJsonText(SchemaSchema, '{"feature": [{"name": 5}]}', 's.json'),
    (e: unknown) => e instanceof FacetwiseError && e.code === 'PROTO_JSON_INVALID',
  );
});
