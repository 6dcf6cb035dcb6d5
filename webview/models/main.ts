/**
 * Entry of the model comparison webview (bundled to dist/webview/models.js): says `ready`, renders what the host
 * posts with comparisonView.ts, keeps the UI state (chosen slice) and what is compared (the chosen base, the
 * candidate detailed: the view's panelState) with setState so the panel survives a reload,
 * and turns clicks and Enter/Space on `data-action` elements into messages to the host or a re-render.
 */
import type { ComparisonPanelState, ComparisonToHostMessage, ComparisonView, HostToComparisonMessage } from '../../src/protocol/models/comparisonProtocol.js';
import { parseHostToComparisonMessage } from '../../src/protocol/models/comparisonProtocol.js';
import { mountView } from '../shared/mountView.js';
import { vscodeApi } from '../shared/vscodeApi.js';
import type { ComparisonUiState } from './comparisonView.js';
import { comparisonPage } from './comparisonView.js';

type SavedState = Partial<ComparisonPanelState> & { readonly ui?: ComparisonUiState };

const api = vscodeApi<ComparisonToHostMessage, SavedState>();
const root = document.getElementById('models-root') ?? document.body;
// The host embeds what the panel compares (for the serializer); kept with the UI state.
const embedded = ((): Partial<ComparisonPanelState> => {
  try {
    return JSON.parse(root.dataset['panel'] ?? '{}') as Partial<ComparisonPanelState>;
  } catch {
    return {};
  }
})();
const saved = api.getState() as SavedState | undefined;
let ui: ComparisonUiState = saved?.ui?.slice && typeof saved.ui.slice.feature === 'string' && typeof saved.ui.slice.value === 'string' ? { slice: saved.ui.slice } : {};
let view: ComparisonView | undefined;
let nextRequestId = 1;
let pending: number | undefined;

function save(): void {
  // What the panel compares now (the base the user chose included), else what the host embedded.
  api.setState({ ...(view?.panelState ?? embedded), ui: ui.slice ? { slice: ui.slice } : {} });
}

/** Where the focus was, to put it back after a re-render (elements are rebuilt). */
function focusKey(el: Element | null): string | undefined {
  if (!(el instanceof HTMLElement)) return undefined;
  if (el.id) return `#${el.id}`;
  const action = el.dataset['action'];
  if (!action) return undefined;
  return `[data-action="${action}"]${el.dataset['feature'] !== undefined ? `[data-feature="${CSS.escape(el.dataset['feature'])}"]` : ''}${el.dataset['value'] !== undefined ? `[data-value="${CSS.escape(el.dataset['value'])}"]` : ''}${el.dataset['position'] !== undefined ? `[data-position="${CSS.escape(el.dataset['position'])}"]` : ''}${el.dataset['index'] !== undefined ? `[data-index="${CSS.escape(el.dataset['index'])}"]` : ''}`;
}

function render(): void {
  const key = focusKey(document.activeElement);
  const scroll = window.scrollY;
  root.replaceChildren(mountView(comparisonPage(view, ui)));
  root.setAttribute('aria-busy', view ? 'false' : 'true');
  if (key) (root.querySelector(key) as HTMLElement | null)?.focus({ preventScroll: true });
  window.scrollTo(0, scroll);
  save();
}

function act(el: HTMLElement): void {
  switch (el.dataset['action']) {
    case 'rollBack': {
      const version = Number(el.dataset['version']);
      if (Number.isSafeInteger(version)) api.postMessage({ type: 'rollBack', version });
      return;
    }
    case 'rerun':
      pending = nextRequestId++;
      ui = { ...ui, busy: 'Comparing again…', error: undefined, notice: undefined };
      render();
      api.postMessage({ type: 'rerun', requestId: pending });
      return;
    case 'slice': {
      const feature = el.dataset['feature'] ?? '';
      const value = el.dataset['value'] ?? '';
      const same = ui.slice?.feature === feature && ui.slice.value === value;
      ui = { ...ui, slice: same ? undefined : { feature, value } };
      render();
      return;
    }
    case 'showCandidate': {
      const index = Number(el.dataset['index']);
      if (!Number.isSafeInteger(index) || index === view?.candidateIndex) return;
      pending = nextRequestId++;
      ui = { busy: `Showing ${el.dataset['candidate'] ?? 'the candidate'}…` };
      render();
      api.postMessage({ type: 'showCandidate', requestId: pending, index });
      return;
    }
    case 'clearSlice':
      ui = { ...ui, slice: undefined };
      render();
      return;
    case 'revealRow': {
      const shard = Number(el.dataset['shard']);
      const position = Number(el.dataset['position']);
      if (Number.isSafeInteger(shard) && Number.isSafeInteger(position)) api.postMessage({ type: 'revealRow', shard, position });
      return;
    }
    default:
      return;
  }
}

root.addEventListener('click', (e) => {
  const el = (e.target as Element | null)?.closest('[data-action]');
  if (el instanceof HTMLElement && el.tagName !== 'SELECT') act(el);
});
root.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const el = e.target as HTMLElement | null;
  // Buttons activate themselves on Enter/Space (a click event); rows with role=button need this.
  if (el && el.getAttribute('role') === 'button' && el.dataset['action']) {
    e.preventDefault();
    act(el);
  }
});
root.addEventListener('change', (e) => {
  const el = e.target as HTMLSelectElement | null;
  if (el?.dataset['action'] === 'setBase') {
    const index = Number(el.value);
    if (!Number.isSafeInteger(index)) return;
    pending = nextRequestId++;
    ui = { busy: `Comparing every version with ${el.selectedOptions[0]?.textContent ?? 'the new base'}…` };
    render();
    api.postMessage({ type: 'setBase', requestId: pending, index });
    return;
  }
  if (!el || el.dataset['action'] !== 'sliceFeature') return;
  pending = nextRequestId++;
  ui = { busy: el.value ? `Slicing by ${el.value}…` : 'Slicing by the categorical features…' };
  render();
  api.postMessage(el.value ? { type: 'sliceBy', requestId: pending, feature: el.value } : { type: 'rerun', requestId: pending });
});

function handle(msg: HostToComparisonMessage): void {
  switch (msg.type) {
    case 'comparison': {
      view = msg.view;
      if (msg.requestId === undefined || msg.requestId === pending) pending = undefined;
      ui = { ...ui, busy: undefined, error: undefined };
      render();
      return;
    }
    case 'progress':
      ui = { ...ui, busy: msg.fraction !== undefined ? `${msg.message} (${Math.round(msg.fraction * 100)}%)` : msg.message };
      render();
      return;
    case 'rolledBack':
      if (view) view = { ...view, served: `served: v${msg.version}` };
      ui = { ...ui, notice: msg.message };
      render();
      return;
    case 'error':
      if (msg.requestId === undefined || msg.requestId === pending) pending = undefined;
      ui = { ...ui, busy: undefined, error: msg.message };
      render();
      return;
    default: {
      const never: never = msg;
      return never;
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = parseHostToComparisonMessage(event.data);
  if (msg) handle(msg);
});
render();
api.postMessage({ type: 'ready' });
