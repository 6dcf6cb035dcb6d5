import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findElements, h, isSafeAttributeName, isSafeTagName, svg, viewText } from '../../../webview/shared/viewNode.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

test('a string child is a text node, whatever it contains', () => {
  const view = h('span', { class: 'name' }, HOSTILE);
  assert.deepEqual(view.children, [HOSTILE]);
  assert.equal(viewText(view), HOSTILE);
  assert.deepEqual(findElements(view, (e) => e.tag === 'img'), []);
});

test('elements and attributes that load or run something are refused', () => {
  for (const tag of ['script', 'SCRIPT', 'iframe', 'img', 'object', 'style', 'link', 'a', 'foreignObject', 'use']) {
    assert.equal(isSafeTagName(tag), false, tag);
    assert.throws(() => h(tag), /refusing element/);
  }
  for (const name of ['onclick', 'ONERROR', 'onload', 'style', 'href', 'xlink:href', 'src', 'srcdoc', 'formaction', 'a b', '"x']) {
    assert.equal(isSafeAttributeName(name), false, name);
    assert.throws(() => h('div', { [name]: 'x' }), /refusing attribute/);
  }
  assert.equal(isSafeTagName('vscode-button'), true);
  assert.equal(isSafeAttributeName('aria-label'), true);
  assert.equal(isSafeAttributeName('viewBox'), true);
});

test('children are flattened and falsy ones dropped', () => {
  const view = svg('g', null, [svg('rect'), null, false, [undefined, 'text']]);
  assert.equal(view.svg, true);
  assert.deepEqual(
    view.children.map((c) => (typeof c === 'string' ? c : c.tag)),
    ['rect', 'text'],
  );
});

/** Every source file of the webview bundles. */
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) sources(full, out);
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

test('no webview code parses strings as HTML', () => {
  const files = sources(resolve(__dirname, '../../../webview'));
  assert.ok(files.length > 5);
  const sinks = /\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write|createContextualFragment|new DOMParser|\.srcdoc\s*=|\beval\(|new Function\(/;
  const offenders = files.filter((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .some((line) => !/^\s*(\/\/|\*|\/\*)/.test(line) && sinks.test(line)),
  );
  assert.deepEqual(offenders, []);
});
