/**
 * Every anomaly type the validator raises, each triggered by statistics written for it, with TFDV's wording.
 * Schemas are text format as users write them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Anomalies } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import {
  AnomalyInfo_Severity,
  AnomalyInfo_Type,
  DriftSkewInfo_Measurement_Type,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { SchemaSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { parseText } from '../../../src/core/proto/textFormat.js';
import { hasAnomalies, hasErrorAnomalies, validateStatistics } from '../../../src/core/validate/validateStatistics.js';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import { create } from '@bufbuild/protobuf';
import { WeightedCommonStatisticsSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { dataset, StatsType } from './statsBuilder.js';

const T = AnomalyInfo_Type;
const schemaOf = (text: string) => parseText(SchemaSchema, text, 'test.pbtxt');

function info(a: Anomalies, key: string) {
  const i = a.anomalyInfo[key];
  assert.ok(i, `expected an anomaly for ${key}; got ${Object.keys(a.anomalyInfo).join(', ') || 'none'}`);
  return i;
}
const types = (a: Anomalies, key: string) => info(a, key).reason.map((r) => r.type);

const intFeature = (name: string, extra = '') => `feature { name: "${name}" type: INT presence { min_count: 1 } ${extra} }`;

describe('presence', () => {
  it('SCHEMA_MISSING_COLUMN: a required feature absent from the statistics', () => {
    const schema = schemaOf(`${intFeature('a')} ${intFeature('b')}`);
    const a = validateStatistics(dataset(10, [{ name: 'a', type: StatsType.INT, num: { min: 0, max: 1 } }]), schema);
    assert.deepEqual(Object.keys(a.anomalyInfo), ['b']);
    assert.deepEqual(types(a, 'b'), [T.SCHEMA_MISSING_COLUMN]);
    assert.equal(info(a, 'b').shortDescription, 'Column dropped');
    assert.equal(info(a, 'b').description, 'Column is completely missing');
    assert.equal(info(a, 'b').severity, AnomalyInfo_Severity.ERROR);
  });

  it('an optional feature (min_count 0, no min_fraction) may be absent', () => {
    const schema = schemaOf(`feature { name: "b" type: INT presence { min_count: 0 } }`);
    assert.equal(hasAnomalies(validateStatistics(dataset(10, []), schema)), false);
  });

  it('SCHEMA_NEW_COLUMN: a feature the schema lacks', () => {
    const a = validateStatistics(dataset(10, [{ name: 'x', type: StatsType.STRING, values: { v: 10 } }]), schemaOf(''));
    assert.deepEqual(types(a, 'x'), [T.SCHEMA_NEW_COLUMN]);
    assert.equal(info(a, 'x').shortDescription, 'New column');
    assert.equal(info(a, 'x').description, 'New column (column in data but not in schema)');
  });

  it('FEATURE_TYPE_NOT_PRESENT: statistics for a required feature with no examples', () => {
    const a = validateStatistics(dataset(10, [{ name: 'a', type: StatsType.INT, present: 0, num: { min: 0, max: 0 } }]), schemaOf(intFeature('a')));
    assert.deepEqual(types(a, 'a'), [T.FEATURE_TYPE_NOT_PRESENT]);
    assert.equal(info(a, 'a').description, 'The feature was not present in any examples.');
  });

  it('FEATURE_TYPE_LOW_NUMBER_PRESENT: fewer examples than min_count', () => {
    const schema = schemaOf(`feature { name: "a" type: INT presence { min_count: 5 } }`);
    const a = validateStatistics(dataset(10, [{ name: 'a', type: StatsType.INT, present: 3, num: { min: 0, max: 3 } }]), schema);
    assert.deepEqual(types(a, 'a'), [T.FEATURE_TYPE_LOW_NUMBER_PRESENT]);
    assert.equal(info(a, 'a').description, 'The feature was present in fewer examples than expected: minimum count = 5, actual = 3');
  });

  it('FEATURE_TYPE_LOW_FRACTION_PRESENT: below min_fraction', () => {
    const schema = schemaOf(`feature { name: "a" type: INT presence { min_fraction: 1.0 min_count: 1 } }`);
    const a = validateStatistics(dataset(1000, [{ name: 'a', type: StatsType.INT, present: 998, num: { min: 0, max: 3 } }]), schema);
    assert.deepEqual(types(a, 'a'), [T.FEATURE_TYPE_LOW_FRACTION_PRESENT]);
    assert.equal(info(a, 'a').shortDescription, 'Column dropped');
    assert.equal(info(a, 'a').description, 'The feature was present in fewer examples than expected: minimum fraction = 1.000000, actual = 0.998000');
  });

  it('FEATURE_TYPE_LOW_FRACTION_PRESENT: missing so rarely that the fraction rounds to 1', () => {
    const schema = schemaOf(`feature { name: "a" type: INT presence { min_fraction: 1.0 } }`);
    const n = 1e17;
    const a = validateStatistics(dataset(n, [{ name: 'a', type: StatsType.INT, present: n, missing: 1, num: { min: 0, max: 3 } }]), schema);
    assert.deepEqual(types(a, 'a'), [T.FEATURE_TYPE_LOW_FRACTION_PRESENT]);
    assert.equal(info(a, 'a').description, 'The feature was expected everywhere, but was missing in 1 examples.');
  });
});

describe('valency and shape', () => {
  const vcSchema = schemaOf(`feature { name: "a" type: INT value_count { min: 2 max: 3 } }`);
  it('FEATURE_TYPE_LOW_NUMBER_VALUES', () => {
    const a = validateStatistics(dataset(10, [{ name: 'a', type: StatsType.INT, minValues: 1, maxValues: 3, num: { min: 0, max: 1 } }]), vcSchema);
    assert.deepEqual(types(a, 'a'), [T.FEATURE_TYPE_LOW_NUMBER_VALUES]);
    assert.equal(info(a, 'a').shortDescription, 'Missing values');
    assert.equal(info(a, 'a').description, 'Some examples have fewer values than expected.');
  });
  it('FEATURE_TYPE_HIGH_NUMBER_VALUES', () => {
    const a = validateStatistics(dataset(10, [{ name: 'a', type: StatsType.INT, minValues: 2, maxValues: 7, num: { min: 0, max: 1 } }]), vcSchema);
    assert.deepEqual(types(a, 'a'), [T.FEATURE_TYPE_HIGH_NUMBER_VALUES]);
    assert.equal(info(a, 'a').shortDescription, 'Superfluous values');
  });
  it('both at once make "Multiple errors" with the sentences joined', () => {
    const a = validateStatistics(dataset(10, [{ name: 'a', type: StatsType.INT, minValues: 0, maxValues: 9, num: { min: 0, max: 1 } }]), vcSchema);
    assert.deepEqual(types(a, 'a'), [T.FEATURE_TYPE_LOW_NUMBER_VALUES, T.FEATURE_TYPE_HIGH_NUMBER_VALUES]);
    assert.equal(info(a, 'a').shortDescription, 'Multiple errors');
    assert.equal(info(a, 'a').description, 'Some examples have fewer values than expected. Some examples have more values than expected.');
  });
  it('VALUE_NESTEDNESS_MISMATCH: value_count on a nested feature', () => {
    const stats = dataset(10, [{ name: 'a', type: StatsType.INT, nested: [[0, 1, 2], [0, 1, 1]], num: { min: 0, max: 1 } }]);
    assert.deepEqual(types(validateStatistics(stats, vcSchema), 'a'), [T.VALUE_NESTEDNESS_MISMATCH]);
  });
  it('a fixed shape is dropped when the feature is sometimes missing', () => {
    const schema = schemaOf(`feature { name: "a" type: FLOAT shape { dim { size: 1 } } }`);
    const a = validateStatistics(dataset(10, [{ name: 'a', type: StatsType.FLOAT, present: 9, num: { min: 0, max: 1 } }]), schema);
    assert.equal(info(a, 'a').shortDescription, 'Feature shape dropped');
    // feature_util.cc UpdateFeatureShape: INVALID_FEATURE_SHAPE.
    assert.deepEqual(types(a, 'a'), [T.INVALID_FEATURE_SHAPE]);
  });
  it('a fixed shape is dropped when the count does not match it', () => {
    const schema = schemaOf(`feature { name: "a" type: FLOAT shape { dim { size: 2 } } }`);
    const a = validateStatistics(dataset(10, [{ name: 'a', type: StatsType.FLOAT, minValues: 3, maxValues: 3, num: { min: 0, max: 1 } }]), schema);
    assert.equal(info(a, 'a').description, "The feature has fixed value length 3 but it's not compatible with the specified shape.");
    assert.deepEqual(types(a, 'a'), [T.INVALID_FEATURE_SHAPE]);
  });
  it('a matching shape passes', () => {
    const schema = schemaOf(`feature { name: "a" type: FLOAT shape { dim { size: 2 } dim { size: 2 } } }`);
    const stats = dataset(10, [{ name: 'a', type: StatsType.FLOAT, nested: [[0, 2, 2], [0, 2, 2]], num: { min: 0, max: 1 } }]);
    assert.equal(hasAnomalies(validateStatistics(stats, schema)), false);
  });
});

describe('string domains', () => {
  const schema = `
    feature { name: "c" type: BYTES domain: "c" }
    string_domain { name: "c" value: "x" value: "y" }`;
  it('ENUM_TYPE_UNEXPECTED_STRING_VALUES names each value with its share', () => {
    const a = validateStatistics(dataset(200, [{ name: 'c', type: StatsType.STRING, values: { x: 150, y: 20, "q\"z": 29, w: 1 } }]), schemaOf(schema));
    assert.deepEqual(types(a, 'c'), [T.ENUM_TYPE_UNEXPECTED_STRING_VALUES]);
    assert.equal(info(a, 'c').description, 'Examples contain values missing from the schema: q\\"z (~14%), w (<1%). ');
  });
  it('min_domain_mass tolerates a share of values outside the domain', () => {
    const stats = dataset(100, [{ name: 'c', type: StatsType.STRING, values: { x: 95, z: 5 } }]);
    const tolerant = schemaOf(schema.replace('domain: "c"', 'domain: "c" distribution_constraints { min_domain_mass: 0.95 }'));
    assert.equal(hasAnomalies(validateStatistics(stats, tolerant)), false);
    const strict = schemaOf(schema.replace('domain: "c"', 'domain: "c" distribution_constraints { min_domain_mass: 0.96 }'));
    assert.deepEqual(types(validateStatistics(stats, strict), 'c'), [T.ENUM_TYPE_UNEXPECTED_STRING_VALUES]);
  });
  it('an inline string_domain works the same', () => {
    const inline = schemaOf(`feature { name: "c" type: BYTES string_domain { value: "x" } }`);
    assert.deepEqual(types(validateStatistics(dataset(2, [{ name: 'c', type: StatsType.STRING, values: { x: 1, y: 1 } }]), inline), 'c'), [
      T.ENUM_TYPE_UNEXPECTED_STRING_VALUES,
    ]);
  });
  it('ENUM_TYPE_INVALID_UTF8', () => {
    const a = validateStatistics(dataset(2, [{ name: 'c', type: StatsType.STRING, values: { x: 1, __BYTES_VALUE__: 1 } }]), schemaOf(schema));
    assert.deepEqual(types(a, 'c'), [T.ENUM_TYPE_INVALID_UTF8]);
  });
  it('two features sharing a domain are judged apart (one feature’s new values do not excuse the other’s)', () => {
    const shared = schemaOf(`${schema} feature { name: "d" type: BYTES domain: "c" }`);
    const stats = dataset(2, [
      { name: 'c', type: StatsType.STRING, values: { x: 1, z: 1 } },
      { name: 'd', type: StatsType.STRING, values: { x: 1, z: 1 } },
    ]);
    const a = validateStatistics(stats, shared);
    assert.deepEqual(Object.keys(a.anomalyInfo), ['c', 'd']);
  });
});

describe('int, float and bool domains', () => {
  it('INT_TYPE_SMALL_INT / INT_TYPE_BIG_INT', () => {
    const schema = schemaOf(`feature { name: "a" type: INT int_domain { min: 1 max: 7 } }`);
    const a = validateStatistics(dataset(5, [{ name: 'a', type: StatsType.INT, num: { min: 0, max: 9 } }]), schema);
    assert.deepEqual(types(a, 'a'), [T.INT_TYPE_SMALL_INT, T.INT_TYPE_BIG_INT]);
    assert.equal(info(a, 'a').reason[0]?.description, 'Unexpectedly small value: 0.');
    assert.equal(info(a, 'a').reason[1]?.description, 'Unexpectedly large value: 9.');
    assert.equal(info(a, 'a').reason[0]?.shortDescription, 'Out-of-range values');
  });
  it('INT_TYPE_NOT_INT_STRING: an int_domain on strings that are not ints', () => {
    const schema = schemaOf(`feature { name: "a" type: BYTES int_domain { } }`);
    const a = validateStatistics(dataset(2, [{ name: 'a', type: StatsType.STRING, values: { '12': 1, twelve: 1 } }]), schema);
    assert.deepEqual(types(a, 'a'), [T.INT_TYPE_NOT_INT_STRING]);
    assert.equal(info(a, 'a').description, 'String values that were not ints were found, such as "twelve".');
  });
  it('FLOAT_TYPE_SMALL_FLOAT / FLOAT_TYPE_BIG_FLOAT, compared at float32 like the proto field', () => {
    const schema = schemaOf(`feature { name: "a" type: FLOAT float_domain { min: 0.1 max: 41.5 } }`);
    assert.equal(hasAnomalies(validateStatistics(dataset(5, [{ name: 'a', type: StatsType.FLOAT, num: { min: 0.1, max: 41.5 } }]), schema)), false);
    const a = validateStatistics(dataset(5, [{ name: 'a', type: StatsType.FLOAT, num: { min: -2.5, max: 100.25 } }]), schema);
    assert.deepEqual(types(a, 'a'), [T.FLOAT_TYPE_SMALL_FLOAT, T.FLOAT_TYPE_BIG_FLOAT]);
    assert.equal(info(a, 'a').reason[0]?.description, 'Unexpectedly low values: -2.5<0.1(upto six significant digits)');
    assert.equal(info(a, 'a').reason[1]?.description, 'Unexpectedly high value: 100.25>41.5(upto six significant digits)');
  });
  it('FLOAT_TYPE_HAS_NAN only where disallow_nan', () => {
    const stats = dataset(5, [{ name: 'a', type: StatsType.FLOAT, num: { min: 0, max: 1, nan: 2, buckets: [[0, 1, 3]] } }]);
    assert.equal(hasAnomalies(validateStatistics(stats, schemaOf(`feature { name: "a" type: FLOAT float_domain { } }`))), false);
    const a = validateStatistics(stats, schemaOf(`feature { name: "a" type: FLOAT float_domain { disallow_nan: true } }`));
    assert.deepEqual(types(a, 'a'), [T.FLOAT_TYPE_HAS_NAN]);
    assert.equal(info(a, 'a').description, 'Float feature has NaN values.');
  });
  it('FLOAT_TYPE_HAS_INF from an infinite min or max', () => {
    const schema = schemaOf(`feature { name: "a" type: FLOAT float_domain { disallow_inf: true } }`);
    for (const num of [{ min: -Infinity, max: 3 }, { min: 0, max: Infinity }]) {
      assert.deepEqual(types(validateStatistics(dataset(5, [{ name: 'a', type: StatsType.FLOAT, num }]), schema), 'a'), [T.FLOAT_TYPE_HAS_INF]);
    }
    assert.equal(hasAnomalies(validateStatistics(dataset(5, [{ name: 'a', type: StatsType.FLOAT, num: { min: 0, max: 3 } }]), schema)), false);
  });
  it('FLOAT_TYPE_STRING_NOT_FLOAT', () => {
    const schema = schemaOf(`feature { name: "a" type: BYTES float_domain { } }`);
    const a = validateStatistics(dataset(2, [{ name: 'a', type: StatsType.STRING, values: { '1.5': 1, abc: 1 } }]), schema);
    assert.deepEqual(types(a, 'a'), [T.FLOAT_TYPE_STRING_NOT_FLOAT]);
  });
  it('BOOL_TYPE_BIG_INT / BOOL_TYPE_SMALL_INT', () => {
    const schema = schemaOf(`feature { name: "a" type: INT bool_domain { } }`);
    const big = validateStatistics(dataset(5, [{ name: 'a', type: StatsType.INT, num: { min: 0, max: 2 } }]), schema);
    assert.deepEqual(types(big, 'a'), [T.BOOL_TYPE_BIG_INT]);
    assert.equal(info(big, 'a').description, 'Integers (such as 2) not in {0, 1}: converting to an integer.');
    const small = validateStatistics(dataset(5, [{ name: 'a', type: StatsType.INT, num: { min: -1, max: 1 } }]), schema);
    assert.deepEqual(types(small, 'a'), [T.BOOL_TYPE_SMALL_INT]);
  });
  it('BOOL_TYPE_UNEXPECTED_STRING', () => {
    const schema = schemaOf(`feature { name: "a" type: BYTES bool_domain { true_value: "yes" false_value: "no" } }`);
    const a = validateStatistics(dataset(3, [{ name: 'a', type: StatsType.STRING, values: { yes: 1, no: 1, maybe: 1 } }]), schema);
    assert.deepEqual(types(a, 'a'), [T.BOOL_TYPE_UNEXPECTED_STRING]);
    assert.equal(info(a, 'a').description, 'Saw unexpected value "maybe" instead of {"no", "yes"}.');
  });
  // bool_domain_util.cc UpdateBoolDomain: a bucket strictly inside (0, 1) counts only in a QUANTILES histogram.
  it('BOOL_TYPE_UNEXPECTED_FLOAT: a QUANTILES bucket strictly between 0 and 1', () => {
    const schema = schemaOf(`feature { name: "a" type: FLOAT bool_domain { } }`);
    const a = validateStatistics(dataset(3, [{ name: 'a', type: StatsType.FLOAT, num: { min: 0, max: 1, quantiles: [[0, 0, 1], [0.25, 0.75, 1], [1, 1, 1]] } }]), schema);
    assert.deepEqual(types(a, 'a'), [T.BOOL_TYPE_UNEXPECTED_FLOAT]);
    assert.equal(info(a, 'a').description, 'Float values falling between 0 and 1: converting to float_domain.');
    const converted = a.baselineSchema.case === 'baseline' ? a.baselineSchema.value : undefined;
    assert.ok(converted, 'the baseline is the schema as given');
  });
  it('no BOOL_TYPE_UNEXPECTED_FLOAT from a STANDARD bucket strictly between 0 and 1 (0/1 values in 10 equal-width buckets)', () => {
    const schema = schemaOf(`feature { name: "a" type: FLOAT bool_domain { } }`);
    // Ten equal-width buckets over [0, 1]: values 0 and 1 land in the end buckets, but a bucket like [0.1, 0.2]
    // may be reported with a (split) count by an engine that spreads counts over buckets.
    const buckets: [number, number, number][] = Array.from({ length: 10 }, (_, i) => [i / 10, (i + 1) / 10, i === 0 || i === 9 ? 5 : 0.1]);
    const a = validateStatistics(dataset(10, [{ name: 'a', type: StatsType.FLOAT, num: { min: 0, max: 1, buckets } }]), schema);
    assert.equal(hasAnomalies(a), false);
  });
  it('BOOL_TYPE_UNEXPECTED_FLOAT from any histogram: a bucket above 1, NaNs', () => {
    const schema = schemaOf(`feature { name: "a" type: FLOAT bool_domain { } }`);
    const above = validateStatistics(dataset(3, [{ name: 'a', type: StatsType.FLOAT, num: { min: 0, max: 1, buckets: [[0, 1, 2], [1.5, 2, 1]] } }]), schema);
    assert.equal(info(above, 'a').description, 'Float values > 1 not in {0, 1}: converting to float_domain.');
    const nan = validateStatistics(dataset(3, [{ name: 'a', type: StatsType.FLOAT, num: { min: 0, max: 1, nan: 1, buckets: [[0, 1, 2]] } }]), schema);
    assert.equal(info(nan, 'a').description, 'Floats (such as NaN) not in {0, 1}: converting to float_domain.');
  });
});

describe('types and schema consistency', () => {
  it('UNEXPECTED_DATA_TYPE', () => {
    const a = validateStatistics(dataset(3, [{ name: 'a', type: StatsType.FLOAT, num: { min: 0, max: 1 } }]), schemaOf(intFeature('a')));
    assert.deepEqual(types(a, 'a'), [T.UNEXPECTED_DATA_TYPE]);
    assert.equal(info(a, 'a').description, 'Expected data of type: INT but got FLOAT');
  });
  it('DOMAIN_INVALID_FOR_TYPE: a string domain on an INT feature', () => {
    const schema = schemaOf(`feature { name: "a" type: INT string_domain { value: "x" } }`);
    const a = validateStatistics(dataset(3, [{ name: 'a', type: StatsType.INT, num: { min: 0, max: 1 } }]), schema);
    assert.deepEqual(types(a, 'a'), [T.DOMAIN_INVALID_FOR_TYPE]);
    assert.equal(info(a, 'a').description, 'The domain "string_domain" does not match the type: INT');
  });
  it('FEATURE_MISSING_TYPE and INVALID_SCHEMA_SPECIFICATION', () => {
    const noType = validateStatistics(dataset(3, [{ name: 'a', type: StatsType.INT, num: { min: 0, max: 1 } }]), schemaOf(`feature { name: "a" }`));
    assert.deepEqual(types(noType, 'a'), [T.FEATURE_MISSING_TYPE]);
    const bad = schemaOf(`feature { name: "a" type: INT presence { min_fraction: 1.5 } }`);
    assert.deepEqual(types(validateStatistics(dataset(3, [{ name: 'a', type: StatsType.INT, num: { min: 0, max: 1 } }]), bad), 'a'), [
      T.INVALID_SCHEMA_SPECIFICATION,
    ]);
  });
  it('FEATURE_MISSING_NAME: a feature without a name is deprecated', () => {
    const a = validateStatistics(dataset(3, [{ name: '', type: StatsType.INT, num: { min: 0, max: 1 } }]), schemaOf(`feature { type: INT }`));
    // An empty step serializes quoted, as TFDV's Path::Serialize does.
    assert.deepEqual(types(a, "''"), [T.FEATURE_MISSING_NAME]);
    assert.equal(info(a, "''").shortDescription, 'unspecified name (maybe meant to be the empty string): find name rather than deprecating.');
  });
  it('DOMAIN_INVALID_FOR_TYPE: BYTES statistics under a domain', () => {
    const schema = schemaOf(`feature { name: "a" type: BYTES string_domain { value: "x" } }`);
    const a = validateStatistics(dataset(3, [{ name: 'a', type: StatsType.BYTES }]), schema);
    assert.deepEqual(types(a, 'a'), [T.DOMAIN_INVALID_FOR_TYPE]);
    assert.equal(info(a, 'a').shortDescription, 'Invalid domain type');
    assert.match(info(a, 'a').description, /^Data is marked as BYTES with incompatible domain_info: /);
  });
  it('DOMAIN_INVALID_FOR_TYPE: an int_domain with bounds over values beyond int64', () => {
    const schema = schemaOf(`feature { name: "a" type: INT int_domain { min: 0 } }`);
    const a = validateStatistics(dataset(3, [{ name: 'a', type: StatsType.INT, num: { min: -1e20, max: 1 } }]), schema);
    assert.deepEqual(types(a, 'a'), [T.DOMAIN_INVALID_FOR_TYPE]);
    assert.equal(info(a, 'a').description, 'Integer had values that were not valid Int64, such as "-100000000000000000000".');
  });
  // schema.cc UpdateFeatureSelf calls UpdateStringDomainSelf / UpdateBoolDomainSelf and drops their reasons:
  // TFDV fixes a malformed domain without reporting it.
  it('malformed domains (repeated string values, equal true and false) are fixed without an anomaly', () => {
    const strings = schemaOf(`feature { name: "a" type: BYTES string_domain { value: "x" value: "x" } }`);
    assert.equal(hasAnomalies(validateStatistics(dataset(1, [{ name: 'a', type: StatsType.STRING, values: { x: 1 } }]), strings)), false);
    const bools = schemaOf(`feature { name: "a" type: BYTES bool_domain { true_value: "y" false_value: "y" } }`);
    assert.equal(hasAnomalies(validateStatistics(dataset(1, [{ name: 'a', type: StatsType.STRING, values: { y: 1 } }]), bools)), false);
  });
  // schema.cc UpdateFeatureSelf: domains its switch does not list are "unknown" to TFDV 1.21 and cleared.
  it('INVALID_DOMAIN_SPECIFICATION: a time_of_day_domain (unknown to TFDV 1.21’s validator)', () => {
    const schema = schemaOf(`feature { name: "t" type: BYTES time_of_day_domain { string_format: "%H:%M" } }`);
    const a = validateStatistics(dataset(1, [{ name: 't', type: StatsType.STRING, values: { '10:00': 1 } }]), schema);
    assert.deepEqual(types(a, 't'), [T.INVALID_DOMAIN_SPECIFICATION]);
    assert.equal(info(a, 't').shortDescription, 'internal issue: unknown domain_info type');
  });
  it('INVALID_DOMAIN_SPECIFICATION: a domain name no string_domain has', () => {
    const schema = schemaOf(`feature { name: "a" type: BYTES domain: "nope" }`);
    const a = validateStatistics(dataset(1, [{ name: 'a', type: StatsType.STRING, values: { x: 1 } }]), schema);
    assert.deepEqual(types(a, 'a'), [T.INVALID_DOMAIN_SPECIFICATION]);
    assert.equal(info(a, 'a').shortDescription, 'missing domain: nope');
  });
  it('DOMAIN_INVALID_FOR_TYPE names the proto field: image_domain on FLOAT', () => {
    const schema = schemaOf(`feature { name: "a" type: FLOAT image_domain { } }`);
    const a = validateStatistics(dataset(1, [{ name: 'a', type: StatsType.FLOAT, num: { min: 0, max: 1 } }]), schema);
    assert.equal(info(a, 'a').description, 'The domain "image_domain" does not match the type: FLOAT');
  });
  it('FEATURE_TYPE_LOW_UNIQUE / HIGH_UNIQUE / NO_UNIQUE', () => {
    const schema = schemaOf(`feature { name: "s" type: BYTES unique_constraints { min: 3 max: 4 } }
                             feature { name: "n" type: INT unique_constraints { min: 1 max: 2 } }`);
    const low = validateStatistics(dataset(3, [{ name: 's', type: StatsType.STRING, values: { a: 2, b: 1 } }, { name: 'n', type: StatsType.INT, num: { min: 0, max: 1 } }]), schema);
    assert.deepEqual(types(low, 's'), [T.FEATURE_TYPE_LOW_UNIQUE]);
    assert.equal(info(low, 's').description, 'Expected at least 3 unique values but found only 2.');
    assert.deepEqual(types(low, 'n'), [T.FEATURE_TYPE_NO_UNIQUE]);
    const high = validateStatistics(dataset(5, [{ name: 's', type: StatsType.STRING, values: { a: 1, b: 1, c: 1, d: 1, e: 1 } }]), schema);
    assert.deepEqual(types(high, 's'), [T.FEATURE_TYPE_HIGH_UNIQUE]);
  });
  it('deprecated features are not validated, and not missed', () => {
    const schema = schemaOf(`feature { name: "a" type: INT presence { min_count: 1 } lifecycle_stage: DEPRECATED }
                             feature { name: "b" type: INT presence { min_count: 1 } lifecycle_stage: PLANNED }`);
    const a = validateStatistics(dataset(3, [{ name: 'a', type: StatsType.STRING, values: { x: 3 } }]), schema);
    assert.equal(hasAnomalies(a), false);
  });
});

describe('environments', () => {
  const schema = schemaOf(`
    default_environment: "TRAINING"
    default_environment: "SERVING"
    feature { name: "label" type: INT presence { min_count: 1 } not_in_environment: "SERVING" }
    feature { name: "extra" type: INT presence { min_count: 1 } in_environment: "SERVING" not_in_environment: "SERVING" }
    feature { name: "x" type: INT presence { min_count: 1 } }`);
  const x = { name: 'x', type: StatsType.INT, num: { min: 0, max: 1 } };
  it('not_in_environment: not required there', () => {
    assert.deepEqual(Object.keys(validateStatistics(dataset(3, [x]), schema, { environment: 'SERVING' }).anomalyInfo), ['extra']);
  });
  it('without an environment every feature is required', () => {
    assert.deepEqual(Object.keys(validateStatistics(dataset(3, [x]), schema).anomalyInfo), ['extra', 'label']);
  });
  it('default_environment puts every feature in an environment unless it says otherwise', () => {
    assert.deepEqual(Object.keys(validateStatistics(dataset(3, [x]), schema, { environment: 'TRAINING' }).anomalyInfo), ['extra', 'label']);
  });
  it('in_environment wins over not_in_environment (TFDV checks it first)', () => {
    const a = validateStatistics(dataset(3, [x]), schema, { environment: 'SERVING' });
    assert.deepEqual(types(a, 'extra'), [T.SCHEMA_MISSING_COLUMN]);
  });
  it('in_environment adds an environment rather than restricting a feature to it', () => {
    const s = schemaOf(`default_environment: "TRAINING" feature { name: "a" type: INT presence { min_count: 1 } in_environment: "TRAINING" }
                        feature { name: "b" type: INT presence { min_count: 1 } }`);
    // "b" is in TRAINING through the defaults, "a" also by name: both are required there ("x" is new).
    assert.deepEqual(Object.keys(validateStatistics(dataset(3, [x]), s, { environment: 'TRAINING' }).anomalyInfo), ['a', 'b', 'x']);
  });
  it('a feature found in an environment that excludes it is a new column there', () => {
    const a = validateStatistics(dataset(3, [x, { name: 'label', type: StatsType.INT, num: { min: 0, max: 1 } }]), schema, { environment: 'SERVING' });
    assert.deepEqual(types(a, 'label'), [T.SCHEMA_NEW_COLUMN]);
    assert.equal(info(a, 'label').shortDescription, 'Column missing in environment');
    assert.equal(info(a, 'label').description, 'New column label found in data but not in the environment SERVING in the schema.');
  });
  it('an environment the schema does not declare is an error', () => {
    assert.throws(
      () => validateStatistics(dataset(3, [x]), schema, { environment: 'NOPE' }),
      (e: unknown) => e instanceof FacetwiseError && /Environment NOPE not found in the schema/.test(e.message),
    );
  });
});

describe('comparators', () => {
  const cat = (values: Record<string, number>) => dataset(Object.values(values).reduce((s, v) => s + v, 0), [{ name: 'c', type: StatsType.STRING, values }]);
  it('COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH on value counts', () => {
    const schema = schemaOf(`feature { name: "c" type: BYTES skew_comparator { jensen_shannon_divergence { threshold: 0.1 } } }`);
    const a = validateStatistics(cat({ a: 1 }), schema, { servingStats: cat({ b: 1 }) });
    assert.deepEqual(types(a, 'c'), [T.COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH]);
    assert.equal(
      info(a, 'c').description,
      'The approximate Jensen-Shannon divergence between training and serving is 1 (up to six significant digits), above the threshold 0.1.',
    );
  });
  it('COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH on numeric histograms, recorded in drift_skew_info', () => {
    const schema = schemaOf(`feature { name: "n" type: FLOAT drift_comparator { jensen_shannon_divergence { threshold: 0.01 } } }`);
    const current = dataset(10, [{ name: 'n', type: StatsType.FLOAT, num: { min: 0, max: 2, buckets: [[0, 1, 10], [1, 2, 0]] } }]);
    const previous = dataset(10, [{ name: 'n', type: StatsType.FLOAT, num: { min: 0, max: 2, buckets: [[0, 1, 5], [1, 2, 5]] } }]);
    const a = validateStatistics(current, schema, { previousStats: previous });
    assert.deepEqual(types(a, 'n'), [T.COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH]);
    // P = (1, 0), Q = (½, ½), M = (¾, ¼): JSD = ½·[1·log2(4/3)] + ½·[½·log2(2/3) + ½·log2(2)]
    const expected = 0.5 * Math.log2(4 / 3) + 0.5 * (0.5 * Math.log2(2 / 3) + 0.5);
    const m = a.driftSkewInfo[0]?.driftMeasurements[0];
    assert.equal(m?.type, DriftSkewInfo_Measurement_Type.JENSEN_SHANNON_DIVERGENCE);
    assert.ok(Math.abs((m?.value ?? 0) - expected) < 1e-12);
  });
  it('normalized_abs_difference is measured and reported', () => {
    const schema = schemaOf(`feature { name: "c" type: BYTES skew_comparator { normalized_abs_difference { threshold: 0.1 } } }`);
    const a = validateStatistics(cat({ a: 30, b: 10 }), schema, { servingStats: cat({ a: 10, b: 10 }) });
    // |30 − 10| / (40 + 20)
    assert.ok(Math.abs((a.driftSkewInfo[0]?.skewMeasurements[0]?.value ?? 0) - 1 / 3) < 1e-12);
    assert.equal(info(a, 'c').shortDescription, 'High normalized absolute difference between training and serving');
  });
  it('COMPARATOR_CONTROL_DATA_MISSING for drift names the previous span', () => {
    const schema = schemaOf(`feature { name: "c" type: BYTES drift_comparator { infinity_norm { threshold: 0.1 } } }`);
    const a = validateStatistics(cat({ a: 1 }), schema, { previousStats: dataset(1, []) });
    assert.equal(info(a, 'c').shortDescription, 'previous data missing');
    assert.equal(info(a, 'c').description, 'previous data is missing.');
  });
  it('COMPARATOR_CONTROL_DATA_MISSING: serving statistics without the feature', () => {
    const schema = schemaOf(`feature { name: "c" type: BYTES skew_comparator { infinity_norm { threshold: 0.1 } } }`);
    const a = validateStatistics(cat({ a: 1 }), schema, { servingStats: dataset(1, []) });
    assert.deepEqual(types(a, 'c'), [T.COMPARATOR_CONTROL_DATA_MISSING]);
    assert.equal(info(a, 'c').description, 'serving data is missing.');
    // …and no comparison at all without serving statistics.
    assert.equal(hasAnomalies(validateStatistics(cat({ a: 1 }), schema)), false);
  });
});

describe('dataset constraints', () => {
  const stats = dataset(100, []);
  it('DATASET_LOW_NUM_EXAMPLES / DATASET_HIGH_NUM_EXAMPLES', () => {
    const low = validateStatistics(stats, schemaOf(`dataset_constraints { min_examples_count: 1000 }`));
    assert.equal(low.datasetAnomalyInfo?.reason[0]?.type, T.DATASET_LOW_NUM_EXAMPLES);
    assert.equal(low.datasetAnomalyInfo?.description, 'The dataset has 100 examples, which is fewer than expected.');
    const high = validateStatistics(stats, schemaOf(`dataset_constraints { min_examples_count: 1 max_examples_count: 10 }`));
    assert.equal(high.datasetAnomalyInfo?.reason[0]?.type, T.DATASET_HIGH_NUM_EXAMPLES);
    assert.ok(hasErrorAnomalies(high));
    // schema.cc UpdateDatasetConstraints: the bounds are checked only when min_examples_count is set.
    assert.equal(validateStatistics(stats, schemaOf(`dataset_constraints { max_examples_count: 10 }`)).datasetAnomalyInfo, undefined);
  });
  it('COMPARATOR_LOW_NUM_EXAMPLES / COMPARATOR_HIGH_NUM_EXAMPLES against the previous span', () => {
    const schema = schemaOf(`dataset_constraints { num_examples_drift_comparator { min_fraction_threshold: 0.9 max_fraction_threshold: 1.1 } }`);
    const low = validateStatistics(stats, schema, { previousStats: dataset(200, []) });
    assert.equal(low.datasetAnomalyInfo?.reason[0]?.type, T.COMPARATOR_LOW_NUM_EXAMPLES);
    assert.equal(
      low.datasetAnomalyInfo?.description,
      'The ratio of num examples in the current dataset versus the previous span is 0.5 (up to six significant digits), which is below the threshold 0.9.',
    );
    const high = validateStatistics(stats, schema, { previousStats: dataset(50, []) });
    assert.equal(high.datasetAnomalyInfo?.reason[0]?.type, T.COMPARATOR_HIGH_NUM_EXAMPLES);
    assert.equal(hasAnomalies(validateStatistics(stats, schema, { previousStats: dataset(100, []) })), false);
  });
});

describe('severity and output shape', () => {
  const stats = dataset(3, [{ name: 'x', type: StatsType.INT, num: { min: 0, max: 1 } }]);
  it('severity overrides and new_features_are_warnings', () => {
    assert.equal(info(validateStatistics(stats, schemaOf('')), 'x').severity, AnomalyInfo_Severity.ERROR);
    const warn = validateStatistics(stats, schemaOf(''), { newFeaturesAreWarnings: true });
    assert.equal(info(warn, 'x').severity, AnomalyInfo_Severity.WARNING);
    assert.equal(hasErrorAnomalies(warn), false);
    const over = validateStatistics(stats, schemaOf(''), { severityOverrides: [{ type: T.SCHEMA_NEW_COLUMN, severity: AnomalyInfo_Severity.WARNING }] });
    assert.equal(info(over, 'x').severity, AnomalyInfo_Severity.WARNING);
  });
  it('the baseline is the schema, and it is not modified', () => {
    const schema = schemaOf(`feature { name: "x" type: INT int_domain { max: 0 } }`);
    const a = validateStatistics(stats, schema);
    assert.deepEqual(types(a, 'x'), [T.INT_TYPE_BIG_INT]);
    assert.equal(schema.feature[0]?.domainInfo.case === 'intDomain' && schema.feature[0].domainInfo.value.max, 0n);
    assert.equal(a.baselineSchema.case, 'baseline');
    assert.equal(a.baselineSchema.value?.feature[0]?.name, 'x');
  });
  it('statistics keyed by path work like names, and nested paths serialize with dots', () => {
    const schema = schemaOf(`feature { name: "s" type: STRUCT struct_domain { feature { name: "a.b" type: INT presence { min_count: 1 } } } }`);
    const a = validateStatistics(dataset(3, [{ name: 's', path: ['s'], type: StatsType.STRUCT }]), schema);
    assert.deepEqual(Object.keys(a.anomalyInfo), ["s.'a.b'"]);
    assert.deepEqual(info(a, "s.'a.b'").path?.step, ['s', 'a.b']);
  });
});

describe('weighted statistics', () => {
  it('are read instead of the plain counts when every feature has them (TFDV’s by_weight)', () => {
    const stats = dataset(10, [{ name: 'a', type: StatsType.INT, num: { min: 0, max: 1 } }]);
    stats.weightedNumExamples = 20;
    const common = stats.features[0]!.stats.case === 'numStats' ? stats.features[0]!.stats.value.commonStats : undefined;
    common!.weightedCommonStats = create(WeightedCommonStatisticsSchema, { numNonMissing: 15, numMissing: 5, totNumValues: 15, avgNumValues: 1 });
    const schema = schemaOf(`feature { name: "a" type: INT presence { min_fraction: 1.0 } }`);
    const a = validateStatistics(stats, schema);
    assert.equal(info(a, 'a').description, 'The feature was present in fewer examples than expected: minimum fraction = 1.000000, actual = 0.750000');
  });
});

describe('hostile statistics', () => {
  it('an empty dataset: data_missing and nothing else', () => {
    const a = validateStatistics(dataset(0, []), schemaOf(intFeature('a')));
    assert.equal(a.dataMissing, true);
    assert.deepEqual(Object.keys(a.anomalyInfo), []);
    assert.ok(hasAnomalies(a));
  });
  it('one row', () => {
    const schema = schemaOf(`feature { name: "a" type: FLOAT presence { min_fraction: 1 min_count: 1 } shape { dim { size: 1 } } }`);
    assert.equal(hasAnomalies(validateStatistics(dataset(1, [{ name: 'a', type: StatsType.FLOAT, num: { min: 3, max: 3 } }]), schema)), false);
  });
  it('a feature missing from every row, with statistics: not present when required, fine when optional', () => {
    const stats = dataset(5, [{ name: 'a', type: StatsType.STRING, present: 0 }]);
    assert.deepEqual(types(validateStatistics(stats, schemaOf(`feature { name: "a" type: BYTES presence { min_count: 1 } }`)), 'a'), [T.FEATURE_TYPE_NOT_PRESENT]);
    assert.equal(hasAnomalies(validateStatistics(stats, schemaOf(`feature { name: "a" type: BYTES presence { min_count: 0 } }`))), false);
  });
  it('features with empty statistics are ignored, as TFDV does', () => {
    const stats = dataset(5, [{ name: 'a', type: StatsType.INT, num: { min: 0, max: 1 } }]);
    stats.features[0]!.stats = { case: undefined };
    assert.deepEqual(types(validateStatistics(stats, schemaOf(intFeature('a'))), 'a'), [T.SCHEMA_MISSING_COLUMN]);
  });
  it('NaN and ±Inf in numeric statistics do not break range checks', () => {
    const schema = schemaOf(`feature { name: "a" type: FLOAT float_domain { min: 0 max: 1 } }`);
    const a = validateStatistics(dataset(5, [{ name: 'a', type: StatsType.FLOAT, num: { min: -Infinity, max: Infinity, nan: 1 } }]), schema);
    assert.deepEqual(types(a, 'a'), [T.FLOAT_TYPE_SMALL_FLOAT, T.FLOAT_TYPE_BIG_FLOAT]);
    assert.equal(info(a, 'a').reason[0]?.description, 'Unexpectedly low values: -inf<0(upto six significant digits)');
  });
});
