/**
 * Restores a comparison panel after a reload: the page's saved state names what it compared (input paths, whether
 * they are spans, the reference span); that state is untrusted, so it is checked — two or more paths that still
 * exist — before anything is read, and the panel compares them again (from the statistics cache or the files).
 */
import * as vscode from 'vscode';
import type { Services } from '../services.js';
import type { CompareRequest } from './comparePanel.js';
import { COMPARE_PANEL_TYPE, ComparePanel } from './comparePanel.js';
import { comparePanelRequest } from './compareRestore.js';

export function registerComparePanelSerializer(services: Services): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(COMPARE_PANEL_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const found = comparePanelRequest(state);
      if (!found) {
        panel.webview.options = { enableScripts: false };
        panel.webview.html = '<!DOCTYPE html><html><body><p>This comparison could not be restored: its datasets are no longer where they were. Compare them again from the Explorer.</p></body></html>';
        return;
      }
      const request: CompareRequest = { inputs: found.paths.map((p) => vscode.Uri.file(p)), spans: found.spans, reference: found.reference };
      const session = new ComparePanel(services, panel, request);
      await session.loading;
    },
  });
}
