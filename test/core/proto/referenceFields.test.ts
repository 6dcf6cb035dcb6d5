/**
 * Our tensorflow_metadata definitions against the reference table (test/fixtures/tensorflow_metadata_fields.tsv, a
 * copy of ../shared/reference/tensorflow_metadata_fields.tsv at upstream 383edcf4): one test case per row. Every field has its name, number, label (repeated / oneof / map) and
 * type, every enum value its number; and a message with just that field set (every enum value, for enums)
 * survives read → write in binary, text format and JSON unchanged.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { create, equals, ScalarType } from '@bufbuild/protobuf';
import type { DescEnum, DescField, DescMessage, Message } from '@bufbuild/protobuf';
import { reflect } from '@bufbuild/protobuf/reflect';
import type { ReflectMessage } from '@bufbuild/protobuf/reflect';
import { anyPack } from '@bufbuild/protobuf/wkt';
import { decodeBinary, encodeBinary } from '../../../src/core/proto/binaryFormat.js';
import { PathSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/path_pb.js';
import { parseJsonText, toJsonText } from '../../../src/core/proto/jsonFormat.js';
import { protoRegistry } from '../../../src/core/proto/protoRegistry.js';
import { parseText, printText } from '../../../src/core/proto/textFormat.js';

const TABLE = resolve(__dirname, '../../fixtures/tensorflow_metadata_fields.tsv');
const PACKAGE = 'tensorflow.metadata.v0';

interface Row {
  readonly kind: 'field' | 'enum_value';
  readonly file: string;
  readonly scope: string;
  readonly name: string;
  readonly num: number;
  readonly label: string;
  readonly type: string;
}

function readTable(): Row[] {
  return readFileSync(TABLE, 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [kind, file, scope, name, num, label, type] = l.split('\t') as [Row['kind'], string, string, string, string, string, string];
      return { kind, file, scope, name, num: Number(num), label: label ?? '', type: type ?? '' };
    });
}

const SCALARS: Readonly<Record<string, ScalarType>> = {
  double: ScalarType.DOUBLE,
  float: ScalarType.FLOAT,
  int64: ScalarType.INT64,
  uint64: ScalarType.UINT64,
  int32: ScalarType.INT32,
  uint32: ScalarType.UINT32,
  bool: ScalarType.BOOL,
  string: ScalarType.STRING,
  bytes: ScalarType.BYTES,
};

/** A value of a scalar type that no encoding could mistake for its default, with the awkward cases each has. */
function scalarSample(t: ScalarType): unknown {
  switch (t) {
    case ScalarType.DOUBLE:
      return 0.1;
    case ScalarType.FLOAT:
      return 0.5;
    case ScalarType.INT64:
      return -(2n ** 40n) - 3n;
    case ScalarType.UINT64:
      return 2n ** 63n + 5n;
    case ScalarType.INT32:
      return -7;
    case ScalarType.UINT32:
      return 7;
    case ScalarType.BOOL:
      return true;
    case ScalarType.STRING:
      return 'é "quoted"\n\\';
    case ScalarType.BYTES:
      return new Uint8Array([0, 1, 0x7f, 0xff]);
    default:
      throw new Error(`no sample for scalar type ${t}`);
  }
}

function messageSample(desc: DescMessage): Message {
  // An Any carries a real payload, so that JSON has to resolve its type URL.
  if (desc.typeName === 'google.protobuf.Any') return anyPack(PathSchema, create(PathSchema, { step: ['a', 'b'] }));
  return create(desc);
}

function enumSample(e: DescEnum): number {
  const nonZero = e.values.find((v) => v.number !== 0);
  return (nonZero ?? e.values[0])?.number ?? 0;
}

function setSample(r: ReflectMessage, field: DescField, enumValue?: number): void {
  switch (field.fieldKind) {
    case 'scalar':
      r.set(field, scalarSample(field.scalar));
      break;
    case 'enum':
      r.set(field, enumValue ?? enumSample(field.enum));
      break;
    case 'message':
      r.set(field, reflect(field.message, messageSample(field.message)));
      break;
    case 'list': {
      const list = r.get(field);
      for (let i = 0; i < 2; i++) {
        if (field.listKind === 'scalar') list.add(scalarSample(field.scalar));
        else if (field.listKind === 'enum') list.add(enumSample(field.enum));
        else list.add(reflect(field.message, messageSample(field.message)));
      }
      break;
    }
    case 'map': {
      const map = r.get(field);
      if (field.mapKind === 'message') map.set('k', reflect(field.message, messageSample(field.message)));
      else if (field.mapKind === 'enum') map.set('k', enumSample(field.enum));
      else map.set('k', scalarSample(field.scalar));
      break;
    }
  }
}

function roundTrips(desc: DescMessage, message: Message, what: string): void {
  const binary = decodeBinary(desc, encodeBinary(message));
  assert.ok(equals(desc, binary, message), `${what}: binary`);
  const text = printText(message);
  assert.ok(equals(desc, parseText(desc, text), message), `${what}: text format\n${text}`);
  const json = toJsonText(message);
  assert.ok(equals(desc, parseJsonText(desc, json, '<json>', { strict: true }), message), `${what}: JSON\n${json}`);
}

function typeOf(field: DescField): string {
  switch (field.fieldKind) {
    case 'scalar':
      return ScalarType[field.scalar].toLowerCase();
    case 'enum':
      return field.enum.typeName;
    case 'message':
      return field.message.typeName;
    case 'list':
      return field.listKind === 'scalar' ? ScalarType[field.scalar].toLowerCase() : field.listKind === 'enum' ? field.enum.typeName : field.message.typeName;
    case 'map':
      return `map<${ScalarType[field.mapKey].toLowerCase()},${field.mapKind === 'scalar' ? ScalarType[field.scalar].toLowerCase() : field.mapKind === 'enum' ? field.enum.typeName : field.message.typeName}>`;
  }
}

/** The reference's type name resolved as protoc would: in the scope, then outwards, then the package. */
function expectedType(row: Row, field: DescField): string {
  const map = /^map < (\w+) , ([\w.]+) >$/.exec(row.type);
  if (map) return `map<${map[1]},${expectedType({ ...row, type: map[2] as string }, field)}>`;
  if (SCALARS[row.type] !== undefined) return row.type;
  if (row.type.includes('.') && protoRegistry.get(row.type)) return row.type;
  const parts = row.scope.split('.');
  for (let i = parts.length; i >= 0; i--) {
    const candidate = [PACKAGE, ...parts.slice(0, i), row.type].join('.');
    if (protoRegistry.get(candidate)) return candidate;
  }
  return `${PACKAGE}.${row.type}`;
}

const rows = readTable();

describe('tensorflow_metadata fields and enum values match the reference table', () => {
  it('the table is read (358 fields, 143 enum values at upstream 383edcf4)', () => {
    assert.equal(rows.filter((r) => r.kind === 'field').length, 358);
    assert.equal(rows.filter((r) => r.kind === 'enum_value').length, 143);
  });

  for (const row of rows) {
    const typeName = `${PACKAGE}.${row.scope}`;
    if (row.kind === 'field') {
      it(`${row.file} ${row.scope}.${row.name} = ${row.num} (${row.label || 'singular'} ${row.type})`, () => {
        const desc = protoRegistry.getMessage(typeName);
        assert.ok(desc, `message ${typeName} is defined`);
        const field = desc.fields.find((f) => f.name === row.name);
        assert.ok(field, `${typeName}.${row.name} is defined`);
        assert.equal(field.number, row.num, 'field number');
        if (row.label === 'repeated') assert.equal(field.fieldKind, 'list', 'repeated');
        else if (row.label.startsWith('oneof ')) assert.equal(field.oneof?.name, row.label.slice('oneof '.length), 'oneof');
        else if (row.type.startsWith('map ')) assert.equal(field.fieldKind, 'map', 'map');
        else {
          assert.notEqual(field.fieldKind, 'list', 'not repeated');
          assert.equal(field.oneof, undefined, 'not in a oneof');
        }
        assert.equal(typeOf(field), expectedType(row, field), 'type');

        const message = create(desc);
        setSample(reflect(desc, message), field);
        roundTrips(desc, message, `${typeName}.${row.name}`);
      });
    } else {
      it(`${row.file} ${row.scope}.${row.name} = ${row.num}`, () => {
        const e = protoRegistry.getEnum(typeName);
        assert.ok(e, `enum ${typeName} is defined`);
        assert.equal(e.values.find((v) => v.name === row.name)?.number, row.num, 'enum value number');
        // A field of that enum type holds the value through every encoding (text and JSON write its name).
        const holder = protoRegistry.getMessage(`${PACKAGE}.${row.scope.split('.').slice(0, -1).join('.')}`);
        const user =
          [...(holder ? [holder] : []), ...[...protoRegistry].filter((t): t is DescMessage => t.kind === 'message')]
            .flatMap((m) => m.fields.map((f) => ({ m, f })))
            .find(({ f }) => f.fieldKind === 'enum' && f.enum.typeName === typeName);
        if (!user) return; // SliceValueTypes and the like are used only by messages outside the table
        const message = create(user.m);
        setSample(reflect(user.m, message), user.f, row.num);
        roundTrips(user.m, message, `${user.m.typeName}.${user.f.name} = ${row.name}`);
      });
    }
  }
});
