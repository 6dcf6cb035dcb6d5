import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readDataset, resolveDataset } from '../../../src/core/io/dataset.js';
import { openModel } from '../../../src/core/model/openModel.js';
import type { OpenedModel } from '../../../src/core/model/openModel.js';
import { predictRows } from '../../../src/core/model/batchPrediction.js';
import { cellValue, findColumn } from '../../../src/core/model/cellValues.js';
import { createRealtimePredictor } from '../../../src/core/model/realtimePredictor.js';
import { readNaiveCsv, sourceOf, taxiEval, taxiDir } from './naiveCsv.js';
import { fixtureModel } from './reference.js';

let v1: OpenedModel;
before(async () => {
  v1 = await openModel(fixtureModel, { version: 1 });
});
after(() => v1.dispose());

async function scores(source: () => AsyncIterable<import('../../../src/core/data/rowBatch.js').RowBatch>): Promise<number[]> {
  const out: number[] = [];
  for await (const chunk of predictRows(v1, source)) out.push(...chunk.scores);
  return out;
}

describe('prediction through the real dataset readers', () => {
  test('the CSV reader gives the same predictions as the naive test splitter', async () => {
    const info = await resolveDataset([taxiEval]);
    const viaReader = await scores(() => readDataset(info));
    const viaNaive = await scores(sourceOf(readNaiveCsv(taxiEval).batches));
    assert.deepEqual(viaReader, viaNaive);
  });

  test('TFRecord shards (typed int/float/bytes/empty columns) predict like the same values given as a record', async () => {
    const info = await resolveDataset([path.join(taxiDir, '../taxi-tfrecord/Split-eval')]);
    const rt = createRealtimePredictor(v1);
    let rows = 0;
    let checked = 0;
    for await (const chunk of predictRows(v1, () => readDataset(info))) {
      rows += chunk.batch.rowCount;
      assert.equal(chunk.issues.length, 0);
      for (const r of [0, chunk.batch.rowCount - 1]) {
        const record = Object.fromEntries(v1.spec.features.map((f) => {
          const v = cellValue(findColumn(chunk.batch, f.name), r);
          return [f.name, Array.isArray(v) ? v[0] : v];
        }));
        const p = await rt.predict(record);
        assert.ok(Math.abs(p.scores[0]! - chunk.scores[r]!) < 1e-6);
        checked++;
      }
    }
    assert.equal(rows, 5091);
    assert.ok(checked >= 24);
  });
});
