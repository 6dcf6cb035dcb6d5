/**
 * Runs a model comparison the way the panel and the commands need it: from the cache when nothing changed,
 * else on a worker under a cancellable progress notification; then the gate from `facetwise.modelGate` turns each
 * candidate's report into the verdict the panel shows on top. A comparison is one base against any number of
 * candidates, every version scored once.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Progress } from '../../core/data/job.js';
import type { GateResult } from '../../core/model/modelGate.js';
import { evaluateGate } from '../../core/model/modelGate.js';
import type { CompareModelsParams, CompareModelsResult, VersionRef } from '../../protocol/models/compareJobProtocol.js';
import type { ComparisonView, GateVerdict } from '../../protocol/models/comparisonProtocol.js';
import { withCancellableProgress } from '../progress.js';
import type { Services } from '../services.js';
import type { ComparisonCache } from './comparisonCache.js';
import { canonicalVersions, comparisonKey } from './comparisonCache.js';
import { gateSetting } from './modelSettings.js';

export interface ComparisonRequest {
  readonly base: VersionRef;
  /** One or more versions compared with the base. */
  readonly candidates: readonly VersionRef[];
  readonly dataset: string;
  readonly sliceBy?: readonly string[];
  /** The candidate the panel details below the metrics (default: the first). */
  readonly focus?: VersionRef;
}

export interface ComparisonOutcome {
  readonly result: CompareModelsResult;
  /** The candidates in the order of the result (canonical: see comparisonCache.canonicalVersions). */
  readonly candidates: readonly VersionRef[];
  /** The gate's verdict per candidate, in that order. */
  readonly gates: readonly GateResult[];
  readonly gateConfigured: boolean;
  readonly elapsedMs: number;
  readonly cached: boolean;
}

export function versionLabel(ref: VersionRef): string {
  return ref.version === null ? path.basename(ref.root) : `${path.basename(ref.root)}/${ref.version}`;
}

export function sameRef(a: VersionRef, b: VersionRef): boolean {
  return a.root === b.root && a.version === b.version;
}

/** The request's candidates in the canonical order, without the base. */
export function candidatesOf(request: Pick<ComparisonRequest, 'base' | 'candidates'>): VersionRef[] {
  return canonicalVersions(request.candidates).filter((c) => !sameRef(c, request.base));
}

/** Every version of the request (base included) in the canonical order: the panel's Base picker. */
export function versionsOf(request: Pick<ComparisonRequest, 'base' | 'candidates'>): VersionRef[] {
  return canonicalVersions([request.base, ...request.candidates]);
}

/** Index of the candidate a request details (its `focus`, else the first). */
export function focusIndex(request: ComparisonRequest, candidates: readonly VersionRef[]): number {
  const i = request.focus ? candidates.findIndex((c) => sameRef(c, request.focus!)) : -1;
  return Math.max(0, i);
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
    const candidates = candidatesOf(request);
    if (candidates.length === 0) throw new Error(`nothing to compare ${versionLabel(request.base)} with: give another version besides the base`);
    const dataset = await this.services.engine.resolveDataset([request.dataset], options.signal ? { signal: options.signal } : {});
    const params: CompareModelsParams = {
      base: request.base,
      candidates,
      dataset,
      ...(request.sliceBy ? { sliceBy: request.sliceBy } : {}),
    };
    const key = await comparisonKey(params);
    let result = options.force ? undefined : this.cache.get(key);
    const cached = result !== undefined;
    if (!result) {
      const what = candidates.length === 1 ? versionLabel(candidates[0]!) : `${candidates.length} versions`;
      const title = `Facetwise: comparing ${what} with ${versionLabel(request.base)} on ${dataset.name}`;
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
    const gates = result.report.comparisons.map((r) => evaluateGate(r, gate));
    const verdicts = result.report.comparisons.map((r, i) => `${r.candidate}: ${gates[i]!.decision} (${gates[i]!.decidedBy})`).join('; ');
    this.services.log.info(`Compared with ${result.report.base} on ${dataset.name}: ${verdicts}${cached ? ' [cache]' : ''}`);
    return { result, candidates, gates, gateConfigured: configured, elapsedMs: performance.now() - started, cached };
  }
}

function verdictOf(gate: GateResult, configured: boolean): GateVerdict {
  return { decision: gate.decision, reason: gate.reason, decidedBy: `${gate.decidedBy}${configured ? ' (gate from facetwise.modelGate)' : ' (default gate)'}` };
}

/** The panel's view of an outcome: every candidate's metrics and verdict, and the focused candidate in detail. */
export function comparisonView(request: ComparisonRequest, outcome: ComparisonOutcome, served: string | undefined): ComparisonView {
  const focus = Math.min(focusIndex(request, outcome.candidates), outcome.result.report.comparisons.length - 1);
  const r = outcome.result.report.comparisons[focus]!;
  const versions = versionsOf(request);
  const { scores, ...chart } = outcome.result.rows;
  const focusRef = outcome.candidates[focus]!;
  return {
    datasetName: path.basename(request.dataset),
    datasetPath: request.dataset,
    base: r.base,
    candidate: r.candidate,
    baseVersion: request.base.version,
    candidateVersion: focusRef.version,
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
    verdict: verdictOf(outcome.gates[focus]!, outcome.gateConfigured),
    versions: versions.map((v) => ({ name: versionLabel(v), version: v.version })),
    baseIndex: versions.findIndex((v) => sameRef(v, request.base)),
    candidates: outcome.result.report.comparisons.map((c, i) => ({
      name: c.candidate,
      version: outcome.candidates[i]!.version,
      metrics: c.metrics,
      verdict: verdictOf(outcome.gates[i]!, outcome.gateConfigured),
      worseSlices: c.worseSlices.length,
    })),
    candidateIndex: focus,
    panelState: { base: request.base, candidates: outcome.candidates, focus: focusRef, dataset: request.dataset },
    specFeatures: outcome.result.specFeatures,
    sliceBy: outcome.result.sliceBy,
    chart: { ...chart, base: scores[0]!, candidate: scores[focus + 1]! },
    rollBackTo: request.base.version,
    ...(served !== undefined ? { served } : {}),
    elapsedMs: outcome.elapsedMs,
    cached: outcome.cached,
  };
}
