/**
 * Wires the model surface: the Models tree view (with a file watcher and the settings it reads), the comparison
 * panels and their serializer, the proposed-config documents the roll back diff shows, and the commands.
 * `activate()` calls registerModels once; the returned api is a small view for the integration tests.
 */
import * as vscode from 'vscode';
import type { ComparisonView } from '../../protocol/models/comparisonProtocol.js';
import type { Services } from '../services.js';
import { ComparisonCache } from './comparisonCache.js';
import { COMPARISON_PANEL_TYPE, ComparisonPanels } from './comparisonPanel.js';
import { ComparisonRunner } from './comparisonRunner.js';
import type { ComparisonSummary } from './modelCommands.js';
import { ModelCommands, requestFromArgs } from './modelCommands.js';
import { ModelsTree, versionDescription } from './modelsTree.js';
import { PROPOSED_SCHEME, ProposedConfigs, RollBacks } from './rollBack.js';

export const MODELS_VIEW = 'facetwise.models';

export interface ModelsApi {
  /** The tree's models as it shows them: name, root and per version the label and description. */
  tree(): Promise<Array<{ name: string; root: string; versions: Array<{ version: number | null; label: string; description: string; error?: string }> }>>;
  /** The open comparison panels' views. */
  panels(): ComparisonView[];
  /**
   * Compares without the dialogs (`{ base, candidate }` or `{ base, candidates: [...] }`); `signal` cancels (the
   * worker is terminated).
   */
  compare(request: unknown, options?: { showPanel?: boolean; signal?: AbortSignal }): Promise<ComparisonSummary | undefined>;
  /** Worker threads alive now. */
  liveWorkers(): number;
}

export function registerModels(services: Services): { disposables: vscode.Disposable[]; api: ModelsApi } {
  const tree = new ModelsTree();
  const proposed = new ProposedConfigs();
  const rollBacks = new RollBacks(services, proposed);
  const runner = new ComparisonRunner(services, new ComparisonCache());
  const panels = new ComparisonPanels(services, runner, rollBacks);
  const commands = new ModelCommands(services, tree, runner, panels, rollBacks);
  const view = vscode.window.createTreeView(MODELS_VIEW, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  // Model files, specs, TF Serving configs and their audit logs: anything that changes what the tree shows.
  const watcher = vscode.workspace.createFileSystemWatcher('**/{model.json,model.onnx,feature_spec.json,*.config,*.audit.jsonl,*.pb}');
  const onFiles = (): void => tree.refresh(300);
  const disposables: vscode.Disposable[] = [
    tree,
    view,
    watcher,
    watcher.onDidCreate(onFiles),
    watcher.onDidChange(onFiles),
    watcher.onDidDelete(onFiles),
    vscode.workspace.onDidChangeWorkspaceFolders(() => tree.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('facetwise.modelRoots') || e.affectsConfiguration('facetwise.servingConfigPath')) tree.refresh();
    }),
    rollBacks.onDidWrite(() => tree.refresh()),
    vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, proposed),
    vscode.window.registerWebviewPanelSerializer(COMPARISON_PANEL_TYPE, { deserializeWebviewPanel: (panel, state) => panels.restore(panel, state) }),
    ...commands.register(),
  ];
  const api: ModelsApi = {
    tree: async () =>
      (await tree.all()).map(({ model, serving }) => ({
        name: model.name,
        root: model.root,
        versions: model.versions.map((v) => ({
          version: v.version,
          label: v.version === null ? model.name : `v${v.version}`,
          description: versionDescription(v, serving),
          ...(v.error ? { error: v.error.message } : {}),
        })),
      })),
    panels: () => panels.views(),
    compare: (args, options) => {
      const request = requestFromArgs(args);
      if (!request) return Promise.reject(new Error('compare takes { base, candidate | candidates, dataset }'));
      return commands.compare(request, options);
    },
    liveWorkers: () => services.engine.liveWorkers,
  };
  return { disposables, api };
}
