/**
 * A plain-object description of DOM, built by pure (DOM-free, unit-testable) view functions and turned into real
 * nodes by `mountView.ts`. The one rule that keeps data from ever becoming markup: a string child is always a
 * text node, and attributes are set with setAttribute from an allow-listed set of names. There is no way to
 * express raw HTML here.
 */

export type AttrValue = string | number | boolean | undefined | null;
export type Attrs = Readonly<Record<string, AttrValue>>;

export interface ViewElement {
  readonly tag: string;
  /** True for SVG elements (created in the SVG namespace). */
  readonly svg: boolean;
  readonly attrs: Attrs;
  readonly children: readonly ViewNode[];
}

/** A string is a text node. */
export type ViewNode = ViewElement | string;
/** What a view function may pass as a child; falsy values are dropped, arrays flattened. */
export type ViewChild = ViewNode | null | undefined | false | readonly ViewChild[];

const TAG = /^[a-z][a-z0-9-]*$/i;
const ATTRIBUTE = /^[a-z][a-z0-9_.:-]*$/i;
/** Elements that load or run something: never built from a view. */
const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'object', 'embed', 'link', 'style', 'meta', 'base', 'frame', 'img', 'foreignobject', 'use', 'a', 'form']);
/** Attributes that load, navigate or run something (`on*` handlers are refused separately). */
const FORBIDDEN_ATTRIBUTES = new Set(['style', 'src', 'srcdoc', 'href', 'xlink:href', 'action', 'formaction', 'srcset', 'data', 'background', 'poster']);

// Names come from code, so there are few distinct ones: remember the verdicts (tens of thousands of checks per
// render otherwise).
const safeTags = new Set<string>();
const safeAttributes = new Set<string>();

export function isSafeTagName(tag: string): boolean {
  if (safeTags.has(tag)) return true;
  const ok = TAG.test(tag) && !FORBIDDEN_TAGS.has(tag.toLowerCase());
  if (ok) safeTags.add(tag);
  return ok;
}

export function isSafeAttributeName(name: string): boolean {
  if (safeAttributes.has(name)) return true;
  const lower = name.toLowerCase();
  const ok = ATTRIBUTE.test(name) && !lower.startsWith('on') && !FORBIDDEN_ATTRIBUTES.has(lower);
  if (ok) safeAttributes.add(name);
  return ok;
}

function flatten(children: readonly ViewChild[], out: ViewNode[]): ViewNode[] {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) flatten(child as readonly ViewChild[], out);
    else out.push(child as ViewNode);
  }
  return out;
}

function element(svg: boolean, tag: string, attrs: Attrs | null, children: readonly ViewChild[]): ViewElement {
  if (!isSafeTagName(tag)) throw new Error(`view: refusing element <${tag}>`);
  for (const name of Object.keys(attrs ?? {})) {
    if (!isSafeAttributeName(name)) throw new Error(`view: refusing attribute ${name} on <${tag}>`);
  }
  return { tag, svg, attrs: attrs ?? {}, children: flatten(children, []) };
}

/** An HTML element. */
export function h(tag: string, attrs: Attrs | null = null, ...children: ViewChild[]): ViewElement {
  return element(false, tag, attrs, children);
}

/** An SVG element. */
export function svg(tag: string, attrs: Attrs | null = null, ...children: ViewChild[]): ViewElement {
  return element(true, tag, attrs, children);
}

/** The attribute's value as it will be set, or undefined when it is left out (false / null / undefined). */
export function attributeText(value: AttrValue): string | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  return value === true ? '' : String(value);
}

/** All text of a view, concatenated in document order (what `textContent` of the mounted node will be). */
export function viewText(node: ViewNode): string {
  if (typeof node === 'string') return node;
  return node.children.map(viewText).join('');
}

/** Every element of a view (itself included) that satisfies `test`, in document order. */
export function findElements(node: ViewNode, test: (e: ViewElement) => boolean): ViewElement[] {
  const out: ViewElement[] = [];
  const walk = (n: ViewNode): void => {
    if (typeof n === 'string') return;
    if (test(n)) out.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}

/** Joins class names, dropping empty ones. */
export function classes(...names: Array<string | false | null | undefined>): string {
  return names.filter((n): n is string => typeof n === 'string' && n !== '').join(' ');
}
