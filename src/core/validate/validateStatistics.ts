/**
 * Statistics × schema → Anomalies, TFDV's validate_statistics: every feature in the statistics is checked against
 * its schema feature (or reported as a new column), every required schema feature missing from the statistics is
 * reported, dataset constraints are checked, and skew / drift comparators run against the serving / previous
 * statistics, with every measurement recorded in drift_skew_info.
 */
import { clone, create } from '@bufbuild/protobuf';
import type { Anomalies, AnomalyInfo, DriftSkewInfo_Measurement } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import {
  Anomalies_AnomalyNameFormat,
  AnomaliesSchema,
  AnomalyInfo_Severity,
  DriftSkewInfoSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { PathSchema } from '../proto/gen/tensorflow_metadata/proto/v0/path_pb.js';
import type { Feature, Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DatasetConstraintsSchema, FeatureSchema, SchemaSchema, SparseFeatureSchema, StringDomainSchema, WeightedFeatureSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetFeatureStatistics, DatasetFeatureStatisticsList } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { FacetwiseError } from '../data/issues.js';
import type { FeaturePath } from '../schema/featurePath.js';
import { serializePath } from '../schema/featurePath.js';
import { featureExists, isExistenceRequired, isFeatureDeprecated, stringDomainOf } from '../schema/schemaModel.js';
import type { FeatureStatsView } from '../schema/statsView.js';
import { asDatasetStatistics, DatasetStatsView } from '../schema/statsView.js';
import { cloneSchema } from '../schema/schemaClone.js';
import { buildAnomalyInfo } from './anomalyInfo.js';
import { entriesAt, isPathDeprecated, updateSparseOrWeighted } from './sparseWeightedChecks.js';
import { updateDatasetConstraints } from './datasetChecks.js';
import type { Description, SeverityPolicy } from './description.js';
import { severityFor } from './description.js';
import { compareUtf8 } from './tfdvFormat.js';
import { missingColumnDescription, newColumnDescription, updateExistingFeature } from './updateFeature.js';

type Stats = DatasetFeatureStatistics | DatasetFeatureStatisticsList;

export interface ValidateStatisticsOptions extends SeverityPolicy {
  /** The environment the statistics come from; must be one of the schema's default_environment. */
  readonly environment?: string;
  /** Serving statistics, for skew comparators (the validated statistics are the training side). */
  readonly servingStats?: Stats;
  /** The previous span's statistics, for drift comparators and num_examples_drift_comparator. */
  readonly previousStats?: Stats;
  /** The previous version's statistics, for num_examples_version_comparator. */
  readonly previousVersionStats?: Stats;
  /**
   * TFDV's ValidationOptions.features_needed: when given, only these of the features the schema lacks are
   * reported as new columns (schema_anomalies.cc ShouldCreateFeature); the schema's own features are checked as usual.
   */
  readonly featuresNeeded?: readonly FeaturePath[];
  /** String domains that reach this many values are removed with INVALID_DOMAIN_SPECIFICATION (enum_delete_threshold). */
  readonly enumDeleteThreshold?: number;
}

function comparePaths(a: FeaturePath, b: FeaturePath): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareUtf8(a[i] as string, b[i] as string);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/**
 * The part of the schema one feature's check may touch — the feature and the string domain it names — copied,
 * so that checking one feature never changes what another is checked against (TFDV copies the whole baseline
 * per feature).
 */
function isolatedCopy(schema: Schema, feature: Feature): { schema: Schema; feature: Feature } {
  const copy = clone(FeatureSchema, feature);
  const domain = stringDomainOf(schema, feature);
  const mini = create(SchemaSchema, {
    feature: [copy],
    defaultEnvironment: [...schema.defaultEnvironment],
    stringDomain: domain && feature.domainInfo.case === 'domain' ? [clone(StringDomainSchema, domain)] : [],
  });
  return { schema: mini, feature: copy };
}

interface FeatureFinding {
  readonly path: FeaturePath;
  readonly descriptions: Description[];
  drift: DriftSkewInfo_Measurement[];
  skew: DriftSkewInfo_Measurement[];
}

export function validateStatistics(stats: Stats, schema: Schema, options: ValidateStatisticsOptions = {}): Anomalies {
  const data = asDatasetStatistics(stats);
  const environment = options.environment === '' ? undefined : options.environment;
  if (environment !== undefined && !schema.defaultEnvironment.includes(environment)) {
    throw new FacetwiseError('ENVIRONMENT_NOT_IN_SCHEMA', `Environment ${environment} not found in the schema.`);
  }
  const result = create(AnomaliesSchema, {
    baselineSchema: { case: 'baseline', value: cloneSchema(schema) },
  });
  if (Number(data.numExamples) === 0) {
    result.dataMissing = true;
    return result;
  }
  result.anomalyNameFormat = Anomalies_AnomalyNameFormat.SERIALIZED_PATH;

  const current = new DatasetStatsView(data, { environment });
  const viewOf = (s: Stats | undefined): DatasetStatsView | undefined =>
    s === undefined ? undefined : new DatasetStatsView(asDatasetStatistics(s), { environment, byWeight: current.byWeight });
  const serving = viewOf(options.servingStats);
  const previous = viewOf(options.previousStats);
  const previousVersion = viewOf(options.previousVersionStats);

  const needed = options.featuresNeeded ? new Set(options.featuresNeeded.map(serializePath)) : undefined;
  const findings = new Map<string, FeatureFinding>();
  const finding = (path: FeaturePath): FeatureFinding => {
    const key = serializePath(path);
    let f = findings.get(key);
    if (!f) {
      f = { path, descriptions: [], drift: [], skew: [] };
      findings.set(key, f);
    }
    return f;
  };

  const visit = (view: FeatureStatsView): void => {
    const entries = entriesAt(schema, view.path);
    if (entries.sparse || entries.weighted) {
      if (isPathDeprecated(entries)) return;
      // Checked on copies: what one feature's check relaxes never changes what another is checked against.
      const special = updateSparseOrWeighted(view, {
        feature: entries.feature && clone(FeatureSchema, entries.feature),
        sparse: entries.sparse && clone(SparseFeatureSchema, entries.sparse),
        weighted: entries.weighted && clone(WeightedFeatureSchema, entries.weighted),
      });
      if (special) {
        if (special.length > 0) finding(view.path).descriptions.push(...special);
        return;
      }
    }
    const feature = entries.feature;
    if (feature) {
      if (isFeatureDeprecated(feature)) return;
      const copy = isolatedCopy(schema, feature);
      const r = updateExistingFeature({ schema: copy.schema, environment, serving, previous, enumDeleteThreshold: options.enumDeleteThreshold }, view, copy.feature);
      const f = finding(view.path);
      f.descriptions.push(...r.descriptions);
      f.drift.push(...r.driftMeasurements);
      f.skew.push(...r.skewMeasurements);
      if (isFeatureDeprecated(copy.feature)) return;
      for (const child of current.children(view)) visit(child);
    } else if (!featureExists(schema, view.path) && (needed === undefined || needed.has(view.pathKey))) {
      // A new feature and its children are one "New column" anomaly.
      finding(view.path).descriptions.push(newColumnDescription());
    }
  };
  for (const root of current.rootFeatures()) visit(root);

  // Required features the statistics lack.
  const present = new Set(current.features().map((v) => v.pathKey));
  const walkRequired = (features: readonly Feature[], prefix: FeaturePath): void => {
    for (const feature of features) {
      const path = [...prefix, feature.name];
      if (isExistenceRequired(schema, feature, environment) && !present.has(serializePath(path))) {
        finding(path).descriptions.push(missingColumnDescription());
      }
      if (!isFeatureDeprecated(feature) && feature.domainInfo.case === 'structDomain') walkRequired(feature.domainInfo.value.feature, path);
    }
  };
  walkRequired(schema.feature, []);

  const anomalyInfo: Record<string, AnomalyInfo> = {};
  const ordered = [...findings.values()].sort((a, b) => comparePaths(a.path, b.path));
  for (const f of ordered) {
    if (f.descriptions.length === 0) continue;
    anomalyInfo[serializePath(f.path)] = buildAnomalyInfo(f.descriptions, severityFor(f.descriptions, options), f.path);
  }
  result.anomalyInfo = anomalyInfo;
  for (const f of ordered) {
    if (f.drift.length === 0 && f.skew.length === 0) continue;
    result.driftSkewInfo.push(
      create(DriftSkewInfoSchema, {
        path: create(PathSchema, { step: [...f.path] }),
        driftMeasurements: f.drift,
        skewMeasurements: f.skew,
      }),
    );
  }

  if (schema.datasetConstraints) {
    const constraints = clone(DatasetConstraintsSchema, schema.datasetConstraints);
    const descriptions = updateDatasetConstraints(constraints, current, previous, previousVersion);
    // TFDV raises dataset-level anomalies as errors, without severity overrides.
    if (descriptions.length > 0) result.datasetAnomalyInfo = buildAnomalyInfo(descriptions, AnomalyInfo_Severity.ERROR);
  }
  return result;
}

/** True when any anomaly (feature- or dataset-level) has ERROR severity. */
export function hasErrorAnomalies(anomalies: Anomalies): boolean {
  if (anomalies.datasetAnomalyInfo?.severity === AnomalyInfo_Severity.ERROR) return true;
  return Object.values(anomalies.anomalyInfo).some((a) => a.severity === AnomalyInfo_Severity.ERROR);
}

/** True when validation found anything at all. */
export function hasAnomalies(anomalies: Anomalies): boolean {
  return Object.keys(anomalies.anomalyInfo).length > 0 || anomalies.datasetAnomalyInfo !== undefined || anomalies.dataMissing;
}
