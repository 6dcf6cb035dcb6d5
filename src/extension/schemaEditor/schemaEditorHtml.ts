/**
 * The HTML document of the schema editor webview. Pure (no `vscode`): the overview's strict policy (nothing by
 * default, scripts only with this page's nonce, styles from the extension only). The page holds no data: the
 * script renders the form from the host's messages, as text.
 */
import { createNonce, escapeHtml, overviewCsp } from '../overview/overviewHtml.js';

export interface SchemaEditorHtmlOptions {
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
  readonly title: string;
  readonly nonce?: string;
}

export function buildSchemaEditorHtml(options: SchemaEditorHtmlOptions): string {
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
    <main id="schema-editor-root" class="se" aria-busy="true"></main>
    <script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>
  </body>
</html>
`;
}
