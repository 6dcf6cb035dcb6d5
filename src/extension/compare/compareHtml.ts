/** The HTML document of the comparison webview: the shared panel shell with the compare page's root. */
import { buildWebviewShellHtml } from '../webviewShellHtml.js';
import type { WebviewShellHtmlOptions } from '../webviewShellHtml.js';

export type CompareHtmlOptions = WebviewShellHtmlOptions;

export function buildCompareHtml(options: CompareHtmlOptions): string {
  return buildWebviewShellHtml(options, { id: 'compare-root', className: 'compare' });
}
