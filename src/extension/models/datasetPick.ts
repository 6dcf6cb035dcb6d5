/**
 * Which dataset a model is compared or evaluated on: a quick pick over the workspace's data files, the last
 * validated one first, with Browse… for anything else.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DATASET_DIALOG_FILTERS } from '../datasetKinds.js';

interface DatasetItem extends vscode.QuickPickItem {
  readonly uri?: vscode.Uri;
}

export async function pickDataset(title: string, lastValidated: string | undefined): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles('**/*.{csv,tsv,tfrecord,tfrecords,gz}', '**/{node_modules,.git}/**', 500);
  const items: DatasetItem[] = found
    .sort((a, b) => (a.fsPath === lastValidated ? -1 : b.fsPath === lastValidated ? 1 : a.fsPath.localeCompare(b.fsPath)))
    .map((uri) => ({
      label: path.basename(uri.fsPath),
      description: vscode.workspace.asRelativePath(uri, true),
      ...(uri.fsPath === lastValidated ? { detail: 'last validated' } : {}),
      uri,
    }));
  const browse: DatasetItem = { label: 'Browse…', description: 'a dataset outside the workspace' };
  const choice = await vscode.window.showQuickPick([...items, browse], { title, placeHolder: 'The labelled dataset to run the versions on', matchOnDescription: true });
  if (!choice) return undefined;
  if (choice.uri) return choice.uri;
  const picked = await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectMany: false, filters: { ...DATASET_DIALOG_FILTERS }, title, openLabel: 'Use Dataset' });
  return picked?.[0];
}
