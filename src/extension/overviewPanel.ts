/** Facetwise: Open Dataset Overview — a webview panel per dataset (revealed again if already open). */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { ActiveOverview } from './commands/datasetTargets.js';
import { commandTargets } from './commands/datasetTargets.js';
import type { OverviewRegistry } from './overviewRegistry.js';
import { OverviewSession, overviewWebviewOptions } from './overviewSession.js';
import type { Services } from './services.js';

export const OPEN_OVERVIEW = 'facetwise.openOverview';
export const OVERVIEW_PANEL_TYPE = 'facetwise.overviewPanel';

const panels = new WeakSet<vscode.WebviewPanel>();

export function showOverviewPanel(services: Services, registry: OverviewRegistry, dataset: vscode.Uri): OverviewSession {
  const existing = registry.find(dataset, (s) => panels.has(s.panel));
  if (existing) {
    existing.panel.reveal();
    return existing;
  }
  // Beside the data when the data is open in a text editor, so both stay visible.
  const besideText = vscode.window.activeTextEditor?.document.uri.fsPath === dataset.fsPath;
  const panel = vscode.window.createWebviewPanel(
    OVERVIEW_PANEL_TYPE,
    `Overview: ${basename(dataset.fsPath)}`,
    besideText ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
    { ...overviewWebviewOptions(services.context.extensionUri), retainContextWhenHidden: false, enableFindWidget: true },
  );
  panels.add(panel);
  const session = new OverviewSession(services, panel, dataset);
  registry.add(session);
  return session;
}

export function registerOpenOverview(services: Services, registry: OverviewRegistry, activeOverview: ActiveOverview): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_OVERVIEW, async (...args: unknown[]): Promise<string | undefined> => {
    const [dataset] = await commandTargets(args, activeOverview, { many: false, purpose: 'Open Dataset Overview' });
    if (!dataset) return undefined;
    showOverviewPanel(services, registry, dataset);
    return dataset.fsPath;
  });
}
