/**
 * Messages between the extension host and the schema editor webview (webview/schemaEditor), a form over
 * `schema.pbtxt`. Both sides import this file: neither `vscode` nor the DOM.
 *
 * The host owns the text document: it parses it, posts the form (`state`) after every change of the document, and
 * turns each form edit into a WorkspaceEdit of the text (so undo, dirty state and save are VS Code's). The
 * webview never sends text or schema fragments, only small edits naming a feature and a field; it is untrusted,
 * so every message is checked here.
 *
 * Sequence: the webview posts `ready`; the host answers with `state` (again after every document change, dataset
 * pick or validation). `status` carries one line (progress, an edit that failed).
 */

export const FEATURE_TYPES = ['TYPE_UNKNOWN', 'BYTES', 'INT', 'FLOAT', 'STRUCT'] as const;
export type FeatureTypeName = (typeof FEATURE_TYPES)[number];

export const LIFECYCLE_STAGES = ['UNKNOWN_STAGE', 'PLANNED', 'ALPHA', 'BETA', 'PRODUCTION', 'DEPRECATED', 'DEBUG_ONLY', 'DISABLED'] as const;
export type LifecycleStageName = (typeof LIFECYCLE_STAGES)[number];

export const COMPARATOR_METRICS = ['infinityNorm', 'jensenShannonDivergence', 'normalizedAbsDifference'] as const;
export type ComparatorMetricName = (typeof COMPARATOR_METRICS)[number];
export type ComparatorName = 'skew' | 'drift';

export type Thresholds = { readonly [K in ComparatorMetricName]?: number };

export type ShapeRow =
  | { readonly kind: 'none' }
  | { readonly kind: 'valueCount'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'shape'; readonly dims: readonly number[] };

export type DomainRow =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'string';
      /** The schema-level string_domain the feature names (`domain: "payment_type"`); absent for an inline one. */
      readonly name?: string;
      /** Other features naming the same schema-level domain (an edit changes theirs too). */
      readonly sharedWith: readonly string[];
      readonly values: readonly string[];
    }
  /** int64 bounds as decimal text (they may exceed a double). */
  | { readonly kind: 'int'; readonly min?: string; readonly max?: string }
  | { readonly kind: 'float'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'bool'; readonly trueValue?: string; readonly falseValue?: string }
  /** A domain kind the form shows but does not edit (struct, image, natural language…): its proto field name. */
  | { readonly kind: 'other'; readonly what: string };

/** What the picked dataset's statistics say about a feature. */
export interface ObservedRow {
  readonly numExamples: number;
  readonly numPresent: number;
  readonly minValues?: number;
  readonly maxValues?: number;
  readonly min?: number;
  readonly max?: number;
  readonly unique?: number;
  /** Count of each domain value in the data (same order as the domain's values; 0 when absent). */
  readonly domainCounts?: readonly number[];
  /** Values the data has that the domain lacks, most frequent first (at most 20). */
  readonly outOfDomain?: ReadonlyArray<{ readonly value: string; readonly count: number }>;
}

export interface AnomalyRow {
  readonly severity: 'error' | 'warning' | 'information';
  /** TFDV's reason type, e.g. ENUM_TYPE_UNEXPECTED_STRING_VALUES. */
  readonly type: string;
  readonly short: string;
  readonly description: string;
  /** The quick fixes on offer, by index (the host keeps the fixes themselves). */
  readonly fixes: ReadonlyArray<{ readonly index: number; readonly title: string }>;
}

export interface FeatureRow {
  /** The serialized feature path TFDV keys anomalies by (the name, for top-level features). */
  readonly key: string;
  readonly name: string;
  /** 0 for top-level features, 1 for a struct's children… */
  readonly depth: number;
  /** Undefined when the type field is not set. */
  readonly type?: FeatureTypeName;
  readonly minFraction?: number;
  readonly minCount?: number;
  readonly shape: ShapeRow;
  readonly domain: DomainRow;
  readonly inEnvironment: readonly string[];
  readonly notInEnvironment: readonly string[];
  readonly lifecycle?: LifecycleStageName;
  readonly deprecated: boolean;
  readonly skew: Thresholds;
  readonly drift: Thresholds;
  readonly observed?: ObservedRow;
  readonly anomalies: readonly AnomalyRow[];
}

export interface SchemaForm {
  readonly defaultEnvironment: readonly string[];
  readonly features: readonly FeatureRow[];
  /** Dataset-level anomalies (num examples, data missing), shown at the top. */
  readonly datasetAnomalies: readonly AnomalyRow[];
}

export interface ParseErrorInfo {
  readonly message: string;
  /** 1-based, when the parser knows it. */
  readonly line?: number;
  readonly column?: number;
}

export interface DatasetInfoRow {
  readonly name: string;
  readonly numExamples: number;
  /** The environment the dataset is validated in; absent for none. */
  readonly environment?: string;
  /** Why anomalies are not shown (e.g. the environment is not in the schema). */
  readonly note?: string;
}

export interface EditorState {
  readonly fileName: string;
  /** The TextDocument's version this state was built from. */
  readonly version: number;
  /** True while the text does not parse, or the workspace is untrusted. */
  readonly readOnly: boolean;
  readonly readOnlyReason?: string;
  readonly parseError?: ParseErrorInfo;
  /** The last form that parsed (shown greyed while the text is invalid); absent if none ever did. */
  readonly form?: SchemaForm;
  readonly dataset?: DatasetInfoRow;
}

/** Host → webview. */
export type HostToSchemaEditorMessage =
  | ({ readonly type: 'state' } & EditorState)
  | { readonly type: 'status'; readonly message: string };

/** One change the form asks for. Numbers are finite; `null` clears the field. */
export type FormEdit =
  | { readonly kind: 'type'; readonly feature: string; readonly value: FeatureTypeName }
  | { readonly kind: 'presence'; readonly feature: string; readonly field: 'minFraction' | 'minCount'; readonly value: number | null }
  | { readonly kind: 'valueCount'; readonly feature: string; readonly field: 'min' | 'max'; readonly value: number | null }
  | { readonly kind: 'domainAdd'; readonly feature: string; readonly value: string }
  | { readonly kind: 'domainRemove'; readonly feature: string; readonly value: string }
  | { readonly kind: 'domainMove'; readonly feature: string; readonly value: string; readonly offset: -1 | 1 }
  | { readonly kind: 'intRange'; readonly feature: string; readonly field: 'min' | 'max'; readonly value: string | null }
  | { readonly kind: 'floatRange'; readonly feature: string; readonly field: 'min' | 'max'; readonly value: number | null }
  | { readonly kind: 'environment'; readonly feature: string; readonly list: 'in' | 'notIn'; readonly environment: string; readonly present: boolean }
  | { readonly kind: 'defaultEnvironment'; readonly environment: string; readonly present: boolean }
  | { readonly kind: 'lifecycle'; readonly feature: string; readonly value: LifecycleStageName | null }
  | { readonly kind: 'comparator'; readonly feature: string; readonly comparator: ComparatorName; readonly metric: ComparatorMetricName; readonly value: number | null };

/** Webview → host. */
export type SchemaEditorToHostMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'edit'; readonly edit: FormEdit }
  | { readonly type: 'applyFix'; readonly feature: string; readonly index: number }
  /**
   * An anomaly type's severity in the `facetwise.severityOverrides` setting (TFDV's severity_overrides: a
   * validation option per anomaly type, not a schema field); 'default' removes the override.
   */
  | { readonly type: 'setSeverity'; readonly anomalyType: string; readonly severity: SeverityChoice }
  | { readonly type: 'pickDataset' }
  | { readonly type: 'openText' };

export const SEVERITY_CHOICES = ['default', 'ERROR', 'WARNING'] as const;
export type SeverityChoice = (typeof SEVERITY_CHOICES)[number];

/** An anomalies.proto reason type name (ENUM_TYPE_UNEXPECTED_STRING_VALUES): upper case, digits, underscores. */
function isAnomalyTypeName(x: unknown): x is string {
  return typeof x === 'string' && /^[A-Z][A-Z0-9_]{0,99}$/.test(x);
}

type Fields = Record<string, unknown>;

/** Longest feature name, domain value or environment a message may carry. */
const MAX_TEXT = 10_000;

function isRecord(x: unknown): x is Fields {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isText(x: unknown): x is string {
  return typeof x === 'string' && x.length <= MAX_TEXT;
}

function isName(x: unknown): x is string {
  return isText(x) && x.length > 0;
}

function isOneOf<T extends string>(list: readonly T[], x: unknown): x is T {
  return typeof x === 'string' && (list as readonly string[]).includes(x);
}

/** A finite number, or null to clear. */
function numberOrNull(x: unknown): x is number | null {
  return x === null || (typeof x === 'number' && Number.isFinite(x));
}

function minMax(x: unknown): x is 'min' | 'max' {
  return x === 'min' || x === 'max';
}

export function parseFormEdit(x: unknown): FormEdit | undefined {
  if (!isRecord(x) || (x.kind !== 'defaultEnvironment' && !isName(x.feature))) return undefined;
  const feature = x.feature as string;
  const kind = x.kind as FormEdit['kind'];
  switch (kind) {
    case 'type':
      return isOneOf(FEATURE_TYPES, x.value) ? { kind, feature, value: x.value } : undefined;
    case 'presence':
      if ((x.field !== 'minFraction' && x.field !== 'minCount') || !numberOrNull(x.value)) return undefined;
      if (x.value !== null && (x.value < 0 || (x.field === 'minFraction' ? x.value > 1 : !Number.isSafeInteger(x.value)))) return undefined;
      return { kind, feature, field: x.field, value: x.value };
    case 'valueCount':
      if (!minMax(x.field) || !numberOrNull(x.value) || (x.value !== null && (x.value < 0 || !Number.isSafeInteger(x.value)))) return undefined;
      return { kind, feature, field: x.field, value: x.value };
    case 'domainAdd':
    case 'domainRemove':
      return isText(x.value) ? { kind, feature, value: x.value } : undefined;
    case 'domainMove':
      return isText(x.value) && (x.offset === -1 || x.offset === 1) ? { kind, feature, value: x.value, offset: x.offset } : undefined;
    case 'intRange':
      if (!minMax(x.field) || !(x.value === null || (typeof x.value === 'string' && /^-?\d{1,19}$/.test(x.value)))) return undefined;
      return { kind, feature, field: x.field, value: x.value };
    case 'floatRange':
      return minMax(x.field) && numberOrNull(x.value) ? { kind, feature, field: x.field, value: x.value } : undefined;
    case 'environment':
      if ((x.list !== 'in' && x.list !== 'notIn') || !isName(x.environment) || typeof x.present !== 'boolean') return undefined;
      return { kind, feature, list: x.list, environment: x.environment, present: x.present };
    case 'defaultEnvironment':
      return isName(x.environment) && typeof x.present === 'boolean' ? { kind, environment: x.environment, present: x.present } : undefined;
    case 'lifecycle':
      return x.value === null || isOneOf(LIFECYCLE_STAGES, x.value) ? { kind, feature, value: x.value } : undefined;
    case 'comparator':
      if ((x.comparator !== 'skew' && x.comparator !== 'drift') || !isOneOf(COMPARATOR_METRICS, x.metric) || !numberOrNull(x.value)) return undefined;
      if (x.value !== null && x.value < 0) return undefined;
      return { kind, feature, comparator: x.comparator, metric: x.metric, value: x.value };
    default: {
      const never: never = kind;
      void never;
      return undefined;
    }
  }
}

/** Checks a message from the webview (untrusted input). */
export function parseSchemaEditorToHostMessage(data: unknown): SchemaEditorToHostMessage | undefined {
  if (!isRecord(data)) return undefined;
  const type = data.type as SchemaEditorToHostMessage['type'];
  switch (type) {
    case 'ready':
    case 'pickDataset':
    case 'openText':
      return { type };
    case 'edit': {
      const edit = parseFormEdit(data.edit);
      return edit ? { type, edit } : undefined;
    }
    case 'setSeverity':
      return isAnomalyTypeName(data.anomalyType) && SEVERITY_CHOICES.includes(data.severity as SeverityChoice)
        ? { type, anomalyType: data.anomalyType, severity: data.severity as SeverityChoice }
        : undefined;
    case 'applyFix':
      return isName(data.feature) && Number.isSafeInteger(data.index) && (data.index as number) >= 0 ? { type, feature: data.feature, index: data.index as number } : undefined;
    default: {
      const never: never = type;
      void never;
      return undefined;
    }
  }
}

/**
 * Checks a message from the host: the shape the page reads first (a state with its fields typed). The host is
 * trusted more than the page, but a malformed state must not break rendering.
 */
export function parseHostToSchemaEditorMessage(data: unknown): HostToSchemaEditorMessage | undefined {
  if (!isRecord(data)) return undefined;
  const type = data.type as HostToSchemaEditorMessage['type'];
  switch (type) {
    case 'state': {
      if (typeof data.fileName !== 'string' || !Number.isSafeInteger(data.version) || typeof data.readOnly !== 'boolean') return undefined;
      if (data.form !== undefined && !(isRecord(data.form) && Array.isArray(data.form.features) && Array.isArray(data.form.defaultEnvironment) && Array.isArray(data.form.datasetAnomalies))) return undefined;
      if (data.parseError !== undefined && !(isRecord(data.parseError) && typeof data.parseError.message === 'string')) return undefined;
      if (data.dataset !== undefined && !(isRecord(data.dataset) && typeof data.dataset.name === 'string' && typeof data.dataset.numExamples === 'number')) return undefined;
      if (data.readOnlyReason !== undefined && typeof data.readOnlyReason !== 'string') return undefined;
      return data as unknown as HostToSchemaEditorMessage;
    }
    case 'status':
      return typeof data.message === 'string' ? { type, message: data.message } : undefined;
    default: {
      const never: never = type;
      void never;
      return undefined;
    }
  }
}
