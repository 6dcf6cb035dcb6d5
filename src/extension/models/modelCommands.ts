/**
 * The Models view's commands: Compare with…, Compare Versions (two selected), Evaluate on Dataset…, Open Feature
 * Spec, Reveal in Explorer, Roll Back to This Version, Open in Datapoint Editor…, Refresh; and Evaluate Model… on a
 * dataset in the Explorer.
 * Each takes a tree node (or, for automation and tests, a plain object naming folders and files).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AuditVerdict } from '../../core/model/servingConfig.js';
import type { EvaluationReport } from '../../core/model/evaluation.js';
import { metricValue, metricsByTask } from '../../core/model/metrics.js';
import type { VersionRef } from '../../protocol/models/compareJobProtocol.js';
import { isAbort, withCancellableProgress } from '../progress.js';
import type { Services } from '../services.js';
import type { ComparisonPanels } from './comparisonPanel.js';
import type { ComparisonOutcome, ComparisonRequest, ComparisonRunner } from './comparisonRunner.js';
import { candidatesOf, focusIndex, versionLabel } from './comparisonRunner.js';
import { pickBase } from './basePick.js';
import type { RecentDataset } from '../datasetPick.js';
import { pickDataset } from '../datasetPick.js';
import type { DatapointPanelState } from '../datapoint/datapointPanel.js';
import { OPEN_DATAPOINT_EDITOR } from '../datapoint/datapointCommand.js';
import type { ModelsNode, ModelsTree } from './modelsTree.js';
import { versionDescription } from './modelsTree.js';
import type { RollBackResult, RollBacks } from './rollBack.js';
import { servingConfigPath } from './modelSettings.js';
import { readServingState, servedText } from './servingState.js';

export const MODEL_COMMANDS = {
  refresh: 'facetwise.models.refresh',
  compareWith: 'facetwise.models.compareWith',
  compareVersions: 'facetwise.models.compareVersions',
  compare: 'facetwise.models.compare',
  evaluate: 'facetwise.models.evaluateOnDataset',
  evaluateDataset: 'facetwise.evaluateModel',
  openSpec: 'facetwise.models.openFeatureSpec',
  reveal: 'facetwise.models.revealInExplorer',
  rollBack: 'facetwise.models.rollBack',
  openGuide: 'facetwise.models.openGuide',
  openDatapoint: 'facetwise.models.openInDatapointEditor',
} as const;

/** One candidate's verdict against the base. */
export interface CandidateVerdictSummary {
  readonly candidate: string;
  readonly decision: string;
  readonly reason: string;
  readonly decidedBy: string;
  readonly worseSlices: number;
}

/**
 * What `facetwise.models.compare` returns (for automation and the integration tests): the top-level fields are the
 * first candidate's (the only one when two versions are compared); `candidates` has every candidate's verdict.
 */
export interface ComparisonSummary {
  readonly base: string;
  readonly candidates: readonly CandidateVerdictSummary[];
  readonly decision: string;
  readonly reason: string;
  readonly decidedBy: string;
  readonly metric: string;
  readonly rows: number;
  readonly worseSlices: ReadonlyArray<{ readonly feature: string; readonly value: string; readonly rows: number }>;
  readonly attributionFeatures: readonly string[];
  readonly cached: boolean;
  readonly elapsedMs: number;
}

function refOf(node: ModelsNode): VersionRef | undefined {
  return node.kind === 'version' && !node.version.error ? { root: node.model.root, version: node.version.version } : undefined;
}

function isRefLike(x: unknown): x is VersionRef {
  if (typeof x !== 'object' || x === null) return false;
  const { root, version } = x as { root?: unknown; version?: unknown };
  return typeof root === 'string' && (version === null || typeof version === 'number');
}

/** `{ base, candidate | candidates, dataset, focus? }` from automation: a request, or undefined when malformed. */
export function requestFromArgs(args: unknown): ComparisonRequest | undefined {
  if (typeof args !== 'object' || args === null) return undefined;
  const { base, candidate, candidates, dataset, focus } = args as { base?: unknown; candidate?: unknown; candidates?: unknown; dataset?: unknown; focus?: unknown };
  const list = Array.isArray(candidates) ? (candidates as unknown[]) : candidate !== undefined ? [candidate] : [];
  if (!isRefLike(base) || list.length === 0 || !list.every(isRefLike) || typeof dataset !== 'string') return undefined;
  if (focus !== undefined && !isRefLike(focus)) return undefined;
  return { base, candidates: list, dataset, ...(focus !== undefined ? { focus } : {}) };
}

function candidatesText(request: ComparisonRequest): string {
  const c = candidatesOf(request);
  return c.length === 1 ? versionLabel(c[0]!) : c.map(versionLabel).join(', ');
}

function isNode(x: unknown): x is ModelsNode {
  return typeof x === 'object' && x !== null && typeof (x as { kind?: unknown }).kind === 'string' && 'model' in x;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function evaluationMarkdown(r: EvaluationReport, dataset: string): string {
  const names = metricsByTask[r.task];
  const cell = (v: number | null): string => (v === null ? 'n/a' : v.toPrecision(4));
  let out = `# ${r.model} on ${path.basename(dataset)}\n\n${r.rows} rows evaluated (${r.skipped} skipped); task ${r.task}, label \`${r.label}\`.\n\n`;
  out += `| metric | value |\n|---|---|\n${names.map((n) => `| ${n} | ${cell(metricValue(r.overall, n))} |`).join('\n')}\n`;
  if (r.slices.length > 0) {
    out += `\n## Slices\n\n| slice | ${names.join(' | ')} |\n|---|${names.map(() => '---').join('|')}|\n`;
    out += r.slices.map((s) => `| ${s.feature}=${s.value.replace(/\|/g, '\\|')} | ${names.map((n) => cell(metricValue(s.metrics, n))).join(' | ')} |`).join('\n');
    out += '\n';
  }
  for (const issue of r.issues.slice(0, 5)) out += `\n> ${issue.message}\n`;
  return out;
}

export class ModelCommands {
  /** The dataset offered first: the last one picked in this view, or validated, whichever came last. */
  private recent: RecentDataset | undefined;
  /** The last comparison per base version (what a roll back to it records in the audit log). */
  private readonly outcomes = new Map<string, { request: ComparisonRequest; outcome: ComparisonOutcome }>();

  constructor(
    private readonly services: Services,
    private readonly tree: ModelsTree,
    private readonly runner: ComparisonRunner,
    private readonly panels: ComparisonPanels,
    private readonly rollBacks: RollBacks,
  ) {}

  register(): vscode.Disposable[] {
    const reg = (id: string, fn: (...args: unknown[]) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, fn);
    return [
      this.services.results.onDidChange((dataset) => (this.recent = { path: dataset, note: 'last validated' })),
      reg(MODEL_COMMANDS.refresh, () => this.tree.refresh()),
      reg(MODEL_COMMANDS.compareWith, (node) => this.compareWith(node)),
      reg(MODEL_COMMANDS.compareVersions, (node, selected, options) => this.compareVersions(node, selected, options)),
      reg(MODEL_COMMANDS.compare, (args) => this.compareFromArgs(args)),
      reg(MODEL_COMMANDS.evaluate, (node) => this.evaluate(node)),
      reg(MODEL_COMMANDS.evaluateDataset, (uri) => this.evaluateDataset(uri)),
      reg(MODEL_COMMANDS.openSpec, (node) => this.openSpec(node)),
      reg(MODEL_COMMANDS.reveal, (node) => this.reveal(node)),
      reg(MODEL_COMMANDS.rollBack, (arg) => this.rollBack(arg)),
      reg(MODEL_COMMANDS.openDatapoint, (arg, selected) => this.openInDatapointEditor(arg, selected)),
      // The README ships with the extension, so the guide opens offline.
      reg(MODEL_COMMANDS.openGuide, () => vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(this.services.context.extensionUri, 'README.md'))),
    ];
  }

  /** Runs a comparison and opens its panel; undefined when cancelled or failed (the user was told). */
  async compare(request: ComparisonRequest, options: { showPanel?: boolean; signal?: AbortSignal } = {}): Promise<ComparisonSummary | undefined> {
    let outcome: ComparisonOutcome;
    try {
      outcome = await this.runner.run(request, options.signal ? { signal: options.signal } : {});
    } catch (e) {
      if (isAbort(e)) throw e;
      void vscode.window.showErrorMessage(`Facetwise: comparing ${candidatesText(request)} with ${versionLabel(request.base)} failed: ${message(e)}`);
      return undefined;
    }
    this.outcomes.set(`${request.base.root}\0${request.base.version}`, { request, outcome });
    if (options.showPanel !== false) {
      const served = request.base.version !== null ? servedText(await readServingState(servingConfigPath(request.base.root), path.basename(request.base.root), [])) : undefined;
      this.panels.show(request, outcome, served);
    }
    const many = outcome.result.report;
    const r = many.comparisons[0]!;
    const gate = outcome.gates[0]!;
    return {
      base: many.base,
      candidates: many.comparisons.map((c, i) => ({ candidate: c.candidate, decision: outcome.gates[i]!.decision, reason: outcome.gates[i]!.reason, decidedBy: outcome.gates[i]!.decidedBy, worseSlices: c.worseSlices.length })),
      decision: gate.decision,
      reason: gate.reason,
      decidedBy: gate.decidedBy,
      metric: r.metric,
      rows: r.rows,
      worseSlices: r.worseSlices.map((s) => ({ feature: s.feature, value: s.value, rows: s.rows })),
      attributionFeatures: r.attributionChanges.map((a) => a.feature),
      cached: outcome.cached,
      elapsedMs: outcome.elapsedMs,
    };
  }

  private async compareFromArgs(args: unknown): Promise<ComparisonSummary | undefined> {
    const request = requestFromArgs(args);
    if (!request) throw new Error('facetwise.models.compare takes { base: { root, version }, candidate: { root, version } or candidates: [{ root, version }, …], dataset }');
    return this.compare(request, { showPanel: (args as { showPanel?: unknown }).showPanel !== false });
  }

  private async pickOther(node: ModelsNode & { kind: 'version' }): Promise<VersionRef | undefined> {
    const all = await this.tree.all();
    const items = all.flatMap(({ model, serving }) =>
      model.versions
        .filter((v) => v.dir !== node.version.dir && !v.error && v.task === node.version.task)
        .map((v) => ({
          label: v.version === null ? model.name : `v${v.version}`,
          description: `${model.name}${model.root === node.model.root ? '' : ` (${model.relativePath})`}`,
          detail: versionDescription(v, serving),
          ref: { root: model.root, version: v.version } as VersionRef,
          same: model.root === node.model.root,
        })),
    );
    items.sort((a, b) => Number(b.same) - Number(a.same));
    if (items.length === 0) {
      void vscode.window.showInformationMessage(`No other ${node.version.task ?? ''} model version to compare ${node.model.name} v${node.version.version} with.`);
      return undefined;
    }
    const choice = await vscode.window.showQuickPick(items, { title: `Compare ${node.model.name} ${node.version.version !== null ? `v${node.version.version}` : ''} with…`, placeHolder: 'The version to compare against (the base)' });
    return choice?.ref;
  }

  private async compareWith(node: unknown): Promise<ComparisonSummary | undefined> {
    if (!isNode(node) || node.kind !== 'version') return undefined;
    const candidate = refOf(node);
    if (!candidate) return undefined;
    const base = await this.pickOther(node);
    if (!base) return undefined;
    const dataset = await this.chooseDataset(`Compare ${versionLabel(candidate)} with ${versionLabel(base)} on…`);
    if (!dataset) return undefined;
    return this.compare({ base, candidates: [candidate], dataset: dataset.fsPath }).catch((e: unknown) => (isAbort(e) ? undefined : Promise.reject(e)));
  }

  /**
   * Compare Versions on the tree's selection: two versions compare the newer with the older; three or more ask
   * which one is the base (default: the served one, else the lowest). `options` (automation, tests) may name the
   * `dataset` and the `base` (one of the selection), skipping those picks.
   */
  private async compareVersions(node: unknown, selected: unknown, options?: unknown): Promise<ComparisonSummary | undefined> {
    const nodes = (Array.isArray(selected) ? selected : [node]).filter(isNode).map(refOf).filter((r): r is VersionRef => r !== undefined);
    if (nodes.length < 2) {
      void vscode.window.showInformationMessage(`Select two or more model versions to compare (${nodes.length} selected).`);
      return undefined;
    }
    const given = typeof options === 'object' && options !== null ? (options as { dataset?: unknown; base?: unknown }) : {};
    const chosen = isRefLike(given.base) ? nodes.find((n) => n.root === (given.base as VersionRef).root && n.version === (given.base as VersionRef).version) : undefined;
    let base: VersionRef | undefined = chosen;
    if (!base && nodes.length === 2) base = [...nodes].sort((a, b) => (a.version ?? -1) - (b.version ?? -1))[0];
    else if (!base) base = await pickBase(nodes);
    if (!base) return undefined;
    const candidates = candidatesOf({ base, candidates: nodes });
    const what = candidates.length === 1 ? versionLabel(candidates[0]!) : `${candidates.length} versions`;
    const dataset = typeof given.dataset === 'string' ? vscode.Uri.file(given.dataset) : await this.chooseDataset(`Compare ${what} with ${versionLabel(base)} on…`);
    if (!dataset) return undefined;
    return this.compare({ base, candidates, dataset: dataset.fsPath }).catch((e: unknown) => (isAbort(e) ? undefined : Promise.reject(e)));
  }

  /** The dataset quick pick, the recent one first; remembers the choice. */
  private async chooseDataset(title: string, placeHolder?: string): Promise<vscode.Uri | undefined> {
    const picked = await pickDataset(title, this.recent, placeHolder);
    if (picked) this.recent = { path: picked.fsPath, note: 'last used' };
    return picked;
  }

  /**
   * Open in Datapoint Editor: the version right-clicked (or every version selected), a dataset from the quick pick
   * (the last one used first), then the row, asked by the editor's own command. Automation passes
   * `{ root, version, dataset?, row? }` instead of a tree node.
   */
  async openInDatapointEditor(arg: unknown, selected?: unknown): Promise<DatapointPanelState | undefined> {
    let dirs: string[];
    let dataset: string | undefined;
    let row: number | undefined;
    if (isNode(arg)) {
      const nodes = (Array.isArray(selected) && selected.length > 1 ? selected : [arg]).filter(isNode);
      dirs = nodes.flatMap((n) => (n.kind === 'version' && !n.version.error ? [n.version.dir] : []));
    } else if (isRefLike(arg)) {
      const { root, version } = arg;
      dirs = [version === null ? root : path.join(root, String(version))];
      const o = arg as { dataset?: unknown; row?: unknown };
      if (typeof o.dataset === 'string') dataset = o.dataset;
      if (typeof o.row === 'number') row = o.row;
    } else dirs = [];
    if (dirs.length === 0) {
      void vscode.window.showInformationMessage('Open in Datapoint Editor needs a model version that loads (select one or more in the Models view).');
      return undefined;
    }
    const label = dirs.length === 1 ? path.relative(path.dirname(path.dirname(dirs[0]!)), dirs[0]!) : `${dirs.length} versions`;
    dataset ??= (await this.chooseDataset(`Explain ${label}: the dataset whose row to open`, 'The dataset whose row to explain'))?.fsPath;
    if (!dataset) return undefined;
    this.recent = { path: dataset, note: 'last used' };
    return vscode.commands.executeCommand<DatapointPanelState | undefined>(OPEN_DATAPOINT_EDITOR, { modelVersions: dirs, dataset, ...(row !== undefined ? { row } : {}) });
  }

  private async runEvaluation(model: VersionRef, dataset: vscode.Uri): Promise<EvaluationReport | undefined> {
    try {
      const info = await this.services.engine.resolveDataset([dataset.fsPath]);
      const report = await withCancellableProgress(`Facetwise: evaluating ${versionLabel(model)} on ${info.name}`, (signal, report) =>
        this.services.engine.evaluateModel({ model, dataset: info }, { signal, onProgress: (p) => report(p.total ? p.done / p.total : 0, p.message ?? '') }),
      );
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: evaluationMarkdown(report, dataset.fsPath) });
      await vscode.window.showTextDocument(doc, { preview: true });
      return report;
    } catch (e) {
      if (!isAbort(e)) void vscode.window.showErrorMessage(`Facetwise: evaluating ${versionLabel(model)} failed: ${message(e)}`);
      return undefined;
    }
  }

  private async evaluate(node: unknown): Promise<EvaluationReport | undefined> {
    if (!isNode(node)) return undefined;
    const model = refOf(node);
    if (!model) return undefined;
    const dataset = await this.chooseDataset(`Evaluate ${versionLabel(model)} on…`);
    return dataset ? this.runEvaluation(model, dataset) : undefined;
  }

  private async evaluateDataset(uri: unknown): Promise<EvaluationReport | undefined> {
    if (!(uri instanceof vscode.Uri)) return undefined;
    const all = await this.tree.all();
    const items = all.flatMap(({ model, serving }) =>
      model.versions.filter((v) => !v.error).map((v) => ({ label: `${model.name} ${v.version !== null ? `v${v.version}` : ''}`.trim(), detail: versionDescription(v, serving), ref: { root: model.root, version: v.version } as VersionRef })),
    );
    if (items.length === 0) {
      void vscode.window.showInformationMessage('No model found in the workspace: see the Models view for how to lay one out.');
      return undefined;
    }
    const choice = await vscode.window.showQuickPick(items, { title: `Evaluate a model on ${path.basename(uri.fsPath)}`, placeHolder: 'The model version to evaluate' });
    return choice ? this.runEvaluation(choice.ref, uri) : undefined;
  }

  private async openSpec(node: unknown): Promise<void> {
    if (!isNode(node) || node.kind !== 'version') return;
    const spec = node.version.specFile;
    if (!spec) {
      void vscode.window.showInformationMessage(`${node.model.name} v${node.version.version} has no feature_spec.json: write one with \`facetwise model init\` (see the README's "Bring your model").`);
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.file(spec), { preview: true });
  }

  private async reveal(node: unknown): Promise<void> {
    if (!isNode(node)) return;
    const dir = node.kind === 'version' ? node.version.dir : node.kind === 'model' ? node.model.root : undefined;
    if (dir) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(dir));
  }

  private verdictFor(ref: VersionRef): AuditVerdict | undefined {
    const hit = this.outcomes.get(`${ref.root}\0${ref.version}`);
    if (!hit) return undefined;
    const { outcome, request } = hit;
    // With several candidates, the audit records the verdict on the one the panel details.
    const i = Math.min(focusIndex(request, outcome.candidates), outcome.gates.length - 1);
    const r = outcome.result.report.comparisons[i]!;
    const gate = outcome.gates[i]!;
    const primary = r.metrics.find((m) => m.metric === r.metric);
    return {
      decision: gate.decision,
      reason: gate.reason,
      decidedBy: gate.decidedBy,
      metric: r.metric,
      base: primary?.base ?? null,
      candidate: primary?.candidate ?? null,
      delta: primary?.delta ?? null,
      ci: primary?.ci ?? null,
      dataset: request.dataset,
    };
  }

  /** Roll Back to This Version: a tree node, or `{ root, version, confirm? }`. */
  async rollBack(arg: unknown): Promise<RollBackResult | undefined> {
    let ref: VersionRef | undefined;
    let confirm: boolean | undefined;
    if (isNode(arg)) ref = refOf(arg);
    else if (isRefLike(arg)) {
      ref = { root: arg.root, version: arg.version };
      const c = (arg as { confirm?: unknown }).confirm;
      if (typeof c === 'boolean') confirm = c;
    }
    if (!ref || ref.version === null) {
      void vscode.window.showInformationMessage('Roll back needs a numbered version folder (TF Serving serves model/1, model/2, …).');
      return undefined;
    }
    const verdict = this.verdictFor(ref);
    try {
      const result = await this.rollBacks.rollBack({ modelRoot: ref.root, toVersion: ref.version, ...(verdict ? { verdict } : {}) }, confirm !== undefined ? { confirm } : {});
      this.tree.refresh();
      return result;
    } catch (e) {
      void vscode.window.showErrorMessage(`Facetwise: roll back failed: ${message(e)}`);
      return undefined;
    }
  }
}
