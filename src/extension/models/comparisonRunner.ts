/**
 * Runs a model comparison the way the panel and the commands need it: from the cache when nothing changed,
 * else on a worker under a cancellable progress notification; then the gate from `facetwise.modelGate` turns the
 * report into the verdict the panel shows on top.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Progress } from '../../core/data/job.js';
import type { GateResult } from '../../core/model/modelGate.js';
import { evaluateGate } from '../../core/model/modelGate.js';
import type { CompareModelsParams, CompareModelsResult, VersionRef } from '../../protocol/models/compareJobProtocol.js';
import type { ComparisonView } from '../../protocol/models/comparisonProtocol.js';
import { withCancellableProgress } from '../progress.js';
import type { Services } from '../services.js';
import type { ComparisonCache } from './comparisonCache.js';
import { comparisonKey } from './comparisonCache.js';
import { gateSetting } from './modelSettings.js';

export interface ComparisonRequest {
  readonly base: VersionRef;
  readonly candidate: VersionRef;
  readonly dataset: string;
  readonly sliceBy?: readonly string[];
}

export interface ComparisonOutcome {
  readonly result: CompareModelsResult;
  readonly gate: GateResult;
  readonly gateConfigured: boolean;
  readonly elapsedMs: number;
  readonly cached: boolean;
}

export function versionLabel(ref: VersionRef): string {
  return ref.version === null ? path.basename(ref.root) : `${path.basename(ref.root)}/${ref.version}`;
}

export class ComparisonRunner {
  constructor(
    private readonly services: Services,
    private readonly cache: ComparisonCache,
  ) {}

  /**
   * Compares under a progress notification (Cancel stops the worker: the promise rejects with an AbortError).
   * `outer` lets a caller (a closing panel, a test) cancel too.
   */
  async run(request: ComparisonRequest, options: { force?: boolean; signal?: AbortSignal; onProgress?: (message: string, fraction: number) => void } = {}): Promise<ComparisonOutcome> {
    const started = performance.now();
    const dataset = await this.services.engine.resolveDataset([request.dataset], options.signal ? { signal: options.signal } : {});
    const params: CompareModelsParams = {
      base: request.base,
      candidate: request.candidate,
      dataset,
      ...(request.sliceBy ? { sliceBy: request.sliceBy } : {}),
    };
    const key = await comparisonKey(params);
    let result = options.force ? undefined : this.cache.get(key);
    const cached = result !== undefined;
    if (!result) {
      const title = `Facetwise: comparing ${versionLabel(request.candidate)} with ${versionLabel(request.base)} on ${dataset.name}`;
      result = await withCancellableProgress(
        title,
        (signal, report) =>
          this.services.engine.compareModels(params, {
            signal,
            onProgress: (p: Progress) => {
              const fraction = p.total ? Math.min(1, p.done / p.total) : 0;
              report(fraction, p.message ?? '');
              options.onProgress?.(p.message ?? 'comparing', fraction);
            },
          }),
        options.signal,
      );
      this.cache.set(key, result);
    }
    const { gate, configured } = gateSetting(result.report.metric, vscode.Uri.file(request.dataset));
    const gateResult = evaluateGate(result.report, gate);
    this.services.log.info(`Compared ${result.report.candidate} with ${result.report.base} on ${dataset.name}: ${gateResult.decision} (${gateResult.decidedBy})${cached ? ' [cache]' : ''}`);
    return { result, gate: gateResult, gateConfigured: configured, elapsedMs: performance.now() - started, cached };
  }
}

/** The panel's view of an outcome. */
export function comparisonView(request: ComparisonRequest, outcome: ComparisonOutcome, served: string | undefined): ComparisonView {
  const r = outcome.result.report;
  return {
    datasetName: path.basename(request.dataset),
    datasetPath: request.dataset,
    base: r.base,
    candidate: r.candidate,
    baseVersion: request.base.version,
    candidateVersion: request.candidate.version,
    task: r.task,
    rows: r.rows,
    skipped: r.skipped,
    metric: r.metric,
    bootstrap: r.bootstrap,
    metrics: r.metrics,
    disagreement: r.disagreement,
    slices: r.slices,
    worseSlices: r.worseSlices,
    attributionChanges: r.attributionChanges,
    ...(r.attributionNote !== undefined ? { attributionNote: r.attributionNote } : {}),
    verdict: {
      decision: outcome.gate.decision,
      reason: outcome.gate.reason,
      decidedBy: `${outcome.gate.decidedBy}${outcome.gateConfigured ? ' (gate from facetwise.modelGate)' : ' (default gate)'}`,
    },
    specFeatures: outcome.result.specFeatures,
    sliceBy: outcome.result.sliceBy,
    chart: outcome.result.rows,
    rollBackTo: request.base.version,
    ...(served !== undefined ? { served } : {}),
    elapsedMs: outcome.elapsedMs,
    cached: outcome.cached,
  };
}
