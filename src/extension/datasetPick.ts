/**
 * Which dataset a model is compared, evaluated or explained on: a quick pick over the workspace's data files, the
 * last one used (or validated) first and marked, with Browse… for anything else. Shared by the Models view and the
 * datapoint editor.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DATASET_DIALOG_FILTERS } from './datasetKinds.js';

interface DatasetItem extends vscode.QuickPickItem {
  readonly uri?: vscode.Uri;
}

/** A dataset to offer first, and why (`last validated`, `last used`). */
export interface RecentDataset {
  readonly path: string;
  readonly note: string;
}

export async function pickDataset(title: string, recent: RecentDataset | undefined, placeHolder = 'The labelled dataset to run the versions on'): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles('**/*.{csv,tsv,tfrecord,tfrecords,gz}', '**/{node_modules,.git}/**', 500);
  const last = recent && existsSync(recent.path) ? recent.path : undefined;
  // The recent one is offered even when it lies outside the workspace (picked through Browse… before).
  if (last !== undefined && !found.some((u) => u.fsPath === last)) found.push(vscode.Uri.file(last));
  const items: DatasetItem[] = found
    .sort((a, b) => (a.fsPath === last ? -1 : b.fsPath === last ? 1 : a.fsPath.localeCompare(b.fsPath)))
    .map((uri) => ({
      label: path.basename(uri.fsPath),
      description: vscode.workspace.asRelativePath(uri, true),
      ...(uri.fsPath === last && recent ? { detail: recent.note } : {}),
      uri,
    }));
  const browse: DatasetItem = { label: 'Browse…', description: 'a dataset outside the workspace' };
  const choice = await vscode.window.showQuickPick([...items, browse], { title, placeHolder, matchOnDescription: true });
  if (!choice) return undefined;
  if (choice.uri) return choice.uri;
  const picked = await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectMany: false, filters: { ...DATASET_DIALOG_FILTERS }, title, openLabel: 'Use Dataset' });
  return picked?.[0];
}
