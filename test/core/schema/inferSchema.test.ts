import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { equals, fromBinary } from '@bufbuild/protobuf';
import type { Feature, Schema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureSchema, FeatureType, SchemaSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DatasetFeatureStatisticsListSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseText } from '../../../src/core/proto/textFormat.js';
import { inferSchema } from '../../../src/core/schema/inferSchema.js';
import { getFeature, stringDomainOf } from '../../../src/core/schema/schemaModel.js';
import { validateStatistics } from '../../../src/core/validate/validateStatistics.js';
import { dataset, StatsType } from '../validate/statsBuilder.js';

const interop = (file: string) => resolve(__dirname, '../../../../shared/data/tfdv-interop', file);
const loadStats = (file: string) => fromBinary(DatasetFeatureStatisticsListSchema, readFileSync(interop(file)));

function feature(schema: Schema, name: string): Feature {
  const f = getFeature(schema, [name]);
  assert.ok(f, `no feature ${name}`);
  return f;
}
const minFraction = (f: Feature) => (f.presenceConstraints.case === 'presence' ? f.presenceConstraints.value.minFraction : undefined);
const minCount = (f: Feature) => (f.presenceConstraints.case === 'presence' ? f.presenceConstraints.value.minCount : undefined);

describe('inferSchema on statistics TFX wrote', () => {
  const tfdvSchema = parseText(SchemaSchema, readFileSync(interop('schema.pbtxt'), 'utf8'), 'schema.pbtxt');
  const ours = inferSchema(loadStats('train_FeatureStats.pb'), { inferFeatureShape: false });

  it('writes every feature exactly as TFDV did (type, presence, value_count), domains aside', () => {
    assert.equal(ours.feature.length, tfdvSchema.feature.length);
    for (const expected of tfdvSchema.feature) {
      const actual = feature(ours, expected.name);
      const strip = (f: Feature) => ({ ...f, domainInfo: { case: undefined } }) as Feature;
      assert.ok(equals(FeatureSchema, strip(actual), strip(expected)), `feature ${expected.name} differs`);
      assert.equal(actual.domainInfo.case, expected.domainInfo.case, `domain of ${expected.name}`);
    }
  });

  it('string domains hold the values the statistics saw (TFDV’s schema came from more data, so it holds more)', () => {
    for (const name of ['company', 'payment_type']) {
      const inferred = stringDomainOf(ours, feature(ours, name))!.value;
      const tfdv = new Set(stringDomainOf(tfdvSchema, feature(tfdvSchema, name))!.value);
      assert.ok(inferred.length > 0);
      for (const v of inferred) assert.ok(tfdv.has(v), `${name}: ${v}`);
    }
  });

  it('both splits pass TFDV’s own schema', () => {
    for (const f of ['train_FeatureStats.pb', 'eval_FeatureStats.pb']) {
      assert.deepEqual(Object.keys(validateStatistics(loadStats(f), tfdvSchema).anomalyInfo), [], f);
    }
  });
});

describe('inference rules', () => {
  it('presence: min_count 1 when seen, min_fraction 1.0 only when never missing; min_count 0 when never seen', () => {
    const s = inferSchema(
      dataset(10, [
        { name: 'always', type: StatsType.INT, num: { min: 2, max: 5 } },
        { name: 'sometimes', type: StatsType.INT, present: 9, num: { min: 2, max: 5 } },
        { name: 'never', type: StatsType.STRING, present: 0 },
      ]),
    );
    assert.equal(minFraction(feature(s, 'always')), 1);
    assert.equal(minCount(feature(s, 'always')), 1n);
    assert.equal(minFraction(feature(s, 'sometimes')), 0);
    assert.equal(minCount(feature(s, 'sometimes')), 1n);
    assert.equal(minCount(feature(s, 'never')), 0n);
    assert.equal(feature(s, 'never').shapeType.case, undefined);
    assert.equal(feature(s, 'never').domainInfo.case, undefined);
  });

  it('shape { dim { size: 1 } } for univalent features present everywhere (default), value_count otherwise', () => {
    const stats = dataset(10, [
      { name: 'required', type: StatsType.FLOAT, num: { min: 0, max: 1 } },
      { name: 'optional', type: StatsType.FLOAT, present: 5, num: { min: 0, max: 1 } },
      { name: 'varying', type: StatsType.FLOAT, minValues: 1, maxValues: 4, num: { min: 0, max: 1 } },
      { name: 'triple', type: StatsType.FLOAT, minValues: 3, maxValues: 3, num: { min: 0, max: 1 } },
    ]);
    const s = inferSchema(stats);
    const shape = (n: string) => feature(s, n).shapeType;
    const dims = (n: string): bigint[] | undefined => {
      const t = shape(n);
      return t.case === 'shape' ? t.value.dim.map((d) => d.size) : undefined;
    };
    assert.deepEqual(dims('required'), [1n]);
    assert.deepEqual(dims('triple'), [3n]);
    const optional = shape('optional');
    assert.ok(optional.case === 'valueCount' && optional.value.min === 1n && optional.value.max === 1n);
    const varying = shape('varying');
    assert.ok(varying.case === 'valueCount' && varying.value.min === 1n && varying.value.max === 0n);
    // With infer_feature_shape off, TFDV writes value_count { min: 1 max: 1 } instead.
    const flat = inferSchema(stats, { inferFeatureShape: false });
    const req = feature(flat, 'required').shapeType;
    assert.ok(req.case === 'valueCount' && req.value.min === 1n && req.value.max === 1n);
  });

  it('a string domain per categorical feature, named after it, up to max_string_domain_size values', () => {
    const values = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, 1]));
    const stats = dataset(101, [
      { name: 'small', type: StatsType.STRING, values: { b: 60, a: 41 } },
      { name: 'hundred', type: StatsType.STRING, values: values(100) },
      { name: 'many', type: StatsType.STRING, values: values(101) },
    ]);
    const s = inferSchema(stats);
    assert.deepEqual(feature(s, 'small').domainInfo, { case: 'domain', value: 'small' });
    assert.deepEqual(stringDomainOf(s, feature(s, 'small'))?.value, ['a', 'b']);
    assert.equal(stringDomainOf(s, feature(s, 'hundred'))?.value.length, 100);
    assert.equal(feature(s, 'many').domainInfo.case, undefined);
    assert.equal(feature(inferSchema(stats, { maxStringDomainSize: 1 }), 'small').domainInfo.case, undefined);
    assert.deepEqual(s.stringDomain.map((d) => d.name), ['small', 'hundred']);
  });

  it('a string_stats.unique above the limit prevents a domain even if the rank histogram was cut short', () => {
    const s = inferSchema(dataset(500, [{ name: 's', type: StatsType.STRING, values: { a: 1, b: 1 }, unique: 500 }]));
    assert.equal(feature(s, 's').domainInfo.case, undefined);
  });

  it('bool domains: INT features in {0, 1}, and true/false spellings', () => {
    const s = inferSchema(
      dataset(10, [
        { name: 'flag', type: StatsType.INT, num: { min: 0, max: 1 } },
        { name: 'count', type: StatsType.INT, num: { min: 0, max: 2 } },
        { name: 'word', type: StatsType.STRING, values: { true: 3, false: 7 } },
        { name: 'one', type: StatsType.STRING, values: { 0: 3, 1: 7 } },
      ]),
    );
    assert.equal(feature(s, 'flag').domainInfo.case, 'boolDomain');
    assert.equal(feature(s, 'count').domainInfo.case, undefined);
    const word = feature(s, 'word').domainInfo;
    assert.ok(word.case === 'boolDomain' && word.value.trueValue === 'true' && word.value.falseValue === 'false');
    const one = feature(s, 'one').domainInfo;
    assert.ok(one.case === 'boolDomain' && one.value.trueValue === '1' && one.value.falseValue === '0');
  });

  it('strings that all spell integers get an empty int_domain', () => {
    const s = inferSchema(dataset(3, [{ name: 'zip', type: StatsType.STRING, values: { '60601': 1, '60602': 1, '-7': 1 } }]));
    const d = feature(s, 'zip').domainInfo;
    assert.equal(d.case, 'intDomain');
    assert.equal(feature(s, 'zip').type, FeatureType.BYTES);
  });

  it('no domain for BYTES statistics or text that is not UTF-8', () => {
    const s = inferSchema(
      dataset(3, [
        { name: 'raw', type: StatsType.BYTES },
        { name: 'bad', type: StatsType.STRING, values: { a: 1, __BYTES_VALUE__: 2 } },
        { name: 'bad2', type: StatsType.STRING, values: { a: 1 }, invalidUtf8: 1 },
      ]),
    );
    for (const n of ['raw', 'bad', 'bad2']) assert.equal(feature(s, n).domainInfo.case, undefined, n);
    assert.equal(feature(s, 'raw').type, FeatureType.BYTES);
  });

  it('numeric ranges only on request (TFDV never infers them), float bounds widened to float32', () => {
    const stats = dataset(3, [
      { name: 'i', type: StatsType.INT, num: { min: -3, max: 12 } },
      { name: 'f', type: StatsType.FLOAT, num: { min: 0.1, max: 41.66366958618164 } },
      { name: 'inf', type: StatsType.FLOAT, num: { min: -Infinity, max: 2.5 } },
    ]);
    assert.equal(feature(inferSchema(stats), 'i').domainInfo.case, undefined);
    const s = inferSchema(stats, { inferRanges: true });
    const i = feature(s, 'i').domainInfo;
    assert.ok(i.case === 'intDomain' && i.value.min === -3n && i.value.max === 12n);
    const f = feature(s, 'f').domainInfo;
    assert.ok(f.case === 'floatDomain');
    assert.ok(Math.fround(f.value.min) <= 0.1 && Math.fround(f.value.min) === f.value.min);
    assert.ok(Math.fround(f.value.max) >= 41.66366958618164);
    // The data passes the inferred ranges.
    assert.deepEqual(Object.keys(validateStatistics(stats, s).anomalyInfo), []);
    const inf = feature(s, 'inf').domainInfo;
    assert.ok(inf.case === 'floatDomain' && inf.value.max === 2.5);
  });

  it('nested features (STRUCT by path) become struct_domain children', () => {
    const s = inferSchema(
      dataset(4, [
        { name: 's', path: ['s'], type: StatsType.STRUCT },
        { name: 'x', path: ['s', 'x'], type: StatsType.INT, num: { min: 0, max: 5 } },
      ]),
    );
    assert.equal(getFeature(s, ['s', 'x'])?.type, FeatureType.INT);
    assert.equal(feature(s, 's').type, FeatureType.STRUCT);
  });

  it('hostile: an empty dataset gives an empty schema; one row gives a schema it passes', () => {
    assert.equal(inferSchema(dataset(0, [])).feature.length, 0);
    const one = dataset(1, [{ name: 'a', type: StatsType.FLOAT, num: { min: Number.NaN, max: Number.NaN, nan: 1 } }]);
    const s = inferSchema(one);
    assert.equal(feature(s, 'a').type, FeatureType.FLOAT);
    assert.deepEqual(Object.keys(validateStatistics(one, s).anomalyInfo), []);
  });
});
