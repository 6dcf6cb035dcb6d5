/**
 * A deep copy of a schema that keeps what the text-format parser recorded beside each message — fields our
 * .proto files do not define and the user's comments (src/core/proto/text/textTrivia.ts) — so that a schema
 * updated from a copy still prints everything the user wrote. protobuf-es `clone()` alone drops that side table.
 */
import { clone } from '@bufbuild/protobuf';
import type { Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { SchemaSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { Message } from '@bufbuild/protobuf';
import { copyTextTrivia } from '../proto/text/textTrivia.js';

function isMessage(x: unknown): x is Message {
  return typeof x === 'object' && x !== null && typeof (x as { $typeName?: unknown }).$typeName === 'string';
}

/** Walks the original and its clone side by side (they have the same shape) and copies trivia across. */
function copyTrivia(from: unknown, to: unknown): void {
  if (Array.isArray(from) && Array.isArray(to)) {
    for (let i = 0; i < from.length; i++) copyTrivia(from[i], to[i]);
    return;
  }
  if (typeof from !== 'object' || from === null || typeof to !== 'object' || to === null) return;
  if (from instanceof Uint8Array) return;
  if (isMessage(from) && isMessage(to)) copyTextTrivia(from, to);
  for (const key of Object.keys(from)) {
    if (key === '$typeName' || key === '$unknown') continue;
    copyTrivia((from as Record<string, unknown>)[key], (to as Record<string, unknown>)[key]);
  }
}

export function cloneSchema(schema: Schema): Schema {
  const copy = clone(SchemaSchema, schema);
  copyTrivia(schema, copy);
  return copy;
}
