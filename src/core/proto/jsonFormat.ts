/**
 * Canonical proto3 JSON, as protobuf's `json_format.MessageToJson` writes it (TFDV's default): lowerCamelCase
 * names, 64-bit integers as strings, enums by name, defaults omitted, 2-space indent. Reading accepts both
 * lowerCamelCase and the proto's snake_case names. A thin layer over protobuf-es `toJson` / `fromJson` that adds
 * positions to errors and keeps 32-bit floats the same in every encoding (see float32Fields.ts).
 */
import { lineColumnOf } from '../data/lineColumn.js';
import { fromJson, toJson } from '@bufbuild/protobuf';
import type { DescMessage, JsonValue, Message, MessageShape } from '@bufbuild/protobuf';
import { FacetwiseError } from '../data/issues.js';
import { prettifyFloat32Json, roundFloat32Fields } from './float32Fields.js';
import { descriptorOf, protoRegistry } from './protoRegistry.js';

export interface JsonWriteOptions {
  /** Use the .proto's snake_case names instead of lowerCamelCase (`preserving_proto_field_name=True`). */
  readonly useProtoFieldName?: boolean;
  /** Spaces per indent level; 0 writes one line (default 2, like MessageToJson). */
  readonly indent?: number;
}

export interface JsonReadOptions {
  /** Reject fields the message type does not define (default: ignore them; JSON cannot keep them). */
  readonly strict?: boolean;
}

/** The JSON value of a message, with 32-bit floats as their shortest decimal (0.9, not 0.8999999761581421). */
export function toJsonValue(message: Message, options: JsonWriteOptions = {}): JsonValue {
  const desc = descriptorOf(message);
  const json = toJson(desc, message, { useProtoFieldName: options.useProtoFieldName ?? false, registry: protoRegistry });
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    prettifyFloat32Json(desc, message, json, options.useProtoFieldName ?? false);
  }
  return json;
}

export function toJsonText(message: Message, options: JsonWriteOptions = {}): string {
  return `${JSON.stringify(toJsonValue(message, options), null, options.indent ?? 2)}\n`;
}

/** Parses JSON text; syntax errors carry the line and column, schema errors the file. */
export function parseJsonText<Desc extends DescMessage>(
  schema: Desc,
  text: string,
  fileName = '<json>',
  options: JsonReadOptions = {},
): MessageShape<Desc> {
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : undefined;
    const position = offset === undefined ? { file: fileName } : { file: fileName, ...lineColumnOf(text, offset), offset };
    throw new FacetwiseError('PROTO_JSON_SYNTAX', `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, position);
  }
  let message: MessageShape<Desc>;
  try {
    message = fromJson(schema, value, { ignoreUnknownFields: !(options.strict ?? false), registry: protoRegistry });
  } catch (e) {
    throw new FacetwiseError('PROTO_JSON_INVALID', `not a valid ${schema.typeName}: ${e instanceof Error ? e.message : String(e)}`, {
      file: fileName,
    });
  }
  roundFloat32Fields(schema, message);
  return message;
}

