/**
 * The overview header's schema line and its actions, as messages (part of overviewProtocol.ts's unions): the
 * host says which schema the dataset is validated against and why; the webview asks to change it or to compare
 * the dataset with another. Neither `vscode` nor the DOM.
 */

/** Why the schema applies, as the header says it: "(from setting)", "(remembered)", "(found beside)". */
export type SchemaHeaderSource = 'setting' | 'remembered' | 'found beside' | 'chosen';

const SOURCES: readonly SchemaHeaderSource[] = ['setting', 'remembered', 'found beside', 'chosen'];

/** Host → webview. */
export interface SchemaHeaderMessage {
  readonly type: 'schema';
  /** "schema.pbtxt", "a schema inferred from train.csv"; absent when the dataset has no schema yet. */
  readonly label?: string;
  readonly source?: SchemaHeaderSource;
  /** The schema file or training split, as the workspace shows it (for the tooltip). */
  readonly detail?: string;
}

/** Webview → host: run the schema picker ("Change…"), or Compare Dataset with… for this dataset. */
export type SchemaHeaderRequest = { readonly type: 'changeSchema' } | { readonly type: 'compareWith' };

type Fields = Record<string, unknown>;

/** Short text only: a label or path, never a document. */
const MAX_TEXT = 4096;

function optionalText(x: unknown): string | undefined | false {
  if (x === undefined) return undefined;
  return typeof x === 'string' && x.length <= MAX_TEXT ? x : false;
}

/** Checks a `schema` message the webview received; undefined when malformed. */
export function parseSchemaHeaderMessage(data: Fields): SchemaHeaderMessage | undefined {
  const label = optionalText(data.label);
  const detail = optionalText(data.detail);
  const source = data.source;
  if (label === false || detail === false) return undefined;
  if (source !== undefined && !SOURCES.includes(source as SchemaHeaderSource)) return undefined;
  // A source without a schema (or a schema without its source) is not a state the host posts.
  if ((label === undefined) !== (source === undefined)) return undefined;
  return {
    type: 'schema',
    ...(label !== undefined ? { label } : {}),
    ...(source !== undefined ? { source: source as SchemaHeaderSource } : {}),
    ...(detail !== undefined ? { detail } : {}),
  };
}

/** Checks a request from the webview (less trusted than the host): only the bare request is taken. */
export function parseSchemaHeaderRequest(data: Fields): SchemaHeaderRequest | undefined {
  if (data.type === 'changeSchema' || data.type === 'compareWith') return { type: data.type };
  return undefined;
}
