import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DescMessage } from '@bufbuild/protobuf';
import { FacetwiseError } from '../../../../src/core/data/issues.js';
import { SchemaSchema } from '../../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { parseText } from '../../../../src/core/proto/textFormat.js';
import type { TextParseOptions } from '../../../../src/core/proto/textFormat.js';
import { AllTypesSchema } from './allTypesDescriptor.js';

interface Expected {
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly message: RegExp;
}

function expectError(text: string, want: Expected, options?: TextParseOptions, schema: DescMessage = SchemaSchema): void {
  let caught: unknown;
  try {
    parseText(schema, text, 'bad.pbtxt', options);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof FacetwiseError, `expected a FacetwiseError for ${JSON.stringify(text)}, got ${String(caught)}`);
  assert.equal(caught.code, want.code, caught.message);
  assert.deepEqual(
    { file: caught.position?.file, line: caught.position?.line, column: caught.position?.column },
    { file: 'bad.pbtxt', line: want.line, column: want.column },
    caught.message,
  );
  assert.match(caught.message, want.message);
  assert.ok(caught.message.startsWith(`bad.pbtxt:${want.line}:${want.column}: `), caught.message);
}

test('missing closing brace points at the end of the file and names the opening one', () => {
  expectError('feature {\n  name: "a"\n  presence {\n    min_count: 1\n}\n', {
    code: 'PROTO_TEXT_SYNTAX',
    line: 6,
    column: 1,
    message: /missing '}' to close 'feature' \(opened at line 1, column 9\)/,
  });
});

test('an extra closing brace', () => {
  expectError('feature {\n  name: "a"\n}\n}\n', { code: 'PROTO_TEXT_SYNTAX', line: 4, column: 1, message: /unexpected '}'/ });
});

test('a bad enum value names the enum and its values', () => {
  expectError('feature {\n  name: "a"\n  type: BYTEZ\n}', {
    code: 'PROTO_TEXT_UNKNOWN_ENUM',
    line: 3,
    column: 9,
    message: /'BYTEZ' is not a value of enum tensorflow\.metadata\.v0\.FeatureType \(expected one of TYPE_UNKNOWN, BYTES, INT, FLOAT, STRUCT\)/,
  });
});

test('an unterminated string points at its opening quote', () => {
  expectError('feature {\n  name: "company\n  type: BYTES\n}', {
    code: 'PROTO_TEXT_UNTERMINATED_STRING',
    line: 2,
    column: 9,
    message: /unterminated string/,
  });
  expectError("feature { name: 'x", { code: 'PROTO_TEXT_UNTERMINATED_STRING', line: 1, column: 17, message: /unterminated/ });
});

test('bad numbers', () => {
  expectError('feature {\n  presence {\n    min_count: 12x\n  }\n}', {
    code: 'PROTO_TEXT_BAD_NUMBER',
    line: 3,
    column: 16,
    message: /'12x' is not a valid number/,
  });
  expectError('feature {\n  presence {\n    min_count: 1.5\n  }\n}', {
    code: 'PROTO_TEXT_BAD_NUMBER',
    line: 3,
    column: 16,
    message: /expected an integer for 'min_count', found '1\.5'/,
  });
  expectError('feature { presence { min_fraction: high } }', {
    code: 'PROTO_TEXT_BAD_NUMBER',
    line: 1,
    column: 36,
    message: /expected a number for 'min_fraction'/,
  });
  expectError('feature { value_count { min: 9223372036854775808 } }', {
    code: 'PROTO_TEXT_NUMBER_RANGE',
    line: 1,
    column: 30,
    message: /9223372036854775808 is out of range for 'min' \(int64\)/,
  });
  expectError('f_uint32: -1', { code: 'PROTO_TEXT_NUMBER_RANGE', line: 1, column: 12, message: /out of range/ }, undefined, AllTypesSchema);
  expectError('f_double: 1.2.3', { code: 'PROTO_TEXT_BAD_NUMBER', line: 1, column: 11, message: /'1\.2\.3'/ }, undefined, AllTypesSchema);
});

test('missing colon before a scalar, missing brace before a message', () => {
  expectError('feature {\n  name "a"\n}', { code: 'PROTO_TEXT_SYNTAX', line: 2, column: 8, message: /expected ':' after 'name', found '"a"'/ });
  expectError('feature: 5', { code: 'PROTO_TEXT_SYNTAX', line: 1, column: 10, message: /expected '\{' to open the value of 'feature'/ });
  expectError('feature {\n  name: \n}', { code: 'PROTO_TEXT_SYNTAX', line: 3, column: 1, message: /expected a string for 'name', found '}'/ });
});

test('unknown field in strict mode; kept in the default mode', () => {
  expectError('feature {\n  name: "a"\n  nme: "b"\n}', {
    code: 'PROTO_TEXT_UNKNOWN_FIELD',
    line: 3,
    column: 3,
    message: /tensorflow\.metadata\.v0\.Feature has no field named 'nme'/,
  }, { strict: true });
  assert.doesNotThrow(() => parseText(SchemaSchema, 'feature {\n  name: "a"\n  nme: "b"\n}'));
});

test('bad escapes, characters and UTF-8', () => {
  expectError('feature { name: "a\\qb" }', { code: 'PROTO_TEXT_BAD_ESCAPE', line: 1, column: 19, message: /unknown escape sequence '\\q'/ });
  expectError('feature { name: "\\xZZ" }', { code: 'PROTO_TEXT_BAD_ESCAPE', line: 1, column: 18, message: /hex digits/ });
  expectError('feature { name: "\\777" }', { code: 'PROTO_TEXT_BAD_ESCAPE', line: 1, column: 18, message: /larger than one byte/ });
  expectError('feature { name: "\\377" }', { code: 'PROTO_TEXT_INVALID_UTF8', line: 1, column: 17, message: /not valid UTF-8/ });
  expectError('feature { name: "a" } @', { code: 'PROTO_TEXT_SYNTAX', line: 1, column: 23, message: /unexpected character '@'/ });
  // Columns count UTF-16 code units, as VS Code does: "é" is one.
  expectError('feature { name: "é" type: NOPE }', { code: 'PROTO_TEXT_UNKNOWN_ENUM', line: 1, column: 27, message: /NOPE/ });
});

test('oneof conflicts and duplicates', () => {
  expectError('feature {\n  domain: "a"\n  int_domain { min: 1 }\n}', {
    code: 'PROTO_TEXT_DUPLICATE_FIELD',
    line: 3,
    column: 3,
    message: /'int_domain' and 'domain' are both set, but only one field of oneof 'domain_info' may be/,
  });
});

test('hostile nesting stops at the depth limit instead of overflowing the stack', () => {
  const deep = 'child { '.repeat(5000);
  expectError(deep, { code: 'PROTO_TEXT_TOO_DEEP', line: 1, column: 1 + 8 * 100 + 6, message: /deeper than 100/ }, undefined, AllTypesSchema);
});

test('unbalanced unknown field values are errors too', () => {
  expectError('mystery {\n  a: [1, 2}\n}', { code: 'PROTO_TEXT_SYNTAX', line: 2, column: 11, message: /expected ']', found '}'/ });
  expectError('mystery {\n  a: 1\n', { code: 'PROTO_TEXT_SYNTAX', line: 3, column: 1, message: /missing '}'/ });
});
