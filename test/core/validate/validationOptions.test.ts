/**
 * TFDV's validation options (ValidationOptions / ValidationConfig / FeatureStatisticsToProtoConfig) and
 * Schema::Update's paths_to_consider, with text-proto inputs. Sources: tensorflow_data_validation/anomalies/
 * schema.cc (Updater::UpdateSeverityForAnomaly, Update), schema_anomalies.cc (FindChanges, ShouldCreateFeature),
 * string_domain_util.cc (UpdateStringDomain), dataset_constraints_util.cc.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnomalyInfo_Severity, AnomalyInfo_Type } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { LifecycleStage, SchemaSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DatasetFeatureStatisticsSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseText } from '../../../src/core/proto/textFormat.js';
import { getFeature, stringDomainOf } from '../../../src/core/schema/schemaModel.js';
import { updateSchema } from '../../../src/core/validate/updateSchema.js';
import { validateStatistics } from '../../../src/core/validate/validateStatistics.js';

const T = AnomalyInfo_Type;
const schemaOf = (text: string) => parseText(SchemaSchema, text, 'schema.pbtxt');
const statsOf = (text: string) => parseText(DatasetFeatureStatisticsSchema, text, 'stats.pbtxt');
const strings = (name: string, values: Record<string, number>) =>
  `features { name: "${name}" type: STRING string_stats { common_stats { num_non_missing: 10 min_num_values: 1 max_num_values: 1 tot_num_values: 10 }
     rank_histogram { ${Object.entries(values).map(([v, n]) => `buckets { label: "${v}" sample_count: ${n} }`).join(' ')} } } }`;

const schema = schemaOf(`feature { name: "c" type: BYTES domain: "c" } string_domain { name: "c" value: "x" }`);
const stats = statsOf(`num_examples: 10 ${strings('c', { x: 5, y: 3, z: 2 })} ${strings('fresh', { p: 10 })}`);

describe('validation options', () => {
  it('new_features_are_warnings: SCHEMA_NEW_COLUMN becomes a WARNING, other anomalies stay ERRORs', () => {
    const a = validateStatistics(stats, schema, { newFeaturesAreWarnings: true });
    assert.equal(a.anomalyInfo['fresh']?.severity, AnomalyInfo_Severity.WARNING);
    assert.equal(a.anomalyInfo['c']?.severity, AnomalyInfo_Severity.ERROR);
  });

  it('severity_overrides: the last override of a type wins; a feature takes its reasons’ highest severity', () => {
    const a = validateStatistics(stats, schema, {
      severityOverrides: [
        { type: T.ENUM_TYPE_UNEXPECTED_STRING_VALUES, severity: AnomalyInfo_Severity.ERROR },
        { type: T.ENUM_TYPE_UNEXPECTED_STRING_VALUES, severity: AnomalyInfo_Severity.WARNING },
      ],
    });
    assert.equal(a.anomalyInfo['c']?.severity, AnomalyInfo_Severity.WARNING);
    assert.equal(a.anomalyInfo['fresh']?.severity, AnomalyInfo_Severity.ERROR);
  });

  it('features_needed: only the needed features the schema lacks are new columns; schema features are checked as usual', () => {
    const a = validateStatistics(stats, schema, { featuresNeeded: [['c']] });
    assert.deepEqual(Object.keys(a.anomalyInfo), ['c']);
    const b = validateStatistics(stats, schema, { featuresNeeded: [['fresh']] });
    assert.deepEqual(Object.keys(b.anomalyInfo), ['c', 'fresh']);
  });

  it('enum_delete_threshold: a string domain that reaches the threshold is removed (INVALID_DOMAIN_SPECIFICATION)', () => {
    const a = validateStatistics(stats, schema, { enumDeleteThreshold: 3 });
    assert.deepEqual(
      a.anomalyInfo['c']?.reason.map((r) => [r.type, r.shortDescription, r.description]),
      [
        [T.ENUM_TYPE_UNEXPECTED_STRING_VALUES, 'Unexpected string values', 'Examples contain values missing from the schema: y (~30%), z (~20%). '],
        [T.INVALID_DOMAIN_SPECIFICATION, 'String domain has too many values', 'String domain has too many values (3).'],
      ],
    );
    assert.equal(validateStatistics(stats, schema, { enumDeleteThreshold: 4 }).anomalyInfo['c']?.reason.length, 1);
  });

  it('previous version statistics drive num_examples_version_comparator (dataset_constraints_util.cc)', () => {
    const versioned = schemaOf(`dataset_constraints { num_examples_version_comparator { min_fraction_threshold: 0.9 } }`);
    const a = validateStatistics(statsOf('num_examples: 10'), versioned, { previousVersionStats: statsOf('num_examples: 20') });
    assert.equal(a.datasetAnomalyInfo?.reason[0]?.type, T.COMPARATOR_LOW_NUM_EXAMPLES);
    assert.equal(
      a.datasetAnomalyInfo?.description,
      'The ratio of num examples in the current dataset versus the previous version is 0.5 (up to six significant digits), which is below the threshold 0.9.',
    );
  });
});

describe('update_schema with paths to consider (schema.cc Schema::Update)', () => {
  const base = schemaOf(`
    feature { name: "c" type: BYTES domain: "c" }
    feature { name: "gone" type: INT presence { min_count: 1 } }
    string_domain { name: "c" value: "x" }`);

  it('without paths every feature is updated, new ones added, missing required ones deprecated', () => {
    const u = updateSchema(base, stats);
    assert.deepEqual(stringDomainOf(u, getFeature(u, ['c'])!)?.value, ['x', 'y', 'z']);
    assert.ok(getFeature(u, ['fresh']));
    assert.equal(getFeature(u, ['gone'])?.lifecycleStage, LifecycleStage.DEPRECATED);
  });

  it('with paths only those are touched', () => {
    const u = updateSchema(base, stats, { pathsToConsider: [['fresh']] });
    assert.deepEqual(stringDomainOf(u, getFeature(u, ['c'])!)?.value, ['x']);
    assert.ok(getFeature(u, ['fresh']));
    assert.equal(getFeature(u, ['gone'])?.lifecycleStage, LifecycleStage.UNKNOWN_STAGE);
  });
});
