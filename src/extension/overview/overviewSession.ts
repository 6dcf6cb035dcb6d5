/**
 * One dataset overview webview — in a panel (overviewPanel.ts) or a custom editor (overviewEditor.ts): sets up
 * the webview (scripts on, local resources only: dist/webview and media), speaks the overview protocol
 * (src/protocol/overviewProtocol.ts), computes the statistics on workers when the webview says `ready`, posts
 * them with the last validation's anomalies, and answers the webview's `revealFeature` and `validate`.
 *
 * The webview is not kept alive while hidden (retainContextWhenHidden: false): it keeps its UI state with
 * setState and says `ready` again when shown, and the host posts the (cached) statistics again.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import * as vscode from 'vscode';
import { AnomaliesSchema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Anomalies } from '../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { DatasetFeatureStatistics } from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { DatasetFeatureStatisticsListSchema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { HostToOverviewMessage, OverviewToHostMessage } from '../../protocol/overview/overviewProtocol.js';
import { parseOverviewToHostMessage } from '../../protocol/overview/overviewProtocol.js';
import type { DatasetStatistics } from '../validation/datasetValidation.js';
import { cachedDatasetStatistics, openDataset, openedDatasetStatistics } from '../validation/datasetValidation.js';
import { countAnomalies } from '../validation/diagnostics/anomalyDiagnostics.js';
import { buildOverviewErrorHtml, buildOverviewHtml, createNonce } from './overviewHtml.js';
import { isAbort, withCancellableProgress } from '../progress.js';
import { revealColumn } from '../revealColumn.js';
import type { Services } from '../services.js';
import type { DatasetStatus } from '../statusBarText.js';
import { runValidation } from '../validation/validationRunner.js';
import { GridController } from '../grid/gridController.js';
import { handleSchemaHeaderRequest, onSchemaChange, onSchemaSettingChange, revalidateOnSchemaSetting, schemaHeaderMessage } from './schemaHeaderHost.js';

/** Webview options every overview uses. */
export function overviewWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Style sheets that exist: the bundle's own (if esbuild emitted one) and the static one in media/. */
function styleUris(webview: vscode.Webview, extensionUri: vscode.Uri): string[] {
  const styles = [vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'overview.css'), vscode.Uri.joinPath(extensionUri, 'media', 'overview.css')];
  return styles.filter((u) => existsSync(u.fsPath)).map((u) => webview.asWebviewUri(u).toString());
}

export function overviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string, datasetPath?: string): string {
  return buildOverviewHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'overview.js')).toString(),
    styleUris: styleUris(webview, extensionUri),
    nonce: createNonce(),
    title,
    ...(datasetPath !== undefined ? { datasetPath } : {}),
  });
}

/** A page that only says `message` (no script), for a panel that cannot show an overview. */
export function overviewErrorHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string, message: string): string {
  return buildOverviewErrorHtml({ cspSource: webview.cspSource, styleUris: styleUris(webview, extensionUri), nonce: createNonce(), title, message });
}

/** How a session got its statistics, for the integration tests. */
export interface OverviewLoadInfo {
  /** `cache`: shown without a progress notification; `computed`: read under one; undefined: not (yet) loaded. */
  readonly source: 'cache' | 'computed' | undefined;
  /** Whether a progress notification was started for this session. */
  readonly progressShown: boolean;
}

export class OverviewSession implements vscode.Disposable {
  private ready = false;
  private statistics: DatasetStatistics | undefined;
  private loading: Promise<DatasetStatistics | undefined> | undefined;
  /** The statistics and anomalies the webview has been sent (to send only what changed). */
  private posted: { stats: DatasetFeatureStatistics; anomalies: Anomalies | undefined } | undefined;
  private readonly abort = new AbortController();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when what the status bar shows for this session may have changed (active state, rows, anomalies). */
  readonly onDidChange = this.changed.event;
  private disposed = false;
  private loadInfo: OverviewLoadInfo = { source: undefined, progressShown: false };
  /** The Rows tab's host side; its `grid/` messages bypass the overview protocol. */
  readonly grid: GridController;

  constructor(
    private readonly services: Services,
    readonly panel: vscode.WebviewPanel,
    readonly dataset: vscode.Uri,
  ) {
    const { extensionUri } = services.context;
    panel.webview.options = overviewWebviewOptions(extensionUri);
    if (!existsSync(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'overview.js').fsPath)) {
      services.log.warn('dist/webview/overview.js is missing: the overview webview was not built.');
    }
    this.grid = new GridController(services, dataset.fsPath, (m) => void panel.webview.postMessage(m), async () => (await this.load())?.result.rowIndex);
    panel.webview.html = overviewHtml(panel.webview, extensionUri, `Overview: ${basename(dataset.fsPath)}`, dataset.fsPath);
    services.log.debug(`Overview of ${dataset.fsPath} opened.`);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((data: unknown) => this.onMessage(data)),
      panel.onDidChangeViewState(() => {
        // A hidden webview is destroyed; it says `ready` again when shown.
        if (!panel.visible) {
          this.ready = false;
          this.grid.webviewGone();
        }
        this.changed.fire();
      }),
      services.results.onDidChange((path) => {
        if (path === dataset.fsPath) this.onValidated();
      }),
      onSchemaChange(services, dataset, () => void this.sendSchema()),
      onSchemaSettingChange(dataset, () => {
        revalidateOnSchemaSetting(services, dataset).catch((e: unknown) => services.log.warn(`Overview: validating again after the schema setting changed failed: ${String(e)}`));
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get active(): boolean {
    return !this.disposed && this.panel.active;
  }

  get loadState(): OverviewLoadInfo {
    return this.loadInfo;
  }

  /** What the status bar shows while this overview is active. */
  status(): DatasetStatus {
    const outcome = this.services.results.get(this.dataset.fsPath);
    return {
      name: this.statistics?.info.name ?? basename(this.dataset.fsPath),
      rowCount: this.statistics?.result.numExamples ?? outcome?.result.numExamples,
      anomalies: outcome ? countAnomalies(outcome.anomalies) : undefined,
    };
  }

  private post(message: HostToOverviewMessage): void {
    if (!this.ready || this.disposed) return;
    void this.panel.webview.postMessage(message);
  }

  private onMessage(data: unknown): void {
    if (this.grid.handle(data)) return;
    const message: OverviewToHostMessage | undefined = parseOverviewToHostMessage(data);
    if (!message) {
      this.services.log.warn(`Overview of ${this.dataset.fsPath}: ignored a malformed message from the webview.`);
      return;
    }
    this.services.log.debug(`Overview of ${this.dataset.fsPath}: ${message.type} from the webview.`);
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.posted = undefined;
        void this.sendSchema();
        void this.sendStatistics();
        return;
      case 'revealFeature':
        void revealColumn(this.services, this.dataset, message.feature).catch((e: unknown) =>
          this.services.log.error(`Revealing ${message.feature}: ${e instanceof Error ? e.message : String(e)}`),
        );
        return;
      case 'validate':
        void this.validate(message.requestId);
        return;
      case 'changeSchema':
      case 'compareWith':
        void handleSchemaHeaderRequest(this.services, this.dataset, message).catch((e: unknown) =>
          this.services.log.error(`Overview of ${this.dataset.fsPath}: ${message.type}: ${e instanceof Error ? e.message : String(e)}`),
        );
        return;
      default: {
        const never: never = message;
        this.services.log.warn(`Overview: unknown message ${JSON.stringify(never)}`);
      }
    }
  }

  private load(): Promise<DatasetStatistics | undefined> {
    if (this.statistics) return Promise.resolve(this.statistics);
    this.loading ??= (async () => {
      try {
        const stats = await this.cachedOrComputed();
        this.statistics = stats;
        this.changed.fire();
        return stats;
      } catch (error) {
        if (!isAbort(error)) {
          const message = error instanceof Error ? error.message : String(error);
          this.services.log.error(`Overview of ${this.dataset.fsPath}: ${message}`);
          this.post({ type: 'error', message });
        }
        return undefined;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  /**
   * Statistics from the cache when it has them (e.g. after validating), without progress UI — a notification
   * would only flash; else computed under a cancellable progress notification. Closing the overview aborts both.
   */
  private async cachedOrComputed(): Promise<DatasetStatistics> {
    const opened = await openDataset(this.dataset.fsPath, this.services.engine, undefined, this.abort.signal);
    const cached = await cachedDatasetStatistics(opened, this.services);
    if (cached) {
      this.loadInfo = { source: 'cache', progressShown: false };
      return cached;
    }
    this.loadInfo = { ...this.loadInfo, progressShown: true };
    let lastPost = 0;
    const stats = await withCancellableProgress(
      `Facetwise: statistics of ${basename(this.dataset.fsPath)}`,
      (signal, report) =>
        openedDatasetStatistics(opened, this.services, {
          signal,
          onProgress: (fraction, text) => {
            report(fraction, text);
            const now = Date.now();
            if (now - lastPost > 100 || fraction >= 1) {
              lastPost = now;
              this.post({ type: 'progress', message: text, fraction });
            }
          },
        }),
      this.abort.signal,
    );
    this.loadInfo = { source: 'computed', progressShown: true };
    return stats;
  }

  private async sendStatistics(): Promise<void> {
    const stats = await this.load();
    if (!stats) return;
    const outcome = this.services.results.get(this.dataset.fsPath);
    // A validation newer than these statistics (the file changed since): show its statistics.
    const current = outcome && outcome.result !== stats.result ? outcome.result.statistics : stats.result.statistics;
    const anomalies = outcome?.anomalies;
    const list = create(DatasetFeatureStatisticsListSchema, { datasets: [current] });
    this.post({
      type: 'statistics',
      stats: toBinary(DatasetFeatureStatisticsListSchema, list),
      ...(anomalies ? { anomalies: toBinary(AnomaliesSchema, anomalies) } : {}),
      datasetName: stats.info.name,
      rowCount: outcome?.result.numExamples ?? stats.result.numExamples,
    });
    if (this.ready) this.posted = { stats: current, anomalies };
  }

  /** The header's schema line (a validation may have saved or paired a schema: sent again after each). */
  private async sendSchema(): Promise<void> {
    this.post(await schemaHeaderMessage(this.services, this.dataset));
  }

  private onValidated(): void {
    this.changed.fire();
    void this.sendSchema();
    const outcome = this.services.results.get(this.dataset.fsPath);
    if (!outcome || !this.ready) return;
    if (this.posted && this.posted.stats === outcome.result.statistics) {
      if (outcome.anomalies && outcome.anomalies !== this.posted.anomalies) {
        this.post({ type: 'anomalies', anomalies: toBinary(AnomaliesSchema, outcome.anomalies) });
        this.posted = { ...this.posted, anomalies: outcome.anomalies };
      }
      return;
    }
    void this.sendStatistics();
  }

  private async validate(requestId: number): Promise<void> {
    const outcome = await runValidation(this.services, this.dataset);
    if (!outcome?.anomalies) {
      this.post({ type: 'error', requestId, message: outcome ? 'The schema does not have the configured environment; see the Problems pane.' : 'Validation failed or was cancelled; see the Facetwise output.' });
      return;
    }
    this.post({ type: 'anomalies', requestId, anomalies: toBinary(AnomaliesSchema, outcome.anomalies) });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.abort.abort(new DOMException('Overview closed', 'AbortError'));
    this.grid.dispose();
    for (const d of this.disposables) d.dispose();
    this.changed.fire();
    this.changed.dispose();
  }
}
