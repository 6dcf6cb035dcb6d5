/**
 * The comparison panel's HTML: the overview's page rules (strict CSP, nonce'd script and sheets, no data in the
 * markup except the panel's own request as an escaped attribute, which the serializer gets back as state).
 */
import { createNonce, escapeHtml, overviewCsp } from '../overview/overviewHtml.js';

export interface ComparisonHtmlOptions {
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
  /** JSON of the ComparisonPanelState. */
  readonly panelState: string;
}

export function buildComparisonHtml(options: ComparisonHtmlOptions): string {
  const nonce = createNonce();
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(overviewCsp(options.cspSource, nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <link rel="stylesheet" href="${escapeHtml(options.styleUri)}" nonce="${nonce}">
    <title>${escapeHtml(options.title)}</title>
  </head>
  <body>
    <div id="models-root" data-panel="${escapeHtml(options.panelState)}" aria-busy="true"></div>
    <script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>
  </body>
</html>
`;
}
