/**
 * The schema editor: a custom text editor on `*.pbtxt` ("Open With… → Facetwise Schema Editor"; the text editor
 * stays the default). The TextDocument is the model: every form edit becomes a WorkspaceEdit of the one span of
 * text it changes (so undo/redo, the dirty state, save and git diff are VS Code's), and every change of the
 * document — from the form, the text editor, undo, git — re-renders the form. A dataset picked from the workspace
 * puts its statistics beside each field and its anomalies (validated against the text as it is now) on each
 * feature, each with the Problems pane's quick fixes.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { SchemaEditorToHostMessage, HostToSchemaEditorMessage, FormEdit, SeverityChoice } from '../../protocol/schemaEditor/schemaEditorProtocol.js';
import { parseSchemaEditorToHostMessage } from '../../protocol/schemaEditor/schemaEditorProtocol.js';
import { isStatisticsFile, loadCompareInput } from '../compare/compareInputs.js';
import { readConfig } from '../config.js';
import { isAbort, withCancellableProgress } from '../progress.js';
import { textDelta } from '../schema/schemaText.js';
import { schemaFixTitle } from '../schema/schemaEdits.js';
import type { Services } from '../services.js';
import { validationSettingsOf } from '../validation/validationSettings.js';
import type { ValidationOutcome } from '../validation/datasetValidation.js';
import type { BuiltState, EditedAgainst } from './editorState.js';
import { buildEditorState, textAfterEdit, textAfterFix } from './editorState.js';
import { buildSchemaEditorHtml } from './schemaEditorHtml.js';

export const SCHEMA_EDITOR_VIEW_TYPE = 'facetwise.schemaEditor';

/** Files the dataset picker offers: data files and statistics files. */
const DATASET_GLOB = '**/*.{csv,tsv,tfrecord,tfrecords,gz,parquet,pb}';

/** One webview on one schema document. */
class SchemaEditorSession implements vscode.Disposable {
  private ready = false;
  private built: BuiltState | undefined;
  private dataset: EditedAgainst | undefined;
  private datasetUri: vscode.Uri | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly abort = new AbortController();

  constructor(
    private readonly services: Services,
    private readonly document: vscode.TextDocument,
    private readonly panel: vscode.WebviewPanel,
  ) {
    const { extensionUri } = services.context;
    const webview = panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')] };
    webview.html = buildSchemaEditorHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'schemaEditor.js')).toString(),
      styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'schemaEditor.css')).toString()],
      title: `Schema: ${basename(document.uri.fsPath)}`,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((data: unknown) => this.onMessage(data)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.document && e.contentChanges.length > 0) this.refresh();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
      panel.onDidDispose(() => this.dispose()),
      // A validation against this schema (Validate Dataset, a quick fix) puts that dataset beside the form.
      services.results.onDidChange((dataset) => this.adoptValidation(dataset)),
    );
    const last = [...services.results.entries()].reverse().find(([, o]) => this.validatedHere(o));
    if (last) this.adoptValidation(last[0]);
  }

  private validatedHere(outcome: ValidationOutcome): boolean {
    return outcome.schemaPath !== undefined && outcome.schemaPath === this.document.uri.fsPath;
  }

  /** Edits against the dataset of the last validation that used this schema, unless the user picked one. */
  private adoptValidation(dataset: string): void {
    const outcome = this.services.results.get(dataset);
    if (!outcome || !this.validatedHere(outcome)) return;
    if (this.datasetUri && this.datasetUri.fsPath !== dataset) return;
    const { unknownTypes, ...options } = validationSettingsOf(readConfig(vscode.Uri.file(dataset)));
    void unknownTypes;
    this.dataset = { name: outcome.info.name, statistics: outcome.statistics, ...(outcome.environment !== undefined ? { environment: outcome.environment } : {}), options };
    this.datasetUri = vscode.Uri.file(dataset);
    if (this.ready) this.refresh();
  }

  private post(message: HostToSchemaEditorMessage): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private status(message: string): void {
    this.post({ type: 'status', message });
  }

  /** Rebuilds the form from the document's text and posts it. */
  private refresh(): void {
    this.built = buildEditorState({
      text: this.document.getText(),
      fileName: this.document.uri.fsPath,
      version: this.document.version,
      trusted: vscode.workspace.isTrusted,
      ...(this.built?.state.form ? { previousForm: this.built.state.form } : {}),
      ...(this.dataset ? { dataset: this.dataset } : {}),
    });
    this.post({ type: 'state', ...this.built.state });
  }

  private onMessage(data: unknown): void {
    const message: SchemaEditorToHostMessage | undefined = parseSchemaEditorToHostMessage(data);
    if (!message) {
      this.services.log.warn('Schema editor: ignored a malformed message from the webview.');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.refresh();
        return;
      case 'edit':
        void this.edit(message.edit);
        return;
      case 'applyFix':
        void this.applyFix(message.feature, message.index);
        return;
      case 'setSeverity':
        void this.setSeverity(message.anomalyType, message.severity);
        return;
      case 'pickDataset':
        void this.pickDataset();
        return;
      case 'openText':
        void vscode.commands.executeCommand('vscode.openWith', this.document.uri, 'default', vscode.ViewColumn.Beside);
        return;
      default: {
        const never: never = message;
        this.services.log.warn(`Schema editor: unknown message ${JSON.stringify(never)}`);
      }
    }
  }

  /** Replaces the text with `next` as one WorkspaceEdit of the span that differs (one undo step). */
  private async replaceText(next: string, what: string): Promise<void> {
    if (!vscode.workspace.isTrusted) throw new Error('The workspace is not trusted: Facetwise does not edit files in it.');
    const before = this.document.getText();
    const delta = textDelta(before, next);
    if (!delta) return;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(this.document.uri, new vscode.Range(this.document.positionAt(delta.start), this.document.positionAt(delta.end)), delta.text);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code did not apply the edit (${what}).`);
    this.services.log.info(`Schema editor: ${what} in ${this.document.uri.fsPath}.`);
  }

  private async edit(edit: FormEdit): Promise<void> {
    try {
      await this.replaceText(textAfterEdit(this.document.getText(), this.document.uri.fsPath, edit), `${edit.kind} on ${'feature' in edit ? edit.feature : 'the schema'}`);
    } catch (error) {
      this.failed('The edit was not made', error);
    }
  }

  private async applyFix(feature: string, index: number): Promise<void> {
    const fix = this.built?.fixes.get(feature)?.[index];
    if (!fix) {
      this.status('That fix is no longer on offer: the form has changed.');
      return;
    }
    try {
      await this.replaceText(textAfterFix(this.document.getText(), this.document.uri.fsPath, fix), schemaFixTitle(fix));
      this.status(`${schemaFixTitle(fix)}: done (not saved yet).`);
    } catch (error) {
      this.failed(`${schemaFixTitle(fix)} failed`, error);
    }
  }

  /**
   * Severity overrides are TFDV validation options per anomaly type, not schema fields: they go to the workspace's
   * facetwise.severityOverrides setting, and the dataset edited against is validated again to show them.
   */
  private async setSeverity(anomalyType: string, severity: SeverityChoice): Promise<void> {
    try {
      const config = vscode.workspace.getConfiguration('facetwise', this.document.uri);
      const current = { ...readConfig(this.document.uri).severityOverrides } as Record<string, string>;
      if (severity === 'default') delete current[anomalyType];
      else current[anomalyType] = severity;
      await config.update('severityOverrides', Object.keys(current).length > 0 ? current : undefined, vscode.ConfigurationTarget.Workspace);
      this.status(`${anomalyType}: ${severity === 'default' ? "TFDV's own severity" : severity} (facetwise.severityOverrides in the workspace settings).`);
      if (this.datasetUri) await this.loadDataset(this.datasetUri);
    } catch (error) {
      this.failed('The severity was not set', error);
    }
  }

  private failed(what: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.services.log.warn(`Schema editor: ${what}: ${message}`);
    this.status(`${what}: ${message}`);
    // Re-render, so a field the user changed shows the document's value again.
    this.refresh();
  }

  private async pickDataset(): Promise<void> {
    const files = await vscode.workspace.findFiles(DATASET_GLOB, '**/node_modules/**', 500);
    const validated = new Set([...this.services.results.entries()].filter(([, o]) => this.validatedHere(o)).map(([path]) => path));
    const items = files
      .map((uri) => ({
        label: basename(uri.fsPath),
        description: vscode.workspace.asRelativePath(uri),
        ...(validated.has(uri.fsPath) ? { detail: 'last validated against this schema' } : {}),
        uri,
      }))
      .sort((a, b) => Number(validated.has(b.uri.fsPath)) - Number(validated.has(a.uri.fsPath)) || a.description.localeCompare(b.description));
    if (items.length === 0) {
      this.status('The workspace has no data or statistics files to edit against.');
      return;
    }
    const choice = await vscode.window.showQuickPick(items, { title: 'Edit the schema against a dataset', placeHolder: 'A data file, or a statistics file (.pb)', matchOnDescription: true });
    if (!choice) return;
    await this.loadDataset(choice.uri);
  }

  private async loadDataset(uri: vscode.Uri): Promise<void> {
    const name = basename(uri.fsPath);
    this.status(`Computing the statistics of ${name}…`);
    try {
      const workspaceFolder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
      const input = await withCancellableProgress(
        `Facetwise: statistics of ${name}`,
        (signal, report) => loadCompareInput(uri.fsPath, this.services, { signal, onProgress: report, ...(workspaceFolder !== undefined ? { workspaceFolder } : {}) }),
        this.abort.signal,
      );
      const config = readConfig(uri);
      const environment = (isStatisticsFile(uri.fsPath) ? undefined : this.services.environments.get(uri.fsPath)) ?? (config.environment || undefined);
      const { unknownTypes, ...options } = validationSettingsOf(config);
      void unknownTypes;
      this.dataset = { name: input.name, statistics: input.statistics, ...(environment !== undefined ? { environment } : {}), options };
      this.datasetUri = uri;
      this.status('');
      this.refresh();
    } catch (error) {
      if (isAbort(error)) return;
      this.failed(`The statistics of ${name} could not be computed`, error);
    }
  }

  dispose(): void {
    this.abort.abort(new DOMException('Schema editor closed', 'AbortError'));
    for (const d of this.disposables) d.dispose();
  }
}

class SchemaEditorProvider implements vscode.CustomTextEditorProvider {
  constructor(private readonly services: Services) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    new SchemaEditorSession(this.services, document, panel);
  }
}

export function registerSchemaEditor(services: Services): vscode.Disposable {
  return vscode.window.registerCustomEditorProvider(SCHEMA_EDITOR_VIEW_TYPE, new SchemaEditorProvider(services), {
    webviewOptions: { retainContextWhenHidden: false, enableFindWidget: true },
    supportsMultipleEditorsPerDocument: true,
  });
}
