/**
 * Entry of the dataset overview webview (bundled to dist/webview/overview.js). Wires VS Code's webview API to the
 * page: restores the UI state, says `ready`, decodes the statistics / anomalies the host posts, and forwards the
 * user's actions (reveal a feature, validate).
 */
import { fromBinary } from '@bufbuild/protobuf';
import { AnomaliesSchema } from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { DatasetFeatureStatisticsListSchema } from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseHostToOverviewMessage } from '../../src/protocol/overview/overviewProtocol.js';
import type { HostToOverviewMessage, OverviewToHostMessage } from '../../src/protocol/overview/overviewProtocol.js';
import { vscodeApi } from '../shared/vscodeApi.js';
import { indexAnomalies } from './anomalyModel.js';
import type { AnomalyIndex } from './anomalyModel.js';
import { datasetSummary } from './featureModel.js';
import type { DatasetSummary } from './featureModel.js';
import { OverviewPage } from './overviewPage.js';
import { restoreUiState } from './overviewState.js';
import type { OverviewUiState } from './overviewState.js';
import { isGridMessage, parseHostToGridMessage } from '../../src/protocol/grid/gridProtocol.js';
import type { GridToHostMessage } from '../../src/protocol/grid/gridProtocol.js';
import { mountRows } from '../grid/mountRows.js';
import { listenForChartClicks } from '../grid/chartClicks.js';
import { SchemaHeader } from './schemaHeader.js';

/**
 * The saved state: the UI state plus the dataset's path, which the host puts in the page (`data-dataset`) so that
 * it can restore the panel after a reload (it checks the path again then).
 */
type SavedState = OverviewUiState & { readonly dataset?: string };

const api = vscodeApi<OverviewToHostMessage, SavedState>();
const root = document.getElementById('overview-root') ?? document.body;
const datasetPath = root.dataset['dataset'];
const saveState = (state: OverviewUiState): void => api.setState(datasetPath !== undefined ? { ...state, dataset: datasetPath } : state);

let pendingValidation: number | undefined;
let nextRequestId = 1;

const initialState = restoreUiState(api.getState());
// Saved at once (not only on the first UI change) so a panel the user never touched is restored too.
saveState(initialState);
const page = new OverviewPage(root, initialState, {
  onStateChange: saveState,
  onReveal: (row) => api.postMessage({ type: 'revealFeature', feature: row.name, path: row.path }),
  onValidate: () => {
    pendingValidation = nextRequestId++;
    page.setValidating(true);
    page.setError(undefined);
    api.postMessage({ type: 'validate', requestId: pendingValidation });
  },
});

// The header's schema line and Compare Dataset with… (schemaHeader.ts).
const schemaHeader = new SchemaHeader(root, (request) => api.postMessage(request));

// The Rows tab (webview/grid): its messages share this channel, prefixed `grid/`.
const rows = mountRows(root, (m) => vscodeApi<GridToHostMessage, unknown>().postMessage(m));
let shownSummary: DatasetSummary | undefined;
listenForChartClicks(root, () => shownSummary, (expression) => rows.filter(expression));

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function decodeStatistics(bytes: Uint8Array, fallbackName: string): DatasetSummary {
  const list = fromBinary(DatasetFeatureStatisticsListSchema, bytes);
  const first = list.datasets[0];
  if (!first) throw new Error('The statistics hold no dataset.');
  return datasetSummary(first, fallbackName);
}

function decodeAnomalies(bytes: Uint8Array): AnomalyIndex {
  return indexAnomalies(fromBinary(AnomaliesSchema, bytes));
}

function endValidation(requestId: number | undefined): void {
  if (requestId !== undefined && requestId === pendingValidation) {
    pendingValidation = undefined;
    page.setValidating(false);
  }
}

function handle(msg: HostToOverviewMessage): void {
  switch (msg.type) {
    case 'statistics': {
      const start = performance.now();
      let summary: DatasetSummary;
      let anomalies: AnomalyIndex | undefined;
      try {
        summary = decodeStatistics(msg.stats, msg.datasetName);
        anomalies = msg.anomalies ? decodeAnomalies(msg.anomalies) : undefined;
      } catch (e) {
        page.setProgress(undefined);
        page.setError(`Could not read the statistics: ${errorText(e)}`);
        return;
      }
      const decoded = performance.now();
      shownSummary = summary;
      rows.setStatistics(summary);
      page.setProgress(undefined);
      page.setError(undefined);
      page.setDataset({ summary, displayName: msg.datasetName, rowCount: msg.rowCount }, anomalies);
      const rendered = performance.now();
      // Timings for the preview harness and for profiling in the webview developer tools.
      performance.measure('overview:decode', { start, end: decoded });
      performance.measure('overview:render', { start: decoded, end: rendered });
      requestAnimationFrame(() => {
        // Reading a layout property makes the browser lay out this frame now, so the measure includes it.
        void document.body.offsetHeight;
        performance.measure('overview:firstFrame', { start });
      });
      endValidation(msg.requestId);
      return;
    }
    case 'anomalies': {
      try {
        page.setAnomalies(decodeAnomalies(msg.anomalies));
        page.setError(undefined);
      } catch (e) {
        page.setError(`Could not read the anomalies: ${errorText(e)}`);
      }
      endValidation(msg.requestId);
      return;
    }
    case 'schema':
      schemaHeader.set(msg);
      return;
    case 'progress':
      page.setProgress({ message: msg.message, ...(msg.fraction !== undefined ? { fraction: msg.fraction } : {}) });
      return;
    case 'error':
      page.setProgress(undefined);
      page.setError(msg.message);
      endValidation(msg.requestId);
      return;
    default: {
      const never: never = msg;
      void never;
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isGridMessage(event.data)) {
    const gridMessage = parseHostToGridMessage(event.data);
    if (gridMessage) rows.handle(gridMessage);
    else console.warn('rows: ignoring a malformed message');
    return;
  }
  const msg = parseHostToOverviewMessage(event.data);
  if (!msg) {
    console.warn('overview: ignoring a malformed message');
    return;
  }
  handle(msg);
});

api.postMessage({ type: 'ready' });
