import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openModel } from '../../../src/core/model/openModel.js';
import type { OpenedModel } from '../../../src/core/model/openModel.js';
import { predictRows } from '../../../src/core/model/batchPrediction.js';
import { predictDatasetToCsv } from '../../../src/core/model/predictionCsv.js';
import { createRealtimePredictor } from '../../../src/core/model/realtimePredictor.js';
import type { RowBatch, TextColumn } from '../../../src/core/data/rowBatch.js';
import { readCsvRecords, readNaiveCsv, sourceOf, taxiEval } from './naiveCsv.js';
import { fixtureModel, readDenseLayers, readSpec, referenceForward, referenceTransform } from './reference.js';

let v1: OpenedModel;
let v2: OpenedModel;
const records = readCsvRecords(taxiEval);
const csv = readNaiveCsv(taxiEval, 1000);

before(async () => {
  v1 = await openModel(fixtureModel, { version: 1 });
  v2 = await openModel(fixtureModel, { version: 2 });
});
after(() => {
  v1.dispose();
  v2.dispose();
});

/** A text batch of given rows: cells as strings. */
function textBatch(rows: Record<string, string>[]): RowBatch {
  const names = Object.keys(rows[0]!);
  const enc = new TextEncoder();
  const columns: TextColumn[] = names.map((name) => {
    const parts = rows.map((r) => enc.encode(r[name] ?? ''));
    const data = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
    const starts = new Int32Array(rows.length);
    const ends = new Int32Array(rows.length);
    let at = 0;
    parts.forEach((p, i) => {
      data.set(p, at);
      starts[i] = at;
      at += p.length;
      ends[i] = at;
    });
    return { kind: 'text', name, data, starts, ends };
  });
  return { source: 'mem.csv', shardIndex: 0, rowCount: rows.length, positionKind: 'line', positions: Float64Array.from(rows, (_, i) => i + 2), columns };
}

describe('batch prediction', () => {
  test('versions load from the TF Serving layout, newest is the default', async () => {
    assert.equal(v1.version, 1);
    assert.equal(v2.version, 2);
    const newest = await openModel(fixtureModel);
    assert.equal(newest.version, 2);
    assert.equal(newest.model.format, 'layers-model');
    newest.dispose();
  });

  test('equals a hand-computed forward pass from the weight bytes', async () => {
    for (const model of [v1, v2]) {
      const spec = readSpec(model.dir);
      const layers = readDenseLayers(model.dir);
      const got: number[] = [];
      for await (const chunk of predictRows(model, sourceOf(csv.batches))) got.push(...chunk.scores);
      assert.equal(got.length, records.length);
      for (const i of [0, 1, 2, 17, 999, 1000, 2500, 4999]) {
        const x = referenceTransform(spec, records[i]!);
        assert.ok(x);
        const want = referenceForward(layers, x)[0]!;
        assert.ok(Math.abs(got[i]! - want) < 1e-5, `row ${i}: ${got[i]} vs ${want}`);
      }
    }
  });

  test('real-time prediction of a record equals batch prediction of the same row', async () => {
    const rt = createRealtimePredictor(v1);
    const batchScores: number[] = [];
    for await (const chunk of predictRows(v1, sourceOf(csv.batches.slice(0, 1)))) batchScores.push(...chunk.scores);
    for (const i of [0, 5, 42]) {
      const p = await rt.predict(records[i]!);
      assert.deepEqual(p.problems, []);
      assert.ok(Math.abs(p.scores[0]! - batchScores[i]!) < 1e-6);
    }
    // Numbers given as numbers work the same as their text.
    const r0 = records[0]!;
    const asNumbers = { ...r0, fare: Number(r0.fare), trip_miles: Number(r0.trip_miles), trip_seconds: Number(r0.trip_seconds), trip_start_hour: Number(r0.trip_start_hour) };
    assert.ok(Math.abs((await rt.predict(asNumbers)).scores[0]! - batchScores[0]!) < 1e-6);
  });

  test('an unseen category goes to the out-of-vocabulary bucket', async () => {
    const rt = createRealtimePredictor(v1);
    const base = { ...records[3]!, company: 'No Such Cab Company' };
    const p1 = await rt.predict(base);
    const block = v1.transform.block('company')!;
    const t = block.transform;
    assert.equal(t.kind, 'vocabulary');
    const oovColumn = block.offset + (t.kind === 'vocabulary' ? t.vocabulary.length : -1);
    assert.equal(rt.lastInput[oovColumn], 1);
    for (let j = block.offset; j < block.offset + block.width; j++) if (j !== oovColumn) assert.equal(rt.lastInput[j], 0);
    // Any other unseen value predicts the same; and matches the reference with the OOV slot set.
    const p2 = await rt.predict({ ...base, company: 'Another Unknown Cab' });
    assert.equal(p1.scores[0], p2.scores[0]);
    const want = referenceForward(readDenseLayers(v1.dir), referenceTransform(readSpec(v1.dir), base)!)[0]!;
    assert.ok(Math.abs(p1.scores[0]! - want) < 1e-5);
    // The batch path hashes raw CSV bytes: same slot.
    const chunk = (await predictRows(v1, sourceOf([textBatch([base])])).next()).value!;
    assert.ok(Math.abs(chunk.scores[0]! - p1.scores[0]!) < 1e-6);
  });

  test('a row the spec cannot transform gets a per-row error, the others are predicted', async () => {
    const rows = [records[0]!, { ...records[1]!, fare: 'twelve' }, records[2]!];
    const chunk = (await predictRows(v1, sourceOf([textBatch(rows)])).next()).value!;
    assert.deepEqual(Array.from(chunk.valid), [1, 0, 1]);
    assert.ok(Number.isNaN(chunk.scores[1]));
    assert.equal(chunk.issues.length, 1);
    assert.equal(chunk.issues[0]!.code, 'MODEL_VALUE_NOT_NUMERIC');
    assert.equal(chunk.issues[0]!.position.line, 3);
    assert.match(chunk.issues[0]!.message, /fare.*twelve/);
    const rt = createRealtimePredictor(v1);
    const p = await rt.predict({ ...records[0]!, trip_miles: 'far' });
    assert.equal(p.scores.length, 0);
    assert.equal(p.problems[0]!.feature, 'trip_miles');
  });

  test('cancellation stops between batches; progress counts rows', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    await assert.rejects(async () => {
      for await (const chunk of predictRows(v1, sourceOf(csv.batches), { signal: controller.signal, onProgress: (p) => seen.push(p.done) })) {
        if (chunk.rowOffset >= 1000) controller.abort();
      }
    }, /abort/i);
    assert.deepEqual(seen, [1000, 2000]);
  });

  test('writes a CSV of row, line, probability and error', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fw-predict-'));
    try {
      const out = path.join(dir, 'p.csv');
      const rows = [records[0]!, { ...records[1]!, trip_seconds: 'n/a, really' }, records[2]!];
      const summary = await predictDatasetToCsv(v1, sourceOf([textBatch(rows)]), out);
      assert.equal(summary.rows, 3);
      assert.equal(summary.failed, 1);
      const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
      assert.equal(lines[0], 'row,line,probability,error');
      const spec = readSpec(v1.dir);
      const layers = readDenseLayers(v1.dir);
      const want0 = referenceForward(layers, referenceTransform(spec, rows[0]!)!)[0]!;
      const [row, line, prob, err] = lines[1]!.split(',');
      assert.equal(row, '0');
      assert.equal(line, '2');
      assert.ok(Math.abs(Number(prob) - want0) < 1e-6);
      assert.equal(err, '');
      assert.match(lines[2]!, /^1,3,,"feature 'trip_seconds' needs a finite number, got ""n\/a, really"""$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
