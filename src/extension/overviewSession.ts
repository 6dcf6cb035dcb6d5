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
import { AnomaliesSchema } from '../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Anomalies } from '../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { DatasetFeatureStatistics } from '../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { DatasetFeatureStatisticsListSchema } from '../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { HostToOverviewMessage, OverviewToHostMessage } from '../protocol/overviewProtocol.js';
import { parseOverviewToHostMessage } from '../protocol/overviewProtocol.js';
import type { DatasetStatistics } from './datasetValidation.js';
import { datasetStatistics } from './datasetValidation.js';
import { countAnomalies } from './diagnostics/anomalyDiagnostics.js';
import { buildOverviewHtml, createNonce } from './overviewHtml.js';
import { isAbort, withCancellableProgress } from './progress.js';
import { revealColumn } from './revealColumn.js';
import type { Services } from './services.js';
import type { DatasetStatus } from './statusBarText.js';
import { runValidation } from './validationRunner.js';

/** Webview options every overview uses. */
export function overviewWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function overviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const file = (...parts: string[]): vscode.Uri => vscode.Uri.joinPath(extensionUri, ...parts);
  // Style sheets that exist: the bundle's own (if esbuild emitted one) and the static one in media/.
  const styles = [file('dist', 'webview', 'overview.css'), file('media', 'overview.css')].filter((u) => existsSync(u.fsPath));
  return buildOverviewHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(file('dist', 'webview', 'overview.js')).toString(),
    styleUris: styles.map((u) => webview.asWebviewUri(u).toString()),
    nonce: createNonce(),
    title,
  });
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
    panel.webview.html = overviewHtml(panel.webview, extensionUri, `Overview: ${basename(dataset.fsPath)}`);
    services.log.debug(`Overview of ${dataset.fsPath} opened.`);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((data: unknown) => this.onMessage(data)),
      panel.onDidChangeViewState(() => {
        // A hidden webview is destroyed; it says `ready` again when shown.
        if (!panel.visible) this.ready = false;
        this.changed.fire();
      }),
      services.results.onDidChange((path) => {
        if (path === dataset.fsPath) this.onValidated();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get active(): boolean {
    return !this.disposed && this.panel.active;
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
        const name = basename(this.dataset.fsPath);
        let lastPost = 0;
        const stats = await withCancellableProgress(
          `Facetwise: statistics of ${name}`,
          (signal, report) =>
            datasetStatistics(this.dataset.fsPath, this.services, {
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

  private onValidated(): void {
    this.changed.fire();
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
    for (const d of this.disposables) d.dispose();
    this.changed.fire();
    this.changed.dispose();
  }
}
