/**
 * Message → protobuf text format, laid out exactly as Python's `text_format.MessageToString` (what TFDV's
 * `write_schema_text` and `write_stats_text` call) lays it out: fields in field-number order, two-space indent,
 * `name: value` and `name {` … `}`, map entries sorted by key, numbers and strings as Python prints them.
 * Unknown fields and comments recorded by the parser are written back where they were.
 */
import { fromBinary, ScalarType } from '@bufbuild/protobuf';
import { protoRegistry } from '../protoRegistry.js';
import type { DescField, DescMessage, Message, MessageShape } from '@bufbuild/protobuf';
import { reflect } from '@bufbuild/protobuf/reflect';
import type { ReflectList, ReflectMap, ReflectMessage } from '@bufbuild/protobuf/reflect';
import { escapeBytesLikePython, escapeStringLikePython } from './cEscape.js';
import { formatDoubleLikePython, formatFloat32LikePython } from './pythonFloat.js';
import { elementKey, getTextTrivia } from './textTrivia.js';
import type { TextTrivia } from './textTrivia.js';

export interface TextPrintOptions {
  /** Keep non-ASCII text as is rather than octal-escaping its UTF-8 bytes (TFDV writes with this off). */
  readonly asUtf8?: boolean;
  /** Write back unknown fields and comments recorded by the parser (default true). */
  readonly keepTrivia?: boolean;
}

export function printTextMessage<Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>, options: TextPrintOptions = {}): string {
  const printer = new TextPrinter(options);
  printer.printBody(reflect(schema, message), '');
  return printer.lines.length > 0 ? `${printer.lines.join('\n')}\n` : '';
}

const TRAILING_GAP = '  ';

class TextPrinter {
  readonly lines: string[] = [];
  private readonly asUtf8: boolean;
  private readonly keepTrivia: boolean;

  constructor(options: TextPrintOptions) {
    this.asUtf8 = options.asUtf8 ?? false;
    this.keepTrivia = options.keepTrivia ?? true;
  }

  private trivia(message: Message): TextTrivia | undefined {
    return this.keepTrivia ? getTextTrivia(message) : undefined;
  }

  printBody(r: ReflectMessage, indent: string): void {
    if (r.desc.typeName === 'google.protobuf.Any' && this.printAnyExpanded(r, indent)) return;
    const t = this.trivia(r.message);
    this.printUnknown(t, null, indent);
    for (const field of r.sortedFields) {
      if (r.isSet(field)) this.printField(r, field, t, indent);
      this.printUnknown(t, field.name, indent);
    }
    for (const c of t?.end ?? []) this.lines.push(indent + c);
  }

  /** An Any whose payload type we define prints expanded, as Python's text_format does. */
  private printAnyExpanded(r: ReflectMessage, indent: string): boolean {
    const urlField = r.desc.fields.find((f) => f.name === 'type_url');
    const valueField = r.desc.fields.find((f) => f.name === 'value');
    if (!urlField || !valueField) return false;
    const url = r.get(urlField) as string;
    const slash = url.lastIndexOf('/');
    const desc = slash < 0 ? undefined : protoRegistry.getMessage(url.slice(slash + 1));
    if (!desc) return false;
    let payload: Message;
    try {
      payload = fromBinary(desc, r.get(valueField) as Uint8Array);
    } catch {
      return false;
    }
    this.printMessage(`[${url}]`, reflect(desc, payload), indent);
    return true;
  }

  private printUnknown(t: TextTrivia | undefined, after: string | null, indent: string): void {
    if (!t) return;
    for (const u of t.unknown) {
      if (u.after !== after) continue;
      for (const line of u.lines) this.lines.push(line === '' ? '' : indent + line);
    }
  }

  private printField(r: ReflectMessage, field: DescField, t: TextTrivia | undefined, indent: string): void {
    switch (field.fieldKind) {
      case 'scalar':
        this.printElement(t, elementKey(field.name, 0), indent, `${field.name}: ${this.scalarText(field.scalar, r.get(field))}`);
        return;
      case 'enum':
        this.printElement(t, elementKey(field.name, 0), indent, `${field.name}: ${enumText(field, r.get(field) as number)}`);
        return;
      case 'message':
        this.printMessage(field.name, r.get(field) as ReflectMessage, indent);
        return;
      case 'list': {
        const list = r.get(field) as ReflectList;
        let i = 0;
        for (const item of list) {
          if (field.listKind === 'message') this.printMessage(field.name, item as ReflectMessage, indent);
          else {
            const text = field.listKind === 'enum' ? enumText(field, item as number) : this.scalarText(field.scalar, item);
            this.printElement(t, elementKey(field.name, i), indent, `${field.name}: ${text}`);
          }
          i++;
        }
        return;
      }
      case 'map': {
        const map = r.get(field) as ReflectMap;
        const keys = [...map.keys()].sort(compareMapKeys);
        const inner = `${indent}  `;
        for (const key of keys) {
          const value = map.get(key);
          const c = t?.elements.get(elementKey(field.name, String(key)));
          for (const l of c?.leading ?? []) this.lines.push(indent + l);
          this.lines.push(`${indent}${field.name} {`);
          this.lines.push(`${inner}key: ${this.scalarText(field.mapKey, key)}`);
          if (field.mapKind === 'message') this.printMessage('value', value as ReflectMessage, inner);
          else if (field.mapKind === 'enum') this.lines.push(`${inner}value: ${enumText(field, value as number)}`);
          else this.lines.push(`${inner}value: ${this.scalarText(field.scalar, value)}`);
          this.lines.push(`${indent}}${c?.trailing ? TRAILING_GAP + c.trailing : ''}`);
        }
        return;
      }
    }
  }

  private printElement(t: TextTrivia | undefined, key: string, indent: string, text: string): void {
    const c = t?.elements.get(key);
    for (const l of c?.leading ?? []) this.lines.push(indent + l);
    this.lines.push(`${indent}${text}${c?.trailing ? TRAILING_GAP + c.trailing : ''}`);
  }

  private printMessage(name: string, child: ReflectMessage, indent: string): void {
    const ct = this.trivia(child.message);
    for (const l of ct?.leading ?? []) this.lines.push(indent + l);
    this.lines.push(`${indent}${name} {${ct?.openTrailing ? TRAILING_GAP + ct.openTrailing : ''}`);
    this.printBody(child, `${indent}  `);
    this.lines.push(`${indent}}${ct?.closeTrailing ? TRAILING_GAP + ct.closeTrailing : ''}`);
  }

  private scalarText(type: ScalarType, value: unknown): string {
    switch (type) {
      case ScalarType.STRING:
        return `"${escapeStringLikePython(value as string, this.asUtf8)}"`;
      case ScalarType.BYTES:
        return `"${escapeBytesLikePython(value as Uint8Array)}"`;
      case ScalarType.BOOL:
        return value ? 'true' : 'false';
      case ScalarType.DOUBLE:
        return formatDoubleLikePython(value as number);
      case ScalarType.FLOAT:
        return formatFloat32LikePython(value as number);
      default:
        return String(value);
    }
  }
}

function enumText(field: DescField, value: number): string {
  const e = field.enum;
  return e?.value[value]?.name ?? String(value);
}

/** Python sorts map keys by value: numbers numerically, strings by code point, false before true. */
function compareMapKeys(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const ca = [...a];
    const cb = [...b];
    for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
      const d = (ca[i]?.codePointAt(0) ?? 0) - (cb[i]?.codePointAt(0) ?? 0);
      if (d !== 0) return d;
    }
    return ca.length - cb.length;
  }
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  return Number(a) - Number(b);
}
