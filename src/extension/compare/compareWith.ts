/**
 * Facetwise: Compare with… — the dataset acted on is the training side; the user picks a second one (serving).
 * Both get statistics (on workers, cached); the result — per-feature distances sorted most changed first, and
 * the schema's skew comparators when the training data has a schema — goes to the output channel and a QuickPick
 * that reveals a feature's column. (A compare webview is later work.)
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { FeatureComparison } from '../../core/compare/compareStatistics.js';
import { compareStatistics } from '../../core/compare/compareStatistics.js';
import type { Anomalies } from '../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { readSchema } from '../../core/proto/protoFiles.js';
import { validateStatistics } from '../../core/validate/validateStatistics.js';
import { comparisonPicks, formatComparisonReport } from './compareReport.js';
import { readConfig } from '../config.js';
import { DATASET_DIALOG_FILTERS, DATASET_FILE_NAME } from '../datasetKinds.js';
import { datasetStatistics } from '../validation/datasetValidation.js';
import { isAbort, withCancellableProgress } from '../progress.js';
import { revealColumn } from '../revealColumn.js';
import { findSchema } from '../schema/schemaLocator.js';
import type { Services } from '../services.js';
import { reportError } from '../validation/validationRunner.js';
import type { ActiveOverview } from '../commands/datasetTargets.js';
import { commandTargets } from '../commands/datasetTargets.js';

export const COMPARE_WITH = 'facetwise.compareWith';

export interface CompareOptions {
  /** The second (serving) dataset; asked for when absent. */
  readonly with?: vscode.Uri;
  /** Show the QuickPick of features (default true). */
  readonly showPicker?: boolean;
}

export interface CompareResult {
  readonly training: string;
  readonly serving: string;
  readonly comparisons: readonly FeatureComparison[];
  readonly skew: Anomalies | undefined;
}

function isOptions(x: unknown): x is CompareOptions {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof vscode.Uri) && ('with' in x || 'showPicker' in x);
}

async function pickSecond(first: vscode.Uri): Promise<vscode.Uri | undefined> {
  const files = (await vscode.workspace.findFiles('**/*.{csv,tsv,tfrecord,tfrecords,gz}', '**/node_modules/**', 500))
    .filter((u) => DATASET_FILE_NAME.test(u.fsPath) && u.fsPath !== first.fsPath)
    .sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri; browse?: 'file' | 'folder' };
  const items: Item[] = [
    ...files.map((uri) => ({ label: basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri, false), uri })),
    { label: '$(file) Browse for a file…', browse: 'file' as const, alwaysShow: true },
    { label: '$(folder) Browse for a folder of shards…', browse: 'folder' as const, alwaysShow: true },
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: `Facetwise: compare ${basename(first.fsPath)} (training) with… (serving)`,
    placeHolder: 'The dataset to compare with, e.g. serving data',
    matchOnDescription: true,
  });
  if (!choice) return undefined;
  if (choice.uri) return choice.uri;
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: choice.browse === 'file',
    canSelectFolders: choice.browse === 'folder',
    canSelectMany: false,
    ...(choice.browse === 'file' ? { filters: { ...DATASET_DIALOG_FILTERS } } : {}),
    openLabel: 'Compare',
  });
  return picked?.[0];
}

export function registerCompareWith(services: Services, activeOverview: ActiveOverview): vscode.Disposable {
  return vscode.commands.registerCommand(COMPARE_WITH, async (...args: unknown[]): Promise<CompareResult | undefined> => {
    const options = isOptions(args[1]) ? args[1] : {};
    const [training] = await commandTargets(isOptions(args[1]) ? [args[0]] : args, activeOverview, { many: false, purpose: 'Compare' });
    if (!training) return undefined;
    const serving = options.with ?? (await pickSecond(training));
    if (!serving) return undefined;
    const names = `${basename(training.fsPath)} with ${basename(serving.fsPath)}`;
    try {
      const [a, b] = await withCancellableProgress(`Facetwise: comparing ${names}`, async (signal, report) => {
        const first = await datasetStatistics(training.fsPath, services, { signal, onProgress: (f, m) => report(f / 2, m) });
        const second = await datasetStatistics(serving.fsPath, services, { signal, onProgress: (f, m) => report(0.5 + f / 2, m) });
        return [first, second] as const;
      });
      const comparisons = compareStatistics(a.result.statistics, b.result.statistics);
      const schemaPath = await findSchema(a.location, readConfig(training).schemaPath);
      let skew: Anomalies | undefined;
      if (schemaPath) {
        try {
          skew = validateStatistics(a.result.statistics, await readSchema(schemaPath), { servingStats: b.result.statistics });
        } catch (error) {
          services.log.warn(`Skew comparators of ${schemaPath} not applied: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const input = { training: a.info.name, serving: b.info.name, comparisons, ...(skew ? { skew, schemaPath } : {}) };
      for (const line of formatComparisonReport(input)) services.log.info(line);
      if (options.showPicker ?? true) void showPicker(services, training, input);
      return { training: training.fsPath, serving: serving.fsPath, comparisons, skew };
    } catch (error) {
      if (isAbort(error)) return undefined;
      reportError(services, `Comparing ${names} failed`, error);
      return undefined;
    }
  });
}

/** Not awaited by the command, so scripts get the result while the picker is open. */
async function showPicker(services: Services, training: vscode.Uri, input: Parameters<typeof comparisonPicks>[0]): Promise<void> {
  const picks = comparisonPicks(input);
  const choice = await vscode.window.showQuickPick(
    picks.map((p) => ({ ...p })),
    { title: `Facetwise: ${input.training} vs ${input.serving} — most changed first (full table in the Facetwise output)`, matchOnDescription: true, matchOnDetail: true },
  );
  if (choice) await revealColumn(services, training, choice.feature);
}
