/**
 * The HTML document of the dataset overview webview. Pure (no `vscode` import) so it can be unit-tested: the host
 * passes `webview.cspSource` and the `asWebviewUri(...)` strings of the bundle and style sheet.
 *
 * Security: a strict Content-Security-Policy — nothing loads by default, scripts only with this document's nonce,
 * styles only from the extension's own resources (the web components' styles are constructed style sheets, which
 * CSP does not govern), images only from the extension or data: URIs. The page itself holds no data: the script
 * renders everything from messages, as text.
 */

export interface OverviewHtmlOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** `webview.asWebviewUri(<extension>/dist/webview/overview.js).toString()`. */
  readonly scriptUri: string;
  /** `webview.asWebviewUri(<extension>/media/overview.css).toString()` (and any further sheets, in order). */
  readonly styleUris: readonly string[];
  /** A fresh value from `createNonce()` for each HTML build. */
  readonly nonce: string;
  /** The document title, e.g. `Overview: train.csv`. */
  readonly title: string;
  /**
   * The dataset's fsPath, which the webview keeps in its saved state so that the panel can be restored after a
   * reload (the host checks it again then: see overviewRestoreState.ts).
   */
  readonly datasetPath?: string;
}

export interface OverviewErrorHtmlOptions {
  readonly cspSource: string;
  readonly styleUris: readonly string[];
  readonly nonce: string;
  readonly title: string;
  /** Shown as text. */
  readonly message: string;
}

const NONCE_PATTERN = /^[A-Za-z0-9+/=_-]{16,}$/;

/** 32 random alphanumeric characters (≈190 bits) from the Web Crypto API, which Node 20 has as a global. */
export function createNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  // 256 % 62 != 0 gives a slight bias, irrelevant for a nonce that only has to be unguessable.
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The policy as it goes in the `<meta http-equiv="Content-Security-Policy">` tag. `inference` (the datapoint
 * editor) adds what in-webview inference needs: `'wasm-unsafe-eval'` so WebAssembly may compile, and `connect-src`
 * for the model files and wasm binaries (webview resource URIs only, never the network).
 */
export function overviewCsp(cspSource: string, nonce: string, inference = false): string {
  // A semicolon or comma would start another directive or policy: refuse such a source rather than escape it.
  if (!cspSource.trim() || /[;,"<>\r\n]/.test(cspSource)) {
    throw new Error(`overviewCsp: unexpected cspSource ${JSON.stringify(cspSource)}`);
  }
  if (!NONCE_PATTERN.test(nonce)) throw new Error('overviewCsp: the nonce must be 16+ base64/alphanumeric characters');
  const source = cspSource.trim();
  return [
    "default-src 'none'",
    `img-src ${source} data:`,
    `style-src ${source} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'${inference ? " 'wasm-unsafe-eval'" : ''}`,
    ...(inference ? [`connect-src ${source}`] : []),
  ].join('; ');
}

/** What every Facetwise page's document needs around its body. */
export interface WebviewPageOptions {
  /** The Content-Security-Policy, already built (overviewCsp). */
  readonly csp: string;
  readonly nonce: string;
  readonly styleUris: readonly string[];
  readonly title: string;
}

/**
 * The document around a body: the policy, the style sheets (nonce'd) and the title. Every panel's HTML (overview,
 * compare, schema editor, datapoint editor) is this document with its own body.
 */
export function webviewPage(options: WebviewPageOptions, body: string): string {
  const { nonce, csp } = options;
  const styles = options.styleUris
    .map((uri) => `    <link rel="stylesheet" href="${escapeHtml(uri)}" nonce="${nonce}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
    <title>${escapeHtml(options.title)}</title>
  </head>
  <body>
${body}
  </body>
</html>
`;
}

export function buildOverviewHtml(options: OverviewHtmlOptions): string {
  const dataset = options.datasetPath !== undefined ? ` data-dataset="${escapeHtml(options.datasetPath)}"` : '';
  return webviewPage(
    { ...options, csp: overviewCsp(options.cspSource, options.nonce) },
    `    <main id="overview-root" class="overview" aria-busy="true"${dataset}></main>
    <script nonce="${options.nonce}" src="${escapeHtml(options.scriptUri)}"></script>`,
  );
}

/** A page with only a message and no script: what a panel shows when it cannot show an overview. */
export function buildOverviewErrorHtml(options: OverviewErrorHtmlOptions): string {
  return webviewPage(
    { ...options, csp: overviewCsp(options.cspSource, options.nonce) },
    `    <main id="overview-root" class="overview">
      <p class="overview-error" role="alert">${escapeHtml(options.message)}</p>
    </main>`,
  );
}
