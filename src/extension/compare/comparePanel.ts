/**
 * One dataset comparison webview panel: the statistics of a baseline (training data, the previous span, or a
 * stored statistics file) and of the dataset compared with it, the schema's skew and drift comparators checked
 * (TFDV's validate_statistics with serving / previous statistics), the model of src/core/compare/
 * datasetComparison.ts posted to the page, and the comparator anomalies in the Problems pane on the compared
 * dataset. Set threshold writes the comparator into the schema document (comments kept), then checks again.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import * as vscode from 'vscode';
import type { DatasetComparison } from '../../core/compare/datasetComparison.js';
import { buildComparison } from '../../core/compare/datasetComparison.js';
import type { Anomalies } from '../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Schema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DatasetFeatureStatisticsListSchema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { readSchema } from '../../core/proto/protoFiles.js';
import { parsePath } from '../../core/schema/featurePath.js';
import { getFeature, setComparatorThreshold } from '../../core/schema/schemaModel.js';
import { validateStatistics } from '../../core/validate/validateStatistics.js';
import type { CompareToHostMessage, HostToCompareMessage } from '../../protocol/compare/compareProtocol.js';
import { parseCompareToHostMessage } from '../../protocol/compare/compareProtocol.js';
import { FacetwiseError } from '../../core/data/issues.js';
import { isAbort, withCancellableProgress } from '../progress.js';
import { revealColumn } from '../revealColumn.js';
import { editSchemaDocument } from '../schema/schemaDocument.js';
import type { Services } from '../services.js';
import { layoutOf } from '../validation/datasetValidation.js';
import { isDelimitedKind } from '../datasetKinds.js';
import type { DatasetLayout } from '../validation/diagnostics/anomalyDiagnostics.js';
import { buildCompareHtml } from './compareHtml.js';
import type { CompareInput } from './compareInputs.js';
import { loadCompareInput } from './compareInputs.js';
import { comparatorDiagnostics, compareDiagnosticsKey } from './compareProblems.js';

export const COMPARE_PANEL_TYPE = 'facetwise.comparePanel';

/** What a comparison found, for the command's caller (scripts, tests). */
export interface ComparisonOutcome {
  readonly baseline: string;
  readonly target: string;
  readonly model: DatasetComparison;
  readonly skew: Anomalies | undefined;
  readonly drift: Anomalies | undefined;
  readonly schemaPath: string | undefined;
  /** Milliseconds: statistics of both sides, then the model. */
  readonly timings: { readonly statistics: number; readonly model: number };
}

interface Loaded {
  readonly baseline: CompareInput;
  readonly target: CompareInput;
  schemaPath: string | undefined;
  outcome: ComparisonOutcome;
}

export class ComparePanel implements vscode.Disposable {
  private ready = false;
  private loaded: Loaded | undefined;
  private readonly abort = new AbortController();
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  readonly loading: Promise<ComparisonOutcome | undefined>;

  constructor(
    private readonly services: Services,
    readonly panel: vscode.WebviewPanel,
    readonly baseline: vscode.Uri,
    readonly target: vscode.Uri,
  ) {
    const { extensionUri } = services.context;
    const webview = panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')] };
    const css = vscode.Uri.joinPath(extensionUri, 'media', 'compare.css');
    webview.html = buildCompareHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'compare.js')).toString(),
      styleUris: existsSync(css.fsPath) ? [webview.asWebviewUri(css).toString()] : [],
      title: panel.title,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((data: unknown) => this.onMessage(data)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    this.loading = this.load();
  }

  private post(message: HostToCompareMessage): void {
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
  }

  private onMessage(data: unknown): void {
    const message: CompareToHostMessage | undefined = parseCompareToHostMessage(data);
    if (!message) {
      this.services.log.warn('Compare: ignored a malformed message from the webview.');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.loaded) this.postComparison();
        return;
      case 'revealFeature':
        void revealColumn(this.services, this.target, message.feature).catch((e: unknown) => this.services.log.error(`Revealing ${message.feature}: ${String(e)}`));
        return;
      case 'setThreshold':
        void this.setThreshold(message);
        return;
      default: {
        const never: never = message;
        this.services.log.warn(`Compare: unknown message ${JSON.stringify(never)}`);
      }
    }
  }

  private async load(): Promise<ComparisonOutcome | undefined> {
    const names = `${basename(this.target.fsPath)} with ${basename(this.baseline.fsPath)}`;
    try {
      const started = Date.now();
      const [baseline, target] = await withCancellableProgress(
        `Facetwise: comparing ${names}`,
        async (signal, report) => {
          const a = await loadCompareInput(this.baseline.fsPath, this.services, { signal, onProgress: (f, m) => report(f / 2, m) });
          const b = await loadCompareInput(this.target.fsPath, this.services, { signal, onProgress: (f, m) => report(0.5 + f / 2, m) });
          return [a, b] as const;
        },
        this.abort.signal,
      );
      const statisticsMs = Date.now() - started;
      const schemaPath = (await this.services.schemas.currentFile(this.baseline)) ?? (await this.services.schemas.currentFile(this.target));
      const outcome = await this.compute(baseline, target, schemaPath, statisticsMs);
      this.loaded = { baseline, target, schemaPath, outcome };
      this.postComparison();
      await this.publishProblems();
      return outcome;
    } catch (error) {
      if (isAbort(error)) return undefined;
      const message = error instanceof Error ? error.message : String(error);
      this.services.log.error(`Comparing ${names} failed: ${message}`);
      this.post({ type: 'error', message: `Comparing ${names} failed: ${message}` });
      void vscode.window.showErrorMessage(`Facetwise: comparing ${names} failed: ${message}`);
      return undefined;
    }
  }

  private async compute(baseline: CompareInput, target: CompareInput, schemaPath: string | undefined, statisticsMs: number): Promise<ComparisonOutcome> {
    let schema: Schema | undefined;
    let skew: Anomalies | undefined;
    let drift: Anomalies | undefined;
    if (schemaPath) {
      try {
        schema = await readSchema(schemaPath);
        skew = validateStatistics(baseline.statistics, schema, { servingStats: target.statistics });
        drift = validateStatistics(target.statistics, schema, { previousStats: baseline.statistics });
      } catch (error) {
        this.services.log.warn(`Comparators of ${schemaPath} not applied: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const t0 = Date.now();
    const model = buildComparison({
      datasets: [
        { name: baseline.name, statistics: baseline.statistics },
        { name: target.name, statistics: target.statistics },
      ],
      ...(schema ? { schema } : {}),
      ...(skew ? { skewAnomalies: skew } : {}),
      ...(drift ? { driftAnomalies: drift } : {}),
      noise: true,
    });
    const modelMs = Date.now() - t0;
    this.services.log.info(`Compared ${target.path} with ${baseline.path} (baseline): statistics ${statisticsMs} ms (${baseline.source}, ${target.source}), distances ${modelMs} ms, ${model.features.length} features.`);
    return { baseline: baseline.path, target: target.path, model, skew, drift, schemaPath, timings: { statistics: statisticsMs, model: modelMs } };
  }

  private postComparison(requestId?: number): void {
    const l = this.loaded;
    if (!l) return;
    const list = create(DatasetFeatureStatisticsListSchema, { datasets: [l.baseline.statistics, l.target.statistics] });
    const anomalies = l.outcome.model.features.filter((f) => f.anomalies.length > 0).length;
    this.post({
      type: 'comparison',
      ...(requestId !== undefined ? { requestId } : {}),
      stats: toBinary(DatasetFeatureStatisticsListSchema, list),
      model: l.outcome.model,
      ...(l.schemaPath ? { schemaName: vscode.workspace.asRelativePath(l.schemaPath) } : {}),
      canSetThreshold: l.schemaPath !== undefined && vscode.workspace.isTrusted,
      ...(anomalies > 0 ? { note: `anomalies also in Problems on ${l.target.name}` } : {}),
    });
  }

  private async layout(target: CompareInput): Promise<DatasetLayout> {
    if (target.dataset && isDelimitedKind(target.dataset.kind)) {
      const header = await this.services.engine.csvHeader({ file: target.dataset.info.shards[0] as string }, { signal: this.abort.signal });
      return layoutOf(target.dataset, header);
    }
    return { kind: 'tfrecord', target: target.path, shards: target.dataset?.info.shards ?? [target.path] };
  }

  private async publishProblems(): Promise<void> {
    const l = this.loaded;
    if (!l) return;
    const diagnostics = comparatorDiagnostics(await this.layout(l.target), [l.outcome.skew, l.outcome.drift]);
    this.services.diagnostics.publish(compareDiagnosticsKey(l.target.path), diagnostics, l.schemaPath);
  }

  private async setThreshold(m: Extract<CompareToHostMessage, { type: 'setThreshold' }>): Promise<void> {
    const l = this.loaded;
    try {
      if (!l?.schemaPath) throw new FacetwiseError('SCHEMA_NOT_FOUND', 'There is no schema file beside the data to write a threshold to; infer and save one first.');
      const schemaPath = l.schemaPath;
      await editSchemaDocument(
        vscode.Uri.file(schemaPath),
        (schema) => {
          const feature = getFeature(schema, parsePath(m.feature) ?? [m.feature]);
          if (!feature) throw new FacetwiseError('SCHEMA_FEATURE_NOT_FOUND', `The schema has no feature ${m.feature}.`, { file: schemaPath });
          setComparatorThreshold(feature, m.comparator, m.metric, m.threshold);
        },
        { save: true },
      );
      this.services.log.info(`Set the ${m.comparator} ${m.metric} threshold of ${m.feature} to ${m.threshold} in ${schemaPath}.`);
      l.outcome = await this.compute(l.baseline, l.target, schemaPath, 0);
      this.postComparison(m.requestId);
      await this.publishProblems();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.services.log.error(`Set threshold failed: ${message}`);
      this.post({ type: 'error', requestId: m.requestId, message: `Set threshold failed: ${message}` });
    }
  }

  /** The latest outcome (after Set threshold, the new one). */
  get outcome(): ComparisonOutcome | undefined {
    return this.loaded?.outcome;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.abort.abort(new DOMException('Comparison closed', 'AbortError'));
    for (const d of this.disposables) d.dispose();
  }
}
