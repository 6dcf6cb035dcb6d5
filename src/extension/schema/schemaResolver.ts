/**
 * The one function that decides a dataset's schema, for every surface (Validate, the overview's header, the
 * compare panel, the grid's anomalies). In order: the team's `facetwise.schemas` setting (first matching glob,
 * paths relative to the workspace folder), the pairing the user made in this workspace, the schema file found
 * where `facetwise.schemaPath` says (beside the data, up to the workspace folder for splits). Nothing found:
 * `resolve` asks (schemaQuestion.ts) and remembers the answer; `current` says none.
 */
import { stat } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import * as vscode from 'vscode';
import { readConfig } from '../config.js';
import { schemaForPath } from './globMatch.js';
import { settingOverrideNotice } from './schemaChoice.js';
import type { SchemaChoice, SchemaPairing } from './schemaChoice.js';
import type { SchemaPairings } from './schemaPairings.js';
import { askForSchema } from './schemaQuestion.js';
import { findSchema } from './schemaLocator.js';

const OPEN_SETTING = 'Open Setting';

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

export class SchemaResolver implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a dataset's path when its pairing changed (the overview's header re-renders). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly pairings: SchemaPairings) {}

  /** The schema `dataset` is validated against, without asking; undefined when it has none yet. */
  async current(dataset: vscode.Uri): Promise<SchemaChoice | undefined> {
    const path = dataset.fsPath;
    const folder = vscode.workspace.getWorkspaceFolder(dataset)?.uri.fsPath;
    const config = readConfig(dataset);
    const hit = this.settingRule(dataset);
    if (hit && folder !== undefined) return { kind: 'file', path: resolve(folder, hit.schema), source: 'setting' };
    const remembered = this.pairings.get(path);
    // A remembered file or training split that was deleted since is forgotten, not an error.
    if (remembered && (remembered.kind === 'self' || (await exists(remembered.path)))) return { ...remembered, source: 'remembered' };
    const isFolder = (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
    const found = await findSchema({ path, isFolder, ...(folder !== undefined ? { workspaceFolder: folder } : {}) }, config.schemaPath);
    return found ? { kind: 'file', path: found, source: 'found beside' } : undefined;
  }

  /** The `facetwise.schemas` entry that decides `dataset`'s schema (it wins over any pairing); undefined when none matches. */
  settingRule(dataset: vscode.Uri): { readonly glob: string; readonly schema: string } | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(dataset)?.uri.fsPath;
    return folder === undefined ? undefined : schemaForPath(readConfig(dataset).schemas, relative(folder, dataset.fsPath));
  }

  /** The schema file `dataset` is validated against, when it is a file (the compare panel and the grid need one). */
  async currentFile(dataset: vscode.Uri): Promise<string | undefined> {
    const choice = await this.current(dataset);
    return choice?.kind === 'file' ? choice.path : undefined;
  }

  /** The current schema, or — with none — the user's answer to the question (remembered); undefined when dismissed. */
  async resolve(dataset: vscode.Uri): Promise<SchemaChoice | undefined> {
    return (await this.current(dataset)) ?? this.ask(dataset, false);
  }

  /** Asks (the question, or "Change…" when `change`), remembers the answer and returns it; undefined when dismissed. */
  async ask(dataset: vscode.Uri, change: boolean): Promise<SchemaChoice | undefined> {
    // Under a facetwise.schemas entry a pick would be remembered and then ignored: say so instead of asking.
    const rule = this.settingRule(dataset);
    if (rule) {
      void vscode.window.showInformationMessage(settingOverrideNotice(basename(dataset.fsPath), rule), OPEN_SETTING).then((answer) => {
        if (answer === OPEN_SETTING) void vscode.commands.executeCommand('workbench.action.openSettings', 'facetwise.schemas');
      });
      return undefined;
    }
    const pairing = await askForSchema(dataset.fsPath, vscode.workspace.getWorkspaceFolder(dataset)?.uri.fsPath, change);
    if (!pairing) return undefined;
    await this.remember(dataset.fsPath, pairing);
    return { ...pairing, source: 'chosen' };
  }

  async remember(dataset: string, pairing: SchemaPairing): Promise<void> {
    await this.pairings.set(dataset, pairing);
    this.changed.fire(dataset);
  }

  async forget(dataset: string): Promise<void> {
    await this.pairings.forget(dataset);
    this.changed.fire(dataset);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
