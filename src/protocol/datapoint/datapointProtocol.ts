/**
 * Messages between the extension host and the datapoint editor webview (webview/datapoint). Both sides import this
 * file, so it uses neither `vscode` nor the DOM.
 *
 * Sequence: the webview posts `ready`; the host answers with `init` (model files as webview resource URIs, the
 * feature specs, the row and a sample of the dataset). Everything else (prediction, attributions, PDP/ICE,
 * counterfactuals) runs in the webview. The webview reports the backend it chose (`backend`) and asks the host to
 * save a session (`saveSession`, answered by `saved` or `error` with the same requestId).
 *
 * Bulk numbers travel as Float64Array (binary through postMessage), never as JSON arrays of numbers.
 */
import type { FeatureSpec } from '../../core/model/featureSpecTypes.js';
import type { BackendStatus, WebBackendChoice, WebBackendName } from '../../core/model/backendChoice.js';

export type SampleValue = string | number | null;

/** One column of the dataset sample: numbers (NaN = missing) or strings (null = missing). */
export type SampleColumn =
  | { readonly name: string; readonly kind: 'number'; readonly values: Float64Array }
  | { readonly name: string; readonly kind: 'text'; readonly values: readonly (string | null)[] };

export interface VersionInit {
  /** `taxi_model/1`. */
  readonly label: string;
  /** Which runtime reads it: TensorFlow.js (`model.json`) or ONNX (`model.onnx`, onnxruntime-web). */
  readonly runtime: 'tfjs' | 'onnx';
  /** Webview URI of the version's model.json or model.onnx. */
  readonly modelUrl: string;
  readonly spec: FeatureSpec;
}

export interface FeatureRange {
  readonly name: string;
  /** The spec's training mean (numeric transforms), when it has one. */
  readonly trainingMean?: number;
  /** Min and max over the dataset sample. */
  readonly min?: number;
  readonly max?: number;
}

export interface DatapointInit {
  readonly type: 'init';
  readonly versions: readonly VersionInit[];
  /** Every feature any version reads, in spec order (first version first). */
  readonly features: readonly string[];
  readonly ranges: readonly FeatureRange[];
  /** The row being explained: its values and where it is (`eval.csv:13`, `data_tfrecord-00000-of-00012.gz: record 4`). */
  readonly row: { readonly source: string; readonly index: number; readonly values: Readonly<Record<string, SampleValue>> };
  readonly datasetName: string;
  /** Up to 1,000 rows of the dataset: PDP averages, ICE, baselines and counterfactual candidates. */
  readonly sample: { readonly rows: number; readonly columns: readonly SampleColumn[]; readonly sources: readonly string[] };
  /** `facetwise.inferenceBackend`. */
  readonly backend: WebBackendChoice;
  /** Webview URI of the folder holding tfjs-backend-wasm*.wasm and onnxruntime-web's .wasm (ends with '/'). */
  readonly wasmBaseUrl: string;
}

export type HostToDatapointMessage =
  | DatapointInit
  | { readonly type: 'saved'; readonly requestId: number; readonly path: string }
  | { readonly type: 'error'; readonly requestId?: number; readonly message: string };

export interface BackendTrialReport {
  readonly name: WebBackendName;
  readonly status: BackendStatus;
  readonly reason: string;
  readonly maxAbsDiff?: number;
  /** Rows/s for 1, 1000 and 10000 rows (null when not measured). */
  readonly rowsPerSecond: readonly (number | null)[];
}

export type DatapointToHostMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'backend'; readonly realtime: WebBackendName; readonly batch: WebBackendName; readonly trials: readonly BackendTrialReport[] }
  | { readonly type: 'saveSession'; readonly requestId: number; readonly jsonl: string; readonly examples: number }
  | { readonly type: 'failed'; readonly message: string };

type Fields = Record<string, unknown>;

function isRecord(x: unknown): x is Fields {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const backendNames = new Set<string>(['webgpu', 'webgl', 'wasm', 'cpu']);
const statuses = new Set<string>(['used', 'ready', 'refused', 'unavailable', 'not tried']);

function trial(x: unknown): BackendTrialReport | undefined {
  if (!isRecord(x) || typeof x.name !== 'string' || !backendNames.has(x.name) || typeof x.status !== 'string' || !statuses.has(x.status)) return undefined;
  if (typeof x.reason !== 'string' || x.reason.length > 2000) return undefined;
  if (!Array.isArray(x.rowsPerSecond) || x.rowsPerSecond.length > 8 || !x.rowsPerSecond.every((v) => v === null || (typeof v === 'number' && Number.isFinite(v)))) return undefined;
  if (x.maxAbsDiff !== undefined && typeof x.maxAbsDiff !== 'number') return undefined;
  return {
    name: x.name as WebBackendName,
    status: x.status as BackendStatus,
    reason: x.reason,
    rowsPerSecond: x.rowsPerSecond as (number | null)[],
    ...(typeof x.maxAbsDiff === 'number' ? { maxAbsDiff: x.maxAbsDiff } : {}),
  };
}

/** Checks a message from the webview (untrusted input); undefined when it is not one this protocol knows. */
export function parseDatapointToHost(x: unknown): DatapointToHostMessage | undefined {
  if (!isRecord(x) || typeof x.type !== 'string') return undefined;
  switch (x.type) {
    case 'ready':
      return { type: 'ready' };
    case 'backend': {
      if (typeof x.realtime !== 'string' || !backendNames.has(x.realtime) || typeof x.batch !== 'string' || !backendNames.has(x.batch)) return undefined;
      if (!Array.isArray(x.trials) || x.trials.length > 8) return undefined;
      const trials = x.trials.map(trial);
      if (trials.some((t) => t === undefined)) return undefined;
      return { type: 'backend', realtime: x.realtime as WebBackendName, batch: x.batch as WebBackendName, trials: trials as BackendTrialReport[] };
    }
    case 'saveSession':
      if (typeof x.requestId !== 'number' || !Number.isInteger(x.requestId) || typeof x.jsonl !== 'string' || x.jsonl.length > 64 * 1024 * 1024) return undefined;
      if (typeof x.examples !== 'number' || !Number.isInteger(x.examples)) return undefined;
      return { type: 'saveSession', requestId: x.requestId, jsonl: x.jsonl, examples: x.examples };
    case 'failed':
      return typeof x.message === 'string' ? { type: 'failed', message: x.message.slice(0, 2000) } : undefined;
    default:
      return undefined;
  }
}

/** Where exhaustiveness checks end. */
export function assertNever(x: never): never {
  throw new Error(`unexpected message ${JSON.stringify(x)}`);
}
