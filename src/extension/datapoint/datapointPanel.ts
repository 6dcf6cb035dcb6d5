/**
 * One datapoint editor panel: reads the versions' feature specs and the dataset row (plus a sample) on the host,
 * hands the webview the model files (model.json or model.onnx) as resource URIs, and answers its requests (save a session). Inference itself
 * runs in the webview.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { WebBackendChoice } from '../../core/model/backendChoice.js';
import { readFeatureSpec, FEATURE_SPEC_FILE } from '../../core/model/featureSpec.js';
import type { ModelVersion } from '../../core/model/modelFolder.js';
import { resolveModelFolder } from '../../core/model/modelFolder.js';
import { ONNX_MODEL_FILE } from '../../core/model/onnx/onnxGraph.js';
import { defaultRuntimes } from '../../core/model/openModel.js';
import type { BackendTrialReport, DatapointInit, DatapointToHostMessage, HostToDatapointMessage, VersionInit } from '../../protocol/datapoint/datapointProtocol.js';
import { assertNever, parseDatapointToHost } from '../../protocol/datapoint/datapointProtocol.js';
import { createNonce } from '../overview/overviewHtml.js';
import { readConfig } from '../config.js';
import type { Services } from '../services.js';
import { buildDatapointHtml } from './datapointHtml.js';
import type { RowTarget } from './datapointData.js';
import { readDatapointRows } from './datapointData.js';

export const DATAPOINT_PANEL_TYPE = 'facetwise.datapointEditor';

export interface VersionRef {
  readonly label: string;
  readonly dir: string;
  readonly specFile: string;
  /** The runtime that reads the folder (`tfjs`, `onnx`). */
  readonly runtime: VersionInit['runtime'];
}

function runtimeOf(v: ModelVersion): VersionInit['runtime'] {
  return v.runtime.name === 'onnx' ? 'onnx' : 'tfjs';
}

/** A version folder path → its label (`taxi_model/1`) and spec, via the model folder above it when there is one. */
export async function resolveVersionFolder(dir: string): Promise<VersionRef> {
  const parent = dirname(dir);
  if (/^\d+$/.test(basename(dir))) {
    try {
      const folder = await resolveModelFolder(parent, defaultRuntimes);
      const v = folder.versions.find((x: ModelVersion) => x.dir === dir);
      if (v) return { label: `${folder.name}/${v.version}`, dir, specFile: v.specFile ?? `${dir}/${FEATURE_SPEC_FILE}`, runtime: runtimeOf(v) };
    } catch {
      // not a model folder: take the folder on its own below
    }
  }
  const folder = await resolveModelFolder(dir, defaultRuntimes);
  const v = folder.versions[0]!;
  if (folder.versions.length > 1 || v.dir !== folder.root) throw new Error(`${dir} holds several versions: pass one version folder (e.g. ${folder.versions[0]!.dir})`);
  return { label: folder.name, dir, specFile: v.specFile ?? `${dir}/${FEATURE_SPEC_FILE}`, runtime: runtimeOf(v) };
}

export interface DatapointPanelState {
  readonly versions: readonly string[];
  readonly dataset: string;
  readonly source: string;
  backend?: { readonly realtime: string; readonly batch: string; readonly trials: readonly BackendTrialReport[] };
  failure?: string;
}

export class DatapointPanel {
  readonly state: DatapointPanelState;
  private init: DatapointInit | undefined;

  private constructor(
    private readonly services: Services,
    readonly panel: vscode.WebviewPanel,
    state: DatapointPanelState,
  ) {
    this.state = state;
  }

  /** Reads everything the webview needs, then opens the panel. Errors (bad model, row out of range) are thrown. */
  static async open(services: Services, versions: readonly VersionRef[], dataset: string, target: RowTarget, signal: AbortSignal): Promise<DatapointPanel> {
    const specs = await Promise.all(versions.map((v) => readFeatureSpec(v.specFile)));
    const rows = await readDatapointRows(dataset, specs, target, { signal });
    const extensionUri = services.context.extensionUri;
    const panel = vscode.window.createWebviewPanel(DATAPOINT_PANEL_TYPE, `Explain: ${rows.row.source}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media'), ...versions.map((v) => vscode.Uri.file(v.dir))],
    });
    const self = new DatapointPanel(services, panel, { versions: versions.map((v) => v.label), dataset, source: rows.row.source });
    const webview = panel.webview;
    const backend: WebBackendChoice = readConfig().inferenceBackend;
    const versionInits: VersionInit[] = versions.map((v, i) => ({
      label: v.label,
      runtime: v.runtime,
      modelUrl: webview.asWebviewUri(vscode.Uri.file(`${v.dir}/${v.runtime === 'onnx' ? ONNX_MODEL_FILE : 'model.json'}`)).toString(),
      spec: specs[i]!,
    }));
    self.init = {
      type: 'init',
      versions: versionInits,
      features: rows.sample.columns.map((c) => c.name),
      ranges: rows.ranges,
      row: rows.row,
      datasetName: rows.datasetName,
      sample: rows.sample,
      backend,
      wasmBaseUrl: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist')).toString() + '/',
    };
    const nonce = createNonce();
    const css = vscode.Uri.joinPath(extensionUri, 'media', 'datapoint.css');
    webview.html = buildDatapointHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'datapoint.js')).toString(),
      styleUris: existsSync(css.fsPath) ? [webview.asWebviewUri(css).toString()] : [],
      nonce,
      title: `Explain ${rows.row.source}`,
    });
    const sub = webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseDatapointToHost(raw);
      if (!message) {
        services.log.warn('Datapoint editor: ignored a malformed message from the webview');
        return;
      }
      self.handle(message).catch((err: unknown) => services.log.error(`Datapoint editor: ${err instanceof Error ? err.message : String(err)}`));
    });
    panel.onDidDispose(() => sub.dispose());
    return self;
  }

  private post(message: HostToDatapointMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async handle(message: DatapointToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (this.init) this.post(this.init);
        return;
      case 'backend': {
        this.state.backend = { realtime: message.realtime, batch: message.batch, trials: message.trials };
        const table = message.trials.map((t) => `${t.name}: ${t.status}${t.reason ? ` (${t.reason})` : ''}${t.rowsPerSecond.some((v) => v !== null) ? ` — rows/s ${t.rowsPerSecond.map((v) => (v === null ? '–' : Math.round(v))).join(' / ')}` : ''}`);
        this.services.log.info(`Datapoint editor backends: edits on ${message.realtime}, batches on ${message.batch}\n  ${table.join('\n  ')}`);
        return;
      }
      case 'saveSession': {
        const target = await vscode.window.showSaveDialog({
          title: 'Save the datapoint session (JSON lines)',
          filters: { 'JSON lines': ['jsonl'] },
          defaultUri: vscode.Uri.file(`${dirname(this.state.dataset)}/datapoint-session.jsonl`),
        });
        if (!target) {
          this.post({ type: 'error', requestId: message.requestId, message: 'Not saved.' });
          return;
        }
        // A session is never written over a dataset (or anything that is not a .jsonl file).
        if (!/\.jsonl$/i.test(target.fsPath)) {
          this.post({ type: 'error', requestId: message.requestId, message: `Not saved: a session is a .jsonl file, not ${basename(target.fsPath)}.` });
          return;
        }
        try {
          await writeFile(target.fsPath, message.jsonl);
          this.post({ type: 'saved', requestId: message.requestId, path: target.fsPath });
        } catch (err) {
          this.post({ type: 'error', requestId: message.requestId, message: `Could not save: ${err instanceof Error ? err.message : String(err)}` });
        }
        return;
      }
      case 'failed':
        this.state.failure = message.message;
        this.services.log.error(`Datapoint editor: ${message.message}`);
        return;
      default:
        assertNever(message);
    }
  }
}
