/**
 * TFDV's checks of sparse and weighted features, natural-language and image domains, validation-derived features,
 * semantic-domain updates and empty statistics. Statistics and schemas are text protos written for each case; each
 * case cites the TFDV source (tensorflow/data-validation, tensorflow_data_validation/anomalies/) it follows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Anomalies } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { AnomalyInfo_Type } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { LifecycleStage, SchemaSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DatasetFeatureStatisticsSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseText, printText } from '../../../src/core/proto/textFormat.js';
import { getFeature } from '../../../src/core/schema/schemaModel.js';
import { inferSchema } from '../../../src/core/schema/inferSchema.js';
import { updateSchema } from '../../../src/core/validate/updateSchema.js';
import { hasAnomalies, validateStatistics } from '../../../src/core/validate/validateStatistics.js';

const T = AnomalyInfo_Type;
const schemaOf = (text: string) => parseText(SchemaSchema, text, 'schema.pbtxt');
const statsOf = (text: string) => parseText(DatasetFeatureStatisticsSchema, text, 'stats.pbtxt');

function reasons(a: Anomalies, key: string): Array<[AnomalyInfo_Type, string, string]> {
  const info = a.anomalyInfo[key];
  assert.ok(info, `expected an anomaly for ${key}; got ${Object.keys(a.anomalyInfo).join(', ') || 'none'}`);
  return info.reason.map((r) => [r.type, r.shortDescription, r.description]);
}

const bytesFeature = (name: string, extra = '') =>
  `features { name: "${name}" type: STRING string_stats { common_stats { num_non_missing: 10 min_num_values: 1 max_num_values: 1 tot_num_values: 10 } } ${extra} }`;

describe('sparse features (schema.cc Schema::UpdateSparseFeature)', () => {
  const schema = schemaOf(`
    feature { name: "idx" type: INT }
    feature { name: "val" type: FLOAT }
    sparse_feature { name: "sp" index_feature { name: "idx" } value_feature { name: "val" } }`);
  const sparseStats = (customs: string) => statsOf(`num_examples: 10 features { name: "sp" type: STRUCT struct_stats { common_stats { num_non_missing: 10 } } ${customs} }`);

  it('SPARSE_FEATURE_MISSING_VALUE, _MISSING_INDEX and _LENGTH_MISMATCH from the sparse feature’s custom statistics', () => {
    const a = validateStatistics(
      sparseStats(`
        custom_stats { name: "missing_value" num: 3 }
        custom_stats { name: "missing_index" rank_histogram { buckets { label: "idx" sample_count: 2 } } }
        custom_stats { name: "max_length_diff" rank_histogram { buckets { label: "idx" sample_count: 1 } } }
        custom_stats { name: "min_length_diff" rank_histogram { buckets { label: "idx" sample_count: 0 } } }`),
      schema,
    );
    assert.deepEqual(reasons(a, 'sp'), [
      [T.SPARSE_FEATURE_MISSING_VALUE, 'Missing value feature', 'Found 3 examples missing value feature'],
      [T.SPARSE_FEATURE_MISSING_INDEX, 'Missing index feature', 'Found 2 examples missing index feature: idx'],
      [T.SPARSE_FEATURE_LENGTH_MISMATCH, 'Length mismatch between value and index feature', 'Mismatch between index feature: idx and value column, with max_length_diff = 1'],
    ]);
    assert.equal(a.anomalyInfo['sp']?.shortDescription, 'Multiple errors');
  });

  it('zero counts and unknown custom statistics raise nothing', () => {
    const a = validateStatistics(sparseStats(`custom_stats { name: "missing_value" num: 0 } custom_stats { name: "future_stat" num: 5 }`), schema);
    assert.equal(hasAnomalies(a), false);
  });

  it('SPARSE_FEATURE_NAME_COLLISION: an ordinary feature with the sparse feature’s name', () => {
    const clash = schemaOf(`feature { name: "sp" type: INT } sparse_feature { name: "sp" index_feature { name: "idx" } value_feature { name: "val" } }`);
    const a = validateStatistics(statsOf(`num_examples: 10 ${bytesFeature('sp')}`), clash);
    assert.deepEqual(reasons(a, 'sp'), [[T.SPARSE_FEATURE_NAME_COLLISION, 'Sparse feature name collision', 'Sparse feature name collision.']]);
  });

  it('update_schema deprecates a sparse feature whose statistics show a problem', () => {
    const updated = updateSchema(schema, sparseStats(`custom_stats { name: "missing_value" num: 3 }`));
    assert.equal(updated.sparseFeature[0]?.lifecycleStage, LifecycleStage.DEPRECATED);
    assert.equal(schema.sparseFeature[0]?.lifecycleStage, LifecycleStage.UNKNOWN_STAGE, 'the input schema is not changed');
  });
});

describe('weighted features (schema.cc Schema::UpdateWeightedFeature)', () => {
  const schema = schemaOf(`
    feature { name: "v" type: BYTES }
    feature { name: "w" type: FLOAT }
    weighted_feature { name: "wf" feature { step: "v" } weight_feature { step: "w" } }`);

  it('WEIGHTED_FEATURE_MISSING_VALUE, _MISSING_WEIGHT and _LENGTH_MISMATCH', () => {
    const a = validateStatistics(
      statsOf(`num_examples: 10 features { name: "wf" type: STRUCT struct_stats { common_stats { num_non_missing: 10 } }
        custom_stats { name: "missing_value" num: 2 }
        custom_stats { name: "missing_weight" num: 1 }
        custom_stats { name: "min_weight_length_diff" num: -1 }
        custom_stats { name: "max_weight_length_diff" num: 2 } }`),
      schema,
    );
    assert.deepEqual(reasons(a, 'wf'), [
      [T.WEIGHTED_FEATURE_MISSING_VALUE, 'Missing value feature', 'Found 2 examples missing value feature.'],
      [T.WEIGHTED_FEATURE_MISSING_WEIGHT, 'Missing weight feature', 'Found 1 examples missing weight feature.'],
      [
        T.WEIGHTED_FEATURE_LENGTH_MISMATCH,
        'Length mismatch between value and weight feature',
        'Mismatch between weight and value feature with min_weight_length_diff = -1 and max_weight_length_diff = 2.',
      ],
    ]);
  });

  it('WEIGHTED_FEATURE_NAME_COLLISION: a feature with the weighted feature’s name', () => {
    const clash = schemaOf(`feature { name: "wf" type: BYTES } weighted_feature { name: "wf" feature { step: "v" } weight_feature { step: "w" } }`);
    const a = validateStatistics(statsOf(`num_examples: 10 ${bytesFeature('wf')}`), clash);
    assert.deepEqual(reasons(a, 'wf'), [[T.WEIGHTED_FEATURE_NAME_COLLISION, 'Weighted feature name collision', 'Weighted feature name collision.']]);
  });
});

describe('natural-language domains (natural_language_domain_util.cc)', () => {
  const nlStats = (payload: string) =>
    statsOf(`num_examples: 10 ${bytesFeature(
      'text',
      `custom_stats { name: "nl_statistics" any { [type.googleapis.com/tensorflow.metadata.v0.NaturalLanguageStatistics] { ${payload} } } }`,
    )}`);
  const nlSchema = (domain: string) => schemaOf(`feature { name: "text" type: BYTES natural_language_domain { ${domain} } }`);

  it('FEATURE_COVERAGE_TOO_LOW and FEATURE_COVERAGE_TOO_SHORT_AVG_TOKEN_LENGTH', () => {
    const a = validateStatistics(
      nlStats('feature_coverage: 0.5 avg_token_length: 2.5'),
      nlSchema('coverage { min_coverage: 0.9 min_avg_token_length: 3 }'),
    );
    assert.deepEqual(reasons(a, 'text'), [
      [T.FEATURE_COVERAGE_TOO_LOW, 'Feature coverage is too low.', 'Fraction of tokens in the vocabulary: 0.5 is lower than the threshold set in the Schema: 0.9.'],
      [
        T.FEATURE_COVERAGE_TOO_SHORT_AVG_TOKEN_LENGTH,
        'Average token length is too short.',
        'Average token length is: 2.5 which is lower than the threshold set in the Schema: 3.',
      ],
    ]);
  });

  it('token constraints: too small / too large a fraction of sequences, too few / too many per sequence', () => {
    const stats = nlStats(`
      token_statistics { string_token: "foo" fraction_of_sequences: 0.25 per_sequence_min_frequency: 1 per_sequence_max_frequency: 7 }
      token_statistics { int_token: 42 fraction_of_sequences: 0.75 per_sequence_min_frequency: 0 per_sequence_max_frequency: 1 }`);
    const schema = nlSchema(`
      token_constraints { string_value: "foo" min_fraction_of_sequences: 0.5 max_per_sequence: 5 }
      token_constraints { int_value: 42 max_fraction_of_sequences: 0.5 min_per_sequence: 1 }`);
    assert.deepEqual(reasons(validateStatistics(stats, schema), 'text'), [
      [
        T.SEQUENCE_VALUE_TOO_SMALL_FRACTION,
        'Value occurs in too small a fraction of sequences.',
        'Fraction of sequences with value: foo is: 0.25 which is lower than the threshold set in the Schema: 0.5.',
      ],
      [
        T.SEQUENCE_VALUE_TOO_MANY_OCCURRENCES,
        'Value has too many per-sequence occurrences.',
        'Value: foo occurs at most: 7 times within a sequence, which is higher than the threshold set in the Schema: 5.',
      ],
      [
        T.SEQUENCE_VALUE_TOO_LARGE_FRACTION,
        'Value occurs in too large a fraction of sequences.',
        'Fraction of sequences with value: 42 is: 0.75 which is higher than the threshold set in the Schema: 0.5.',
      ],
      [
        T.SEQUENCE_VALUE_TOO_FEW_OCCURRENCES,
        'Value has too few per-sequence occurrences.',
        'Value: 42 occurs at least: 0 times within a sequence, which is lower than the threshold set in the Schema: 1.',
      ],
    ]);
  });

  it('STATS_NOT_AVAILABLE: constraints without nl_statistics, or for a token the statistics do not cover', () => {
    const none = validateStatistics(statsOf(`num_examples: 10 ${bytesFeature('text')}`), nlSchema('coverage { min_coverage: 0.9 }'));
    assert.deepEqual(reasons(none, 'text'), [
      [
        T.STATS_NOT_AVAILABLE,
        'Natural language stats are not computed.',
        'Constraints specified in natural language domain cannot be verified because natural language stats have not been computed.',
      ],
    ]);
    const token = validateStatistics(nlStats('feature_coverage: 1'), nlSchema('token_constraints { string_value: "absent" min_per_sequence: 1 }'));
    assert.deepEqual(reasons(token, 'text').map((r) => r[0]), [T.STATS_NOT_AVAILABLE]);
  });

  it('sequence length constraints and vocabulary are not checked (TFDV 1.21 has no C++ check for them)', () => {
    const a = validateStatistics(
      nlStats('feature_coverage: 1 min_sequence_length: 1 max_sequence_length: 500'),
      nlSchema('vocabulary: "vocab.txt" sequence_length_constraints { max_sequence_length: 10 }'),
    );
    assert.equal(hasAnomalies(a), false);
  });

  it('the expanded Any of the statistics prints back as Python’s text_format writes it', () => {
    const printed = printText(nlStats('feature_coverage: 0.5'));
    assert.match(printed, /  custom_stats \{\n    name: "nl_statistics"\n    any \{\n      \[type.googleapis.com\/tensorflow.metadata.v0.NaturalLanguageStatistics\] \{\n        feature_coverage: 0.5\n      \}\n    \}\n  \}/);
  });
});

describe('image domains (image_domain_util.cc)', () => {
  const schema = schemaOf(`feature { name: "img" type: BYTES image_domain { minimum_supported_image_fraction: 0.9 max_image_byte_size: 100 } }`);
  it('LOW_SUPPORTED_IMAGE_FRACTION from image_format_histogram, MAX_IMAGE_BYTE_SIZE_EXCEEDED from max_num_bytes_int', () => {
    const stats = statsOf(`num_examples: 10 features { name: "img" type: BYTES
      bytes_stats { common_stats { num_non_missing: 10 min_num_values: 1 max_num_values: 1 } max_num_bytes_int: 150 }
      custom_stats { name: "image_format_histogram" rank_histogram { buckets { label: "jpeg" sample_count: 7 } buckets { label: "UNKNOWN" sample_count: 3 } } } }`);
    assert.deepEqual(reasons(validateStatistics(stats, schema), 'img'), [
      [
        T.LOW_SUPPORTED_IMAGE_FRACTION,
        'Low supported image fraction',
        // std::to_string of C++ floats: %f.
        'Fraction of values containing TensorFlow supported images: 0.700000 is lower than the threshold set in the Schema: 0.900000.',
      ],
      [T.MAX_IMAGE_BYTE_SIZE_EXCEEDED, 'Num bytes exceeds the max byte size.', 'The largest image has bytes: 150. The max allowed byte size is: 100.'],
    ]);
  });
  it('without image_format_histogram the fraction is not checked (TFDV only logs a warning)', () => {
    const stats = statsOf(`num_examples: 10 features { name: "img" type: BYTES bytes_stats { common_stats { num_non_missing: 10 min_num_values: 1 max_num_values: 1 } max_num_bytes_int: 50 } }`);
    assert.equal(hasAnomalies(validateStatistics(stats, schema)), false);
  });
});

describe('derived features and lifecycle (schema.cc UpdateFeatureInternal)', () => {
  const derivedStats = statsOf(`num_examples: 10 ${bytesFeature('d', 'validation_derived_source { deriver_name: "reduce" source_path { step: "a" } }')}`);

  it('DERIVED_FEATURE_INVALID_SOURCE: statistics say derived, the schema has no source', () => {
    const a = validateStatistics(derivedStats, schemaOf(`feature { name: "d" type: BYTES }`));
    assert.deepEqual(reasons(a, 'd'), [[T.DERIVED_FEATURE_INVALID_SOURCE, 'Derived source not set in schema.', 'Derived source not set in schema.']]);
  });

  it('DERIVED_FEATURE_BAD_LIFECYCLE: a derived source but another lifecycle stage', () => {
    const schema = schemaOf(`feature { name: "d" type: BYTES lifecycle_stage: PRODUCTION validation_derived_source { deriver_name: "reduce" } }`);
    const a = validateStatistics(statsOf(`num_examples: 10 ${bytesFeature('d')}`), schema);
    assert.deepEqual(reasons(a, 'd'), [[T.DERIVED_FEATURE_BAD_LIFECYCLE, 'Derived feature has wrong lifecycle.', 'Derived feature has wrong lifecycle.']]);
  });

  it('a VALIDATION_DERIVED feature with its source is validated like any other and passes', () => {
    const schema = schemaOf(`feature { name: "d" type: BYTES lifecycle_stage: VALIDATION_DERIVED validation_derived_source { deriver_name: "reduce" } }`);
    assert.equal(hasAnomalies(validateStatistics(derivedStats, schema)), false);
  });

  it('update_schema marks the feature derived (lifecycle and source)', () => {
    const d = getFeature(updateSchema(schemaOf(`feature { name: "d" type: BYTES }`), derivedStats), ['d']);
    assert.equal(d?.lifecycleStage, LifecycleStage.VALIDATION_DERIVED);
    assert.equal(d?.validationDerivedSource?.deriverName, 'reduce');
  });
});

describe('semantic domains from statistics (custom_domain_util.cc)', () => {
  const withDomainInfo = (info: string) => statsOf(`num_examples: 10 ${bytesFeature('t', `custom_stats { name: "domain_info" str: "${info}" }`)}`);

  it('SEMANTIC_DOMAIN_UPDATE: a feature without a domain takes the domain_info the statistics propose', () => {
    const a = validateStatistics(withDomainInfo('natural_language_domain {}'), schemaOf(`feature { name: "t" type: BYTES }`));
    assert.deepEqual(reasons(a, 't'), [[T.SEMANTIC_DOMAIN_UPDATE, 'Updated semantic domain', 'Updated semantic domain for feature: t']]);
  });

  it('an existing domain is never replaced; text that is not exactly one domain_info field is ignored', () => {
    assert.equal(hasAnomalies(validateStatistics(withDomainInfo('natural_language_domain {}'), schemaOf(`feature { name: "t" type: BYTES url_domain {} }`))), false);
    assert.equal(hasAnomalies(validateStatistics(withDomainInfo('name: \\"x\\"'), schemaOf(`feature { name: "t" type: BYTES }`))), false);
  });

  it('infer_schema takes natural_language_domain from domain_info (schema.cc Updater::CreateColumn)', () => {
    const schema = inferSchema(withDomainInfo('natural_language_domain {}'));
    assert.equal(getFeature(schema, ['t'])?.domainInfo.case, 'naturalLanguageDomain');
  });
});

describe('statistics with no examples (feature_statistics_validator.cc ValidateFeatureStatistics)', () => {
  it('num_examples: 0 gives data_missing and the baseline, nothing else', () => {
    const schema = schemaOf(`feature { name: "a" type: INT presence { min_count: 1 } }`);
    const a = validateStatistics(statsOf('num_examples: 0'), schema);
    assert.equal(a.dataMissing, true);
    assert.deepEqual(Object.keys(a.anomalyInfo), []);
    assert.equal(a.datasetAnomalyInfo, undefined);
    assert.equal(a.baselineSchema.case, 'baseline');
  });
});
