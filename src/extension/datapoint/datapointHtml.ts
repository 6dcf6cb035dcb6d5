/**
 * The datapoint editor's HTML: the overview's strict policy plus what in-webview inference needs — `connect-src`
 * for the model files and wasm binaries (webview resource URIs only, never the network) and `'wasm-unsafe-eval'`
 * so WebAssembly may compile. No data in the page: the script renders everything from messages, as text.
 */
import { escapeHtml, overviewCsp, webviewPage } from '../overview/overviewHtml.js';

export interface DatapointHtmlOptions {
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
  readonly nonce: string;
  readonly title: string;
}

export function buildDatapointHtml(o: DatapointHtmlOptions): string {
  return webviewPage(
    { ...o, csp: overviewCsp(o.cspSource, o.nonce, true) },
    `    <main id="dp-root" class="datapoint" aria-busy="true"><p class="dp-status" id="dp-status">Loading the models…</p></main>
    <script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>`,
  );
}
