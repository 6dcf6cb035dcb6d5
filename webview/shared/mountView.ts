/**
 * Turns a ViewNode description into DOM nodes. Strings become text nodes (createTextNode) and attributes are set
 * with setAttribute, so nothing from the data is ever parsed as HTML. This file, and the DOM glue around it, never
 * use innerHTML / outerHTML / insertAdjacentHTML (a unit test checks that for all of webview/).
 */
import { attributeText, isSafeAttributeName, isSafeTagName } from './viewNode.js';
import type { ViewNode } from './viewNode.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

export function mountView(node: ViewNode, doc: Document = document): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  // viewNode.ts checked these when the node was built; checked again because a ViewNode is a plain object.
  if (!isSafeTagName(node.tag)) throw new Error(`mountView: refusing element <${node.tag}>`);
  const el = node.svg ? doc.createElementNS(SVG_NS, node.tag) : doc.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) {
    if (!isSafeAttributeName(name)) throw new Error(`mountView: refusing attribute ${name}`);
    const text = attributeText(value);
    if (text !== undefined) el.setAttribute(name, text);
  }
  for (const child of node.children) el.appendChild(mountView(child, doc));
  return el;
}
