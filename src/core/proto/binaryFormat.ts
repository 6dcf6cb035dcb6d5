/**
 * Protobuf binary wire format: protobuf-es `fromBinary` / `toBinary`, keeping fields our .proto files do not
 * define (protobuf-es holds them in `$unknown` and writes them back), with errors as FacetwiseErrors.
 */
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import type { DescMessage, Message, MessageShape } from '@bufbuild/protobuf';
import { FacetwiseError } from '../data/issues.js';
import { descriptorOf } from './protoRegistry.js';

export function decodeBinary<Desc extends DescMessage>(schema: Desc, bytes: Uint8Array, fileName = '<binary>'): MessageShape<Desc> {
  try {
    return fromBinary(schema, bytes, { readUnknownFields: true });
  } catch (e) {
    throw new FacetwiseError(
      'PROTO_BINARY_INVALID',
      `not a valid binary ${schema.typeName}: ${e instanceof Error ? e.message : String(e)}`,
      { file: fileName },
    );
  }
}

export function encodeBinary(message: Message): Uint8Array {
  return toBinary(descriptorOf(message), message, { writeUnknownFields: true });
}
