/**
 * Checks one schema feature against its statistics, in TFDV's order (UpdateFeatureInternal): the schema's own
 * consistency, environment, valency, shape, presence, type, domain, unique values, then drift and skew
 * comparators. The feature (and the schema it lives in) is relaxed as it goes, so the same function drives both
 * validation (on a copy, for the reasons) and update_schema (on the result, for the relaxed schema).
 */
import { clone, toJsonString } from '@bufbuild/protobuf';
import { DerivedFeatureSourceSchema } from '../proto/gen/tensorflow_metadata/proto/v0/derived_feature_pb.js';
import type { DriftSkewInfo_Measurement } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { AnomalyInfo_Type } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Feature, Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureSchema, FeatureType, LifecycleStage } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureNameStatistics_Type } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import {
  deprecateFeature,
  findStringDomain,
  isExistenceRequired,
  isFeatureDeprecated,
  isFeatureInEnvironment,
  maxOffDomain,
  presenceOf,
} from '../schema/schemaModel.js';
import type { DatasetStatsView, FeatureStatsView } from '../schema/statsView.js';
import { bestEffortUpdateCustomDomain } from '../schema/customDomain.js';
import { runComparator } from './comparatorChecks.js';
import type { Description } from './description.js';
import { describe } from './description.js';
import type { UpdateSummary } from './domainChecks.js';
import { updateBoolDomain, updateFloatDomain, updateIntDomain, updateStringDomain } from './domainChecks.js';
import { updateImageDomain, updateNaturalLanguageDomain } from './semanticDomainChecks.js';
import { COLUMN_DROPPED, updateFeatureSelf, updatePresence, updateShape, updateUniqueConstraints, updateValueCounts } from './featureChecks.js';

export interface FeatureUpdateContext {
  /** The schema the feature belongs to: string domains are looked up (and relaxed) here. */
  readonly schema: Schema;
  /** The environment of the statistics being checked, if any. */
  readonly environment: string | undefined;
  /** Control datasets for the skew and drift comparators. */
  readonly serving?: DatasetStatsView | undefined;
  readonly previous?: DatasetStatsView | undefined;
  /** String domains that reach this many values are removed (TFDV's enum_delete_threshold). */
  readonly enumDeleteThreshold?: number | undefined;
}

export interface FeatureUpdateResult {
  readonly descriptions: Description[];
  readonly driftMeasurements: DriftSkewInfo_Measurement[];
  readonly skewMeasurements: DriftSkewInfo_Measurement[];
}

/** Removes a schema-level string domain and every reference to it (TFDV's ClearStringDomain). */
function clearStringDomain(schema: Schema, name: string): void {
  const walk = (features: Feature[]): void => {
    for (const f of features) {
      if (f.domainInfo.case === 'domain' && f.domainInfo.value === name) f.domainInfo = { case: undefined };
      if (f.domainInfo.case === 'structDomain') walk(f.domainInfo.value.feature);
    }
  };
  walk(schema.feature);
  schema.stringDomain = schema.stringDomain.filter((d) => d.name !== name);
}

export function updateExistingFeature(ctx: FeatureUpdateContext, view: FeatureStatsView, feature: Feature): FeatureUpdateResult {
  const { schema, environment } = ctx;
  const result: FeatureUpdateResult = { descriptions: updateFeatureSelf(schema, feature), driftMeasurements: [], skewMeasurements: [] };
  const add = (ds: readonly Description[]): void => {
    result.descriptions.push(...ds);
  };
  if (isFeatureDeprecated(feature)) return result;

  if (view.numPresent() === 0) {
    if (isExistenceRequired(schema, feature, environment)) {
      add([describe(AnomalyInfo_Type.FEATURE_TYPE_NOT_PRESENT, COLUMN_DROPPED, 'The feature was not present in any examples.')]);
      deprecateFeature(feature);
    }
    return result;
  }

  if (environment !== undefined && !isFeatureInEnvironment(schema, feature, environment)) {
    // Present in data whose environment the schema excludes it from: the schema learns the environment.
    feature.notInEnvironment = feature.notInEnvironment.filter((e) => e !== environment);
    if (!isFeatureInEnvironment(schema, feature, environment)) feature.inEnvironment.push(environment);
    add([
      describe(
        AnomalyInfo_Type.SCHEMA_NEW_COLUMN,
        'Column missing in environment',
        `New column ${view.pathKey} found in data but not in the environment ${environment} in the schema.`,
      ),
    ]);
  }

  if (feature.shapeType.case === 'valueCount' || feature.shapeType.case === 'valueCounts') add(updateValueCounts(view, feature));
  if (feature.shapeType.case === 'shape') add(updateShape(view, feature));
  const presence = presenceOf(feature);
  if (presence) add(updatePresence(view, presence));

  if (view.featureType() !== feature.type) {
    deprecateFeature(feature);
    const dataType = FeatureNameStatistics_Type[view.type] ?? `unknown(${view.type})`;
    const schemaType = FeatureType[feature.type] ?? `unknown(${feature.type})`;
    add([describe(AnomalyInfo_Type.UNEXPECTED_DATA_TYPE, 'Unexpected data type', `Expected data of type: ${schemaType} but got ${dataType}`)]);
  }

  const bytesDomains: ReadonlyArray<Feature['domainInfo']['case']> = [undefined, 'naturalLanguageDomain', 'imageDomain', 'urlDomain'];
  if (view.type === FeatureNameStatistics_Type.BYTES && !bytesDomains.includes(feature.domainInfo.case)) {
    // Raw bytes carry no domain but a natural-language, image or URL one (schema.cc UpdateFeatureInternal).
    const text = toJsonString(FeatureSchema, feature);
    feature.domainInfo = { case: undefined };
    add([describe(AnomalyInfo_Type.DOMAIN_INVALID_FOR_TYPE, 'Invalid domain type', `Data is marked as BYTES with incompatible domain_info: ${text}`)]);
  }

  const handle = (summary: UpdateSummary): void => {
    add(summary.descriptions);
    if (summary.clearField) feature.domainInfo = { case: undefined };
  };
  switch (feature.domainInfo.case) {
    case 'domain': {
      const name = feature.domainInfo.value;
      const domain = findStringDomain(schema, name);
      if (domain) {
        const summary = updateStringDomain(view, maxOffDomain(feature), domain, ctx.enumDeleteThreshold);
        add(summary.descriptions);
        if (summary.clearField) clearStringDomain(schema, name);
      }
      break;
    }
    case 'boolDomain':
      add(updateBoolDomain(view, feature));
      break;
    case 'intDomain':
      handle(updateIntDomain(view, feature.domainInfo.value));
      break;
    case 'floatDomain':
      handle(updateFloatDomain(view, feature.domainInfo.value));
      break;
    case 'stringDomain':
      handle(updateStringDomain(view, maxOffDomain(feature), feature.domainInfo.value, ctx.enumDeleteThreshold));
      break;
    case 'imageDomain':
      add(updateImageDomain(view, feature));
      break;
    case 'naturalLanguageDomain':
      add(updateNaturalLanguageDomain(view, feature));
      break;
    case undefined:
      // No domain yet: a semantic domain the statistics propose is taken (schema.cc UpdateFeatureInternal).
      if (bestEffortUpdateCustomDomain(view, feature)) {
        add([describe(AnomalyInfo_Type.SEMANTIC_DOMAIN_UPDATE, 'Updated semantic domain', `Updated semantic domain for feature: ${feature.name}`)]);
      }
      break;
    default:
      // mid, URL and time domains are not updated; struct domains are handled through the children.
      break;
  }

  if (feature.uniqueConstraints) add(updateUniqueConstraints(view, feature));

  if (feature.driftComparator) {
    const r = runComparator(feature, 'drift', view, ctx.previous?.getByPath(view.path), ctx.previous !== undefined);
    add(r.descriptions);
    result.driftMeasurements.push(...r.measurements);
  }
  if (feature.skewComparator) {
    const r = runComparator(feature, 'skew', view, ctx.serving?.getByPath(view.path), ctx.serving !== undefined);
    add(r.descriptions);
    result.skewMeasurements.push(...r.measurements);
  }
  add(updateDerivedSource(view, feature));
  return result;
}

/**
 * Validation-derived features (schema.cc UpdateFeatureInternal): statistics that say a feature was derived mark it
 * derived in the schema, and a feature with a derived source must be at the VALIDATION_DERIVED stage.
 */
function updateDerivedSource(view: FeatureStatsView, feature: Feature): Description[] {
  const out: Description[] = [];
  const source = view.data.validationDerivedSource;
  if (source && !feature.validationDerivedSource) {
    feature.lifecycleStage = LifecycleStage.VALIDATION_DERIVED;
    feature.validationDerivedSource = clone(DerivedFeatureSourceSchema, source);
    out.push(describe(AnomalyInfo_Type.DERIVED_FEATURE_INVALID_SOURCE, 'Derived source not set in schema.', 'Derived source not set in schema.'));
  }
  if (feature.validationDerivedSource && feature.lifecycleStage !== LifecycleStage.VALIDATION_DERIVED && !isFeatureDeprecated(feature)) {
    feature.lifecycleStage = LifecycleStage.VALIDATION_DERIVED;
    out.push(describe(AnomalyInfo_Type.DERIVED_FEATURE_BAD_LIFECYCLE, 'Derived feature has wrong lifecycle.', 'Derived feature has wrong lifecycle.'));
  }
  return out;
}

/** TFDV's description of a feature found in the data but not in the schema. */
export function newColumnDescription(): Description {
  return describe(AnomalyInfo_Type.SCHEMA_NEW_COLUMN, 'New column', 'New column (column in data but not in schema)');
}

/** TFDV's description of a required feature absent from the statistics. */
export function missingColumnDescription(): Description {
  return describe(AnomalyInfo_Type.SCHEMA_MISSING_COLUMN, COLUMN_DROPPED, 'Column is completely missing');
}
