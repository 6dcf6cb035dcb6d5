/**
 * Schema → the schema editor's form: one row per feature (struct children after their parent) with what the
 * schema says and, when a dataset is picked, what its statistics show and the anomalies validation found on it
 * with their quick fixes. Pure: no `vscode`, plain data out (it is posted to the webview as is).
 */
import { isFieldSet } from '@bufbuild/protobuf';
import type { Anomalies, AnomalyInfo } from '../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { AnomalyInfo_Type } from '../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Feature, Schema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureSchema, FeatureType, LifecycleStage } from '../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetFeatureStatistics } from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { FeaturePath } from '../../core/schema/featurePath.js';
import { parsePath, serializePath } from '../../core/schema/featurePath.js';
import {
  allFeatures,
  comparatorOf,
  comparatorThresholds,
  hasFloatMax,
  hasFloatMin,
  hasIntMax,
  hasIntMin,
  hasMinCount,
  hasMinFraction,
  hasValueCountMax,
  hasValueCountMin,
  isFeatureDeprecated,
  presenceOf,
  stringDomainOf,
} from '../../core/schema/schemaModel.js';
import { DatasetStatsView } from '../../core/schema/statsView.js';
import type { FeatureStatsView } from '../../core/schema/statsView.js';
import type {
  AnomalyRow,
  DomainRow,
  FeatureRow,
  FeatureTypeName,
  LifecycleStageName,
  ObservedRow,
  SchemaForm,
  ShapeRow,
} from '../../protocol/schemaEditor/schemaEditorProtocol.js';
import { FEATURE_TYPES, LIFECYCLE_STAGES } from '../../protocol/schemaEditor/schemaEditorProtocol.js';
import type { SchemaFix } from '../schema/schemaEdits.js';
import { schemaFixTitle } from '../schema/schemaEdits.js';
import { anomalyTypeName, fixesFor, severityOf } from '../validation/diagnostics/anomalyDiagnostics.js';

/** A dataset the form is edited against: its statistics and, when validation ran, its anomalies. */
export interface DatasetCheck {
  readonly statistics: DatasetFeatureStatistics;
  readonly anomalies?: Anomalies;
  /** The environment a "not in environment" fix names (the dataset's, else SERVING). */
  readonly fixEnvironment: string;
}

/** Values listed as "in the data, not in the domain" per feature. */
const OUT_OF_DOMAIN_SHOWN = 20;

function typeName(feature: Feature): FeatureTypeName | undefined {
  if (!isFieldSet(feature, FeatureSchema.field.type)) return undefined;
  const name = FeatureType[feature.type];
  return (FEATURE_TYPES as readonly string[]).includes(name ?? '') ? (name as FeatureTypeName) : undefined;
}

function lifecycleName(feature: Feature): LifecycleStageName | undefined {
  if (!isFieldSet(feature, FeatureSchema.field.lifecycleStage)) return undefined;
  const name = LifecycleStage[feature.lifecycleStage];
  return (LIFECYCLE_STAGES as readonly string[]).includes(name ?? '') ? (name as LifecycleStageName) : undefined;
}

function shapeRow(feature: Feature): ShapeRow {
  switch (feature.shapeType.case) {
    case 'valueCount': {
      const v = feature.shapeType.value;
      return { kind: 'valueCount', ...(hasValueCountMin(v) ? { min: Number(v.min) } : {}), ...(hasValueCountMax(v) ? { max: Number(v.max) } : {}) };
    }
    case 'shape':
      return { kind: 'shape', dims: feature.shapeType.value.dim.map((d) => Number(d.size)) };
    default:
      return { kind: 'none' };
  }
}

/** Features naming the schema-level domain `name`, other than `self`. */
function sharers(schema: Schema, name: string, self: string): string[] {
  return allFeatures(schema)
    .filter(({ feature }) => feature.domainInfo.case === 'domain' && feature.domainInfo.value === name)
    .map(({ path }) => serializePath(path))
    .filter((k) => k !== self);
}

function domainRow(schema: Schema, feature: Feature, key: string): DomainRow {
  const d = feature.domainInfo;
  switch (d.case) {
    case undefined:
      return { kind: 'none' };
    case 'domain': {
      const s = stringDomainOf(schema, feature);
      if (!s) return { kind: 'other', what: `domain "${d.value}" (no string_domain of that name)` };
      return { kind: 'string', name: d.value, sharedWith: sharers(schema, d.value, key), values: [...s.value] };
    }
    case 'stringDomain':
      return { kind: 'string', sharedWith: [], values: [...d.value.value] };
    case 'intDomain':
      return { kind: 'int', ...(hasIntMin(d.value) ? { min: d.value.min.toString() } : {}), ...(hasIntMax(d.value) ? { max: d.value.max.toString() } : {}) };
    case 'floatDomain':
      return { kind: 'float', ...(hasFloatMin(d.value) ? { min: d.value.min } : {}), ...(hasFloatMax(d.value) ? { max: d.value.max } : {}) };
    case 'boolDomain':
      return { kind: 'bool', ...(d.value.trueValue ? { trueValue: d.value.trueValue } : {}), ...(d.value.falseValue ? { falseValue: d.value.falseValue } : {}) };
    default:
      return { kind: 'other', what: d.case.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) };
  }
}

function observedRow(view: FeatureStatsView, domain: DomainRow): ObservedRow {
  const [minValues, maxValues] = view.minMaxNumValues()[0] ?? [undefined, undefined];
  const num = view.numStats();
  const unique = view.numUnique();
  const out: { -readonly [K in keyof ObservedRow]: ObservedRow[K] } = { numExamples: view.numExamples(), numPresent: view.numPresent() };
  if (minValues !== undefined && maxValues !== undefined && view.numPresent() > 0) {
    out.minValues = minValues;
    out.maxValues = maxValues;
  }
  if (num && view.numPresent() > 0) {
    out.min = num.min;
    out.max = num.max;
  }
  if (unique !== undefined) out.unique = unique;
  if (domain.kind === 'string') {
    const counts = view.stringValuesWithCounts();
    out.domainCounts = domain.values.map((v) => counts.get(v) ?? 0);
    const allowed = new Set(domain.values);
    out.outOfDomain = [...counts]
      .filter(([v]) => !allowed.has(v))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, OUT_OF_DOMAIN_SHOWN)
      .map(([value, count]) => ({ value, count }));
  }
  return out;
}

function pathOf(key: string, info: AnomalyInfo): FeaturePath {
  const steps = info.path?.step;
  return steps && steps.length > 0 ? steps : (parsePath(key) ?? [key]);
}

/** The quick fixes of each feature's anomalies, in the order the form lists them (key → fixes). */
export function anomalyFixes(schema: Schema, check: DatasetCheck): Map<string, SchemaFix[]> {
  const out = new Map<string, SchemaFix[]>();
  for (const [key, info] of Object.entries(check.anomalies?.anomalyInfo ?? {})) {
    const path = pathOf(key, info);
    const fixes: SchemaFix[] = [];
    const seen = new Set<string>();
    for (const reason of info.reason) {
      for (const fix of fixesFor(reason.type, path, { statistics: check.statistics, schema, environment: check.fixEnvironment }) ?? []) {
        const title = schemaFixTitle(fix);
        if (seen.has(title)) continue;
        seen.add(title);
        fixes.push(fix);
      }
    }
    out.set(serializePath(path), fixes);
  }
  return out;
}

function anomalyRows(info: AnomalyInfo, fixes: readonly SchemaFix[]): AnomalyRow[] {
  const reasons = info.reason.length > 0 ? info.reason : [{ type: AnomalyInfo_Type.UNKNOWN_TYPE, shortDescription: info.shortDescription, description: info.description }];
  const titled = fixes.map((fix, index) => ({ index, title: schemaFixTitle(fix) }));
  // The fixes belong to the feature: they are listed once, under its first reason.
  return reasons.map((r, i) => ({
    severity: severityOf(info.severity),
    type: anomalyTypeName(r.type),
    short: r.shortDescription,
    description: r.description,
    fixes: i === 0 ? titled : [],
  }));
}

export function schemaForm(schema: Schema, check?: DatasetCheck): SchemaForm {
  const view = check ? new DatasetStatsView(check.statistics) : undefined;
  const fixes = check ? anomalyFixes(schema, check) : new Map<string, SchemaFix[]>();
  const anomaliesByKey = new Map<string, AnomalyInfo>();
  for (const [key, info] of Object.entries(check?.anomalies?.anomalyInfo ?? {})) anomaliesByKey.set(serializePath(pathOf(key, info)), info);
  const features: FeatureRow[] = allFeatures(schema).map(({ path, feature }) => {
    const key = serializePath(path);
    const p = presenceOf(feature);
    const domain = domainRow(schema, feature, key);
    const stats = view?.getByPath(path);
    const info = anomaliesByKey.get(key);
    const type = typeName(feature);
    const lifecycle = lifecycleName(feature);
    return {
      key,
      name: feature.name,
      depth: path.length - 1,
      ...(type ? { type } : {}),
      ...(p && hasMinFraction(p) ? { minFraction: p.minFraction } : {}),
      ...(p && hasMinCount(p) ? { minCount: Number(p.minCount) } : {}),
      shape: shapeRow(feature),
      domain,
      inEnvironment: [...feature.inEnvironment],
      notInEnvironment: [...feature.notInEnvironment],
      ...(lifecycle ? { lifecycle } : {}),
      deprecated: isFeatureDeprecated(feature),
      skew: comparatorThresholds(comparatorOf(feature, 'skew')),
      drift: comparatorThresholds(comparatorOf(feature, 'drift')),
      ...(stats ? { observed: observedRow(stats, domain) } : {}),
      anomalies: info ? anomalyRows(info, fixes.get(key) ?? []) : [],
    };
  });
  const datasetAnomalies: AnomalyRow[] = [];
  // Anomalies of features the schema lacks (a new column) have no row: they are listed at the top, named.
  const shown = new Set(features.map((f) => f.key));
  for (const [key, info] of anomaliesByKey) {
    if (!shown.has(key)) datasetAnomalies.push(...anomalyRows(info, []).map((r) => ({ ...r, short: `${key}: ${r.short}` })));
  }
  const d = check?.anomalies?.datasetAnomalyInfo;
  if (d) datasetAnomalies.push(...anomalyRows(d, []));
  if (check?.anomalies?.dataMissing) datasetAnomalies.push({ severity: 'error', type: 'DATA_MISSING', short: 'No examples', description: 'The dataset has no examples.', fixes: [] });
  return { defaultEnvironment: [...schema.defaultEnvironment], features, datasetAnomalies };
}
