import assert from 'node:assert/strict';
import { test } from 'node:test';
import { create } from '@bufbuild/protobuf';
import type { Message } from '@bufbuild/protobuf';
import {
  AnomaliesSchema,
  AnomalyInfo_Severity,
  AnomalyInfoSchema,
} from '../../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import {
  FeaturePresenceSchema,
  FeatureSchema,
  FeatureType,
  FloatDomainSchema,
  SchemaSchema,
  StringDomainSchema,
  ValueCountSchema,
} from '../../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { printTextMessage } from '../../../../src/core/proto/text/textPrinter.js';
import { parseText, printText } from '../../../../src/core/proto/textFormat.js';
import { AllTypesSchema } from './allTypesDescriptor.js';

test('prints a schema the way Python text_format does: field-number order, 2-space indent, Python numbers', () => {
  const schema = create(SchemaSchema, {
    // Declared out of field-number order on purpose: Python prints by number.
    stringDomain: [create(StringDomainSchema, { name: 'colour', value: ['red', 'café', 'say "hi"'] })],
    feature: [
      create(FeatureSchema, {
        presenceConstraints: { case: 'presence', value: create(FeaturePresenceSchema, { minFraction: 1, minCount: 1n }) },
        type: FeatureType.FLOAT,
        name: 'fare',
        shapeType: { case: 'valueCount', value: create(ValueCountSchema, { min: 1n, max: 1n }) },
        domainInfo: { case: 'floatDomain', value: create(FloatDomainSchema, { min: 0.9, max: 1e-5 }) },
        notInEnvironment: ['SERVING'],
      }),
      create(FeatureSchema, { name: 'empty_presence', presenceConstraints: { case: 'presence', value: create(FeaturePresenceSchema) } }),
    ],
    defaultEnvironment: ['TRAINING', 'SERVING'],
  });
  const want = [
    'feature {',
    '  name: "fare"',
    '  value_count {',
    '    min: 1',
    '    max: 1',
    '  }',
    '  type: FLOAT',
    '  float_domain {',
    '    min: 0.9',
    '    max: 1e-05',
    '  }',
    '  presence {',
    '    min_fraction: 1.0',
    '    min_count: 1',
    '  }',
    '  not_in_environment: "SERVING"',
    '}',
    'feature {',
    '  name: "empty_presence"',
    '  presence {',
    '  }',
    '}',
    'string_domain {',
    '  name: "colour"',
    '  value: "red"',
    '  value: "caf\\303\\251"',
    '  value: "say \\"hi\\""',
    '}',
    'default_environment: "TRAINING"',
    'default_environment: "SERVING"',
    '',
  ].join('\n');
  assert.equal(printText(schema), want);
  assert.equal(printText(create(SchemaSchema)), '');
});

test('asUtf8 keeps non-ASCII text', () => {
  const schema = create(SchemaSchema, { defaultEnvironment: ['café'] });
  assert.equal(printText(schema, { asUtf8: true }), 'default_environment: "café"\n');
});

test('every scalar type, enums by name (or number when unknown), sorted map keys', () => {
  const msg = parseText(
    AllTypesSchema,
    `f_sint64: -3 f_sint32: -2 f_sfixed64: 9 f_sfixed32: -1 f_uint32: 4 f_bytes: "\\001\\377" f_string: "\\t"
     f_bool: true f_fixed32: 5 f_fixed64: 6 f_int32: -7 f_uint64: 18446744073709551615 f_int64: -8 f_float: 0.1 f_double: 0.1
     colors: [BLUE, RED]
     counts { key: "b" value: 2 } counts { key: "a" value: 1 } counts { key: "é" value: 3 } counts { key: "Z" value: 4 }
     by_id { key: 10 value { f_int32: 1 } } by_id { key: 9 value { } }`,
  ) as Message;
  const want = [
    'f_double: 0.1',
    'f_float: 0.1',
    'f_int64: -8',
    'f_uint64: 18446744073709551615',
    'f_int32: -7',
    'f_fixed64: 6',
    'f_fixed32: 5',
    'f_bool: true',
    'f_string: "\\t"',
    'f_bytes: "\\001\\377"',
    'f_uint32: 4',
    'f_sfixed32: -1',
    'f_sfixed64: 9',
    'f_sint32: -2',
    'f_sint64: -3',
    'colors: BLUE',
    'colors: RED',
    'counts {',
    '  key: "Z"',
    '  value: 4',
    '}',
    'counts {',
    '  key: "a"',
    '  value: 1',
    '}',
    'counts {',
    '  key: "b"',
    '  value: 2',
    '}',
    'counts {',
    '  key: "\\303\\251"',
    '  value: 3',
    '}',
    'by_id {',
    '  key: 9',
    '  value {',
    '  }',
    '}',
    'by_id {',
    '  key: 10',
    '  value {',
    '    f_int32: 1',
    '  }',
    '}',
    '',
  ].join('\n');
  assert.equal(printTextMessage(AllTypesSchema, msg), want);
});

test('an enum value the .proto does not know prints as its number; maps of messages print nested', () => {
  const anomalies = create(AnomaliesSchema, {
    anomalyInfo: {
      payment_type: create(AnomalyInfoSchema, { severity: AnomalyInfo_Severity.ERROR, description: 'new values' }),
      company: create(AnomalyInfoSchema, { severity: 7 as AnomalyInfo_Severity }),
    },
  });
  assert.equal(
    printText(anomalies),
    [
      'anomaly_info {',
      '  key: "company"',
      '  value {',
      '    severity: 7',
      '  }',
      '}',
      'anomaly_info {',
      '  key: "payment_type"',
      '  value {',
      '    description: "new values"',
      '    severity: ERROR',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
});

test('comments are written back where they were', () => {
  const text = [
    '# Schema for the taxi data',
    'feature {  # the company',
    '  # its name',
    '  name: "company"  # as in the CSV header',
    '  type: BYTES',
    '  # nothing after this',
    '}  # end of company',
    '# generate_legacy_feature_spec: false',
    '',
  ].join('\n');
  assert.equal(printText(parseText(SchemaSchema, text)), text);
  assert.equal(printText(parseText(SchemaSchema, text), { keepTrivia: false }), 'feature {\n  name: "company"\n  type: BYTES\n}\n');
  assert.equal(printText(parseText(SchemaSchema, text, 'x', { keepComments: false })), 'feature {\n  name: "company"\n  type: BYTES\n}\n');
});

test('comments follow their message when features are reordered, and go when it is deleted', () => {
  const schema = parseText(SchemaSchema, '# first\nfeature {\n  name: "a"\n}\n# second\nfeature {\n  name: "b"\n}\n');
  schema.feature.reverse();
  assert.equal(printText(schema), '# second\nfeature {\n  name: "b"\n}\n# first\nfeature {\n  name: "a"\n}\n');
  schema.feature.pop();
  assert.equal(printText(schema), '# second\nfeature {\n  name: "b"\n}\n');
});
