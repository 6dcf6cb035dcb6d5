/**
 * A test-only proto2 message type with a field of every scalar type, a closed enum, a nested message, maps and
 * a oneof — TFDV's messages do not use every type (no sint32, fixed64…), so the text parser and printer are
 * exercised on this one too. Built from a FileDescriptorProto at run time, no code generation.
 */
import { create, createFileRegistry } from '@bufbuild/protobuf';
import type { DescMessage } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';

const OPTIONAL = 1;
const REPEATED = 3;
const T = {
  DOUBLE: 1, FLOAT: 2, INT64: 3, UINT64: 4, INT32: 5, FIXED64: 6, FIXED32: 7, BOOL: 8, STRING: 9,
  MESSAGE: 11, BYTES: 12, UINT32: 13, ENUM: 14, SFIXED32: 15, SFIXED64: 16, SINT32: 17, SINT64: 18,
} as const;

const scalarFields: [string, number][] = [
  ['f_double', T.DOUBLE], ['f_float', T.FLOAT], ['f_int64', T.INT64], ['f_uint64', T.UINT64], ['f_int32', T.INT32],
  ['f_fixed64', T.FIXED64], ['f_fixed32', T.FIXED32], ['f_bool', T.BOOL], ['f_string', T.STRING], ['f_bytes', T.BYTES],
  ['f_uint32', T.UINT32], ['f_sfixed32', T.SFIXED32], ['f_sfixed64', T.SFIXED64], ['f_sint32', T.SINT32], ['f_sint64', T.SINT64],
];

const file = create(FileDescriptorProtoSchema, {
  name: 'test/all_types.proto',
  package: 'facetwise.test',
  syntax: 'proto2',
  enumType: [{ name: 'Color', value: [{ name: 'RED', number: 0 }, { name: 'GREEN', number: 1 }, { name: 'BLUE', number: 5 }] }],
  messageType: [
    {
      name: 'AllTypes',
      field: [
        ...scalarFields.map(([name, type], i) => ({ name, number: i + 1, label: OPTIONAL, type })),
        ...scalarFields.map(([name, type], i) => ({ name: `r_${name.slice(2)}`, number: i + 101, label: REPEATED, type })),
        { name: 'color', number: 30, label: OPTIONAL, type: T.ENUM, typeName: '.facetwise.test.Color' },
        { name: 'colors', number: 31, label: REPEATED, type: T.ENUM, typeName: '.facetwise.test.Color' },
        { name: 'child', number: 32, label: OPTIONAL, type: T.MESSAGE, typeName: '.facetwise.test.AllTypes' },
        { name: 'children', number: 33, label: REPEATED, type: T.MESSAGE, typeName: '.facetwise.test.AllTypes' },
        { name: 'counts', number: 34, label: REPEATED, type: T.MESSAGE, typeName: '.facetwise.test.AllTypes.CountsEntry' },
        { name: 'by_id', number: 35, label: REPEATED, type: T.MESSAGE, typeName: '.facetwise.test.AllTypes.ByIdEntry' },
        { name: 'choice_int', number: 40, label: OPTIONAL, type: T.INT32, oneofIndex: 0 },
        { name: 'choice_text', number: 41, label: OPTIONAL, type: T.STRING, oneofIndex: 0 },
        { name: 'choice_msg', number: 42, label: OPTIONAL, type: T.MESSAGE, typeName: '.facetwise.test.AllTypes', oneofIndex: 0 },
      ],
      oneofDecl: [{ name: 'choice' }],
      nestedType: [
        {
          name: 'CountsEntry',
          options: { mapEntry: true },
          field: [
            { name: 'key', number: 1, label: OPTIONAL, type: T.STRING },
            { name: 'value', number: 2, label: OPTIONAL, type: T.INT32 },
          ],
        },
        {
          name: 'ByIdEntry',
          options: { mapEntry: true },
          field: [
            { name: 'key', number: 1, label: OPTIONAL, type: T.INT64 },
            { name: 'value', number: 2, label: OPTIONAL, type: T.MESSAGE, typeName: '.facetwise.test.AllTypes' },
          ],
        },
      ],
    },
  ],
});

const registry = createFileRegistry(file, () => undefined);
const desc = registry.getMessage('facetwise.test.AllTypes');
if (!desc) throw new Error('test descriptor did not build');

export const AllTypesSchema: DescMessage = desc;
