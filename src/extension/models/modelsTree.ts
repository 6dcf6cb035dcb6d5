/**
 * The Models view (Facetwise activity bar): the models discovered in the workspace (TF Serving's numbered version
 * folders, or a bare folder with model.json or model.onnx), each version described so a user can choose (format, inputs and
 * those missing from the spec, task and label, parameters, size, date), a badge for what the TF Serving config
 * serves, the roll back history from its audit log, and an error item for a version that cannot be used.
 */
import * as vscode from 'vscode';
import type { AuditEntry } from '../../core/model/servingConfig.js';
import type { DiscoveredModel, VersionDescription } from '../../core/model/modelDiscovery.js';
import { discoverModels } from '../../core/model/modelDiscovery.js';
import { modelRoots, servingConfigPath } from './modelSettings.js';
import type { ServingState } from './servingState.js';
import { readServingState } from './servingState.js';

export type ModelsNode =
  | { readonly kind: 'model'; readonly model: DiscoveredModel; readonly serving: ServingState }
  | { readonly kind: 'version'; readonly model: DiscoveredModel; readonly version: VersionDescription; readonly serving: ServingState }
  | { readonly kind: 'history'; readonly model: DiscoveredModel; readonly version: VersionDescription; readonly entry: AuditEntry }
  | { readonly kind: 'problem'; readonly message: string };

export const VERSION_CONTEXT = 'facetwise.modelVersion';

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

function date(ms: number): string {
  if (!ms) return 'unknown';
  const d = new Date(ms);
  const pad = (x: number): string => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function versionName(v: VersionDescription, model: DiscoveredModel): string {
  return v.version === null ? model.name : `v${v.version}`;
}

/** The badge: `served (stable)` / `served`, or undefined. */
export function servedBadge(v: VersionDescription, serving: ServingState): string | undefined {
  if (v.version === null || !serving.served.includes(v.version)) return undefined;
  const labels = serving.labels.get(v.version);
  return labels ? `served (${labels.join(', ')})` : 'served';
}

/** One line for the tree: what a user compares versions by. */
export function versionDescription(v: VersionDescription, serving: ServingState): string {
  if (v.error) return `error: ${v.error.message}`;
  const parts = [
    servedBadge(v, serving),
    v.format ?? undefined,
    v.inputs ? `${v.inputs.count} inputs${v.inputs.missingFromSpec.length > 0 ? ` (${v.inputs.missingFromSpec.length} missing from spec)` : ''}` : 'no feature spec',
    v.task ?? undefined,
    v.parameters !== null ? `${v.parameters.toLocaleString('en-US')} params` : undefined,
    bytes(v.sizeBytes),
    date(v.modifiedMs),
  ];
  return parts.filter((p): p is string => p !== undefined).join(' · ');
}

function versionTooltip(v: VersionDescription, model: DiscoveredModel, serving: ServingState): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.supportHtml = false;
  const line = (label: string, value: string): void => {
    md.appendMarkdown(`**${label}:** `);
    md.appendText(value);
    md.appendMarkdown('  \n');
  };
  md.appendMarkdown('**');
  md.appendText(`${model.name} ${versionName(v, model)}`);
  md.appendMarkdown('**  \n');
  if (v.error) line('Error', v.error.message);
  line('Folder', v.dir);
  line('Format', v.format ?? 'unknown');
  if (v.inputs) {
    line('Inputs', `${v.inputs.count} features (${v.inputs.features.join(', ')}), ${v.inputs.specWidth} floats per row${v.inputs.modelWidth !== null ? `; the model takes ${v.inputs.modelWidth}` : ''}`);
    line('Missing from the spec', v.inputs.missingFromSpec.length > 0 ? v.inputs.missingFromSpec.join(', ') : 'none');
  } else line('Feature spec', 'none (run facetwise model init)');
  line('Task', v.task ?? 'unknown');
  line('Label', v.label ?? 'none');
  line('Parameters', v.parameters !== null ? v.parameters.toLocaleString('en-US') : 'unknown');
  line('Size on disk', bytes(v.sizeBytes));
  line('Modified', date(v.modifiedMs));
  const badge = servedBadge(v, serving);
  line('TF Serving', badge ? `${badge} in ${serving.configPath}` : serving.error ? `config unreadable: ${serving.error}` : `not served by ${serving.configPath}`);
  for (const w of v.warnings) line('Note', w);
  return md;
}

function historyLabel(e: AuditEntry): string {
  return `${e.time.slice(0, 16).replace('T', ' ')}: ${e.label} ${e.from !== null ? `v${e.from} → ` : '→ '}v${e.to}${e.verdict ? ` (${e.verdict.decision})` : ''}`;
}

export class ModelsTree implements vscode.TreeDataProvider<ModelsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ModelsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private models: Promise<Array<{ model: DiscoveredModel; serving: ServingState }>> | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** Re-discovers on the next read (debounced: a conversion writes many files). */
  refresh(delayMs = 0): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.models = undefined;
      this.changed.fire(undefined);
    }, delayMs);
  }

  /** Every discovered model with its serving state (the tree's roots; integration tests read it too). */
  all(): Promise<Array<{ model: DiscoveredModel; serving: ServingState }>> {
    this.models ??= this.discover();
    return this.models;
  }

  private async discover(): Promise<Array<{ model: DiscoveredModel; serving: ServingState }>> {
    const include = modelRoots();
    const out: Array<{ model: DiscoveredModel; serving: ServingState }> = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const found = await discoverModels(folder.uri.fsPath, include.length > 0 ? { include } : {});
      for (const model of found) {
        const numbers = model.versions.map((v) => v.version).filter((v): v is number => v !== null);
        out.push({ model, serving: await readServingState(servingConfigPath(model.root), model.name, numbers) });
      }
    }
    void vscode.commands.executeCommand('setContext', 'facetwise.modelsFound', out.length > 0);
    return out;
  }

  async getChildren(node?: ModelsNode): Promise<ModelsNode[]> {
    if (!node) {
      try {
        return (await this.all()).map(({ model, serving }) => ({ kind: 'model', model, serving }));
      } catch (e) {
        return [{ kind: 'problem', message: `Model discovery failed: ${e instanceof Error ? e.message : String(e)}` }];
      }
    }
    if (node.kind === 'model') {
      // Newest first: the version a user is most likely deciding about.
      return [...node.model.versions].reverse().map((version) => ({ kind: 'version', model: node.model, version, serving: node.serving }));
    }
    if (node.kind === 'version' && node.version.version !== null) {
      const v = node.version.version;
      return node.serving.history
        .filter((e) => e.to === v || e.from === v)
        .reverse()
        .map((entry) => ({ kind: 'history', model: node.model, version: node.version, entry }));
    }
    return [];
  }

  getTreeItem(node: ModelsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'model': {
        const item = new vscode.TreeItem(node.model.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `model:${node.model.root}`;
        item.description = node.model.relativePath === node.model.name ? undefined : node.model.relativePath;
        const skipped = node.model.skipped.map((s) => `${s.name}: ${s.reason}`);
        item.tooltip = `${node.model.root}${node.serving.error ? `\nTF Serving config: ${node.serving.error}` : ''}${skipped.length ? `\nNot versions: ${skipped.join('; ')}` : ''}`;
        item.iconPath = new vscode.ThemeIcon('package');
        item.contextValue = 'facetwise.model';
        item.resourceUri = vscode.Uri.file(node.model.root);
        return item;
      }
      case 'version': {
        const v = node.version;
        const hasHistory = v.version !== null && node.serving.history.some((e) => e.to === v.version || e.from === v.version);
        const item = new vscode.TreeItem(versionName(v, node.model), hasHistory ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `version:${v.dir}`;
        item.description = versionDescription(v, node.serving);
        item.tooltip = versionTooltip(v, node.model, node.serving);
        const served = servedBadge(v, node.serving) !== undefined;
        item.iconPath = v.error ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon(served ? 'pass-filled' : 'circle-outline', served ? new vscode.ThemeColor('charts.green') : undefined);
        item.contextValue = v.error ? `${VERSION_CONTEXT}.error` : `${VERSION_CONTEXT}${served ? '.served' : ''}${v.version !== null ? '.numbered' : ''}`;
        item.accessibilityInformation = { label: `${node.model.name} ${versionName(v, node.model)}, ${item.description}` };
        return item;
      }
      case 'history': {
        const item = new vscode.TreeItem(historyLabel(node.entry), vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('history');
        item.tooltip = node.entry.verdict ? `${node.entry.verdict.decision}: ${node.entry.verdict.reason}` : `${node.entry.label} moved to v${node.entry.to}`;
        item.contextValue = 'facetwise.modelHistory';
        return item;
      }
      case 'problem': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('error');
        return item;
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}

/** The version folder a node stands for (for Reveal / Open Feature Spec). */
export function versionDir(node: ModelsNode): string | undefined {
  return node.kind === 'version' ? node.version.dir : node.kind === 'model' ? node.model.root : undefined;
}
