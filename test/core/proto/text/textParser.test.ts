import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { create, equals } from '@bufbuild/protobuf';
import type { Message } from '@bufbuild/protobuf';
import { reflect } from '@bufbuild/protobuf/reflect';
import type { ReflectList, ReflectMap, ReflectMessage } from '@bufbuild/protobuf/reflect';
import { fromText } from '@bufbuild/protobuf/txtpb';
import { FeatureType, SchemaSchema } from '../../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import {
  FeatureNameStatistics_Type,
  FeatureNameStatisticsSchema,
} from '../../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseText } from '../../../../src/core/proto/textFormat.js';
import { schemaTextPath } from '../interopFiles.js';
import { AllTypesSchema } from './allTypesDescriptor.js';

function field(r: ReflectMessage, name: string): unknown {
  const f = r.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return r.get(f);
}

function isSet(r: ReflectMessage, name: string): boolean {
  const f = r.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return r.isSet(f);
}

function parseAll(text: string): ReflectMessage {
  return reflect(AllTypesSchema, parseText(AllTypesSchema, text, 'all.pbtxt') as Message);
}

test('every scalar type, with hex, octal, signs and escapes', () => {
  const r = parseAll(`
    f_double: -1.5e3
    f_float: 1.0f
    f_int64: -9223372036854775808
    f_uint64: 18446744073709551615
    f_int32: 0x7fffffff
    f_fixed64: 0777
    f_fixed32: 4294967295
    f_bool: True
    f_string: "a" 'b'
      "\\x41\\101\\u00e9\\U0001F600\\n\\t\\"\\'\\\\\\?"
    f_bytes: "\\000\\377abc"
    f_uint32: 7
    f_sfixed32: -2147483648
    f_sfixed64: -1
    f_sint32: - 5
    f_sint64: 12
  `);
  assert.equal(field(r, 'f_double'), -1500);
  assert.equal(field(r, 'f_float'), 1);
  assert.equal(field(r, 'f_int64'), -(2n ** 63n));
  assert.equal(field(r, 'f_uint64'), 2n ** 64n - 1n);
  assert.equal(field(r, 'f_int32'), 2 ** 31 - 1);
  assert.equal(field(r, 'f_fixed64'), 511n);
  assert.equal(field(r, 'f_fixed32'), 2 ** 32 - 1);
  assert.equal(field(r, 'f_bool'), true);
  assert.equal(field(r, 'f_string'), 'abAAé😀\n\t"\'\\?');
  assert.deepEqual([...(field(r, 'f_bytes') as Uint8Array)], [0, 255, 97, 98, 99]);
  assert.equal(field(r, 'f_uint32'), 7);
  assert.equal(field(r, 'f_sfixed32'), -(2 ** 31));
  assert.equal(field(r, 'f_sfixed64'), -1n);
  assert.equal(field(r, 'f_sint32'), -5);
  assert.equal(field(r, 'f_sint64'), 12n);
});

test('float spellings: nan, inf, -inf, exponents, f suffix, leading and trailing dots', () => {
  const r = parseAll('r_double: [nan, inf, -inf, -Infinity, 1e-05, .5, 5., 1.0f, 2, -0.0]\nr_float: 0.1');
  const values = [...(field(r, 'r_double') as ReflectList<number>)];
  assert.ok(Number.isNaN(values[0]));
  assert.deepEqual(values.slice(1), [Infinity, -Infinity, -Infinity, 1e-5, 0.5, 5, 1, 2, -0]);
  assert.ok(Object.is(values[9], -0));
  // A float field holds a float32, as in Python/C++: 0.1 is stored as the float32 nearest to 0.1.
  assert.deepEqual([...(field(r, 'r_float') as ReflectList<number>)], [Math.fround(0.1)]);
});

test('bool spellings', () => {
  const r = parseAll('r_bool: [true, false, True, False, t, f, 1, 0]');
  assert.deepEqual([...(field(r, 'r_bool') as ReflectList<boolean>)], [true, false, true, false, true, false, true, false]);
});

test('repeated fields: repeated lines, list syntax, empty lists, separators', () => {
  const r = parseAll('r_int32: [1, 2, 3]; r_int32: 4, r_string: [] r_string: "x"\nr_int32: [-5]');
  assert.deepEqual([...(field(r, 'r_int32') as ReflectList<number>)], [1, 2, 3, 4, -5]);
  assert.deepEqual([...(field(r, 'r_string') as ReflectList<string>)], ['x']);
});

test('messages: {} and <>, optional colon, lists of messages, merging a singular message', () => {
  const r = parseAll(`
    children: [{ f_int32: 1 }, < f_int32: 2 >]
    children { f_int32: 3 }
    children: < >
    child: { f_bool: false }
    child < f_string: "merged" >
  `);
  const children = [...(field(r, 'children') as ReflectList<ReflectMessage>)];
  assert.deepEqual(children.map((c) => field(c, 'f_int32')), [1, 2, 3, 0]);
  const child = field(r, 'child') as ReflectMessage;
  assert.equal(isSet(child, 'f_bool'), true);
  assert.equal(field(child, 'f_bool'), false);
  assert.equal(field(child, 'f_string'), 'merged');
});

test('enums by name or number; closed enums reject unknown numbers, open ones keep them', () => {
  const r = parseAll('color: BLUE colors: [GREEN, 5, 0]');
  assert.equal(field(r, 'color'), 5);
  assert.deepEqual([...(field(r, 'colors') as ReflectList<number>)], [1, 5, 0]);
  assert.throws(() => parseAll('color: 3'), /3 is not a value of enum facetwise.test.Color/);
  const open = parseText(FeatureNameStatisticsSchema, 'type: 9\nname: "x"');
  assert.equal(open.type as number, 9);
  assert.equal(parseText(FeatureNameStatisticsSchema, 'type: BYTES').type, FeatureNameStatistics_Type.BYTES);
});

test('maps: entries in any order, defaults for a missing key or value, message values', () => {
  const r = parseAll(`
    counts { key: "b" value: 2 }
    counts { value: 1, key: "a" }
    counts { key: "z" }
    counts: [{ key: "c" value: 3 }]
    by_id { key: 7 value { f_string: "seven" } }
    by_id { key: -1 value: < > }
  `);
  const counts = field(r, 'counts') as ReflectMap<string, number>;
  assert.deepEqual(new Map(counts), new Map([['b', 2], ['a', 1], ['z', 0], ['c', 3]]));
  const byId = field(r, 'by_id') as ReflectMap<bigint, ReflectMessage>;
  assert.equal(field(byId.get(7n) as ReflectMessage, 'f_string'), 'seven');
  assert.equal(byId.has(-1n), true);
});

test('oneof: one member may be set, and a message member may be merged', () => {
  const r = parseAll('choice_msg { f_int32: 1 } choice_msg { f_uint32: 2 }');
  const m = field(r, 'choice_msg') as ReflectMessage;
  assert.deepEqual([field(m, 'f_int32'), field(m, 'f_uint32')], [1, 2]);
  assert.throws(() => parseAll('choice_int: 1\nchoice_text: "x"'), (e: Error) => /all\.pbtxt:2:1: 'choice_text' and 'choice_int' are both set/.test(e.message));
});

test('a non-repeated scalar given twice is an error (as in Python text_format.Parse)', () => {
  assert.throws(() => parseAll('f_int32: 1\nf_int32: 2'), /all\.pbtxt:2:1: 'f_int32' is set twice/);
});

test('comments anywhere do not change the values', () => {
  const text = '# head\nfeature { # open\n  name: "a" # trailing\n  # own line\n  type: INT\n} # close\n# tail';
  const withComments = parseText(SchemaSchema, text);
  const without = parseText(SchemaSchema, 'feature { name: "a" type: INT }');
  assert.ok(equals(SchemaSchema, withComments, without));
  assert.equal(withComments.feature[0]?.type, FeatureType.INT);
});

test('agrees with protobuf-es own text parser on a TFDV schema', () => {
  const text = readFileSync(schemaTextPath, 'utf8');
  const ours = parseText(SchemaSchema, text);
  const theirs = fromText(SchemaSchema, text);
  assert.ok(equals(SchemaSchema, ours, theirs));
  assert.equal(ours.feature.length, 18);
});

test('an empty document is an empty message', () => {
  assert.ok(equals(SchemaSchema, parseText(SchemaSchema, '  \n# only a comment\n'), create(SchemaSchema)));
});
