/**
 * Keeps Facetwise's state in step with the file system: a deleted dataset (or a deleted file inside a validated
 * folder) loses its diagnostics and cached statistics — whether it was deleted in VS Code (onDidDeleteFiles) or
 * outside it (a file system watcher over the workspace).
 */
import * as vscode from 'vscode';
import type { Services } from './services.js';

export function watchDeletions(services: Services): vscode.Disposable {
  const forget = (uri: vscode.Uri): void => {
    if (uri.scheme !== 'file') return;
    services.diagnostics.forgetPath(uri.fsPath);
    services.cache.forget(uri.fsPath);
    services.results.delete(uri.fsPath);
    void services.environments.forget(uri.fsPath);
  };
  // Deletions only: creations and changes need no action (a re-validation replaces diagnostics).
  const watcher = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
  return vscode.Disposable.from(
    watcher,
    watcher.onDidDelete(forget),
    vscode.workspace.onDidDeleteFiles((e) => e.files.forEach(forget)),
  );
}
