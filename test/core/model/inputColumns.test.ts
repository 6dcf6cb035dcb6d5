import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataIssue } from '../../../src/core/data/issues.js';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import type { FeatureColumn, RowBatch } from '../../../src/core/data/rowBatch.js';
import type { RowSource } from '../../../src/core/model/batchPrediction.js';
import type { FeatureSpec } from '../../../src/core/model/featureSpec.js';
import { checkExampleKeys, guardInputColumns } from '../../../src/core/model/inputColumns.js';
import { closestNames } from '../../../src/core/data/closestNames.js';

const spec: FeatureSpec = {
  format: 1,
  task: 'binary',
  label: { expression: 'tips > 0' },
  features: [
    { name: 'fare', transform: { kind: 'numeric', mean: 0, stdDev: 1 } },
    { name: 'company', transform: { kind: 'vocabulary', vocabulary: ['a'], oovBuckets: 1, encoding: 'oneHot' } },
  ],
};
const model = { spec, name: 'm', version: 3 };

function text(name: string, values: (string | undefined)[]): FeatureColumn {
  const enc = new TextEncoder();
  const parts = values.map((v) => enc.encode(v ?? ''));
  const data = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  const starts = new Int32Array(values.length);
  const ends = new Int32Array(values.length);
  let at = 0;
  parts.forEach((p, i) => {
    starts[i] = at;
    data.set(p, at);
    at += p.length;
    ends[i] = at;
  });
  return { kind: 'text', name, data, starts, ends };
}

function batch(columns: FeatureColumn[], kind: 'line' | 'record', rows = 2): RowBatch {
  return { source: kind === 'line' ? 'd.csv' : 'd.tfrecord', shardIndex: 0, rowCount: rows, positionKind: kind, positions: new Float64Array(rows), columns };
}

function sourceOf(batches: RowBatch[]): RowSource {
  return () => ({
    async *[Symbol.asyncIterator]() {
      yield* batches;
    },
  });
}

async function drain(source: RowSource): Promise<number> {
  let n = 0;
  for await (const b of source()) n += b.rowCount;
  return n;
}

describe('input column guard', () => {
  test('TFRecord: a feature no record has is an error after the pass, with the closest names', async () => {
    const s = guardInputColumns(sourceOf([batch([text('fare', ['1', '2'])], 'record'), batch([text('fare', ['3', '4']), text('Company', ['a', 'b'])], 'record')]), [model]);
    await assert.rejects(drain(s), (e: unknown) => e instanceof FacetwiseError && e.code === 'MODEL_INPUT_COLUMN_MISSING' && /no column 'company' \(read by m\/3\), closest present: 'Company'/.test(e.message));
    // In a record format a feature may be absent from the first batch and appear later: no error then.
    const later = guardInputColumns(sourceOf([batch([text('fare', ['1', '2'])], 'record'), batch([text('fare', ['3', '4']), text('company', ['a', 'b'])], 'record')]), [model]);
    assert.equal(await drain(later), 4);
  });

  test('all-missing warnings come once per feature, however many passes; a pass stopped early concludes nothing', async () => {
    const issues: DataIssue[] = [];
    const s = guardInputColumns(sourceOf([batch([text('fare', [undefined, undefined]), text('company', ['a', 'b'])], 'line')]), [model], (i) => issues.push(i));
    await drain(s);
    await drain(s);
    assert.deepEqual(issues.map((i) => [i.code, i.severity]), [['MODEL_INPUT_ALL_MISSING', 'warning']]);
    const early: DataIssue[] = [];
    const t = guardInputColumns(sourceOf([batch([text('fare', [undefined, undefined]), text('company', ['a', 'b'])], 'line'), batch([text('fare', ['1', '2']), text('company', ['a', 'b'])], 'line')]), [model], (i) => early.push(i));
    for await (const _b of t()) break;
    assert.equal(early.length, 0);
  });

  test('example keys: features and label columns are fine, others are errors with suggestions', () => {
    assert.deepEqual(checkExampleKeys({ fare: 1, tips: 2 }, model), []);
    assert.throws(() => checkExampleKeys({ fair: 1, compnay: 'a', zzz: 1 }, model), /keys m\/3 does not read: 'fair' \(did you mean 'fare'\?\), 'compnay' \(did you mean 'company'\?\); its features are fare, company/);
    assert.deepEqual(checkExampleKeys({ fare: 1, payment_type: 'Cash', zzz: 1 }, model, '--example'), ["--example: m/3 does not read 'payment_type', 'zzz'; ignored"]);
    // A near name of a feature the example already gives is not a misspelling of it.
    assert.deepEqual(checkExampleKeys({ fare: 1, fares: 2 }, model), ["the example: m/3 does not read 'fares'; ignored"]);
    assert.deepEqual(closestNames('fare', ['fare_amount', 'far', 'tips']), ['far', 'fare_amount']);
  });
});
