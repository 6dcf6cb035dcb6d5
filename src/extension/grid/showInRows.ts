/**
 * "Show in Rows" on a row-level Problems entry of a CSV/TSV file ("Row has value 'Prcard' …"): opens the dataset's
 * overview on its Rows tab at that record, with the offending cell highlighted.
 */
import { extname } from 'node:path';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../validation/diagnostics/diagnosticStore.js';
import type { OverviewPanels } from '../overview/overviewPanel.js';
import { QUICK_FIX_SELECTOR } from '../validation/quickFixes.js';
import { columnAt, headerNames } from './cellColumn.js';

export const SHOW_IN_ROWS = 'facetwise.showInRows';

export interface ShowInRowsRequest {
  readonly dataset: string;
  /** 1-based line of the record. */
  readonly line: number;
  readonly column?: string;
}

export class ShowInRowsActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const delimiter = extname(document.uri.fsPath).toLowerCase() === '.tsv' ? '\t' : ',';
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || !diagnostic.message.startsWith('Row ') || diagnostic.range.start.line === 0) continue;
      const line = diagnostic.range.start.line;
      const names = headerNames(document.lineAt(0).text, delimiter);
      const column = diagnostic.range.start.character > 0 || diagnostic.range.end.character < 2 ** 20 ? names[columnAt(document.lineAt(line).text, diagnostic.range.start.character, delimiter)] : undefined;
      const request: ShowInRowsRequest = { dataset: document.uri.fsPath, line: line + 1, ...(column !== undefined ? { column } : {}) };
      const action = new vscode.CodeAction('Show in Rows', vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = { command: SHOW_IN_ROWS, title: 'Show in Rows', arguments: [request] };
      actions.push(action);
    }
    return actions.slice(0, 1);
  }
}

function isRequest(x: unknown): x is ShowInRowsRequest {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Partial<ShowInRowsRequest>;
  return typeof r.dataset === 'string' && Number.isSafeInteger(r.line) && (r.line ?? 0) >= 1 && (r.column === undefined || typeof r.column === 'string');
}

export function registerShowInRows(panels: OverviewPanels): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider(QUICK_FIX_SELECTOR, new ShowInRowsActions(), ShowInRowsActions.metadata),
    vscode.commands.registerCommand(SHOW_IN_ROWS, (request: unknown) => {
      if (!isRequest(request)) throw new Error('facetwise.showInRows needs { dataset, line, column? }');
      const session = panels.show(vscode.Uri.file(request.dataset));
      session.grid.reveal({ line: request.line, ...(request.column !== undefined ? { column: request.column } : {}) });
    }),
  );
}
