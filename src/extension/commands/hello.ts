// facetwise.hello: kept for the integration harness's smoke test until the lead removes it. Harmless.
import * as vscode from 'vscode';

export function registerHello(): vscode.Disposable {
  return vscode.commands.registerCommand('facetwise.hello', () => {
    // Not awaited: the promise settles only when the user closes the notification.
    void vscode.window.showInformationMessage('Hello from Facetwise!');
  });
}
