/**
 * Facetwise: Compare with… — the dataset acted on (e.g. serving.csv, or today's span) is compared with a
 * baseline the user picks (train.csv, yesterday's span, or a stored statistics file such as TFDV's
 * train_FeatureStats.pb, which needs no training data). Opens the comparison panel (comparePanel.ts); resolves to
 * what it found once the distances are computed, for scripts and tests.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { DATASET_DIALOG_FILTERS, DATASET_FILE_NAME } from '../datasetKinds.js';
import type { Services } from '../services.js';
import type { ActiveOverview } from '../commands/datasetTargets.js';
import { commandTargets } from '../commands/datasetTargets.js';
import type { ComparisonOutcome } from './comparePanel.js';
import { COMPARE_PANEL_TYPE, ComparePanel } from './comparePanel.js';
import { STATISTICS_FILE_NAME } from './compareInputs.js';

export const COMPARE_WITH = 'facetwise.compareWith';

export interface CompareOptions {
  /** The baseline (training data, previous span, statistics file); asked for when absent. */
  readonly with?: vscode.Uri;
}

function isOptions(x: unknown): x is CompareOptions {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof vscode.Uri) && 'with' in x;
}

async function pickBaseline(first: vscode.Uri): Promise<vscode.Uri | undefined> {
  const files = (await vscode.workspace.findFiles('**/*.{csv,tsv,tfrecord,tfrecords,gz,pb}', '**/node_modules/**', 500))
    .filter((u) => (DATASET_FILE_NAME.test(u.fsPath) || STATISTICS_FILE_NAME.test(u.fsPath)) && u.fsPath !== first.fsPath)
    .sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri; browse?: 'file' | 'folder' };
  const items: Item[] = [
    ...files.map((uri) => ({
      label: basename(uri.fsPath),
      description: vscode.workspace.asRelativePath(uri, false),
      ...(STATISTICS_FILE_NAME.test(uri.fsPath) ? { detail: 'statistics file: compared without its data' } : {}),
      uri,
    })),
    { label: '$(file) Browse for a file…', browse: 'file' as const, alwaysShow: true },
    { label: '$(folder) Browse for a folder of shards…', browse: 'folder' as const, alwaysShow: true },
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: `Facetwise: compare ${basename(first.fsPath)} with… (the baseline, e.g. training data)`,
    placeHolder: 'The baseline: training data, the previous span, or a statistics file (.pb)',
    matchOnDescription: true,
  });
  if (!choice) return undefined;
  if (choice.uri) return choice.uri;
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: choice.browse === 'file',
    canSelectFolders: choice.browse === 'folder',
    canSelectMany: false,
    ...(choice.browse === 'file' ? { filters: { ...DATASET_DIALOG_FILTERS, Statistics: ['pb'] } } : {}),
    openLabel: 'Compare',
  });
  return picked?.[0];
}

export function registerCompareWith(services: Services, activeOverview: ActiveOverview): vscode.Disposable {
  return vscode.commands.registerCommand(COMPARE_WITH, async (...args: unknown[]): Promise<ComparisonOutcome | undefined> => {
    const options = isOptions(args[1]) ? args[1] : {};
    const [target] = await commandTargets(isOptions(args[1]) ? [args[0]] : args, activeOverview, { many: false, purpose: 'Compare' });
    if (!target) return undefined;
    const baseline = options.with ?? (await pickBaseline(target));
    if (!baseline) return undefined;
    const panel = vscode.window.createWebviewPanel(
      COMPARE_PANEL_TYPE,
      `Compare: ${basename(target.fsPath)} vs ${basename(baseline.fsPath)}`,
      vscode.ViewColumn.Active,
      { enableScripts: true, retainContextWhenHidden: false, enableFindWidget: true },
    );
    const session = new ComparePanel(services, panel, { inputs: [baseline, target], spans: false });
    await session.loading;
    return session.outcome;
  });
}
