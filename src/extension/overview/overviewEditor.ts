/**
 * The overview as a custom (read-only) editor: the default editor of TFRecord files, and an "Open With…"
 * option for CSV/TSV (whose default stays the text editor). Two view types because a contribution has one
 * priority: `facetwise.overview` (TFRecord, default) and `facetwise.overviewDelimited` (CSV/TSV, option).
 */
import * as vscode from 'vscode';
import type { OverviewRegistry } from './overviewRegistry.js';
import { OverviewSession } from './overviewSession.js';
import type { Services } from '../services.js';

export const OVERVIEW_EDITOR_TYPES = ['facetwise.overview', 'facetwise.overviewDelimited'] as const;

class OverviewEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(
    private readonly services: Services,
    private readonly registry: OverviewRegistry,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    this.registry.add(new OverviewSession(this.services, panel, document.uri));
  }
}

export function registerOverviewEditors(services: Services, registry: OverviewRegistry): vscode.Disposable {
  const provider = new OverviewEditorProvider(services, registry);
  return vscode.Disposable.from(
    ...OVERVIEW_EDITOR_TYPES.map((viewType) =>
      vscode.window.registerCustomEditorProvider(viewType, provider, {
        webviewOptions: { retainContextWhenHidden: false, enableFindWidget: true },
        supportsMultipleEditorsPerDocument: true,
      }),
    ),
  );
}
