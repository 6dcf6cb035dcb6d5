/**
 * The datapoint editor's HTML: the overview's strict policy plus what in-webview inference needs — `connect-src`
 * for the model files and wasm binaries (webview resource URIs only, never the network) and `'wasm-unsafe-eval'`
 * so WebAssembly may compile. No data in the page: the script renders everything from messages, as text.
 */
import { escapeHtml } from '../overview/overviewHtml.js';

export interface DatapointHtmlOptions {
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
  readonly nonce: string;
  readonly title: string;
}

export function datapointCsp(cspSource: string, nonce: string): string {
  if (!cspSource.trim() || /[;,"<>\r\n]/.test(cspSource)) throw new Error(`datapointCsp: unexpected cspSource ${JSON.stringify(cspSource)}`);
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('datapointCsp: the nonce must be 16+ base64/alphanumeric characters');
  const source = cspSource.trim();
  return [
    "default-src 'none'",
    `img-src ${source} data:`,
    `style-src ${source} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    `connect-src ${source}`,
  ].join('; ');
}

export function buildDatapointHtml(o: DatapointHtmlOptions): string {
  const styles = o.styleUris.map((uri) => `    <link rel="stylesheet" href="${escapeHtml(uri)}" nonce="${o.nonce}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(datapointCsp(o.cspSource, o.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
    <title>${escapeHtml(o.title)}</title>
  </head>
  <body>
    <main id="dp-root" class="datapoint" aria-busy="true"><p class="dp-status" id="dp-status">Loading the models…</p></main>
    <script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
  </body>
</html>
`;
}
