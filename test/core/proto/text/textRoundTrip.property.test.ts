import assert from 'node:assert/strict';
import { test } from 'node:test';
import { create, toBinary } from '@bufbuild/protobuf';
import fc from 'fast-check';
import {
  AnnotationSchema,
  BoolDomainSchema,
  FeatureComparatorSchema,
  FeaturePresenceSchema,
  FeatureSchema,
  FeatureType,
  FloatDomainSchema,
  InfinityNormSchema,
  IntDomainSchema,
  LifecycleStage,
  SchemaSchema,
  StringDomain_Categorical,
  StringDomainSchema,
  ValueCountSchema,
} from '../../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { Feature, Schema } from '../../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { parseText, printText } from '../../../../src/core/proto/textFormat.js';

// Text that needs escaping: quotes, backslashes, control characters, non-ASCII, astral-plane characters.
const tricky = fc.constantFrom('a"b', "it's", 'back\\slash', 'café', '😀 emoji', 'tab\there', 'nul\u0000x', '\u007f', '#not a comment', '}{');
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), tricky, fc.string({ maxLength: 8 }));
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const float32 = fc.float(); // 32-bit values, incl. NaN, ±Infinity, -0 and subnormals
const double = fc.double(); // incl. NaN, ±Infinity, -0

const stringDomain = fc
  .record({ name: fc.option(text, { nil: undefined }), value: fc.array(text, { maxLength: 5 }), isCategorical: fc.constantFrom(undefined, StringDomain_Categorical.YES, StringDomain_Categorical.NO) })
  .map(({ name, value, isCategorical }) =>
    create(StringDomainSchema, { value, ...(name !== undefined ? { name } : {}), ...(isCategorical !== undefined ? { isCategorical } : {}) }),
  );

const domainInfo: fc.Arbitrary<Feature['domainInfo']> = fc.oneof(
  fc.constant({ case: undefined }),
  text.map((value) => ({ case: 'domain' as const, value })),
  fc.record({ min: int64, max: int64, isCategorical: fc.boolean() }).map((v) => ({ case: 'intDomain' as const, value: create(IntDomainSchema, v) })),
  fc.record({ min: float32, max: float32, disallowNan: fc.boolean() }).map((v) => ({ case: 'floatDomain' as const, value: create(FloatDomainSchema, v) })),
  stringDomain.map((value) => ({ case: 'stringDomain' as const, value })),
  fc.record({ trueValue: text, falseValue: text }).map((v) => ({ case: 'boolDomain' as const, value: create(BoolDomainSchema, v) })),
);

const feature: fc.Arbitrary<Feature> = fc
  .record(
    {
      name: text,
      type: fc.constantFrom(FeatureType.TYPE_UNKNOWN, FeatureType.BYTES, FeatureType.INT, FeatureType.FLOAT, FeatureType.STRUCT),
      presence: fc.record({ minFraction: double, minCount: int64 }, { requiredKeys: [] }),
      valueCount: fc.record({ min: int64, max: int64 }, { requiredKeys: [] }),
      domainInfo,
      tags: fc.array(text, { maxLength: 3 }),
      skew: fc.option(double, { nil: undefined }),
      inEnvironment: fc.array(text, { maxLength: 2 }),
      lifecycleStage: fc.constantFrom(LifecycleStage.PRODUCTION, LifecycleStage.DEPRECATED, LifecycleStage.UNKNOWN_STAGE),
    },
    { requiredKeys: ['name', 'domainInfo'] },
  )
  .map((f) =>
    create(FeatureSchema, {
      name: f.name,
      domainInfo: f.domainInfo,
      ...(f.type !== undefined ? { type: f.type } : {}),
      ...(f.presence ? { presenceConstraints: { case: 'presence' as const, value: create(FeaturePresenceSchema, f.presence) } } : {}),
      ...(f.valueCount ? { shapeType: { case: 'valueCount' as const, value: create(ValueCountSchema, f.valueCount) } } : {}),
      ...(f.tags ? { annotation: create(AnnotationSchema, { tag: f.tags }) } : {}),
      ...(f.skew !== undefined
        ? { skewComparator: create(FeatureComparatorSchema, { infinityNorm: create(InfinityNormSchema, { threshold: f.skew }) }) }
        : {}),
      ...(f.inEnvironment ? { inEnvironment: f.inEnvironment } : {}),
      ...(f.lifecycleStage !== undefined ? { lifecycleStage: f.lifecycleStage } : {}),
    }),
  );

const schemaArb: fc.Arbitrary<Schema> = fc
  .record({
    feature: fc.array(feature, { maxLength: 6 }),
    stringDomain: fc.array(stringDomain, { maxLength: 2 }),
    defaultEnvironment: fc.array(text, { maxLength: 2 }),
  })
  .map((s) => create(SchemaSchema, s));

test('random schemas round-trip through text format (print → parse gives the same message and text)', () => {
  fc.assert(
    fc.property(schemaArb, fc.boolean(), (schema, asUtf8) => {
      const printed = printText(schema, { asUtf8 });
      const back = parseText(SchemaSchema, printed, 'random.pbtxt', { strict: true });
      // Binary encodings compare NaN, -0 and field presence exactly, which equals() does not.
      assert.deepEqual(toBinary(SchemaSchema, back), toBinary(SchemaSchema, schema));
      assert.equal(printText(back, { asUtf8 }), printed);
    }),
    { numRuns: 300 },
  );
});
