/**
 * Protobuf text format → message, driven by protobuf-es reflection, reading everything Python's
 * `text_format.Parse` (what TFDV's `load_schema_text` uses) reads: scalars of every type, C-escaped and adjacent
 * strings, enums by name or number, `{}`/`<>` messages with an optional `:`, repeated lines and `[a, b]` lists,
 * maps as `{ key: … value: … }` entries, oneofs, `#` comments and `,`/`;` separators.
 *
 * Fields the message type does not define are kept as text (see textTrivia.ts) unless `strict` is set, and so
 * are comments. Every error is a FacetwiseError with the file, line and column of the offending token.
 */
import { create, ScalarType, toBinary } from '@bufbuild/protobuf';
import type { DescEnum, DescField, DescMessage, MessageShape } from '@bufbuild/protobuf';
import { reflect } from '@bufbuild/protobuf/reflect';
import type { ReflectList, ReflectMap, ReflectMessage } from '@bufbuild/protobuf/reflect';
import type { FacetwiseError } from '../../data/issues.js';
import { protoRegistry } from '../protoRegistry.js';
import { isIntegerLexeme, TextTokenizer } from './textTokenizer.js';
import type { Token } from './textTokenizer.js';
import { elementKey, textTriviaFor } from './textTrivia.js';
import type { ElementComments } from './textTrivia.js';

export interface TextParseOptions {
  /** Reject fields the message type does not define (default: keep them as text). */
  readonly strict?: boolean;
  /** Keep `#` comments so that printing writes them back (default true). */
  readonly keepComments?: boolean;
  /** Deepest message nesting accepted, so hostile input cannot exhaust the stack (default 100). */
  readonly maxDepth?: number;
}

export function parseTextMessage<Desc extends DescMessage>(
  schema: Desc,
  text: string,
  fileName: string,
  options: TextParseOptions = {},
): MessageShape<Desc> {
  const message = create(schema);
  new TextParser(new TextTokenizer(text, fileName), options).parseTop(reflect(schema, message));
  return message;
}

type TrailingSink = ((comment: string) => void) | undefined;

interface OpenBrace {
  readonly token: Token;
  readonly fieldName: string;
}

const INT_RANGES: Partial<Record<ScalarType, readonly [bigint, bigint]>> = {
  [ScalarType.INT32]: [-(2n ** 31n), 2n ** 31n - 1n],
  [ScalarType.SINT32]: [-(2n ** 31n), 2n ** 31n - 1n],
  [ScalarType.SFIXED32]: [-(2n ** 31n), 2n ** 31n - 1n],
  [ScalarType.UINT32]: [0n, 2n ** 32n - 1n],
  [ScalarType.FIXED32]: [0n, 2n ** 32n - 1n],
  [ScalarType.INT64]: [-(2n ** 63n), 2n ** 63n - 1n],
  [ScalarType.SINT64]: [-(2n ** 63n), 2n ** 63n - 1n],
  [ScalarType.SFIXED64]: [-(2n ** 63n), 2n ** 63n - 1n],
  [ScalarType.UINT64]: [0n, 2n ** 64n - 1n],
  [ScalarType.FIXED64]: [0n, 2n ** 64n - 1n],
};

const fieldsByName = new WeakMap<DescMessage, Map<string, DescField>>();

function fieldByName(desc: DescMessage, name: string): DescField | undefined {
  let byName = fieldsByName.get(desc);
  if (!byName) {
    byName = new Map(desc.fields.map((f) => [f.name, f]));
    fieldsByName.set(desc, byName);
  }
  return byName.get(name);
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

function describe(t: Token): string {
  return t.kind === 'eof' ? 'the end of the file' : `'${t.text}'`;
}

function isPunct(t: Token, ch: string): boolean {
  return t.kind === 'punct' && t.text === ch;
}

const ANY_TYPE = 'google.protobuf.Any';

/** The message type an expanded Any's `[prefix/pkg.Msg]` names, when protoRegistry defines it. */
function anyPayloadType(bracketed: string): DescMessage | undefined {
  const url = bracketed.slice(1, -1);
  const slash = url.lastIndexOf('/');
  if (slash < 0) return undefined;
  return protoRegistry.getMessage(url.slice(slash + 1));
}

class TextParser {
  private readonly tok: TextTokenizer;
  private readonly strict: boolean;
  private readonly keepComments: boolean;
  private readonly maxDepth: number;

  constructor(tok: TextTokenizer, options: TextParseOptions) {
    this.tok = tok;
    this.strict = options.strict ?? false;
    this.keepComments = options.keepComments ?? true;
    this.maxDepth = options.maxDepth ?? 100;
  }

  parseTop(r: ReflectMessage): void {
    this.parseBody(r, undefined, 0);
  }

  private fail(code: string, message: string, at: Token): FacetwiseError {
    return this.tok.error(code, message, at);
  }

  private tryConsume(ch: string): boolean {
    if (!isPunct(this.tok.peek(), ch)) return false;
    this.tok.next();
    return true;
  }

  /**
   * Splits the comments before `t`: an end-of-line comment goes to the item before it (`trailing`), own-line
   * comments are returned to be attached to what follows.
   */
  private takeComments(t: Token, trailing: TrailingSink): string[] {
    if (!this.keepComments || t.comments.length === 0) return [];
    const own: string[] = [];
    for (const c of t.comments) {
      if (!c.ownLine && trailing && own.length === 0) trailing(c.text);
      else own.push(c.text);
    }
    return own;
  }

  /** Fields up to the closing brace `open` expects (or the end of the file for the top-level message). */
  private parseBody(r: ReflectMessage, open: OpenBrace | undefined, depth: number): Token {
    const close = open ? (open.token.text === '<' ? '>' : '}') : undefined;
    let trailing: TrailingSink = open && this.keepComments ? (c) => (textTriviaFor(r.message).openTrailing = c) : undefined;
    let lastKnown: string | null = null;
    const setScalars = new Set<string>();
    for (;;) {
      const t = this.tok.peek();
      const leading = this.takeComments(t, trailing);
      const atEnd = close === undefined ? t.kind === 'eof' : isPunct(t, close);
      if (atEnd) {
        this.tok.next();
        if (leading.length > 0) textTriviaFor(r.message).end = leading;
        return t;
      }
      if (t.kind === 'eof' && open) {
        throw this.fail(
          'PROTO_TEXT_SYNTAX',
          `missing '${close}' to close '${open.fieldName}' (opened at line ${open.token.line}, column ${open.token.column})`,
          t,
        );
      }
      if (t.kind === 'punct' && (t.text === '}' || t.text === '>')) {
        throw this.fail(
          'PROTO_TEXT_SYNTAX',
          open ? `expected '${close}' to close '${open.fieldName}', found '${t.text}'` : `unexpected '${t.text}': no message is open here`,
          t,
        );
      }
      const { name, extension } = this.parseFieldName();
      const field = extension ? undefined : fieldByName(r.desc, name);
      const payload = extension && r.desc.typeName === ANY_TYPE ? anyPayloadType(name) : undefined;
      if (payload) {
        trailing = this.parseAnyPayload(r, name.slice(1, -1), payload, leading, depth);
      } else if (!field) {
        if (this.strict) {
          throw this.fail('PROTO_TEXT_UNKNOWN_FIELD', `${r.desc.typeName} has no field named '${name}'`, t);
        }
        trailing = this.skipUnknownField(r, t, name, leading, lastKnown);
      } else {
        lastKnown = field.name;
        trailing = this.parseField(r, field, t, leading, setScalars, depth);
      }
      if (!this.tryConsume(',')) this.tryConsume(';');
    }
  }

  private parseFieldName(): { name: string; extension: boolean } {
    const t = this.tok.next();
    if (t.kind === 'ident') return { name: t.text, extension: false };
    if (isPunct(t, '[')) {
      // An extension or an expanded Any (`[type.googleapis.com/pkg.Msg]`): never defined here, kept as text.
      let name = '[';
      for (;;) {
        const p = this.tok.next();
        if (isPunct(p, ']')) return { name: `${name}]`, extension: true };
        if (p.kind !== 'ident' && !(p.kind === 'punct' && (p.text === '.' || p.text === '/'))) {
          throw this.fail('PROTO_TEXT_SYNTAX', `expected an extension name and ']', found ${describe(p)}`, p);
        }
        name += p.text;
      }
    }
    throw this.fail('PROTO_TEXT_SYNTAX', `expected a field name, found ${describe(t)}`, t);
  }

  private parseField(
    r: ReflectMessage,
    field: DescField,
    nameTok: Token,
    leading: string[],
    setScalars: Set<string>,
    depth: number,
  ): TrailingSink {
    if (field.oneof) {
      const current = r.oneofCase(field.oneof);
      if (current && current !== field) {
        throw this.fail(
          'PROTO_TEXT_DUPLICATE_FIELD',
          `'${field.name}' and '${current.name}' are both set, but only one field of oneof '${field.oneof.name}' may be`,
          nameTok,
        );
      }
    }
    const isMessage = field.fieldKind === 'message' || field.fieldKind === 'map' || (field.fieldKind === 'list' && field.listKind === 'message');
    if (isMessage) {
      this.tryConsume(':');
    } else if (!this.tryConsume(':')) {
      const t = this.tok.peek();
      throw this.fail('PROTO_TEXT_SYNTAX', `expected ':' after '${field.name}', found ${describe(t)}`, t);
    }
    if ((field.fieldKind === 'list' || field.fieldKind === 'map') && isPunct(this.tok.peek(), '[')) {
      this.tok.next();
      let sink: TrailingSink;
      let first = true;
      if (this.tryConsume(']')) return undefined;
      for (;;) {
        sink = this.parseElement(r, field, nameTok, first ? leading : [], setScalars, depth);
        first = false;
        if (this.tryConsume(']')) return sink;
        const sep = this.tok.next();
        if (!isPunct(sep, ',')) throw this.fail('PROTO_TEXT_SYNTAX', `expected ',' or ']' in the list of '${field.name}', found ${describe(sep)}`, sep);
      }
    }
    return this.parseElement(r, field, nameTok, leading, setScalars, depth);
  }

  /** One value of a field: a singular value, a list element or a map entry. */
  private parseElement(
    r: ReflectMessage,
    field: DescField,
    nameTok: Token,
    leading: string[],
    setScalars: Set<string>,
    depth: number,
  ): TrailingSink {
    switch (field.fieldKind) {
      case 'message': {
        const child = r.isSet(field) ? (r.get(field) as ReflectMessage) : reflect(field.message);
        const sink = this.parseMessageValue(child, field.name, leading, depth);
        r.set(field, child);
        return sink;
      }
      case 'list': {
        const list = r.get(field) as ReflectList;
        if (field.listKind === 'message') {
          const child = reflect(field.message);
          const sink = this.parseMessageValue(child, field.name, leading, depth);
          list.add(child);
          return sink;
        }
        const value = field.listKind === 'enum' ? this.parseEnum(field.enum, field.name) : this.parseScalar(field.scalar, field.name);
        return this.elementSink(r, elementKey(field.name, list.size), leading, () => list.add(value));
      }
      case 'map':
        return this.parseMapEntry(r, field, leading, depth);
      case 'scalar':
      case 'enum': {
        if (setScalars.has(field.name)) {
          throw this.fail('PROTO_TEXT_DUPLICATE_FIELD', `'${field.name}' is set twice, but it is not a repeated field`, nameTok);
        }
        setScalars.add(field.name);
        const value = field.fieldKind === 'enum' ? this.parseEnum(field.enum, field.name) : this.parseScalar(field.scalar, field.name);
        return this.elementSink(r, elementKey(field.name, 0), leading, () => r.set(field, value));
      }
    }
  }

  /** Stores a scalar element, keeping its comments; returns where its end-of-line comment goes. */
  private elementSink(r: ReflectMessage, key: string, leading: string[], store: () => void): TrailingSink {
    store();
    if (!this.keepComments) return undefined;
    const comments = (): ElementComments => {
      const elements = textTriviaFor(r.message).elements;
      let c = elements.get(key);
      if (!c) elements.set(key, (c = {}));
      return c;
    };
    if (leading.length > 0) comments().leading = leading;
    return (text) => (comments().trailing = text);
  }

  /** `{ … }` or `< … >` into `child`; returns where the comment after the closing brace goes. */
  /** An expanded Any (`[type.googleapis.com/pkg.Msg] { … }`) of a type we define: packed into type_url and value. */
  private parseAnyPayload(r: ReflectMessage, typeUrl: string, desc: DescMessage, leading: string[], depth: number): TrailingSink {
    this.tryConsume(':');
    const child = reflect(desc);
    const sink = this.parseMessageValue(child, typeUrl, leading, depth);
    const urlField = r.desc.fields.find((f) => f.name === 'type_url');
    const valueField = r.desc.fields.find((f) => f.name === 'value');
    if (urlField) r.set(urlField, typeUrl);
    if (valueField) r.set(valueField, toBinary(desc, child.message));
    return sink;
  }

  private parseMessageValue(child: ReflectMessage, fieldName: string, leading: string[], depth: number): TrailingSink {
    const open = this.tok.next();
    if (!isPunct(open, '{') && !isPunct(open, '<')) {
      throw this.fail('PROTO_TEXT_SYNTAX', `expected '{' to open the value of '${fieldName}', found ${describe(open)}`, open);
    }
    if (depth + 1 > this.maxDepth) throw this.fail('PROTO_TEXT_TOO_DEEP', `messages are nested deeper than ${this.maxDepth} levels`, open);
    if (leading.length > 0) textTriviaFor(child.message).leading = leading;
    this.parseBody(child, { token: open, fieldName }, depth + 1);
    if (!this.keepComments) return undefined;
    return (text) => (textTriviaFor(child.message).closeTrailing = text);
  }

  private parseMapEntry(r: ReflectMessage, field: DescField & { fieldKind: 'map' }, leading: string[], depth: number): TrailingSink {
    const open = this.tok.next();
    if (!isPunct(open, '{') && !isPunct(open, '<')) {
      throw this.fail('PROTO_TEXT_SYNTAX', `expected '{' to open an entry of map '${field.name}', found ${describe(open)}`, open);
    }
    const close = open.text === '<' ? '>' : '}';
    let key: unknown;
    let value: unknown;
    for (;;) {
      const t = this.tok.next();
      if (isPunct(t, close)) break;
      if (t.kind === 'eof') {
        throw this.fail('PROTO_TEXT_SYNTAX', `missing '${close}' to close an entry of map '${field.name}' (opened at line ${open.line}, column ${open.column})`, t);
      }
      if (t.kind !== 'ident' || (t.text !== 'key' && t.text !== 'value')) {
        throw this.fail('PROTO_TEXT_SYNTAX', `expected 'key' or 'value' in an entry of map '${field.name}', found ${describe(t)}`, t);
      }
      if ((t.text === 'key' ? key : value) !== undefined) {
        throw this.fail('PROTO_TEXT_DUPLICATE_FIELD', `'${t.text}' is set twice in an entry of map '${field.name}'`, t);
      }
      if (t.text === 'key') {
        this.expectColon('key');
        key = this.parseScalar(field.mapKey, `${field.name}.key`);
      } else if (field.mapKind === 'message') {
        this.tryConsume(':');
        const child = reflect(field.message);
        this.parseMessageValue(child, `${field.name}.value`, [], depth);
        value = child;
      } else {
        this.expectColon('value');
        value = field.mapKind === 'enum' ? this.parseEnum(field.enum, `${field.name}.value`) : this.parseScalar(field.scalar, `${field.name}.value`);
      }
      if (!this.tryConsume(',')) this.tryConsume(';');
    }
    const map = r.get(field) as ReflectMap;
    key ??= zeroScalar(field.mapKey);
    value ??= field.mapKind === 'message' ? reflect(field.message) : field.mapKind === 'enum' ? (field.enum.values[0]?.number ?? 0) : zeroScalar(field.scalar);
    if (!this.keepComments) {
      map.set(key, value);
      return undefined;
    }
    return this.elementSink(r, elementKey(field.name, String(key)), leading, () => map.set(key, value));
  }

  private expectColon(what: string): void {
    if (!this.tryConsume(':')) {
      const t = this.tok.peek();
      throw this.fail('PROTO_TEXT_SYNTAX', `expected ':' after '${what}', found ${describe(t)}`, t);
    }
  }

  private parseEnum(desc: DescEnum, fieldName: string): number {
    const negative = this.tryConsume('-');
    const t = this.tok.next();
    if (t.kind === 'ident' && !negative) {
      const v = desc.values.find((e) => e.name === t.text);
      if (v) return v.number;
      const names = desc.values.map((e) => e.name);
      const list = names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')}, …`;
      throw this.fail('PROTO_TEXT_UNKNOWN_ENUM', `'${t.text}' is not a value of enum ${desc.typeName} (expected one of ${list})`, t);
    }
    if (t.kind === 'number' && isIntegerLexeme(t.text)) {
      const n = Number(parseIntegerLexeme(t.text)) * (negative ? -1 : 1);
      if (n < -(2 ** 31) || n > 2 ** 31 - 1) throw this.fail('PROTO_TEXT_NUMBER_RANGE', `${negative ? '-' : ''}${t.text} is out of range for enum ${desc.typeName}`, t);
      if (!desc.open && !desc.values.some((e) => e.number === n)) {
        throw this.fail('PROTO_TEXT_UNKNOWN_ENUM', `${n} is not a value of enum ${desc.typeName}`, t);
      }
      return n;
    }
    throw this.fail('PROTO_TEXT_SYNTAX', `expected a value of enum ${desc.typeName} for '${fieldName}', found ${describe(t)}`, t);
  }

  private parseScalar(type: ScalarType, fieldName: string): unknown {
    switch (type) {
      case ScalarType.STRING: {
        const first = this.tok.peek();
        const bytes = this.parseStringBytes(fieldName);
        try {
          return utf8Decoder.decode(bytes);
        } catch {
          throw this.fail('PROTO_TEXT_INVALID_UTF8', `the value of string field '${fieldName}' is not valid UTF-8 (use a bytes field for binary data)`, first);
        }
      }
      case ScalarType.BYTES:
        return this.parseStringBytes(fieldName);
      case ScalarType.BOOL: {
        const t = this.tok.next();
        if (t.kind === 'ident' && ['true', 'True', 't'].includes(t.text)) return true;
        if (t.kind === 'ident' && ['false', 'False', 'f'].includes(t.text)) return false;
        if (t.kind === 'number' && (t.text === '1' || t.text === '0')) return t.text === '1';
        throw this.fail('PROTO_TEXT_SYNTAX', `expected true or false for '${fieldName}', found ${describe(t)}`, t);
      }
      case ScalarType.FLOAT:
      case ScalarType.DOUBLE: {
        const v = this.parseFloatValue(fieldName);
        // A float field holds a float32: round now, as Python and C++ do, so text and binary agree.
        return type === ScalarType.FLOAT ? Math.fround(v) : v;
      }
      default:
        return this.parseIntValue(type, fieldName);
    }
  }

  /** One or more adjacent string literals, concatenated. */
  private parseStringBytes(fieldName: string): Uint8Array {
    const t = this.tok.next();
    if (t.kind !== 'string' || !t.bytes) {
      throw this.fail('PROTO_TEXT_SYNTAX', `expected a string for '${fieldName}', found ${describe(t)}`, t);
    }
    let bytes: Uint8Array = t.bytes;
    while (this.tok.peek().kind === 'string') {
      const more = this.tok.next().bytes ?? new Uint8Array();
      const joined = new Uint8Array(bytes.length + more.length);
      joined.set(bytes);
      joined.set(more, bytes.length);
      bytes = joined;
    }
    return bytes;
  }

  private parseFloatValue(fieldName: string): number {
    const negative = this.tryConsume('-');
    const t = this.tok.next();
    const sign = negative ? -1 : 1;
    if (t.kind === 'ident') {
      const word = t.text.toLowerCase();
      if (word === 'inf' || word === 'infinity') return sign * Infinity;
      if (word === 'nan') return NaN;
    }
    if (t.kind === 'number' && !/^0[xX]/.test(t.text)) {
      const v = Number(t.text.replace(/[fF]$/, ''));
      if (!Number.isNaN(v)) return sign * v;
    }
    throw this.fail('PROTO_TEXT_BAD_NUMBER', `expected a number for '${fieldName}', found ${negative ? "'-' then " : ''}${describe(t)}`, t);
  }

  private parseIntValue(type: ScalarType, fieldName: string): number | bigint {
    const negative = this.tryConsume('-');
    const t = this.tok.next();
    if (t.kind !== 'number' || !isIntegerLexeme(t.text)) {
      throw this.fail('PROTO_TEXT_BAD_NUMBER', `expected an integer for '${fieldName}', found ${describe(t)}`, t);
    }
    const v = parseIntegerLexeme(t.text) * (negative ? -1n : 1n);
    const range = INT_RANGES[type];
    if (range && (v < range[0] || v > range[1])) {
      throw this.fail('PROTO_TEXT_NUMBER_RANGE', `${v} is out of range for '${fieldName}' (${ScalarType[type].toLowerCase()})`, t);
    }
    const is64 = type === ScalarType.INT64 || type === ScalarType.UINT64 || type === ScalarType.SINT64 || type === ScalarType.FIXED64 || type === ScalarType.SFIXED64;
    return is64 ? v : Number(v);
  }

  /**
   * Consumes an unknown field's value without interpreting it and records its text, so printing writes it
   * back where it was. Returns where an end-of-line comment after it goes (the end of its last line).
   */
  private skipUnknownField(r: ReflectMessage, nameTok: Token, name: string, leading: string[], after: string | null): TrailingSink {
    const colon = this.tryConsume(':');
    const t = this.tok.peek();
    let end: number;
    if (isPunct(t, '{') || isPunct(t, '<') || isPunct(t, '[')) end = this.skipBalanced();
    else if (!colon) throw this.fail('PROTO_TEXT_SYNTAX', `expected ':' or '{' after '${name}', found ${describe(t)}`, t);
    else end = this.skipScalar();
    const base = this.tok.lineIndentAt(nameTok.start);
    const raw = this.tok.source.slice(nameTok.start, end).split('\n').map((l, i) => {
      const line = l.replace(/\r$/, '');
      if (i === 0) return line;
      const indent = line.length - line.trimStart().length;
      return line.slice(Math.min(indent, base));
    });
    const lines = [...leading, ...raw];
    textTriviaFor(r.message).unknown.push({ name, lines, after });
    return (text) => {
      lines[lines.length - 1] += `  ${text}`;
    };
  }

  /** Skips a `{…}`, `<…>` or `[…]` group; returns the offset after it. */
  private skipBalanced(): number {
    const closers: string[] = [];
    for (;;) {
      const t = this.tok.next();
      if (t.kind === 'eof') {
        throw this.fail('PROTO_TEXT_SYNTAX', `missing '${closers[closers.length - 1] ?? '}'}' before the end of the file`, t);
      }
      if (t.kind === 'punct') {
        if (t.text === '{') closers.push('}');
        else if (t.text === '<') closers.push('>');
        else if (t.text === '[') closers.push(']');
        else if (t.text === '}' || t.text === '>' || t.text === ']') {
          const want = closers.pop();
          if (t.text !== want) throw this.fail('PROTO_TEXT_SYNTAX', `expected '${want}', found '${t.text}'`, t);
        }
      }
      if (closers.length === 0) return t.end;
    }
  }

  private skipScalar(): number {
    const first = this.tok.next();
    if (first.kind === 'string') {
      let end = first.end;
      while (this.tok.peek().kind === 'string') end = this.tok.next().end;
      return end;
    }
    const t = isPunct(first, '-') ? this.tok.next() : first;
    if (t.kind !== 'ident' && t.kind !== 'number') throw this.fail('PROTO_TEXT_SYNTAX', `expected a value, found ${describe(t)}`, t);
    return t.end;
  }
}

function parseIntegerLexeme(text: string): bigint {
  if (/^0[xX]/.test(text)) return BigInt(text);
  if (/^0[0-7]+$/.test(text)) return BigInt(`0o${text.slice(1)}`);
  return BigInt(text);
}

function zeroScalar(type: ScalarType): unknown {
  switch (type) {
    case ScalarType.STRING:
      return '';
    case ScalarType.BYTES:
      return new Uint8Array();
    case ScalarType.BOOL:
      return false;
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return 0n;
    default:
      return 0;
  }
}
