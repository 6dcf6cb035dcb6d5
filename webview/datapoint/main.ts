/**
 * The datapoint editor webview's entry: says `ready`, takes `init`, loads every version's model through webview
 * resource URIs (TensorFlow.js or ONNX), runs the backend trials (parity gate vs wasm, measured speed) and hands over to the page.
 */
import { chooseBackends } from '../../src/core/model/backendChoice.js';
import type { BackendDecision } from '../../src/core/model/backendChoice.js';
import type { DatapointInit, DatapointToHostMessage, HostToDatapointMessage } from '../../src/protocol/datapoint/datapointProtocol.js';
import { vscodeApi } from '../shared/vscodeApi.js';
import { DatapointEditor } from './editorPage.js';
import { sampleRecords } from './sampleRecords.js';
import { EditorBackends } from './editorBackends.js';
import { configureOnnx } from './onnxWebModel.js';
import { configureBackends, precheck, startTfjs, tfjsCandidates, useBackend } from './tfjsBackends.js';
import { combinedModel, loadWebModel } from './webModels.js';
import type { WebModel } from './webModels.js';

const api = vscodeApi<DatapointToHostMessage, undefined>();
let editor: DatapointEditor | undefined;
let started = false;

function status(text: string, error = false): void {
  const el = document.getElementById('dp-status');
  if (!el) return;
  el.textContent = text;
  el.className = error ? 'dp-status dp-problem' : 'dp-status';
  if (error) el.setAttribute('role', 'alert');
}

/** Up to 64 sample rows, every version's transformed row side by side: the parity probe. */
function probeBatch(init: DatapointInit, models: readonly WebModel[], width: number): { batch: Float32Array; rows: number } {
  const records = sampleRecords(init.sample.rows, init.sample.columns).slice(0, 64);
  const rows = Math.max(1, records.length);
  const batch = new Float32Array(rows * width);
  records.forEach((r, i) => {
    let at = i * width;
    for (const m of models) {
      m.transform.transformRecord(r, batch, at);
      at += m.transform.width;
    }
  });
  return { batch, rows };
}

async function start(init: DatapointInit): Promise<void> {
  configureBackends(init.wasmBaseUrl);
  configureOnnx(init.wasmBaseUrl);
  if (init.versions.some((v) => v.runtime === 'tfjs')) {
    status('Starting TensorFlow.js…');
    await useBackend('cpu');
  }
  status(`Loading ${init.versions.map((v) => v.label).join(', ')}…`);
  const models = await Promise.all(init.versions.map(loadWebModel));
  const combined = combinedModel(models);
  const probe = probeBatch(init, models, combined.width);
  const backends = new EditorBackends(models, { precheck, startTfjs, tfjsCandidates, useBackend });
  status(`Checking and timing the ${backends.runtimes} backends (WebGPU, WebGL, wasm, cpu)…`);
  const decision: BackendDecision = await chooseBackends(backends.candidates(combined.predict), { choice: init.backend, probe: probe.batch, probeRows: probe.rows, width: combined.width });
  api.postMessage({
    type: 'backend',
    realtime: decision.realtime,
    batch: decision.batch,
    trials: decision.trials.map((t) => ({
      name: t.name,
      status: t.status,
      reason: t.reason,
      ...(t.maxAbsDiff !== undefined && Number.isFinite(t.maxAbsDiff) ? { maxAbsDiff: t.maxAbsDiff } : {}),
      rowsPerSecond: [1, 1000, 10000].map((n) => t.rowsPerSecond?.[n] ?? null),
    })),
  });
  editor = new DatapointEditor(init, models, decision, backends, (m) => api.postMessage(m));
  await editor.start();
}

window.addEventListener('message', (event: MessageEvent<HostToDatapointMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      if (started) return;
      started = true;
      start(message).catch((err: unknown) => {
        const text = err instanceof Error ? err.message : String(err);
        status(`The datapoint editor could not start: ${text}`, true);
        api.postMessage({ type: 'failed', message: text });
      });
      return;
    case 'saved':
      editor?.saved(message.path);
      return;
    case 'error':
      status(message.message, true);
      return;
    default: {
      const never: never = message;
      void never;
    }
  }
});

api.postMessage({ type: 'ready' });
