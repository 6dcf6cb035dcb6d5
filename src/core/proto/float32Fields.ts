/**
 * 32-bit `float` fields, kept the same across encodings. A float field holds a float32, but protobuf-es stores
 * whatever double it is given: JSON "0.9" would stay 0.9 while the same value read from binary is
 * 0.8999999761581421. Rounding on read (`roundFloat32Fields`) makes every reader agree, and printing the
 * shortest decimal that reads back as the same float32 (`prettifyFloat32Json`) writes 0.9 as Python does.
 */
import { ScalarType } from '@bufbuild/protobuf';
import type { DescMessage, JsonObject, JsonValue, Message } from '@bufbuild/protobuf';
import { reflect } from '@bufbuild/protobuf/reflect';
import type { ReflectList, ReflectMap, ReflectMessage } from '@bufbuild/protobuf/reflect';
import { formatFloat32LikePython } from './text/pythonFloat.js';

/** Rounds every float field of the message tree to float32, in place. */
export function roundFloat32Fields(desc: DescMessage, message: Message): void {
  roundIn(reflect(desc, message));
}

function roundIn(r: ReflectMessage): void {
  for (const field of r.fields) {
    if (!r.isSet(field)) continue;
    switch (field.fieldKind) {
      case 'scalar':
        if (field.scalar === ScalarType.FLOAT) r.set(field, Math.fround(r.get(field) as number));
        break;
      case 'message':
        roundIn(r.get(field) as ReflectMessage);
        break;
      case 'list': {
        const list = r.get(field) as ReflectList;
        if (field.listKind === 'message') for (const item of list) roundIn(item as ReflectMessage);
        else if (field.scalar === ScalarType.FLOAT) for (let i = 0; i < list.size; i++) list.set(i, Math.fround(list.get(i) as number));
        break;
      }
      case 'map': {
        const map = r.get(field) as ReflectMap;
        for (const [k, v] of map) {
          if (field.mapKind === 'message') roundIn(v as ReflectMessage);
          else if (field.scalar === ScalarType.FLOAT) map.set(k, Math.fround(v as number));
        }
        break;
      }
      case 'enum':
        break;
    }
  }
}

function shortest(v: JsonValue): JsonValue {
  return typeof v === 'number' ? Number(formatFloat32LikePython(v)) : v;
}

/** Rewrites float fields of `json` (protobuf-es `toJson` output of `message`) to their shortest decimals. */
export function prettifyFloat32Json(desc: DescMessage, message: Message, json: JsonObject, useProtoNames: boolean): void {
  prettifyIn(reflect(desc, message), json, useProtoNames);
}

function prettifyIn(r: ReflectMessage, json: JsonObject, useProtoNames: boolean): void {
  for (const field of r.fields) {
    const key = useProtoNames ? field.name : field.jsonName;
    const v = json[key];
    if (v === undefined || v === null || !r.isSet(field)) continue;
    switch (field.fieldKind) {
      case 'scalar':
        if (field.scalar === ScalarType.FLOAT) json[key] = shortest(v);
        break;
      case 'message':
        if (isObject(v)) prettifyIn(r.get(field) as ReflectMessage, v, useProtoNames);
        break;
      case 'list': {
        if (!Array.isArray(v)) break;
        const list = r.get(field) as ReflectList;
        if (field.listKind === 'message') {
          v.forEach((item, i) => {
            if (isObject(item)) prettifyIn(list.get(i) as ReflectMessage, item, useProtoNames);
          });
        } else if (field.scalar === ScalarType.FLOAT) {
          json[key] = v.map(shortest);
        }
        break;
      }
      case 'map': {
        if (!isObject(v)) break;
        const map = r.get(field) as ReflectMap;
        for (const [k, value] of map) {
          const entry = v[String(k)];
          if (entry === undefined) continue;
          if (field.mapKind === 'message' && isObject(entry)) prettifyIn(value as ReflectMessage, entry, useProtoNames);
          else if (field.mapKind === 'scalar' && field.scalar === ScalarType.FLOAT) v[String(k)] = shortest(entry);
        }
        break;
      }
      case 'enum':
        break;
    }
  }
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
