/**
 * Facetwise: Open Dataset Overview — a webview panel per dataset (revealed again if already open), and the
 * serializer that brings those panels back after a window reload.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { ActiveOverview } from '../commands/datasetTargets.js';
import { commandTargets } from '../commands/datasetTargets.js';
import type { OverviewRegistry } from './overviewRegistry.js';
import { RecentOverviewDatasets, checkRestoredDataset } from './overviewRestoreState.js';
import { OverviewSession, overviewErrorHtml, overviewWebviewOptions } from './overviewSession.js';
import type { Services } from '../services.js';

export const OPEN_OVERVIEW = 'facetwise.openOverview';
export const OVERVIEW_PANEL_TYPE = 'facetwise.overviewPanel';

/** The overview panels (not the custom editors, which VS Code restores through their provider). */
export class OverviewPanels {
  private readonly panels = new WeakSet<vscode.WebviewPanel>();
  private readonly recent: RecentOverviewDatasets;

  constructor(
    private readonly services: Services,
    private readonly registry: OverviewRegistry,
  ) {
    this.recent = new RecentOverviewDatasets(services.context.workspaceState);
  }

  show(dataset: vscode.Uri): OverviewSession {
    const existing = this.registry.find(dataset, (s) => this.panels.has(s.panel));
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
      { ...overviewWebviewOptions(this.services.context.extensionUri), retainContextWhenHidden: false, enableFindWidget: true },
    );
    return this.attach(panel, dataset);
  }

  /**
   * Shows the overview a panel had before a reload. `state` is the webview's saved state, which is not trusted:
   * the dataset it names is shown only if checkRestoredDataset accepts it; otherwise the panel says why not.
   */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<OverviewSession | undefined> {
    const check = await checkRestoredDataset(state, this.recent.list());
    if (!check.ok) {
      this.services.log.warn(`Overview panel not restored: ${check.reason}`);
      panel.title = 'Overview';
      panel.webview.options = { ...overviewWebviewOptions(this.services.context.extensionUri), enableScripts: false };
      panel.webview.html = overviewErrorHtml(panel.webview, this.services.context.extensionUri, 'Overview', `This overview could not be restored. ${check.reason}`);
      return undefined;
    }
    const dataset = vscode.Uri.file(check.path);
    // Another panel of the same dataset may have been opened meanwhile: keep both, as VS Code restored both tabs.
    panel.title = `Overview: ${basename(dataset.fsPath)}`;
    return this.attach(panel, dataset);
  }

  private attach(panel: vscode.WebviewPanel, dataset: vscode.Uri): OverviewSession {
    this.panels.add(panel);
    this.recent.remember(dataset.fsPath).catch((e: unknown) => this.services.log.warn(`Could not remember ${dataset.fsPath} for restoring: ${e instanceof Error ? e.message : String(e)}`));
    const session = new OverviewSession(this.services, panel, dataset);
    this.registry.add(session);
    return session;
  }
}

export function registerOpenOverview(panels: OverviewPanels, activeOverview: ActiveOverview): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_OVERVIEW, async (...args: unknown[]): Promise<string | undefined> => {
    const [dataset] = await commandTargets(args, activeOverview, { many: false, purpose: 'Open Dataset Overview' });
    if (!dataset) return undefined;
    panels.show(dataset);
    return dataset.fsPath;
  });
}

/** Restores overview panels after a reload (activation event `onWebviewPanel:facetwise.overviewPanel`). */
export function registerOverviewPanelSerializer(panels: OverviewPanels): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(OVERVIEW_PANEL_TYPE, {
    deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown): Promise<void> => {
      await panels.restore(panel, state);
    },
  });
}
