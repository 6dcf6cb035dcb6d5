/**
 * The HTML document of the schema editor webview: the shared panel shell. The page holds no data: the script
 * renders the form from the host's messages, as text.
 */
import { buildWebviewShellHtml } from '../webviewShellHtml.js';
import type { WebviewShellHtmlOptions } from '../webviewShellHtml.js';

export type SchemaEditorHtmlOptions = WebviewShellHtmlOptions;

export function buildSchemaEditorHtml(options: SchemaEditorHtmlOptions): string {
  return buildWebviewShellHtml(options, { id: 'schema-editor-root', className: 'se' });
}
