/** Facetwise: Clear Problems — empties the 'facetwise' diagnostics collection. */
import * as vscode from 'vscode';
import type { Services } from '../services.js';

export const CLEAR_PROBLEMS = 'facetwise.clearProblems';

export function registerClearProblems(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(CLEAR_PROBLEMS, () => {
    services.diagnostics.clearAll();
    services.log.info('Problems cleared.');
  });
}
