/**
 * Facetwise's extension entry: activate() wires the parts together and deactivate() stops the workers. Every
 * piece of behaviour lives in its own module (commands/, diagnostics/, quickFixes.ts, overview*.ts, …).
 */
import { availableParallelism } from 'node:os';
import * as vscode from 'vscode';
import { registerClearProblems } from './validation/clearProblems.js';
import { registerCompareWith } from './compare/compareWith.js';
import { registerCompareSpans } from './compare/compareSpans.js';
import { registerComparePanelSerializer } from './compare/comparePanelSerializer.js';
import { registerInferSchema } from './schema/inferSchema.js';
import { registerValidateDataset } from './validation/validateDataset.js';
import { onConfigChange, readConfig } from './config.js';
import { resolveWorkerCount } from './configValues.js';
import { DatasetEnvironments } from './datasetEnvironments.js';
import { DiagnosticStore } from './validation/diagnostics/diagnosticStore.js';
import { EngineClient } from './engineClient.js';
import { watchDeletions } from './fileLifecycle.js';
import { registerOverviewEditors } from './overview/overviewEditor.js';
import { OverviewPanels, registerOpenOverview, registerOverviewPanelSerializer } from './overview/overviewPanel.js';
import { OverviewRegistry } from './overview/overviewRegistry.js';
import { registerQuickFixes } from './validation/quickFixes.js';
import type { Services } from './services.js';
import { StatisticsCache } from './statisticsCache.js';
import { DatasetStatusBar } from './statusBar.js';
import type { ModelsApi } from './models/modelsView.js';
import { registerModels } from './models/modelsView.js';
import { ValidationResults } from './validation/validationResults.js';
import { DatapointPanels, registerDatapointEditor } from './datapoint/datapointCommand.js';
import type { DatapointPanelState } from './datapoint/datapointPanel.js';
import { registerShowInRows } from './grid/showInRows.js';
import { SchemaPairings } from './schema/schemaPairings.js';
import { registerDataFolders } from './dataFolderContext.js';
import { SchemaResolver } from './schema/schemaResolver.js';
import type { SchemaPairing } from './schema/schemaChoice.js';
import { registerSchemaEditor } from './schemaEditor/schemaEditorProvider.js';

/** What activate() returns: a small view into the extension for integration tests. */
export interface FacetwiseExtensionApi {
  /** The status bar item's text and whether it is shown. */
  statusBar(): { readonly text: string; readonly visible: boolean };
  /** Worker threads of the current pool (0 before the first job). */
  workerThreads(): number;
  /** The open overviews (panels and custom editors) and how each got its statistics. */
  overviews(): ReadonlyArray<{ readonly dataset: string; readonly viewType: string; readonly source: 'cache' | 'computed' | undefined; readonly progressShown: boolean }>;
  /** What the overview panel serializer does with a panel VS Code restores: `state` is the webview's saved state. */
  restoreOverviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
  /** The open datapoint editors: versions, row source and the backends their webviews chose. */
  datapointEditors(): readonly DatapointPanelState[];
  /** The Models view, comparison panels and comparisons (src/extension/models). */
  readonly models: ModelsApi;
  /** The folders the Explorer offers dataset commands on (the facetwise.dataFolders context key), once scanned. */
  dataFolders(): Promise<readonly string[]>;
  /** Schema association (schema/schemaResolver.ts): what a dataset uses, and pairing one as the question would. */
  readonly schemas: {
    current(dataset: string): Promise<{ readonly kind: string; readonly path?: string; readonly source: string } | undefined>;
    remember(dataset: string, pairing: SchemaPairing): Promise<void>;
  };
}

let engine: EngineClient | undefined;

export function activate(context: vscode.ExtensionContext): FacetwiseExtensionApi {
  const log = vscode.window.createOutputChannel('Facetwise', { log: true });
  const workerFile = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath;
  engine = new EngineClient(workerFile, () => resolveWorkerCount(readConfig().workerCount, availableParallelism()));
  const services: Services = {
    context,
    log,
    engine,
    cache: new StatisticsCache(),
    diagnostics: new DiagnosticStore(),
    results: new ValidationResults(),
    environments: new DatasetEnvironments(context.workspaceState),
    schemas: new SchemaResolver(new SchemaPairings(context.workspaceState)),
  };
  const statusBar = new DatasetStatusBar();
  const overviews = new OverviewRegistry(statusBar);
  const activeOverview = (): vscode.Uri | undefined => overviews.activeDataset();
  const engineRef = engine;
  const overviewPanels = new OverviewPanels(services, overviews);
  const datapointPanels = new DatapointPanels(services);
  const models = registerModels(services);
  const dataFolders = registerDataFolders(log);

  context.subscriptions.push(
    log,
    services.diagnostics,
    services.results,
    services.schemas,
    statusBar,
    overviews,
    registerValidateDataset(services, activeOverview),
    registerInferSchema(services, activeOverview),
    registerCompareWith(services, activeOverview),
    registerCompareSpans(services),
    registerComparePanelSerializer(services),
    registerOpenOverview(overviewPanels, activeOverview),
    registerOverviewPanelSerializer(overviewPanels),
    registerClearProblems(services),
    registerQuickFixes(services),
    registerOverviewEditors(services, overviews),
    watchDeletions(services),
    onConfigChange(() => engineRef.resize()),
    registerDatapointEditor(datapointPanels, activeOverview),
    registerShowInRows(overviewPanels),
    registerSchemaEditor(services),
    ...models.disposables,
    dataFolders,
  );
  log.info(`Facetwise activated (workers: ${workerFile}).`);
  return {
    statusBar: () => statusBar.state,
    workerThreads: () => engineRef.poolSize,
    overviews: () => overviews.all().map((s) => ({ dataset: s.dataset.fsPath, viewType: s.panel.viewType, ...s.loadState })),
    restoreOverviewPanel: async (panel, state) => {
      await overviewPanels.restore(panel, state);
    },
    datapointEditors: () => datapointPanels.all(),
    models: models.api,
    dataFolders: async () => {
      await dataFolders.settled();
      return dataFolders.folders();
    },
    schemas: {
      current: (dataset) => services.schemas.current(vscode.Uri.file(dataset)),
      remember: (dataset, pairing) => services.schemas.remember(dataset, pairing),
    },
  };
}

export async function deactivate(): Promise<void> {
  // Terminates the worker threads (VS Code disposes context.subscriptions itself).
  await engine?.dispose();
  engine = undefined;
}
