/**
 * The model comparison panel: one webview per (set of versions, dataset), revealed again when already open. It
 * speaks the comparison protocol (ready → comparison; rerun / setBase / showCandidate / sliceBy / revealRow /
 * rollBack from the webview, validated as untrusted input) and is restored after a reload by the serializer from
 * the webview's saved state (the chosen base included), which is checked again before anything is read.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { VersionRef } from '../../protocol/models/compareJobProtocol.js';
import type { ComparisonPanelState, ComparisonToHostMessage, ComparisonView, HostToComparisonMessage } from '../../protocol/models/comparisonProtocol.js';
import { parseComparisonToHostMessage } from '../../protocol/models/comparisonProtocol.js';
import { isAbort } from '../progress.js';
import type { Services } from '../services.js';
import { buildComparisonHtml } from './comparisonHtml.js';
import type { ComparisonOutcome, ComparisonRequest, ComparisonRunner } from './comparisonRunner.js';
import { candidatesOf, comparisonView, sameRef, versionLabel, versionsOf } from './comparisonRunner.js';
import type { RollBacks } from './rollBack.js';
import { servingConfigPath } from './modelSettings.js';
import { readServingState, servedText } from './servingState.js';

export const COMPARISON_PANEL_TYPE = 'facetwise.modelComparison';

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A version reference from untrusted state: an existing folder holding a model.json or a model.onnx. */
function checkRef(raw: unknown): VersionRef | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { root, version } = raw as { root?: unknown; version?: unknown };
  if (typeof root !== 'string' || !path.isAbsolute(root)) return undefined;
  if (version !== null && !(typeof version === 'number' && Number.isSafeInteger(version) && version >= 0)) return undefined;
  const dir = version === null ? root : path.join(root, String(version));
  return existsSync(path.join(dir, 'model.json')) || existsSync(path.join(dir, 'model.onnx')) ? { root, version } : undefined;
}

/** Versions a panel may compare at once (a saved state naming more is not restored). */
const MAX_VERSIONS = 32;

export function checkPanelState(raw: unknown): ComparisonRequest | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const s = raw as Partial<Record<keyof ComparisonPanelState | 'candidate', unknown>>;
  const base = checkRef(s.base);
  // A state saved before many versions names one `candidate`.
  const rawCandidates = Array.isArray(s.candidates) ? s.candidates : s.candidate !== undefined ? [s.candidate] : [];
  if (rawCandidates.length === 0 || rawCandidates.length > MAX_VERSIONS) return undefined;
  const candidates = rawCandidates.map(checkRef);
  const dataset = s.dataset;
  if (!base || candidates.some((c) => c === undefined) || typeof dataset !== 'string' || !path.isAbsolute(dataset)) return undefined;
  try {
    if (!statSync(dataset).isFile()) return undefined;
  } catch {
    return undefined;
  }
  const others = candidatesOf({ base, candidates: candidates as VersionRef[] });
  if (others.length === 0) return undefined;
  const focus = s.focus !== undefined ? checkRef(s.focus) : undefined;
  return { base, candidates: others, dataset, ...(focus && others.some((c) => sameRef(c, focus)) ? { focus } : {}) };
}

/** Served-state text for the panel (`served: v2 (stable)`), from the model's TF Serving config. */
async function servedFor(ref: VersionRef): Promise<string | undefined> {
  if (ref.version === null) return undefined;
  const state = await readServingState(servingConfigPath(ref.root), path.basename(ref.root), []);
  return servedText(state);
}

class ComparisonSession {
  private ready = false;
  private view: ComparisonView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly abort = new AbortController();
  /** When the user pressed Compare (for the first-paint measurement). */
  readonly startedAt = performance.now();

  constructor(
    readonly panel: vscode.WebviewPanel,
    public request: ComparisonRequest,
    private readonly runner: ComparisonRunner,
    rollBacks: RollBacks,
    services: Services,
    onDispose: () => void,
  ) {
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseComparisonToHostMessage(raw);
        if (!msg) {
          services.log.warn(`Comparison panel: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
          return;
        }
        void this.handle(msg);
      }),
      panel.onDidDispose(() => {
        this.abort.abort(new DOMException('Panel closed', 'AbortError'));
        for (const d of this.disposables) d.dispose();
        onDispose();
      }),
      rollBacks.onDidWrite((e) => {
        if (versionsOf(this.request).some((v) => v.root === e.modelRoot)) void this.refreshServed();
      }),
    );
  }

  /** Sets (or replaces) what the panel shows; posts it once the webview is ready. */
  show(outcome: ComparisonOutcome, served: string | undefined, requestId?: number): void {
    this.view = comparisonView(this.request, outcome, served);
    if (this.ready) this.post({ type: 'comparison', view: this.view, ...(requestId !== undefined ? { requestId } : {}) });
  }

  get shownView(): ComparisonView | undefined {
    return this.view;
  }

  private post(msg: HostToComparisonMessage): void {
    void this.panel.webview.postMessage(msg);
  }

  private async refreshServed(): Promise<void> {
    if (!this.view) return;
    const served = await servedFor(this.request.base);
    this.view = { ...this.view, ...(served !== undefined ? { served } : {}) };
    if (this.ready) this.post({ type: 'comparison', view: this.view });
  }

  async compute(options: { force?: boolean; requestId?: number }): Promise<void> {
    try {
      const outcome = await this.runner.run(this.request, {
        ...(options.force ? { force: true } : {}),
        signal: this.abort.signal,
        onProgress: (message, fraction) => this.ready && this.post({ type: 'progress', message, fraction }),
      });
      this.show(outcome, await servedFor(this.request.base), options.requestId);
    } catch (e) {
      if (isAbort(e)) {
        this.post({ type: 'error', message: 'The comparison was cancelled. Press Re-run Comparison to start it again.', ...(options.requestId !== undefined ? { requestId: options.requestId } : {}) });
        return;
      }
      this.post({ type: 'error', message: errorText(e), ...(options.requestId !== undefined ? { requestId: options.requestId } : {}) });
    }
  }

  private async handle(msg: ComparisonToHostMessage): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        if (this.view) this.post({ type: 'comparison', view: this.view });
        return;
      case 'rerun': {
        const { sliceBy: _drop, ...rest } = this.request;
        this.request = rest;
        await this.compute({ force: true, requestId: msg.requestId });
        return;
      }
      case 'setBase': {
        const versions = versionsOf(this.request);
        const base = versions[msg.index];
        if (!base) {
          this.post({ type: 'error', requestId: msg.requestId, message: `There is no version ${msg.index} in this comparison.` });
          return;
        }
        // The old base becomes a candidate; the detailed candidate stays when it is not the new base.
        const focus = this.request.focus && !sameRef(this.request.focus, base) ? this.request.focus : undefined;
        const { focus: _f, ...rest } = this.request;
        this.request = { ...rest, base, candidates: versions.filter((v) => !sameRef(v, base)), ...(focus ? { focus } : {}) };
        this.updateTitle();
        await this.compute({ requestId: msg.requestId });
        return;
      }
      case 'showCandidate': {
        const focus = candidatesOf(this.request)[msg.index];
        if (!focus) {
          this.post({ type: 'error', requestId: msg.requestId, message: `There is no candidate ${msg.index} in this comparison.` });
          return;
        }
        this.request = { ...this.request, focus };
        this.updateTitle();
        await this.compute({ requestId: msg.requestId });
        return;
      }
      case 'sliceBy':
        if (!this.view?.specFeatures.includes(msg.feature)) {
          this.post({ type: 'error', requestId: msg.requestId, message: `${msg.feature} is not a feature of either version's spec.` });
          return;
        }
        this.request = { ...this.request, sliceBy: [msg.feature] };
        await this.compute({ requestId: msg.requestId });
        return;
      case 'revealRow':
        await this.revealRow(msg.shard, msg.position);
        return;
      case 'rollBack': {
        const target = versionsOf(this.request).find((v) => v.version === msg.version);
        if (!target) return;
        await vscode.commands.executeCommand('facetwise.models.rollBack', { root: target.root, version: msg.version, fromPanel: true });
        return;
      }
      default: {
        const never: never = msg;
        return never;
      }
    }
  }

  updateTitle(): void {
    this.panel.title = panelTitle(this.request);
  }

  private async revealRow(shard: number, position: number): Promise<void> {
    const chart = this.view?.chart;
    const file = chart?.sources[shard];
    if (!chart || !file) return;
    if (chart.positionKind === 'line') {
      const line = Math.max(0, position - 1);
      await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(line, 0, line, 0), viewColumn: vscode.ViewColumn.Beside, preview: true });
    } else {
      void vscode.window.showInformationMessage(`Record ${position} of ${path.basename(file)} (0-based); Facetwise shows TFRecord records in the dataset overview.`);
    }
  }
}

function panelTitle(request: ComparisonRequest): string {
  const candidates = candidatesOf(request);
  return candidates.length === 1 ? `Compare ${versionLabel(candidates[0]!)} vs ${versionLabel(request.base)}` : `Compare ${candidates.length} versions vs ${versionLabel(request.base)}`;
}

/** The same set of versions on the same dataset (whichever is the base): one panel. */
function sameSet(a: ComparisonRequest, b: ComparisonRequest): boolean {
  const va = versionsOf(a);
  const vb = versionsOf(b);
  return a.dataset === b.dataset && va.length === vb.length && va.every((v, i) => sameRef(v, vb[i]!));
}

export class ComparisonPanels {
  private readonly sessions = new Set<ComparisonSession>();

  constructor(
    private readonly services: Services,
    private readonly runner: ComparisonRunner,
    private readonly rollBacks: RollBacks,
  ) {}

  private create(panel: vscode.WebviewPanel, request: ComparisonRequest): ComparisonSession {
    const ext = this.services.context.extensionUri;
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(ext, 'dist', 'webview'), vscode.Uri.joinPath(ext, 'media')] };
    const state: ComparisonPanelState = { base: request.base, candidates: candidatesOf(request), dataset: request.dataset, ...(request.focus ? { focus: request.focus } : {}) };
    panel.title = panelTitle(request);
    panel.webview.html = buildComparisonHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(ext, 'dist', 'webview', 'models.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(ext, 'media', 'models.css')).toString(),
      title: panel.title,
      panelState: JSON.stringify(state),
    });
    const session = new ComparisonSession(panel, request, this.runner, this.rollBacks, this.services, () => this.sessions.delete(session));
    this.sessions.add(session);
    return session;
  }

  /** Opens (or reveals) the panel for a computed comparison. */
  show(request: ComparisonRequest, outcome: ComparisonOutcome, served: string | undefined): vscode.WebviewPanel {
    const existing = [...this.sessions].find((s) => sameSet(s.request, request));
    if (existing) {
      existing.request = request;
      existing.updateTitle();
      existing.show(outcome, served);
      existing.panel.reveal();
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(COMPARISON_PANEL_TYPE, 'Compare', vscode.ViewColumn.Active, { enableScripts: true, enableFindWidget: true, retainContextWhenHidden: true });
    const session = this.create(panel, request);
    session.show(outcome, served);
    return panel;
  }

  /** After a reload: checks the saved state, then compares again (from the cache when it still holds it). */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const request = checkPanelState(state);
    if (!request) {
      panel.webview.options = { enableScripts: false };
      panel.webview.html = '<!DOCTYPE html><html><body><p>This comparison could not be restored: its models or dataset are no longer where they were. Compare the versions again from the Models view.</p></body></html>';
      return;
    }
    const session = this.create(panel, request);
    await session.compute({});
  }

  /** The views the open panels show (integration tests). */
  views(): ComparisonView[] {
    return [...this.sessions].map((s) => s.shownView).filter((v): v is ComparisonView => v !== undefined);
  }
}
