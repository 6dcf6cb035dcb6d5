/**
 * Protobuf text format (`.pbtxt`), string level: what TFDV's `write_schema_text` / `load_schema_text` and
 * `text_format.MessageToString` / `Parse` read and write. See text/ for the parser, printer and how unknown
 * fields and comments are kept.
 */
import type { DescMessage, Message, MessageShape } from '@bufbuild/protobuf';
import { descriptorOf } from './protoRegistry.js';
import { parseTextMessage } from './text/textParser.js';
import type { TextParseOptions } from './text/textParser.js';
import { printTextMessage } from './text/textPrinter.js';
import type { TextPrintOptions } from './text/textPrinter.js';

export { printTextMessage } from './text/textPrinter.js';
export type { TextParseOptions } from './text/textParser.js';
export type { TextPrintOptions } from './text/textPrinter.js';

/** Parses text format; a syntax error throws a FacetwiseError with `fileName`, line and column. */
export function parseText<Desc extends DescMessage>(
  schema: Desc,
  text: string,
  fileName = '<text>',
  options?: TextParseOptions,
): MessageShape<Desc> {
  return parseTextMessage(schema, text, fileName, options);
}

/** Prints a message (of any type in protoRegistry) as Python's text_format would, with a final newline. */
export function printText(message: Message, options?: TextPrintOptions): string {
  return printTextMessage(descriptorOf(message), message, options);
}
