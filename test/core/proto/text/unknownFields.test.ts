import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clone, create, toBinary } from '@bufbuild/protobuf';
import {
  FeaturePresenceSchema,
  FeatureSchema,
  FeatureType,
  SchemaSchema,
} from '../../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { copyTextTrivia, getUnknownTextFields } from '../../../../src/core/proto/text/textTrivia.js';
import { parseText, printText } from '../../../../src/core/proto/textFormat.js';

// A schema with fields Facetwise's .proto files do not define (our definitions cover all of the reference table,
// so these are fields of older or newer tensorflow_metadata versions): scalar (`generate_legacy_feature_spec`),
// message (`future_domain`, `legacy_time_domain`, the `tensor_representation_group_v2` map) and an unknown
// field holding an expanded Any (`extra_metadata_v2`).
const schemaText = [
  'feature {',
  '  name: "age"',
  '  type: INT',
  '  int_domain {',
  '    min: 0',
  '    max: 130',
  '  }',
  '  future_domain {',
  '    vocabulary: "vocab.txt"',
  '    coverage {',
  '      min_coverage: 0.9',
  '    }',
  '  }',
  '  presence {',
  '    min_fraction: 1.0',
  '  }',
  '}',
  'feature {',
  '  name: "text"',
  '  type: BYTES',
  '  annotation {',
  '    tag: "pii"',
  '    extra_metadata_v2 {',
  '      [type.googleapis.com/tensorflow.metadata.v0.Annotation] {',
  '        tag: "inner"',
  '      }',
  '    }',
  '  }',
  '  legacy_time_domain {',
  '    string_format: "%Y-%m-%d"',
  '  }',
  '}',
  'generate_legacy_feature_spec: false',
  'tensor_representation_group_v2 {',
  '  key: ""',
  '  value {',
  '    tensor_representation {',
  '      key: "text"',
  '      value {',
  '        dense_tensor {',
  '          column_name: "text"',
  '        }',
  '      }',
  '    }',
  '  }',
  '}',
  '',
].join('\n');

test('unknown fields of scalar and message kind survive parse → print unchanged', () => {
  const schema = parseText(SchemaSchema, schemaText, 'schema.pbtxt');
  assert.equal(printText(schema), schemaText);
  assert.deepEqual(
    getUnknownTextFields(schema).map((u) => [u.name, u.after]),
    [
      ['generate_legacy_feature_spec', 'feature'],
      ['tensor_representation_group_v2', 'feature'],
    ],
  );
  const [age, text] = schema.feature;
  assert.deepEqual(getUnknownTextFields(age ?? create(FeatureSchema)).map((u) => [u.name, u.after]), [['future_domain', 'int_domain']]);
  assert.deepEqual(getUnknownTextFields(text?.annotation ?? create(FeatureSchema)).map((u) => u.name), ['extra_metadata_v2']);
  assert.equal(text?.annotation?.tag[0], 'pii');
});

test('unknown fields survive parse → modify → print, in place among the known fields', () => {
  const schema = parseText(SchemaSchema, schemaText, 'schema.pbtxt');
  const age = schema.feature[0];
  assert.ok(age && age.domainInfo.case === 'intDomain');
  age.domainInfo.value.max = 120n;
  age.presenceConstraints = { case: 'presence', value: create(FeaturePresenceSchema, { minFraction: 0.5, minCount: 10n }) };
  schema.feature.push(create(FeatureSchema, { name: 'new', type: FeatureType.FLOAT }));
  schema.defaultEnvironment.push('TRAINING');
  const want = schemaText
    .replace('    max: 130\n', '    max: 120\n')
    .replace('    min_fraction: 1.0\n', '    min_fraction: 0.5\n    min_count: 10\n')
    .replace('}\ngenerate_legacy_feature_spec', '}\nfeature {\n  name: "new"\n  type: FLOAT\n}\ngenerate_legacy_feature_spec')
    .concat('default_environment: "TRAINING"\n');
  assert.equal(printText(schema), want);
});

test('an unknown field whose anchor field is cleared stays where that field would print', () => {
  const schema = parseText(SchemaSchema, schemaText);
  const age = schema.feature[0];
  assert.ok(age);
  age.domainInfo = { case: undefined };
  const printed = printText(schema);
  assert.match(printed, /  type: INT\n  future_domain \{\n    vocabulary: "vocab.txt"/);
});

test('unknown fields written on one line, or at another indentation, are re-indented but kept', () => {
  const schema = parseText(SchemaSchema, 'feature { name: "a" future_domain {} type: INT }\n  generate_legacy_feature_spec:   true  # legacy\n');
  assert.equal(printText(schema), 'feature {\n  name: "a"\n  future_domain {}\n  type: INT\n}\ngenerate_legacy_feature_spec:   true  # legacy\n');
});

test('unknown fields before every known field, and an extension name', () => {
  const schema = parseText(SchemaSchema, '[my.ext] { a: 1 }\nfeature {\n  name: "a"\n}\n');
  assert.equal(printText(schema), '[my.ext] { a: 1 }\nfeature {\n  name: "a"\n}\n');
});

test('clone() drops text trivia, copyTextTrivia carries it over; binary has no place for it', () => {
  const schema = parseText(SchemaSchema, 'generate_legacy_feature_spec: false\n');
  const copy = clone(SchemaSchema, schema);
  assert.equal(printText(copy), '');
  copyTextTrivia(schema, copy);
  assert.equal(printText(copy), 'generate_legacy_feature_spec: false\n');
  assert.equal(toBinary(SchemaSchema, schema).length, 0);
});
