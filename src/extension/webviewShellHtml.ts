/**
 * The HTML shell of a panel whose page renders everything from the host's messages: the overview's strict policy
 * (nothing by default, scripts only with this page's nonce, styles from the extension only) and one empty root
 * element. Pure (no `vscode`); the compare panel and the schema editor share it.
 */
import { createNonce, escapeHtml, overviewCsp, webviewPage } from './overview/overviewHtml.js';

export interface WebviewShellHtmlOptions {
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
  readonly title: string;
  readonly nonce?: string;
}

export function buildWebviewShellHtml(options: WebviewShellHtmlOptions, root: { readonly id: string; readonly className: string }): string {
  const nonce = options.nonce ?? createNonce();
  return webviewPage(
    { ...options, nonce, csp: overviewCsp(options.cspSource, nonce) },
    `    <main id="${root.id}" class="${root.className}" aria-busy="true"></main>
    <script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>`,
  );
}
