import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOverviewHtml, createNonce, escapeHtml, overviewCsp } from '../../src/extension/overview/overviewHtml.js';

const cspSource = 'https://*.vscode-cdn.net';
const nonce = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const html = buildOverviewHtml({
  cspSource,
  nonce,
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/overview.js',
  styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/overview.css'],
  title: 'Overview: <img src=x onerror=alert(1)>.csv',
});

function csp(): Map<string, string[]> {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'a CSP meta tag');
  const policy = meta[1].replace(/&#39;/g, "'");
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

test('the policy allows nothing by default, scripts only by nonce, styles from the extension', () => {
  const p = csp();
  assert.deepEqual(p.get('default-src'), ["'none'"]);
  assert.deepEqual(p.get('script-src'), [`'nonce-${nonce}'`]);
  assert.deepEqual(p.get('style-src'), [cspSource, `'nonce-${nonce}'`]);
  assert.deepEqual(p.get('img-src'), [cspSource, 'data:']);
  assert.ok(!html.includes('unsafe-inline') && !html.includes('unsafe-eval'));
});

test('every script and style sheet carries the nonce; no inline script', () => {
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.match(scripts[0][1], new RegExp(`nonce="${nonce}"`));
  assert.match(scripts[0][1], /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\/overview\.js"/);
  assert.equal(scripts[0][2].trim(), '');
  const links = [...html.matchAll(/<link[^>]*>/g)].map((m) => m[0]);
  assert.equal(links.length, 1);
  assert.match(links[0], new RegExp(`nonce="${nonce}"`));
  assert.ok(!/https?:\/\/(?!file\+\.vscode-resource)/.test(html.replace(/content="[^"]*"/, '')), 'no remote resource');
});

test('the title is text, not markup', () => {
  assert.ok(!html.includes('<img'));
  assert.match(html, /<title>Overview: &#60;img src=x onerror=alert\(1\)&#62;\.csv<\/title>/);
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
});

test('a source that would inject directives, or a weak nonce, is refused', () => {
  assert.throws(() => overviewCsp("https://x; script-src 'unsafe-inline'", nonce), /cspSource/);
  assert.throws(() => overviewCsp('https://x, https://y', nonce), /cspSource/);
  assert.throws(() => overviewCsp('', nonce), /cspSource/);
  assert.throws(() => overviewCsp(cspSource, 'short'), /nonce/);
  assert.throws(() => overviewCsp(cspSource, `${nonce}'`), /nonce/);
});

test('nonces are long, alphanumeric and fresh', () => {
  const a = createNonce();
  const b = createNonce();
  assert.match(a, /^[A-Za-z0-9]{32}$/);
  assert.notEqual(a, b);
});
