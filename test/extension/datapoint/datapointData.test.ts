import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import { readFeatureSpec } from '../../../src/core/model/featureSpec.js';
import { featureUnion, readDatapointRows } from '../../../src/extension/datapoint/datapointData.js';
import { fixtureModel } from '../../core/model/reference.js';
import { taxiEval } from '../../core/model/naiveCsv.js';

const specs = async () => Promise.all(['1', '2'].map((v) => readFeatureSpec(path.join(fixtureModel, v, 'feature_spec.json'))));
const lines = readFileSync(taxiEval, 'utf8').split('\n');
const header = lines[0]!.split(',');

describe('datapoint editor rows', () => {
  test('the union of both versions’ features, numeric vs categorical', async () => {
    const u = featureUnion(await specs());
    assert.deepEqual(u.names, ['trip_miles', 'trip_seconds', 'fare', 'trip_start_hour', 'payment_type', 'company']);
    assert.ok(u.numeric.has('trip_start_hour') && !u.numeric.has('payment_type'));
  });

  test('a data row by number and by file line: values and source eval.csv:line; the sample is the first 1,000 rows', async () => {
    const r = await readDatapointRows(taxiEval, await specs(), { row: 1200 });
    const cells = lines[1200]!.split(',');
    assert.equal(r.row.source, 'eval.csv:1201');
    assert.equal(r.row.index, 1200);
    assert.equal(String(r.row.values.payment_type), cells[header.indexOf('payment_type')]);
    assert.equal(Number(r.row.values.fare), Number(cells[header.indexOf('fare')]));
    assert.equal(r.sample.rows, 1000);
    assert.equal(r.sample.sources[0], 'eval.csv:2');
    const fare = r.sample.columns.find((c) => c.name === 'fare')!;
    assert.equal(fare.kind, 'number');
    const byLine = await readDatapointRows(taxiEval, await specs(), { line: 13 });
    assert.equal(byLine.row.index, 12);
    const range = r.ranges.find((x) => x.name === 'fare')!;
    assert.ok(range.trainingMean! > 11 && range.min! >= 0 && range.max! > range.min!);
  });

  test('a row past the end is an error naming the row count', async () => {
    await assert.rejects(readDatapointRows(taxiEval, await specs(), { row: 999_999 }), (e: unknown) => e instanceof FacetwiseError && e.code === 'ROW_OUT_OF_RANGE' && /has 5000 rows/.test(e.message));
  });
});
