/**
 * The overview page's `data-dataset` attribute (what the webview saves so a panel can be restored) and the
 * script-less page a panel shows when it cannot be restored. The main page's policy is tested in
 * test/webview/overviewHtml.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildOverviewErrorHtml, buildOverviewHtml } from '../../../src/extension/overview/overviewHtml.js';

const cspSource = 'https://*.vscode-cdn.net';
const nonce = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const base = { cspSource, nonce, scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/overview.js', styleUris: [], title: 'Overview: x.csv' };

/** Decodes the numeric character references escapeHtml writes. */
function unescape(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

describe('the overview page names its dataset for the saved state', () => {
  test('data-dataset holds the path, escaped so it cannot leave the attribute', () => {
    const path = `/data/a "quoted" <b>&'x'.csv`;
    const html = buildOverviewHtml({ ...base, datasetPath: path });
    const main = /<main id="overview-root"[^>]*>/.exec(html)?.[0];
    assert.ok(main);
    const attr = /data-dataset="([^"]*)"/.exec(main);
    assert.ok(attr, main);
    assert.equal(unescape(attr[1]), path);
    assert.ok(!main.includes('<b>'));
  });

  test('no attribute without a path', () => {
    assert.ok(!buildOverviewHtml(base).includes('data-dataset'));
  });
});

describe('buildOverviewErrorHtml', () => {
  const message = 'This overview could not be restored. /x/<script>alert(1)</script>.csv no longer exists.';
  const html = buildOverviewErrorHtml({ cspSource, nonce, styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/overview.css'], title: 'Overview', message });

  test('shows the message as text and runs no script', () => {
    assert.ok(!/<script/i.test(html));
    const alert = /<p class="overview-error" role="alert">([^<]*)<\/p>/.exec(html);
    assert.ok(alert);
    assert.equal(unescape(alert[1]), message);
  });

  test('keeps the strict policy: nothing by default, scripts only by nonce', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    assert.ok(meta);
    const policy = unescape(meta[1]);
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, new RegExp(`script-src 'nonce-${nonce}'`));
    assert.ok(!policy.includes('unsafe-inline'));
  });
});
