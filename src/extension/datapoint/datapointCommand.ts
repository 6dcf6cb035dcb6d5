/**
 * Facetwise: Open Datapoint Editor — `facetwise.openDatapointEditor` with
 * `{ modelVersions?: string[] (version folder paths), dataset?: string (file path), row?: number (1-based data row),
 *    line?: number (1-based file line, what a Problems entry points at) }`; whatever is missing is asked for
 * (QuickPicks over the workspace's model versions and datasets, an input box for the row). Also opened from the
 * overview ("Explain a Row…") and from row-level Problems entries (a code action).
 */
import { dirname, relative } from 'node:path';
import * as vscode from 'vscode';
import type { ActiveOverview } from '../commands/datasetTargets.js';
import { activeDataset } from '../commands/datasetTargets.js';
import { pickDataset } from '../datasetPick.js';
import { DIAGNOSTIC_SOURCE } from '../validation/diagnostics/diagnosticStore.js';
import { isAbort, withCancellableProgress } from '../progress.js';
import type { Services } from '../services.js';
import type { RowTarget } from './datapointData.js';
import type { DatapointPanelState, VersionRef } from './datapointPanel.js';
import { DatapointPanel, resolveVersionFolder } from './datapointPanel.js';

export const OPEN_DATAPOINT_EDITOR = 'facetwise.openDatapointEditor';
export const EXPLAIN_ROW = 'facetwise.explainRow';

export interface DatapointArgs {
  readonly modelVersions?: readonly string[];
  readonly dataset?: string;
  readonly row?: number;
  readonly line?: number;
}

/** Checks a command argument (anything may call a command); undefined fields are asked for. */
export function parseDatapointArgs(x: unknown): DatapointArgs | string {
  if (x === undefined || x === null || x instanceof vscode.Uri) return x instanceof vscode.Uri ? { dataset: x.fsPath } : {};
  if (typeof x !== 'object' || Array.isArray(x)) return 'the argument must be { modelVersions?, dataset?, row? }';
  const o = x as Record<string, unknown>;
  if (o.modelVersions !== undefined && (!Array.isArray(o.modelVersions) || !o.modelVersions.every((p) => typeof p === 'string'))) return 'modelVersions must be a list of version folder paths';
  if (o.dataset !== undefined && typeof o.dataset !== 'string') return 'dataset must be a file path';
  for (const k of ['row', 'line'] as const) if (o[k] !== undefined && (typeof o[k] !== 'number' || !Number.isInteger(o[k]) || (o[k] as number) < 1)) return `${k} must be a whole number from 1`;
  return {
    ...(o.modelVersions ? { modelVersions: o.modelVersions as string[] } : {}),
    ...(typeof o.dataset === 'string' ? { dataset: o.dataset } : {}),
    ...(typeof o.row === 'number' ? { row: o.row } : {}),
    ...(typeof o.line === 'number' ? { line: o.line } : {}),
  };
}

function shown(path: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(path));
  return folder ? relative(folder.uri.fsPath, path) : path;
}

/** Every model version in the workspace (folders holding a model.json or a model.onnx). */
async function workspaceVersions(): Promise<VersionRef[]> {
  const files = await vscode.workspace.findFiles('**/{model.json,model.onnx}', '**/{node_modules,.git}/**', 500);
  const refs: VersionRef[] = [];
  for (const f of files) {
    try {
      refs.push(await resolveVersionFolder(dirname(f.fsPath)));
    } catch {
      // a model file that is not a Facetwise model (no feature spec, other format): not offered
    }
  }
  return refs.sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
}

async function pickVersions(): Promise<VersionRef[] | undefined> {
  const all = await workspaceVersions();
  if (all.length === 0) {
    void vscode.window.showErrorMessage('Facetwise: no model versions in this workspace (folders holding model.json or model.onnx, and feature_spec.json).');
    return undefined;
  }
  const firstModel = all[0]!.label.split('/')[0];
  const items = all.map((v) => ({ label: v.label, description: shown(v.dir), picked: v.label.split('/')[0] === firstModel, ref: v }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Explain a prediction: model versions to compare', placeHolder: 'Pick one or more versions' });
  return picked && picked.length > 0 ? picked.map((p) => p.ref) : undefined;
}

async function askRow(dataset: string): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: `Explain a row of ${shown(dataset)}`,
    prompt: 'Data row number (1 = the first row after the header)',
    value: '1',
    validateInput: (v) => (/^\s*[1-9]\d*\s*$/.test(v) ? undefined : 'A whole number from 1'),
  });
  return text === undefined ? undefined : Number(text.trim());
}

export class DatapointPanels {
  private readonly open = new Set<DatapointPanel>();

  constructor(private readonly services: Services) {}

  all(): readonly DatapointPanelState[] {
    return [...this.open].map((p) => p.state);
  }

  async show(args: DatapointArgs): Promise<DatapointPanelState | undefined> {
    const versions = args.modelVersions ? await Promise.all(args.modelVersions.map(resolveVersionFolder)) : await pickVersions();
    if (!versions) return undefined;
    const dataset = args.dataset ?? (await pickDataset('Explain a prediction: dataset', undefined, 'The dataset whose row to explain'))?.fsPath;
    if (!dataset) return undefined;
    let target: RowTarget;
    if (args.line !== undefined) target = { line: args.line };
    else {
      const row = args.row ?? (await askRow(dataset));
      if (row === undefined) return undefined;
      target = { row };
    }
    try {
      const panel = await withCancellableProgress('Facetwise: reading the row to explain', (signal) => DatapointPanel.open(this.services, versions, dataset, target, signal));
      this.open.add(panel);
      panel.panel.onDidDispose(() => this.open.delete(panel));
      return panel.state;
    } catch (err) {
      if (isAbort(err)) return undefined;
      void vscode.window.showErrorMessage(`Facetwise: cannot open the datapoint editor: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }
}

/** Offers "Explain this row" on Facetwise's row-level Problems entries in CSV/TSV files. */
class ExplainRowActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.Empty] };

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const lines = new Set<number>();
    for (const d of context.diagnostics) if (d.source === DIAGNOSTIC_SOURCE && d.range.start.line > 0) lines.add(d.range.start.line + 1);
    return [...lines].map((line) => {
      const action = new vscode.CodeAction(`Explain the row on line ${line} in the datapoint editor`, vscode.CodeActionKind.Empty);
      action.command = { command: OPEN_DATAPOINT_EDITOR, title: 'Explain this row', arguments: [{ dataset: document.uri.fsPath, line }] };
      return action;
    });
  }
}

export function registerDatapointEditor(panels: DatapointPanels, activeOverview: ActiveOverview): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(OPEN_DATAPOINT_EDITOR, async (arg: unknown) => {
      const args = parseDatapointArgs(arg);
      if (typeof args === 'string') {
        void vscode.window.showErrorMessage(`Facetwise: ${OPEN_DATAPOINT_EDITOR}: ${args}`);
        return undefined;
      }
      return panels.show(args);
    }),
    vscode.commands.registerCommand(EXPLAIN_ROW, async (arg: unknown) => {
      const dataset = arg instanceof vscode.Uri ? arg : activeDataset(activeOverview);
      return panels.show(dataset ? { dataset: dataset.fsPath } : {});
    }),
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file', pattern: '**/*.{csv,tsv}' }], new ExplainRowActions(), ExplainRowActions.metadata),
  );
}
