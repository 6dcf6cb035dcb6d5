/**
 * Helpers over the generated `Schema` message: finding features by path, reading the constraints TFDV reads
 * (presence, valency/shape, domains, comparators, environments, lifecycle) with proto2 "has" semantics, and the
 * small edits the schema editor and the updater make. The message itself stays the source of truth, so fields
 * Facetwise does not interpret (and unknown fields) survive every edit.
 */
import { clearField, create, isFieldSet } from '@bufbuild/protobuf';
import type {
  BoolDomain,
  DatasetConstraints,
  Feature,
  FeatureComparator,
  FeaturePresence,
  FloatDomain,
  IntDomain,
  Schema,
  StringDomain,
  ValueCount,
} from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import {
  DatasetConstraintsSchema,
  DistributionConstraintsSchema,
  FeatureComparatorSchema,
  FeaturePresenceSchema,
  FeatureSchema,
  FeatureType,
  FixedShape_DimSchema,
  FixedShapeSchema,
  FloatDomainSchema,
  InfinityNormSchema,
  IntDomainSchema,
  JensenShannonDivergenceSchema,
  LifecycleStage,
  NormalizedAbsoluteDifferenceSchema,
  NumericValueComparatorSchema,
  StringDomainSchema,
  StructDomainSchema,
  ValueCountSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { FeaturePath } from './featurePath.js';
import { serializePath } from './featurePath.js';

// ——— Finding features ———

export function getFeature(schema: Schema, path: FeaturePath): Feature | undefined {
  let list: readonly Feature[] = schema.feature;
  let found: Feature | undefined;
  for (let i = 0; i < path.length; i++) {
    found = list.find((f) => f.name === path[i]);
    if (!found) return undefined;
    if (i < path.length - 1) {
      if (found.domainInfo.case !== 'structDomain') return undefined;
      list = found.domainInfo.value.feature;
    }
  }
  return found;
}

/** Every feature with its path, depth first (struct children after their parent). */
export function allFeatures(schema: Schema): Array<{ path: FeaturePath; feature: Feature }> {
  const out: Array<{ path: FeaturePath; feature: Feature }> = [];
  const walk = (list: readonly Feature[], prefix: FeaturePath): void => {
    for (const feature of list) {
      const path = [...prefix, feature.name];
      out.push({ path, feature });
      if (feature.domainInfo.case === 'structDomain') walk(feature.domainInfo.value.feature, path);
    }
  };
  walk(schema.feature, []);
  return out;
}

/** A feature, sparse feature or weighted feature of that path exists (TFDV's FeatureExists). */
export function featureExists(schema: Schema, path: FeaturePath): boolean {
  if (getFeature(schema, path)) return true;
  if (path.length === 1) {
    const name = path[0];
    return schema.sparseFeature.some((s) => s.name === name) || schema.weightedFeature.some((w) => w.name === name);
  }
  return false;
}

/** Adds a feature at `path` (its parent must exist for nested paths) and returns it. */
export function addFeature(schema: Schema, path: FeaturePath): Feature {
  const feature = create(FeatureSchema, { name: path[path.length - 1] ?? '' });
  if (path.length <= 1) {
    schema.feature.push(feature);
    return feature;
  }
  const parent = getFeature(schema, path.slice(0, -1));
  if (!parent) throw new Error(`No parent feature for ${serializePath(path)}`);
  if (parent.domainInfo.case !== 'structDomain') {
    parent.domainInfo = { case: 'structDomain', value: create(StructDomainSchema) };
  }
  parent.domainInfo.value.feature.push(feature);
  return feature;
}

// ——— Lifecycle ———

/** Stages TFDV does not validate: PLANNED, ALPHA, DEPRECATED, DEBUG_ONLY, DISABLED. */
export function isLifecycleStageDeprecated(stage: LifecycleStage): boolean {
  switch (stage) {
    case LifecycleStage.PLANNED:
    case LifecycleStage.ALPHA:
    case LifecycleStage.DEPRECATED:
    case LifecycleStage.DEBUG_ONLY:
    case LifecycleStage.DISABLED:
      return true;
    default:
      return false;
  }
}

export function isFeatureDeprecated(feature: Feature): boolean {
  if (feature.deprecated) return true;
  return isFieldSet(feature, FeatureSchema.field.lifecycleStage) && isLifecycleStageDeprecated(feature.lifecycleStage);
}

export function deprecateFeature(feature: Feature): void {
  feature.lifecycleStage = LifecycleStage.DEPRECATED;
}

// ——— Environments ———

/**
 * TFDV's IsFeatureInEnvironment: with no environment every feature is in it; otherwise in_environment wins,
 * then not_in_environment, then the schema's default_environment.
 */
export function isFeatureInEnvironment(schema: Schema, feature: Feature, environment: string | undefined): boolean {
  if (environment === undefined) return true;
  if (feature.inEnvironment.includes(environment)) return true;
  if (feature.notInEnvironment.includes(environment)) return false;
  return schema.defaultEnvironment.includes(environment);
}

/** TFDV's IsExistenceRequired: not deprecated, min_count or min_fraction positive, and in the environment. */
export function isExistenceRequired(schema: Schema, feature: Feature, environment: string | undefined): boolean {
  if (isFeatureDeprecated(feature)) return false;
  const p = presenceOf(feature);
  if ((p === undefined || p.minCount <= 0n) && (p === undefined || p.minFraction <= 0)) return false;
  return isFeatureInEnvironment(schema, feature, environment);
}

/** Marks a feature as absent from an environment (e.g. the label in SERVING), adding it to the defaults if new. */
export function setNotInEnvironment(schema: Schema, feature: Feature, environment: string): void {
  if (!schema.defaultEnvironment.includes(environment)) schema.defaultEnvironment.push(environment);
  feature.inEnvironment = feature.inEnvironment.filter((e) => e !== environment);
  if (!feature.notInEnvironment.includes(environment)) feature.notInEnvironment.push(environment);
}

export function addDefaultEnvironment(schema: Schema, environment: string): void {
  if (!schema.defaultEnvironment.includes(environment)) schema.defaultEnvironment.push(environment);
}

// ——— Presence ———

export function presenceOf(feature: Feature): FeaturePresence | undefined {
  return feature.presenceConstraints.case === 'presence' ? feature.presenceConstraints.value : undefined;
}

/** The presence message, created when missing. */
export function mutablePresence(feature: Feature): FeaturePresence {
  if (feature.presenceConstraints.case !== 'presence') {
    feature.presenceConstraints = { case: 'presence', value: create(FeaturePresenceSchema) };
  }
  return feature.presenceConstraints.value as FeaturePresence;
}

export function hasMinFraction(p: FeaturePresence): boolean {
  return isFieldSet(p, FeaturePresenceSchema.field.minFraction);
}

export function hasMinCount(p: FeaturePresence): boolean {
  return isFieldSet(p, FeaturePresenceSchema.field.minCount);
}

/** "required" (min_fraction 1), "optional" or undefined when there is no presence constraint. */
export function presenceSummary(feature: Feature): 'required' | 'optional' | undefined {
  const p = presenceOf(feature);
  if (!p) return undefined;
  return hasMinFraction(p) && p.minFraction >= 1 ? 'required' : 'optional';
}

// ——— Valency and shape ———

export function valueCountOf(feature: Feature): ValueCount | undefined {
  return feature.shapeType.case === 'valueCount' ? feature.shapeType.value : undefined;
}

export function hasValueCountMin(v: ValueCount): boolean {
  return isFieldSet(v, ValueCountSchema.field.min);
}

export function hasValueCountMax(v: ValueCount): boolean {
  return isFieldSet(v, ValueCountSchema.field.max);
}

export function clearValueCountMin(v: ValueCount): void {
  clearField(v, ValueCountSchema.field.min);
}

export function setValueCount(feature: Feature, min: number | undefined, max: number | undefined): void {
  const v = create(ValueCountSchema);
  if (min !== undefined) v.min = BigInt(min);
  if (max !== undefined) v.max = BigInt(max);
  feature.shapeType = { case: 'valueCount', value: v };
}

/** The fixed shape's dimension sizes, or undefined without a shape. */
export function shapeDims(feature: Feature): number[] | undefined {
  return feature.shapeType.case === 'shape' ? feature.shapeType.value.dim.map((d) => Number(d.size)) : undefined;
}

export function setShape(feature: Feature, dims: readonly number[]): void {
  const shape = create(FixedShapeSchema, { dim: dims.map((d) => create(FixedShape_DimSchema, { size: BigInt(d) })) });
  feature.shapeType = { case: 'shape', value: shape };
}

// ——— Domains ———

export function findStringDomain(schema: Schema, name: string): StringDomain | undefined {
  return schema.stringDomain.find((d) => d.name === name);
}

/** The string domain a feature uses: its inline one, or the schema-level one its `domain:` names. */
export function stringDomainOf(schema: Schema, feature: Feature): StringDomain | undefined {
  if (feature.domainInfo.case === 'stringDomain') return feature.domainInfo.value;
  if (feature.domainInfo.case === 'domain') return findStringDomain(schema, feature.domainInfo.value);
  return undefined;
}

/** Int domain of a feature: inline, or (Facetwise extension; TFDV ignores it) a schema-level one by name. */
export function intDomainOf(feature: Feature): IntDomain | undefined {
  return feature.domainInfo.case === 'intDomain' ? feature.domainInfo.value : undefined;
}

export function floatDomainOf(feature: Feature): FloatDomain | undefined {
  return feature.domainInfo.case === 'floatDomain' ? feature.domainInfo.value : undefined;
}

export function boolDomainOf(feature: Feature): BoolDomain | undefined {
  return feature.domainInfo.case === 'boolDomain' ? feature.domainInfo.value : undefined;
}

export function hasIntMin(d: IntDomain): boolean {
  return isFieldSet(d, IntDomainSchema.field.min);
}
export function hasIntMax(d: IntDomain): boolean {
  return isFieldSet(d, IntDomainSchema.field.max);
}
export function hasFloatMin(d: FloatDomain): boolean {
  return isFieldSet(d, FloatDomainSchema.field.min);
}
export function hasFloatMax(d: FloatDomain): boolean {
  return isFieldSet(d, FloatDomainSchema.field.max);
}

/** Adds a schema-level string domain named like TFDV does: the name, or name2, name3… when taken. */
export function addStringDomain(schema: Schema, candidateName: string): StringDomain {
  const names = new Set(schema.stringDomain.map((d) => d.name));
  let name = candidateName;
  for (let index = 2; names.has(name); index++) name = `${candidateName}${index}`;
  const domain = create(StringDomainSchema, { name });
  schema.stringDomain.push(domain);
  return domain;
}

/** Adds values to a string domain, skipping ones it already has; returns how many were added. */
export function addDomainValues(domain: StringDomain, values: Iterable<string>): number {
  const have = new Set(domain.value);
  let added = 0;
  for (const v of values) {
    if (have.has(v)) continue;
    have.add(v);
    domain.value.push(v);
    added++;
  }
  return added;
}

export function setIntDomainRange(feature: Feature, min: bigint | undefined, max: bigint | undefined): void {
  const d = create(IntDomainSchema);
  if (min !== undefined) d.min = min;
  if (max !== undefined) d.max = max;
  feature.domainInfo = { case: 'intDomain', value: d };
}

export function setFloatDomainRange(feature: Feature, min: number | undefined, max: number | undefined): void {
  const d = create(FloatDomainSchema);
  if (min !== undefined) d.min = min;
  if (max !== undefined) d.max = max;
  feature.domainInfo = { case: 'floatDomain', value: d };
}

/** distribution_constraints.min_domain_mass, set. */
export function setMinDomainMass(feature: Feature, mass: number): void {
  feature.distributionConstraints ??= create(DistributionConstraintsSchema);
  feature.distributionConstraints.minDomainMass = mass;
}

/** TFDV's GetMaxOffDomain: 1 − min_domain_mass when set, else 0 (no value may fall outside the domain). */
export function maxOffDomain(feature: Feature): number {
  const d = feature.distributionConstraints;
  if (!d || !isFieldSet(d, DistributionConstraintsSchema.field.minDomainMass)) return 0;
  return 1 - d.minDomainMass;
}

export function domainKindOf(feature: Feature): Feature['domainInfo']['case'] {
  return feature.domainInfo.case;
}

// ——— Comparators ———

export type ComparatorKind = 'skew' | 'drift';

export interface ComparatorThresholds {
  readonly infinityNorm?: number;
  readonly jensenShannonDivergence?: number;
  readonly normalizedAbsDifference?: number;
}

export function comparatorOf(feature: Feature, kind: ComparatorKind): FeatureComparator | undefined {
  return kind === 'skew' ? feature.skewComparator : feature.driftComparator;
}

export function comparatorThresholds(comparator: FeatureComparator | undefined): ComparatorThresholds {
  if (!comparator) return {};
  const out: { infinityNorm?: number; jensenShannonDivergence?: number; normalizedAbsDifference?: number } = {};
  const inf = comparator.infinityNorm;
  if (inf && isFieldSet(inf, InfinityNormSchema.field.threshold)) out.infinityNorm = inf.threshold;
  const jsd = comparator.jensenShannonDivergence;
  if (jsd && isFieldSet(jsd, JensenShannonDivergenceSchema.field.threshold)) out.jensenShannonDivergence = jsd.threshold;
  const nad = comparator.normalizedAbsDifference;
  if (nad && isFieldSet(nad, NormalizedAbsoluteDifferenceSchema.field.threshold)) out.normalizedAbsDifference = nad.threshold;
  return out;
}

function mutableComparator(feature: Feature, kind: ComparatorKind): FeatureComparator {
  if (kind === 'skew') return (feature.skewComparator ??= create(FeatureComparatorSchema));
  return (feature.driftComparator ??= create(FeatureComparatorSchema));
}

/** Sets (or, with undefined, clears) one comparator threshold. */
export function setComparatorThreshold(
  feature: Feature,
  kind: ComparatorKind,
  metric: keyof ComparatorThresholds,
  threshold: number | undefined,
): void {
  const c = mutableComparator(feature, kind);
  switch (metric) {
    case 'infinityNorm':
      c.infinityNorm ??= create(InfinityNormSchema);
      if (threshold === undefined) clearField(c.infinityNorm, InfinityNormSchema.field.threshold);
      else c.infinityNorm.threshold = threshold;
      break;
    case 'jensenShannonDivergence':
      c.jensenShannonDivergence ??= create(JensenShannonDivergenceSchema);
      if (threshold === undefined) clearField(c.jensenShannonDivergence, JensenShannonDivergenceSchema.field.threshold);
      else c.jensenShannonDivergence.threshold = threshold;
      break;
    case 'normalizedAbsDifference':
      c.normalizedAbsDifference ??= create(NormalizedAbsoluteDifferenceSchema);
      if (threshold === undefined) clearField(c.normalizedAbsDifference, NormalizedAbsoluteDifferenceSchema.field.threshold);
      else c.normalizedAbsDifference.threshold = threshold;
      break;
  }
}

// ——— Dataset constraints ———

export interface DatasetConstraintValues {
  readonly minExamplesCount?: number;
  readonly maxExamplesCount?: number;
  readonly numExamplesDriftMinFraction?: number;
  readonly numExamplesDriftMaxFraction?: number;
  readonly numExamplesVersionMinFraction?: number;
  readonly numExamplesVersionMaxFraction?: number;
}

export function datasetConstraintValues(schema: Schema): DatasetConstraintValues {
  const d = schema.datasetConstraints;
  if (!d) return {};
  const out: Record<string, number> = {};
  if (isFieldSet(d, DatasetConstraintsSchema.field.minExamplesCount)) out.minExamplesCount = Number(d.minExamplesCount);
  if (isFieldSet(d, DatasetConstraintsSchema.field.maxExamplesCount)) out.maxExamplesCount = Number(d.maxExamplesCount);
  const drift = d.numExamplesDriftComparator;
  if (drift) {
    if (isFieldSet(drift, NumericValueComparatorSchema.field.minFractionThreshold)) out.numExamplesDriftMinFraction = drift.minFractionThreshold;
    if (isFieldSet(drift, NumericValueComparatorSchema.field.maxFractionThreshold)) out.numExamplesDriftMaxFraction = drift.maxFractionThreshold;
  }
  const version = d.numExamplesVersionComparator;
  if (version) {
    if (isFieldSet(version, NumericValueComparatorSchema.field.minFractionThreshold)) out.numExamplesVersionMinFraction = version.minFractionThreshold;
    if (isFieldSet(version, NumericValueComparatorSchema.field.maxFractionThreshold)) out.numExamplesVersionMaxFraction = version.maxFractionThreshold;
  }
  return out;
}

export function mutableDatasetConstraints(schema: Schema): DatasetConstraints {
  return (schema.datasetConstraints ??= create(DatasetConstraintsSchema));
}

/** Sets (a number) or clears (undefined) each constraint named in `values`; others stay as they are. */
export function setDatasetConstraints(schema: Schema, values: { readonly [K in keyof DatasetConstraintValues]?: number | undefined }): void {
  const d = mutableDatasetConstraints(schema);
  const count = (key: 'minExamplesCount' | 'maxExamplesCount', v: number | undefined): void => {
    if (v === undefined) clearField(d, DatasetConstraintsSchema.field[key]);
    else d[key] = BigInt(Math.trunc(v));
  };
  const fraction = (
    which: 'numExamplesDriftComparator' | 'numExamplesVersionComparator',
    key: 'minFractionThreshold' | 'maxFractionThreshold',
    v: number | undefined,
  ): void => {
    const c = (d[which] ??= create(NumericValueComparatorSchema));
    if (v === undefined) clearField(c, NumericValueComparatorSchema.field[key]);
    else c[key] = v;
  };
  if ('minExamplesCount' in values) count('minExamplesCount', values.minExamplesCount);
  if ('maxExamplesCount' in values) count('maxExamplesCount', values.maxExamplesCount);
  if ('numExamplesDriftMinFraction' in values) fraction('numExamplesDriftComparator', 'minFractionThreshold', values.numExamplesDriftMinFraction);
  if ('numExamplesDriftMaxFraction' in values) fraction('numExamplesDriftComparator', 'maxFractionThreshold', values.numExamplesDriftMaxFraction);
  if ('numExamplesVersionMinFraction' in values) fraction('numExamplesVersionComparator', 'minFractionThreshold', values.numExamplesVersionMinFraction);
  if ('numExamplesVersionMaxFraction' in values) fraction('numExamplesVersionComparator', 'maxFractionThreshold', values.numExamplesVersionMaxFraction);
}

// ——— Types ———

export function featureTypeName(type: FeatureType): string {
  return FeatureType[type] ?? `unknown(${type})`;
}

export function hasType(feature: Feature): boolean {
  return isFieldSet(feature, FeatureSchema.field.type);
}
