/**
 * Facetwise's settings (`facetwise.*`) as one typed value, with their defaults. Pure — no `vscode` import — so
 * the parsing rules are unit-tested and a test can check them against the manifest's `contributes.configuration`.
 */
import type { WebBackendChoice } from '../core/model/backendChoice.js';
import { parseWebBackendChoice } from '../core/model/backendChoice.js';

export interface FacetwiseConfig {
  /** Where a dataset's schema is found and saved (see schemaLocator.ts). */
  readonly schemaPath: string;
  /** TFDV's max_string_domain_size for inference. */
  readonly maxStringDomainSize: number;
  /** Rows listed per feature and reason by row-level validation. */
  readonly examplesPerAnomaly: number;
  /** Worker threads; 0 = automatic. */
  readonly workerCount: number;
  /** The schema environment data is validated in; undefined = none. */
  readonly environment: string | undefined;
  /** Write int/float domain ranges when inferring. */
  readonly inferNumericRanges: boolean;
  /** TFDV's new_features_are_warnings: features the schema lacks are warnings. */
  readonly newFeaturesAreWarnings: boolean;
  /** TFDV's severity_overrides: anomaly type name → severity. */
  readonly severityOverrides: Readonly<Record<string, 'WARNING' | 'ERROR'>>;
  /** TFDV's enum_delete_threshold; 0 = none. */
  readonly enumDeleteThreshold: number;
  /** The datapoint editor's TensorFlow.js backend (auto = trials and measurement). */
  readonly inferenceBackend: WebBackendChoice;
  /** Team-wide schema association: glob (relative to the workspace folder) → schema path (see schema/schemaResolver.ts). */
  readonly schemas: Readonly<Record<string, string>>;
}

export const CONFIG_SECTION = 'facetwise';

/** The defaults, as the manifest declares them (environment '' there means none). */
export const CONFIG_DEFAULTS: FacetwiseConfig = {
  schemaPath: 'schema.pbtxt',
  maxStringDomainSize: 100,
  examplesPerAnomaly: 10,
  workerCount: 0,
  environment: undefined,
  inferNumericRanges: false,
  newFeaturesAreWarnings: false,
  severityOverrides: {},
  enumDeleteThreshold: 0,
  inferenceBackend: 'auto',
  schemas: {},
};

export type ConfigKey = keyof FacetwiseConfig;
export const CONFIG_KEYS: readonly ConfigKey[] = Object.keys(CONFIG_DEFAULTS) as ConfigKey[];

function intIn(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/**
 * Reads every setting through `get` (VS Code's `WorkspaceConfiguration.get`); a value of the wrong type (a
 * hand-edited settings.json) falls back to the default rather than reaching the engine.
 */
export function parseConfig(get: (key: ConfigKey) => unknown): FacetwiseConfig {
  const schemaPath = get('schemaPath');
  const environment = get('environment');
  const inferNumericRanges = get('inferNumericRanges');
  return {
    schemaPath: typeof schemaPath === 'string' && schemaPath.trim() !== '' ? schemaPath.trim() : CONFIG_DEFAULTS.schemaPath,
    maxStringDomainSize: intIn(get('maxStringDomainSize'), 0, 1_000_000, CONFIG_DEFAULTS.maxStringDomainSize),
    examplesPerAnomaly: intIn(get('examplesPerAnomaly'), 0, 1000, CONFIG_DEFAULTS.examplesPerAnomaly),
    workerCount: intIn(get('workerCount'), 0, 64, CONFIG_DEFAULTS.workerCount),
    environment: typeof environment === 'string' && environment.trim() !== '' ? environment.trim() : undefined,
    inferNumericRanges: typeof inferNumericRanges === 'boolean' ? inferNumericRanges : CONFIG_DEFAULTS.inferNumericRanges,
    newFeaturesAreWarnings: get('newFeaturesAreWarnings') === true,
    severityOverrides: severityOverridesOf(get('severityOverrides')),
    enumDeleteThreshold: intIn(get('enumDeleteThreshold'), 0, 1_000_000_000, CONFIG_DEFAULTS.enumDeleteThreshold),
    inferenceBackend: parseWebBackendChoice(get('inferenceBackend')) ?? CONFIG_DEFAULTS.inferenceBackend,
    schemas: stringMapOf(get('schemas')),
  };
}

/** Only entries whose severity is WARNING or ERROR (any case) are kept; the type names are checked where used. */
function severityOverridesOf(value: unknown): Record<string, 'WARNING' | 'ERROR'> {
  const out: Record<string, 'WARNING' | 'ERROR'> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [type, severity] of Object.entries(value as Record<string, unknown>)) {
    const s = typeof severity === 'string' ? severity.trim().toUpperCase() : '';
    if (s === 'WARNING' || s === 'ERROR') out[type.trim()] = s;
  }
  return out;
}

/** Only entries with a non-empty string value, in the setting's own order (the first matching glob wins). */
function stringMapOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string' && v.trim() !== '' && key.trim() !== '') out[key.trim()] = v.trim();
  }
  return out;
}

/** Threads to start: the setting, or (0) the cores available, at most 4 — what the CLI does too. */
export function resolveWorkerCount(configured: number, availableCores: number): number {
  if (configured > 0) return configured;
  return Math.max(1, Math.min(4, availableCores));
}
