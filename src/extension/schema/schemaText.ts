/**
 * Schema edits at the text level, for editors that change `schema.pbtxt` as a document (the comparison panel's
 * Set threshold, the schema editor): parse the text (comments and unknown fields kept), change the Schema message,
 * print it back, and reduce the change to the one span that differs, so that an undo step, the dirty state and a
 * git diff show just the edit. Pure: no `vscode`.
 */
import type { Schema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { SchemaSchema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { parseText, printText } from '../../core/proto/textFormat.js';

/** Replace [start, end) of the old text (UTF-16 offsets) with `text`. */
export interface TextDelta {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function parseSchemaText(text: string, fileName: string): Schema {
  return parseText(SchemaSchema, text, fileName);
}

/** The smallest single replacement turning `before` into `after` (undefined when they are equal). */
export function textDelta(before: string, after: string): TextDelta | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  // Whole lines read better in a diff and keep a surrogate pair or a CRLF from being split.
  while (start > 0 && before[start - 1] !== '\n') start--;
  while (endBefore < before.length && before[endBefore - 1] !== '\n') {
    endBefore++;
    endAfter++;
  }
  return { start, end: endBefore, text: after.slice(start, endAfter) };
}

/**
 * The text after `mutate` changed the schema parsed from `text`; throws the parser's FacetwiseError (with line and
 * column) when the text is not a valid schema, and whatever `mutate` throws.
 */
export function editSchemaText(text: string, fileName: string, mutate: (schema: Schema) => void): string {
  const schema = parseSchemaText(text, fileName);
  mutate(schema);
  return printText(schema);
}
