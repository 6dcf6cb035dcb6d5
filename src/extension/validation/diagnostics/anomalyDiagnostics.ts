/**
 * Validation results → the Problems pane, as plain data (turned into vscode.Diagnostic objects by
 * diagnosticStore.ts). One diagnostic per anomaly reason, worded as TFDV words it and coded by TFDV's reason
 * type; for CSV/TSV on the column's header cell, with one more diagnostic per sampled offending row; for TFRecord
 * on the file (or folder) naming shard and record. Reader issues (malformed rows, CRC failures) become
 * diagnostics at their positions. Pure: no `vscode`.
 */
import { basename } from 'node:path';
import type { DataIssue } from '../../../core/data/issues.js';
import type { Anomalies, AnomalyInfo } from '../../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { AnomalyInfo_Severity, AnomalyInfo_Type } from '../../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Schema } from '../../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetFeatureStatistics } from '../../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { FeaturePath } from '../../../core/schema/featurePath.js';
import { parsePath, serializePath } from '../../../core/schema/featurePath.js';
import { getFeature } from '../../../core/schema/schemaModel.js';
import type { ExampleAnomaly, ExampleValidationResult, RowRef } from '../../../core/validate/exampleValidation.js';
import type { SchemaFix } from '../../schema/schemaEdits.js';
import { relaxedDomainMass } from '../../schema/schemaEdits.js';
import { domainHints } from './domainHints.js';
import { splitRecordCells } from './headerCells.js';
import type { TextSpan } from './textSpans.js';
import { DOCUMENT_START, lineSpan, shiftSpan, span, LINE_END } from './textSpans.js';

export type SeverityName = 'error' | 'warning' | 'information';

export interface RelatedData {
  readonly file: string;
  readonly span: TextSpan;
  readonly message: string;
}

export interface DiagnosticData {
  /** The file (or folder of shards) the diagnostic belongs to. */
  readonly file: string;
  readonly span: TextSpan;
  readonly severity: SeverityName;
  readonly message: string;
  /** TFDV's reason type name (`ENUM_TYPE_UNEXPECTED_STRING_VALUES`) or a reader issue code (`CSV_RAGGED_ROW`). */
  readonly code: string;
  /** Documentation of the code, when there is some. */
  readonly codeTarget?: string;
  readonly related?: readonly RelatedData[];
  /** Schema edits a quick fix may offer for this diagnostic. */
  readonly fixes?: readonly SchemaFix[];
}

/** TFDV's anomaly reference: every reason type with the condition that raises it. */
export const TFDV_ANOMALIES_URL = 'https://www.tensorflow.org/tfx/data_validation/anomalies';

/** Where a dataset's diagnostics can point. */
export type DatasetLayout =
  | {
      readonly kind: 'delimited';
      readonly file: string;
      readonly delimiter: string;
      readonly quote: string | null;
      /** Column name → index, and the header cell of each column. */
      readonly columns: readonly string[];
      readonly headerCells: ReadonlyMap<string, TextSpan>;
    }
  | {
      readonly kind: 'tfrecord';
      /** The file or folder that was validated: feature-level diagnostics go here. */
      readonly target: string;
      readonly shards: readonly string[];
    };

export interface ValidationFindings {
  readonly layout: DatasetLayout;
  readonly anomalies: Anomalies | undefined;
  readonly examples?: ExampleValidationResult;
  /** Texts of the CSV lines the row findings point at (1-based line → text), to underline the cell. */
  readonly lineTexts?: ReadonlyMap<number, string>;
  readonly issues: readonly DataIssue[];
  /** For quick fixes: the statistics and schema validated, when the schema is a file that can be edited. */
  readonly fixContext?: {
    readonly statistics: DatasetFeatureStatistics;
    readonly schema: Schema;
    /** The environment a "not in environment" fix names (the configured one, else SERVING). */
    readonly environment: string;
  };
  /** Dataset-level findings the caller adds (e.g. an environment the schema lacks). */
  readonly extra?: readonly DiagnosticData[];
}

export { needsRowValidation } from '../../../core/validate/rowTraceable.js';

export function anomalyTypeName(type: AnomalyInfo_Type): string {
  return AnomalyInfo_Type[type] ?? `ANOMALY_TYPE_${type}`;
}

export function severityOf(severity: AnomalyInfo_Severity): SeverityName {
  switch (severity) {
    case AnomalyInfo_Severity.ERROR:
      return 'error';
    case AnomalyInfo_Severity.WARNING:
      return 'warning';
    default:
      return 'information';
  }
}

/** "short: long", TFDV's two descriptions joined (TFDV leaves a trailing space on the long one). */
export function tfdvMessage(shortDescription: string, description: string): string {
  const long = description.trim();
  // TFDV ends some short descriptions with a period ("Low num examples in dataset.").
  const short = shortDescription.trim().replace(/\.$/, '');
  if (!long || long === short) return short;
  return short ? `${short}: ${long}` : long;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "37 rows; first 10 listed." — the totals appended to a header-cell diagnostic. */
export function rowTotals(count: number, listed: number, noun: 'row' | 'record'): string {
  if (listed === 0) return `${plural(count, noun)}.`;
  if (listed >= count) return `${plural(count, noun)}, all listed.`;
  return `${plural(count, noun)}; first ${listed} listed.`;
}

function quote(value: string | undefined): string {
  return `'${value ?? ''}'`;
}

/** What a row finding says, after its subject ("Row" or "Record 17 of shard 3/12 (name)"). */
export function rowFindingText(anomaly: ExampleAnomaly, ref: RowRef): string {
  const f = anomaly.feature;
  switch (anomaly.reason) {
    case 'notInDomain':
      return `has value ${quote(ref.value)} not in the schema's domain of ${f}`;
    case 'missing':
      return `has no value for ${f}, which the schema requires`;
    case 'valueCount':
      return `has an unexpected number of values for ${f}`;
    case 'outOfRange':
      return `has value ${quote(ref.value)} outside the schema's range for ${f}`;
    case 'nan':
      return `has NaN in ${f}, which the schema disallows`;
    case 'inf':
      return `has ${ref.value ?? 'Inf'} in ${f}, which the schema disallows`;
    case 'wrongType':
      return `has value ${quote(ref.value)}, not of the schema's type for ${f}`;
    default: {
      const never: never = anomaly.reason;
      return `breaks the schema (${String(never)})`;
    }
  }
}

function pathOf(key: string, info: AnomalyInfo): FeaturePath {
  const steps = info.path?.step;
  if (steps && steps.length > 0) return steps;
  return parsePath(key) ?? [key];
}

function issueDiagnostic(issue: DataIssue, layout: DatasetLayout): DiagnosticData {
  const p = issue.position;
  const severity: SeverityName = issue.severity === 'error' ? 'error' : 'warning';
  if (layout.kind === 'delimited' || p.line !== undefined) {
    const where =
      p.line === undefined ? DOCUMENT_START : p.column !== undefined ? span(p.line - 1, p.column - 1, p.line - 1, LINE_END) : lineSpan(p.line - 1);
    return { file: p.file, span: where, severity, message: issue.message, code: issue.code };
  }
  const shard = layout.shards.indexOf(p.file);
  const parts = [shard >= 0 && layout.shards.length > 1 ? `Shard ${shard + 1}/${layout.shards.length} (${basename(p.file)})` : basename(p.file)];
  if (p.record !== undefined) parts.push(`record ${p.record}`);
  else if (p.offset !== undefined) parts.push(`byte ${p.offset}`);
  return { file: p.file, span: DOCUMENT_START, severity, message: `${parts.join(', ')}: ${issue.message}`, code: issue.code };
}

/** The quick fixes of one anomaly reason (also offered on the feature in the schema editor). */
export function fixesFor(
  type: AnomalyInfo_Type,
  path: FeaturePath,
  context: ValidationFindings['fixContext'],
): SchemaFix[] | undefined {
  if (!context || path.length !== 1) return undefined;
  const feature = serializePath(path);
  if (type === AnomalyInfo_Type.ENUM_TYPE_UNEXPECTED_STRING_VALUES) {
    const hints = domainHints(context.statistics, context.schema, path);
    if (!hints) return undefined;
    const fixes: SchemaFix[] = hints.unexpected.slice(0, 3).map((u) => ({ kind: 'addDomainValues', feature, values: [u.value] }));
    if (hints.unexpected.length > 1) fixes.push({ kind: 'addDomainValues', feature, values: hints.unexpected.map((u) => u.value) });
    if (hints.inDomainFraction !== undefined && hints.inDomainFraction < 1) {
      fixes.push({ kind: 'minDomainMass', feature, mass: relaxedDomainMass(hints.inDomainFraction) });
    }
    return fixes;
  }
  if (type === AnomalyInfo_Type.SCHEMA_MISSING_COLUMN) {
    const schemaFeature = getFeature(context.schema, path);
    // Already marked: the data was validated without that environment (the fix would change nothing).
    if (!schemaFeature || schemaFeature.notInEnvironment.includes(context.environment)) return undefined;
    return [{ kind: 'notInEnvironment', feature, environment: context.environment }];
  }
  return undefined;
}

interface RowGroup {
  count: number;
  readonly rows: Array<{ anomaly: ExampleAnomaly; ref: RowRef }>;
}

/** Row findings of one feature, by the anomaly type they explain. */
function rowsByType(examples: ExampleValidationResult | undefined, feature: string): Map<AnomalyInfo_Type, RowGroup> {
  const out = new Map<AnomalyInfo_Type, RowGroup>();
  for (const a of examples?.anomalies ?? []) {
    if (a.feature !== feature) continue;
    let g = out.get(a.anomalyType);
    if (!g) {
      g = { count: 0, rows: [] };
      out.set(a.anomalyType, g);
    }
    g.count += a.count;
    for (const ref of a.samples) g.rows.push({ anomaly: a, ref });
  }
  return out;
}

function rowDiagnostic(
  layout: DatasetLayout,
  findings: ValidationFindings,
  anomaly: ExampleAnomaly,
  ref: RowRef,
  severity: SeverityName,
  code: string,
  header: RelatedData,
): DiagnosticData {
  const fixes: SchemaFix[] | undefined =
    anomaly.reason === 'notInDomain' && ref.value !== undefined && findings.fixContext && anomaly.anomalyType === AnomalyInfo_Type.ENUM_TYPE_UNEXPECTED_STRING_VALUES
      ? [{ kind: 'addDomainValues', feature: anomaly.feature, values: [ref.value] }]
      : undefined;
  const base = { severity, code, codeTarget: TFDV_ANOMALIES_URL, related: [header], ...(fixes ? { fixes } : {}) };
  if (layout.kind === 'delimited' && ref.positionKind === 'line') {
    const line = ref.position - 1;
    let where = lineSpan(line);
    const text = findings.lineTexts?.get(ref.position);
    const index = layout.columns.indexOf(anomaly.feature);
    if (text !== undefined && index >= 0) {
      const cell = splitRecordCells(text, layout.delimiter, layout.quote)[index];
      if (cell) where = shiftSpan(cell.span, line);
    }
    return { ...base, file: ref.source, span: where, message: `Row ${rowFindingText(anomaly, ref)}` };
  }
  const shards = layout.kind === 'tfrecord' ? layout.shards : [ref.source];
  const shard = shards.length > 1 ? `shard ${ref.shardIndex + 1}/${shards.length} (${basename(ref.source)})` : basename(ref.source);
  const subject = ref.positionKind === 'record' ? `Record ${ref.position} of ${shard}` : `Line ${ref.position} of ${shard}`;
  return { ...base, file: ref.source, span: DOCUMENT_START, message: `${subject} ${rowFindingText(anomaly, ref)}` };
}

/** Every diagnostic of one validation run, in a stable order (features as TFDV sorts them, then issues). */
export function diagnosticsForValidation(findings: ValidationFindings): DiagnosticData[] {
  const { layout } = findings;
  const out: DiagnosticData[] = [];
  const target = layout.kind === 'delimited' ? layout.file : layout.target;
  const noun = layout.kind === 'delimited' ? 'row' : 'record';
  const anomalies = findings.anomalies;

  if (anomalies?.dataMissing) {
    out.push({ file: target, span: DOCUMENT_START, severity: 'error', message: 'The dataset has no examples.', code: 'DATA_MISSING', codeTarget: TFDV_ANOMALIES_URL });
  }
  for (const [key, info] of Object.entries(anomalies?.anomalyInfo ?? {})) {
    const path = pathOf(key, info);
    const name = serializePath(path);
    const severity = severityOf(info.severity);
    const cell = layout.kind === 'delimited' && path.length === 1 ? layout.headerCells.get(path[0] as string) : undefined;
    const where = cell ?? DOCUMENT_START;
    const rows = path.length === 1 ? rowsByType(findings.examples, path[0] as string) : new Map<AnomalyInfo_Type, RowGroup>();
    const reasons = info.reason.length > 0 ? info.reason : [{ type: AnomalyInfo_Type.UNKNOWN_TYPE, shortDescription: info.shortDescription, description: info.description }];
    for (const reason of reasons) {
      const code = anomalyTypeName(reason.type);
      const group = rows.get(reason.type);
      let message = `${name}: ${tfdvMessage(reason.shortDescription, reason.description)}`;
      if (group) message += `${/[.!?]$/.test(message) ? '' : '.'} ${rowTotals(group.count, group.rows.length, noun)}`;
      const fixes = fixesFor(reason.type, path, findings.fixContext);
      out.push({ file: target, span: where, severity, message, code, codeTarget: TFDV_ANOMALIES_URL, ...(fixes && fixes.length > 0 ? { fixes } : {}) });
      if (!group) continue;
      const header: RelatedData = { file: target, span: where, message: `${name}: ${reason.shortDescription}` };
      // Rows are hints under the anomaly: a warning for an error, information otherwise.
      const rowSeverity: SeverityName = severity === 'error' ? 'warning' : 'information';
      for (const { anomaly, ref } of group.rows) out.push(rowDiagnostic(layout, findings, anomaly, ref, rowSeverity, code, header));
    }
  }
  const dataset = anomalies?.datasetAnomalyInfo;
  if (dataset) {
    const severity = severityOf(dataset.severity);
    for (const reason of dataset.reason) {
      out.push({
        file: target,
        span: DOCUMENT_START,
        severity,
        message: `Dataset: ${tfdvMessage(reason.shortDescription, reason.description)}`,
        code: anomalyTypeName(reason.type),
        codeTarget: TFDV_ANOMALIES_URL,
      });
    }
  }
  for (const extra of findings.extra ?? []) out.push(extra);
  for (const issue of findings.issues) out.push(issueDiagnostic(issue, layout));
  return out;
}

/** Anomalies counted the way the status bar shows them: one per feature, plus one for the dataset. */
export function countAnomalies(anomalies: Anomalies | undefined): number {
  if (!anomalies) return 0;
  return Object.keys(anomalies.anomalyInfo).length + (anomalies.datasetAnomalyInfo ? 1 : 0) + (anomalies.dataMissing ? 1 : 0);
}
