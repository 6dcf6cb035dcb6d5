/**
 * Entry of the dataset comparison page (bundled to dist/webview/compare.js). Inside VS Code it speaks the compare
 * protocol with the host (says `ready`, shows each `comparison`, sends Set threshold); in the offline HTML report
 * (`facetwise compare --html`) there is no host: it reads the data embedded in the page and shows it read-only.
 */
import { parseCompareReportData, parseHostToCompareMessage } from '../../src/protocol/compare/compareProtocol.js';
import type { CompareToHostMessage, HostToCompareMessage } from '../../src/protocol/compare/compareProtocol.js';
import { vscodeApi } from '../shared/vscodeApi.js';
import { ComparePage } from './comparePage.js';
import type { CompareUiState } from './compareState.js';
import { restoreState } from './compareState.js';

const root = document.getElementById('compare-root') ?? document.body;
const embedded = document.getElementById('compare-data');

function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

if (embedded) {
  // The offline report: no host, nothing to send.
  const data = parseCompareReportData(JSON.parse(embedded.textContent ?? 'null') as unknown);
  const page = new ComparePage(root, restoreState(undefined), { onStateChange: () => undefined });
  if (data) page.show(fromBase64(data.stats), data.model, { canSetThreshold: false, ...(data.schemaName ? { schemaName: data.schemaName } : {}), ...(data.timeline ? { timeline: data.timeline } : {}) });
  else page.setStatus('The report holds no readable comparison.');
} else {
  const api = vscodeApi<CompareToHostMessage, CompareUiState>();
  let nextId = 1;
  let pending: number | undefined;
  let pendingKind: 'threshold' | 'reference' = 'threshold';
  const page = new ComparePage(root, restoreState(api.getState()), {
    onStateChange: (state) => api.setState(state),
    onSetThreshold: (request) => {
      pending = nextId++;
      pendingKind = 'threshold';
      api.postMessage({ type: 'setThreshold', requestId: pending, ...request });
    },
    onSetReference: (reference) => {
      pending = nextId++;
      pendingKind = 'reference';
      api.postMessage({ type: 'setReference', requestId: pending, reference });
    },
  });
  const handle = (msg: HostToCompareMessage): void => {
    switch (msg.type) {
      case 'comparison': {
        const start = performance.now();
        page.show(msg.stats, msg.model, {
          canSetThreshold: msg.canSetThreshold,
          inputs: msg.inputs,
          ...(msg.schemaName ? { schemaName: msg.schemaName } : {}),
          ...(msg.note ? { note: msg.note } : {}),
          ...(msg.timeline ? { timeline: msg.timeline } : {}),
        });
        if (msg.requestId !== undefined && msg.requestId === pending) {
          page.setStatus(pendingKind === 'reference' ? `Every span measured against ${msg.timeline?.spans[msg.timeline.reference]?.name ?? 'the reference'}.` : 'Threshold written to the schema; comparators checked again.');
          pending = undefined;
        } else if (msg.requestId === undefined) page.setStatus('');
        requestAnimationFrame(() => {
          void document.body.offsetHeight;
          performance.measure('compare:firstFrame', { start });
        });
        return;
      }
      case 'progress':
        page.setStatus(msg.message);
        return;
      case 'error':
        page.setStatus(msg.message);
        if (msg.requestId === pending) pending = undefined;
        return;
      default: {
        const never: never = msg;
        void never;
      }
    }
  };
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const msg = parseHostToCompareMessage(event.data);
    if (msg) handle(msg);
    else console.warn('compare: ignoring a malformed message');
  });
  api.postMessage({ type: 'ready' });
}
