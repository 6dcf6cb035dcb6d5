import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnomalyInfo_Type } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { SchemaSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { parseText } from '../../../src/core/proto/textFormat.js';
import { inferSchema } from '../../../src/core/schema/inferSchema.js';
import { validateExamples } from '../../../src/core/validate/exampleValidation.js';
import { ROW_TRACEABLE_TYPES } from '../../../src/core/validate/rowTraceable.js';
import type { ExampleValidationResult } from '../../../src/core/validate/exampleValidation.js';
import { batchesOf, bytesColumn, emptyColumn, numberColumn, recordBatch, textBatch, textBatches } from './rowBatches.js';
import { countValues, readCsv, statsFromTable, taxiPath } from './statsFromCsv.js';

const schemaOf = (text: string) => parseText(SchemaSchema, text, 'test.pbtxt');
const find = (r: ExampleValidationResult, feature: string, reason: string) => r.anomalies.filter((a) => a.feature === feature && a.reason === reason);

describe('validateExamples on the taxi data', () => {
  const train = readCsv(taxiPath('train'));
  const evalData = readCsv(taxiPath('eval'));
  const schema = inferSchema(statsFromTable(train));

  it('points at the eval line holding Prcard, and counts the rows with unknown companies', async () => {
    const result = await validateExamples(schema, batchesOf(...textBatches('eval.csv', evalData.header, evalData.rows, 1000)));
    assert.equal(result.rowsRead, 5000);
    const pi = evalData.header.indexOf('payment_type');
    const prcardLines = evalData.rows.flatMap((r, i) => (r[pi] === 'Prcard' ? [i + 2] : []));
    const [payment] = find(result, 'payment_type', 'notInDomain');
    assert.ok(payment);
    assert.equal(payment.anomalyType, AnomalyInfo_Type.ENUM_TYPE_UNEXPECTED_STRING_VALUES);
    assert.equal(payment.count, prcardLines.length);
    assert.deepEqual(
      payment.samples.map((s) => [s.source, s.positionKind, s.position, s.value]),
      prcardLines.map((l) => ['eval.csv', 'line', l, 'Prcard']),
    );

    const trainCompanies = countValues(train, 'company');
    const ci = evalData.header.indexOf('company');
    const novelRows = evalData.rows.flatMap((r, i) => (r[ci] !== '' && !trainCompanies.has(r[ci] as string) ? [i + 2] : []));
    const [company] = find(result, 'company', 'notInDomain');
    assert.equal(company?.count, novelRows.length);
    assert.deepEqual(company?.samples.map((s) => s.position), novelRows.slice(0, 10));
    // Nothing else: the other features fit train's schema row by row.
    assert.deepEqual([...new Set(result.anomalies.map((a) => a.feature))].sort(), ['company', 'payment_type']);
  });

  it('keeps N samples per reason but counts every row', async () => {
    const result = await validateExamples(schema, batchesOf(textBatch('eval.csv', evalData.header, evalData.rows)), { samplesPerReason: 2 });
    const [company] = find(result, 'company', 'notInDomain');
    assert.equal(company?.samples.length, 2);
    assert.ok((company?.count ?? 0) > 2);
  });
});

describe('row-level reasons', () => {
  const schema = schemaOf(`
    feature { name: "req" type: INT presence { min_fraction: 1 min_count: 1 } int_domain { min: 0 max: 10 } }
    feature { name: "f" type: FLOAT float_domain { min: -1 max: 1 disallow_nan: true disallow_inf: true } }
    feature { name: "pair" type: FLOAT value_count { min: 2 max: 2 } }
    feature { name: "s" type: BYTES string_domain { value: "a" value: "b" } }
    feature { name: "flag" type: INT bool_domain { } }`);

  it('CSV text: missing, out of range, wrong type, NaN, Inf, not in domain', async () => {
    const header = ['req', 'f', 's', 'flag'];
    const rows = [
      ['1', '0.5', 'a', '1'], // line 2: fine
      ['', '0.5', 'a', '0'], // 3: req missing
      ['11', '2', 'c', '2'], // 4: req too big, f too big, s not in domain, flag not bool
      ['x', 'nan', 'b', '1'], // 5: req not an int, f NaN
      ['-1', '-inf', 'a', '1'], // 6: req too small, f −Inf (and below min)
      ['2.5', 'abc', 'a', '1'], // 7: req not an int, f not a float
    ];
    const r = await validateExamples(schema, batchesOf(textBatch('t.csv', header, rows)));
    const lines = (feature: string, reason: string) => find(r, feature, reason).flatMap((a) => a.samples.map((s) => s.position));
    assert.deepEqual(lines('req', 'missing'), [3]);
    assert.deepEqual(lines('req', 'outOfRange').sort(), [4, 6]);
    assert.deepEqual(find(r, 'req', 'outOfRange').map((a) => a.anomalyType).sort(), [AnomalyInfo_Type.INT_TYPE_BIG_INT, AnomalyInfo_Type.INT_TYPE_SMALL_INT].sort());
    assert.deepEqual(lines('req', 'wrongType'), [5, 7]);
    assert.deepEqual(find(r, 'req', 'wrongType')[0]?.samples.map((s) => s.value), ['x', '2.5']);
    assert.deepEqual(lines('f', 'nan'), [5]);
    assert.deepEqual(lines('f', 'inf'), [6]);
    assert.deepEqual(lines('f', 'outOfRange').sort(), [4, 6]);
    assert.deepEqual(lines('f', 'wrongType'), [7]);
    assert.deepEqual(lines('s', 'notInDomain'), [4]);
    assert.deepEqual(lines('flag', 'notInDomain'), [4]);
    assert.equal(find(r, 'flag', 'notInDomain')[0]?.anomalyType, AnomalyInfo_Type.BOOL_TYPE_BIG_INT);
    // "pair" is absent from the whole file but optional: no per-row finding.
    assert.deepEqual(find(r, 'pair', 'missing'), []);
  });

  it('TFRecord lists: valency, typed values of the wrong kind, empty features, record positions', async () => {
    const batch = recordBatch('shard-1.tfrecord', 4, [
      numberColumn('req', 'int', [[1], [2], undefined, [3]]),
      numberColumn('pair', 'float', [[1, 2], [1], [1, 2, 3], undefined]),
      bytesColumn('s', [['a'], ['a', 'z'], ['b'], undefined]),
      numberColumn('f', 'int', [undefined, undefined, undefined, [1]]),
      emptyColumn('flag', [false, true, false, false]),
    ], 100, 1);
    const r = await validateExamples(schema, batchesOf(batch));
    const at = (feature: string, reason: string) => find(r, feature, reason).flatMap((a) => a.samples.map((s) => [s.shardIndex, s.positionKind, s.position]));
    assert.deepEqual(at('req', 'missing'), [[1, 'record', 102]]);
    assert.deepEqual(at('pair', 'valueCount').sort(), [[1, 'record', 101], [1, 'record', 102]].sort());
    assert.deepEqual(find(r, 'pair', 'valueCount').map((a) => a.anomalyType).sort(), [
      AnomalyInfo_Type.FEATURE_TYPE_LOW_NUMBER_VALUES,
      AnomalyInfo_Type.FEATURE_TYPE_HIGH_NUMBER_VALUES,
    ].sort());
    assert.deepEqual(at('s', 'notInDomain'), [[1, 'record', 101]]);
    assert.equal(find(r, 's', 'notInDomain')[0]?.samples[0]?.value, 'z');
    assert.deepEqual(at('f', 'wrongType'), [[1, 'record', 103]]);
    assert.deepEqual(find(r, 'flag', 'notInDomain'), []);
  });

  it('reports its findings only as types in ROW_TRACEABLE_TYPES, the list that decides when rows are read', async () => {
    const header = ['req', 'f', 's', 'flag'];
    const rows = [['', 'nan', 'c', '2'], ['11', 'inf', 'a', '-1'], ['x', 'abc', 'a', '1'], ['-1', '-2', 'a', '0.5']];
    const text = await validateExamples(schema, batchesOf(textBatch('t.csv', header, rows)));
    const lists = await validateExamples(schema, batchesOf(recordBatch('r.tfrecord', 2, [
      numberColumn('pair', 'float', [[1], [1, 2, 3]]),
      numberColumn('s', 'int', [[1], [2]]),
    ], 0, 0)));
    const seen = new Set([...text.anomalies, ...lists.anomalies].map((a) => a.anomalyType));
    assert.ok(seen.size >= 10, `only ${seen.size} types exercised`);
    for (const type of seen) assert.ok(ROW_TRACEABLE_TYPES.has(type), `${AnomalyInfo_Type[type]} is reported per row but not listed`);
  });

  it('environments: a feature not in the environment is not checked', async () => {
    const s = schemaOf(`default_environment: "SERVING" feature { name: "label" type: INT presence { min_fraction: 1 } not_in_environment: "SERVING" }`);
    const batch = textBatch('serving.csv', ['x'], [['1'], ['2']]);
    assert.equal((await validateExamples(s, batchesOf(batch))).anomalies[0]?.count, 2);
    assert.deepEqual((await validateExamples(s, batchesOf(batch), { environment: 'SERVING' })).anomalies, []);
  });

  it('hostile input: no batches, empty batches, one row', async () => {
    assert.deepEqual(await validateExamples(schema, batchesOf()), { rowsRead: 0, anomalies: [] });
    assert.deepEqual((await validateExamples(schema, batchesOf(textBatch('e.csv', ['req'], [])))).anomalies, []);
    const one = await validateExamples(schema, batchesOf(textBatch('one.csv', ['req'], [['5']])));
    assert.deepEqual(one, { rowsRead: 1, anomalies: [] });
  });

  it('stops when cancelled, and reports progress in rows', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    async function* endless() {
      for (let i = 0; ; i++) {
        if (i === 3) controller.abort();
        yield textBatch('x.csv', ['req'], [['1'], ['2']], 2 + 2 * i);
      }
    }
    await assert.rejects(
      validateExamples(schema, endless(), { signal: controller.signal, onProgress: (p) => progress.push(p.done) }),
      (e: unknown) => e instanceof Error && e.name === 'AbortError',
    );
    assert.deepEqual(progress, [2, 4, 6]);
  });
});
