/**
 * What a text-format file holds beyond the message's known fields: fields our .proto files do not define
 * (TFDV's schema has many we do not interpret — `tensor_representation_group`, `natural_language_domain`…) and
 * the user's `#` comments. The parser records them here and the printer writes them back, so that opening,
 * editing and saving a schema never loses what Facetwise does not understand.
 *
 * Why a side table and not the message: protobuf-es keeps unknown fields in `$unknown` as binary wire data
 * (field number + bytes); a text-format unknown field has only a name and text, no number, so it cannot live
 * there. A WeakMap keyed by the message object keeps messages plain (equals(), clone(), deep equality in tests
 * see only proto fields) and lets the trivia disappear with the message. Consequences: `clone()` does not copy
 * trivia (use `copyTextTrivia`), and converting to binary or JSON drops it (those formats cannot name an unknown
 * field without its number).
 */
import type { Message } from '@bufbuild/protobuf';

/** A field the message type does not define, kept as the text it was written as. */
export interface UnknownTextField {
  /** The name as written: `natural_language_domain`, or `[some.extension]`. */
  readonly name: string;
  /**
   * Its text, one entry per line, indentation relative to the line the field starts on (the printer re-indents
   * it to its depth). Own-line comments written right before the field are included, as is an end-of-line
   * comment after it.
   */
  readonly lines: readonly string[];
  /** The known field (proto name) it followed in the source; `null` when it came before every known field. */
  readonly after: string | null;
}

/** Comments around one element of a scalar, enum or map field (`name#index`, or `name#key` for a map entry). */
export interface ElementComments {
  leading?: string[];
  trailing?: string;
}

export interface TextTrivia {
  readonly unknown: UnknownTextField[];
  /** Keyed by `elementKey()`. */
  readonly elements: Map<string, ElementComments>;
  /** Own-line comments before this message's `name {` line (when it is a field value). */
  leading?: string[];
  /** End-of-line comment after `name {`. */
  openTrailing?: string;
  /** End-of-line comment after the closing `}`. */
  closeTrailing?: string;
  /** Own-line comments after the last field, before `}` (or the end of the file for the top message). */
  end?: string[];
}

const store = new WeakMap<Message, TextTrivia>();

export function getTextTrivia(message: Message): TextTrivia | undefined {
  return store.get(message);
}

/** The trivia of a message, created empty on first use. */
export function textTriviaFor(message: Message): TextTrivia {
  let t = store.get(message);
  if (!t) {
    t = { unknown: [], elements: new Map() };
    store.set(message, t);
  }
  return t;
}

/** Unknown text fields of a message (empty when it has none). */
export function getUnknownTextFields(message: Message): readonly UnknownTextField[] {
  return store.get(message)?.unknown ?? [];
}

/** Attaches an unknown field to a message, e.g. to carry one over from another message. */
export function addUnknownTextField(message: Message, field: UnknownTextField): void {
  textTriviaFor(message).unknown.push(field);
}

/** Drops everything recorded for a message (not its children). */
export function clearTextTrivia(message: Message): void {
  store.delete(message);
}

/** Gives `to` a copy of `from`'s trivia (not its children's): use after `clone()` or when replacing a message. */
export function copyTextTrivia(from: Message, to: Message): void {
  const t = store.get(from);
  if (!t) return;
  const elements = new Map<string, ElementComments>();
  for (const [k, v] of t.elements) elements.set(k, { ...v, ...(v.leading ? { leading: [...v.leading] } : {}) });
  store.set(to, { ...t, unknown: [...t.unknown], elements, ...(t.end ? { end: [...t.end] } : {}) });
}

/** The key of one element of a scalar or enum field (by index) or of a map entry (by key). */
export function elementKey(fieldName: string, indexOrKey: number | string): string {
  return typeof indexOrKey === 'number' ? `${fieldName}#${indexOrKey}` : `${fieldName}#key:${indexOrKey}`;
}
