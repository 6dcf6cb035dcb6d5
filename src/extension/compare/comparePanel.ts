/**
 * One dataset comparison webview panel: the statistics of a baseline (training data, the previous span, or a
 * stored statistics file) and of the dataset compared with it, the schema's skew and drift comparators checked
 * (TFDV's validate_statistics with serving / previous statistics), the model of src/core/compare/
 * datasetComparison.ts posted to the page, and the comparator anomalies in the Problems pane on the compared
 * dataset. Set threshold writes the comparator into the schema document (comments kept), then checks again.
 * Over spans (three or more inputs, or a folder of span folders), the panel also holds the drift timeline
 * (src/core/compare/spanTimeline.ts) with a reference span the page can change; the pair is then the last span
 * against the one before it. Each input's statistics are loaded once (the statistics cache, or the file).
 */
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { SPAN_FOLDER_NAME } from '../../core/io/spanFolders.js';
import { create, toBinary } from '@bufbuild/protobuf';
import * as vscode from 'vscode';
import type { DatasetComparison } from '../../core/compare/datasetComparison.js';
import { buildComparison } from '../../core/compare/datasetComparison.js';
import type { SpanTimeline } from '../../core/compare/spanTimeline.js';
import { buildSpanTimeline } from '../../core/compare/spanTimeline.js';
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

/** A span is called by its folder (span-3), also when it is the statistics file inside it (Span-3/FeatureStats.pb). */
export function spanName(path: string): string {
  const parent = basename(dirname(path));
  return SPAN_FOLDER_NAME.test(parent) && /\.pb$/i.test(path) ? parent : basename(path);
}

/** What a comparison found, for the command's caller (scripts, tests). */
export interface ComparisonOutcome {
  readonly baseline: string;
  readonly target: string;
  readonly model: DatasetComparison;
  readonly skew: Anomalies | undefined;
  readonly drift: Anomalies | undefined;
  readonly schemaPath: string | undefined;
  /** Milliseconds: statistics of every input, then the model (and the timeline, with spans). */
  readonly timings: { readonly statistics: number; readonly model: number; readonly timeline?: number };
  /** The drift timeline, when the inputs are spans. */
  readonly timeline?: SpanTimeline;
}

/** What a panel compares: two datasets (baseline first), or spans in order. */
export interface CompareRequest {
  readonly inputs: readonly vscode.Uri[];
  readonly spans: boolean;
  /** The reference span (index into inputs). */
  readonly reference?: number;
}

interface Loaded {
  readonly inputs: readonly CompareInput[];
  readonly baseline: CompareInput;
  readonly target: CompareInput;
  schemaPath: string | undefined;
  reference: number;
  outcome: ComparisonOutcome;
}

export class ComparePanel implements vscode.Disposable {
  private ready = false;
  private loaded: Loaded | undefined;
  private readonly abort = new AbortController();
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** The schema the last computation read (its drift thresholds serve a new reference). */
  private schema: Schema | undefined;
  readonly loading: Promise<ComparisonOutcome | undefined>;
  readonly baseline: vscode.Uri;
  readonly target: vscode.Uri;

  constructor(
    private readonly services: Services,
    readonly panel: vscode.WebviewPanel,
    readonly request: CompareRequest,
  ) {
    if (request.inputs.length < 2) throw new Error('ComparePanel: two inputs or more');
    this.baseline = request.inputs[request.inputs.length - 2] as vscode.Uri;
    this.target = request.inputs[request.inputs.length - 1] as vscode.Uri;
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
      case 'setReference':
        this.setReference(message);
        return;
      default: {
        const never: never = message;
        this.services.log.warn(`Compare: unknown message ${JSON.stringify(never)}`);
      }
    }
  }

  private async load(): Promise<ComparisonOutcome | undefined> {
    const { inputs: uris, spans } = this.request;
    const names = spans ? `${uris.length} spans` : `${basename(this.target.fsPath)} with ${basename(this.baseline.fsPath)}`;
    try {
      const started = Date.now();
      const inputs = await withCancellableProgress(
        `Facetwise: comparing ${names}`,
        async (signal, report) => {
          // One after another: each computation already uses every worker. Each input once.
          const out: CompareInput[] = [];
          for (const [i, uri] of uris.entries()) out.push(await loadCompareInput(uri.fsPath, this.services, { signal, onProgress: (f, m) => report((i + f) / uris.length, m) }));
          return out;
        },
        this.abort.signal,
      );
      const statisticsMs = Date.now() - started;
      const baseline = inputs[inputs.length - 2] as CompareInput;
      const target = inputs[inputs.length - 1] as CompareInput;
      const schemaPath = (await this.services.schemas.currentFile(vscode.Uri.file(baseline.path))) ?? (await this.services.schemas.currentFile(vscode.Uri.file(target.path)));
      const reference = Math.min(Math.max(0, this.request.reference ?? 0), inputs.length - 1);
      const outcome = await this.compute(inputs, schemaPath, statisticsMs, reference);
      this.loaded = { inputs, baseline, target, schemaPath, reference, outcome };
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

  private async compute(inputs: readonly CompareInput[], schemaPath: string | undefined, statisticsMs: number, reference: number): Promise<ComparisonOutcome> {
    const baseline = inputs[inputs.length - 2] as CompareInput;
    const target = inputs[inputs.length - 1] as CompareInput;
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
    this.schema = schema;
    const t0 = Date.now();
    const nameOf = (i: CompareInput): string => (this.request.spans ? spanName(i.path) : i.name);
    const model = buildComparison({
      datasets: [
        { name: nameOf(baseline), statistics: baseline.statistics },
        { name: nameOf(target), statistics: target.statistics },
      ],
      ...(schema ? { schema } : {}),
      ...(skew ? { skewAnomalies: skew } : {}),
      ...(drift ? { driftAnomalies: drift } : {}),
      noise: true,
    });
    const modelMs = Date.now() - t0;
    this.services.log.info(`Compared ${target.path} with ${baseline.path} (baseline): statistics ${statisticsMs} ms (${inputs.map((i) => i.source).join(', ')}), distances ${modelMs} ms, ${model.features.length} features.`);
    if (!this.request.spans) return { baseline: baseline.path, target: target.path, model, skew, drift, schemaPath, timings: { statistics: statisticsMs, model: modelMs } };
    const t1 = Date.now();
    const timeline = buildSpanTimeline(
      inputs.map((i) => ({ name: nameOf(i), statistics: i.statistics })),
      { reference, ...(schema ? { schema } : {}) },
    );
    const timelineMs = Date.now() - t1;
    this.services.log.info(`Drift timeline over ${inputs.length} spans (reference ${inputs[reference]?.name ?? ''}): ${timelineMs} ms.`);
    return { baseline: baseline.path, target: target.path, model, skew, drift, schemaPath, timings: { statistics: statisticsMs, model: modelMs, timeline: timelineMs }, timeline };
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
      inputs: l.inputs.map((i) => i.path),
      ...(l.outcome.timeline ? { timeline: l.outcome.timeline } : {}),
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
      l.outcome = await this.compute(l.inputs, schemaPath, 0, l.reference);
      this.postComparison(m.requestId);
      await this.publishProblems();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.services.log.error(`Set threshold failed: ${message}`);
      this.post({ type: 'error', requestId: m.requestId, message: `Set threshold failed: ${message}` });
    }
  }

  /** The page chose another reference span: the timeline again, from the statistics in memory. */
  private setReference(m: Extract<CompareToHostMessage, { type: 'setReference' }>): void {
    const l = this.loaded;
    try {
      if (!l?.outcome.timeline) throw new FacetwiseError('COMPARE_NOT_SPANS', 'This comparison is of two datasets, not of spans.');
      if (m.reference >= l.inputs.length) throw new FacetwiseError('COMPARE_BAD_REFERENCE', `There are ${l.inputs.length} spans.`);
      const t0 = Date.now();
      const schema = this.schema;
      const timeline = buildSpanTimeline(
        l.inputs.map((i) => ({ name: spanName(i.path), statistics: i.statistics })),
        { reference: m.reference, ...(schema ? { schema } : {}) },
      );
      l.reference = m.reference;
      l.outcome = { ...l.outcome, timeline, timings: { ...l.outcome.timings, timeline: Date.now() - t0 } };
      this.postComparison(m.requestId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.services.log.error(`Choosing the reference span failed: ${message}`);
      this.post({ type: 'error', requestId: m.requestId, message: `Choosing the reference span failed: ${message}` });
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
