/**
 * The HTML shell of a panel whose page renders everything from the host's messages: the overview's strict policy
 * (nothing by default, scripts only with this page's nonce, styles from the extension only) and one empty root
 * element. Pure (no `vscode`); the compare panel and the schema editor share it.
 */
import { createNonce, escapeHtml, overviewCsp } from './overview/overviewHtml.js';

export interface WebviewShellHtmlOptions {
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
  readonly title: string;
  readonly nonce?: string;
}

export function buildWebviewShellHtml(options: WebviewShellHtmlOptions, root: { readonly id: string; readonly className: string }): string {
  const nonce = options.nonce ?? createNonce();
  const styles = options.styleUris.map((u) => `    <link rel="stylesheet" href="${escapeHtml(u)}" nonce="${nonce}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(overviewCsp(options.cspSource, nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
    <title>${escapeHtml(options.title)}</title>
  </head>
  <body>
    <main id="${root.id}" class="${root.className}" aria-busy="true"></main>
    <script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>
  </body>
</html>
`;
}
