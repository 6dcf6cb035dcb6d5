/**
 * Which dataset(s) a command acts on: what the explorer or an editor menu passed (the clicked resource, or every
 * selected one), else the active editor's dataset (text editor, overview editor or overview panel), else one the
 * user picks in an open dialog.
 */
import * as vscode from 'vscode';
import { DATASET_DIALOG_FILTERS, datasetKindOf } from '../datasetKinds.js';

/** Finds the dataset of the active overview panel (the panels are not tabs with a resource). */
export type ActiveOverview = () => vscode.Uri | undefined;

function isUri(x: unknown): x is vscode.Uri {
  return x instanceof vscode.Uri;
}

function isDatasetFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && datasetKindOf(uri.fsPath, false) !== undefined;
}

/** The dataset the user is looking at, if any. */
export function activeDataset(activeOverview: ActiveOverview): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom && input.viewType.startsWith('facetwise.overview')) return input.uri;
  if (input instanceof vscode.TabInputWebview) {
    const panel = activeOverview();
    if (panel) return panel;
  }
  if (input instanceof vscode.TabInputText && isDatasetFile(input.uri)) return input.uri;
  const editor = vscode.window.activeTextEditor?.document.uri;
  if (editor && isDatasetFile(editor)) return editor;
  return activeOverview();
}

/**
 * The URIs a command was invoked on. `args` are the command's arguments: (clicked, selected[]) from the explorer,
 * (resource, context) from editor menus, nothing from the palette.
 */
export async function commandTargets(args: readonly unknown[], activeOverview: ActiveOverview, options: { many: boolean; purpose: string }): Promise<vscode.Uri[]> {
  const [first, second] = args;
  if (options.many && Array.isArray(second) && second.length > 0 && second.every(isUri)) return second as vscode.Uri[];
  if (isUri(first)) return [first];
  const active = activeDataset(activeOverview);
  if (active) return [active];
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: options.many,
    filters: { ...DATASET_DIALOG_FILTERS },
    openLabel: options.purpose,
    title: `Facetwise: ${options.purpose}`,
  });
  return picked ?? [];
}
