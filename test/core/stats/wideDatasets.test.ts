/**
 * Wide datasets in bounded memory: batches are capped in cells, not rows; per-feature structures start small;
 * the numeric string side and the fine quantiles are shared out over the features. None of it may change a
 * figure: a wide file's statistics of a column equal those of the same column read alone (the fine quantiles
 * aside, which have fewer buckets in a wide dataset by design).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetFeatureStatistics, FeatureNameStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { encodeBinary } from '../../../src/core/proto/binaryFormat.js';
import { readCsv, MAX_BATCH_CELLS } from '../../../src/core/io/csv/csvReader.js';
import { resolveDataset } from '../../../src/core/io/dataset.js';
import { readTfRecordDataset } from '../../../src/core/io/tfrecord/index.js';
import { encodeExample } from '../../../src/core/io/tfrecord/exampleEncoder.js';
import { writeTfRecords } from '../../../src/core/io/tfrecord/recordWriter.js';
import { accumulateStatistics, computeStatistics } from '../../../src/core/stats/statisticsJob.js';
import { FINE_QUANTILES, FINE_QUANTILES_STAT, MIN_FINE_QUANTILES, fineQuantilesFor, readFineQuantiles } from '../../../src/core/stats/fineQuantiles.js';
import { STRING_SIDE_CELLS, stringSideLimitOf } from '../../../src/core/stats/featureAccumulator.js';
import { resolveStatsOptions } from '../../../src/core/stats/statsOptions.js';
import { DatasetAccumulator } from '../../../src/core/stats/datasetAccumulator.js';
import { transferablesOf } from '../../../src/worker/transferables.js';

const dir = mkdtempSync(join(tmpdir(), 'facetwise-wide-'));

function wideCsv(name: string, columns: number, rows: number, cell: (r: number, c: number) => string): string {
  const lines = [Array.from({ length: columns }, (_, c) => `f${c}`).join(',')];
  for (let r = 0; r < rows; r++) lines.push(Array.from({ length: columns }, (_, c) => cell(r, c)).join(','));
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function statsOf(file: string, parallelism = 1): Promise<DatasetFeatureStatistics> {
  return (await computeStatistics(await resolveDataset([file]), { name: 'x', parallelism })).statistics;
}

/** The feature without its fine quantiles (whose bucket count depends on the dataset's width). */
function withoutFine(f: FeatureNameStatistics): unknown {
  return JSON.parse(JSON.stringify({ ...f, customStats: f.customStats.filter((c) => !c.name.startsWith('facetwise/')) }, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
}

test('a wide CSV is read in batches of at most MAX_BATCH_CELLS cells', async () => {
  const columns = 5000;
  const file = wideCsv('batches.csv', columns, 600, (r, c) => String((r * 31 + c) % 97));
  let rows = 0;
  for await (const batch of readCsv(file)) {
    assert.ok(batch.rowCount * columns <= MAX_BATCH_CELLS, `${batch.rowCount} rows × ${columns} columns`);
    rows += batch.rowCount;
  }
  assert.equal(rows, 600);
});

test('each column of a wide CSV has the statistics it has alone; a late string column is rescanned, not lost', async () => {
  const columns = 2100;
  const rows = 400;
  // f7 looks numeric for 300 rows (past its share of the string side: STRING_SIDE_CELLS / 2100 = 238) and then
  // holds words: its unique count and top values must still cover every row.
  const cell = (r: number, c: number): string => (c === 7 && r >= 300 ? `w${r % 13}` : c % 3 === 0 ? String((r * 7 + c) % 50) : `${(r * c) % 1000}.5`);
  assert.ok(stringSideLimitOf(resolveStatsOptions(), columns) < 300);
  const wide = wideCsv('wide.csv', columns, rows, cell);
  const stats = await statsOf(wide, 2);
  assert.equal(stats.features.length, columns);
  for (const c of [0, 1, 7, 2099]) {
    const alone = await statsOf(wideCsv(`alone${c}.csv`, 1, rows, (r) => cell(r, c)).replace('f0', `f${c}`));
    const mine = stats.features.find((f) => f.fieldId.case === 'path' && f.fieldId.value.step[0] === `f${c}`);
    assert.ok(mine, `f${c}`);
    const theirs = { ...alone.features[0], fieldId: mine.fieldId } as FeatureNameStatistics;
    assert.deepEqual(withoutFine(mine), withoutFine(theirs), `f${c}`);
  }
  const numeric = stats.features.find((f) => f.customStats.some((s) => s.name === FINE_QUANTILES_STAT));
  assert.ok(numeric);
  assert.equal(readFineQuantiles(numeric)?.histogram.buckets.length, fineQuantilesFor(columns));
});

test('fine quantiles are shared out over a wide dataset, never below MIN_FINE_QUANTILES', () => {
  assert.equal(fineQuantilesFor(22), FINE_QUANTILES);
  assert.equal(fineQuantilesFor(10_000), 25);
  assert.equal(fineQuantilesFor(1_000_000), MIN_FINE_QUANTILES);
  assert.equal(stringSideLimitOf(resolveStatsOptions(), 20), resolveStatsOptions().numericStringSideLimit);
  assert.equal(stringSideLimitOf(resolveStatsOptions(), 10_000), STRING_SIDE_CELLS / 10_000);
});

test('a TFRecord with thousands of sparse features is read in batches capped in cells, every value counted', async () => {
  const features = 3000;
  const examples = 3000;
  const file = join(dir, 'sparse.tfrecord');
  await writeTfRecords(
    file,
    Array.from({ length: examples }, (_, r) => encodeExample({ [`s${(r * 7) % features}`]: { kind: 'int', values: [r] }, dense: { kind: 'float', values: [r / 2] } })),
  );
  let rows = 0;
  let batches = 0;
  const acc = new DatasetAccumulator();
  for await (const batch of readTfRecordDataset([file])) {
    assert.ok(batch.rowCount * batch.columns.length <= (1 << 20) + batch.columns.length, `${batch.rowCount} × ${batch.columns.length}`);
    batches++;
    rows += batch.rowCount;
    acc.add(batch);
  }
  assert.equal(rows, examples);
  assert.ok(batches >= 2, 'the cell cap ended a batch before its 4,096 rows');
  const stats = acc.finish('x');
  assert.equal(stats.features.length, features + 1);
  const dense = stats.features.find((f) => f.fieldId.case === 'path' && f.fieldId.value.step[0] === 'dense');
  assert.equal(dense?.stats.value?.commonStats?.numNonMissing, BigInt(examples));
  const total = stats.features.reduce((n, f) => n + Number(f.stats.value?.commonStats?.totNumValues ?? 0n), 0);
  assert.equal(total, 2 * examples);
});

test('TFRecord batches end early on sparse features (slots per occurrence) and stay long on dense wide ones', async () => {
  const sparseFile = join(dir, 'sparse-batches.tfrecord');
  // 5 of 5,000 features an example: a batch should end after ~57 rows (5·r² slots ≥ 2^14), not at ~450 (2^20).
  await writeTfRecords(
    sparseFile,
    Array.from({ length: 2000 }, (_, r) => encodeExample(Object.fromEntries(Array.from({ length: 5 }, (_, k) => [`s${(r * 5 + k * 977) % 5000}`, { kind: 'int' as const, values: [r] }])))),
  );
  const denseFile = join(dir, 'dense-batches.tfrecord');
  // 1,000 features in every example: batches of 2^20 / 1,000 = 1,048 rows hold all 600 examples at once.
  await writeTfRecords(denseFile, Array.from({ length: 600 }, (_, r) => encodeExample(Object.fromEntries(Array.from({ length: 1000 }, (_, c) => [`d${c}`, { kind: 'float' as const, values: [r + c] }])))));
  const rowsPerBatch = async (file: string): Promise<number[]> => {
    const out: number[] = [];
    for await (const batch of readTfRecordDataset([file])) out.push(batch.rowCount);
    return out;
  };
  const sparse = await rowsPerBatch(sparseFile);
  assert.equal(sparse.reduce((a, b) => a + b, 0), 2000);
  assert.ok(Math.max(...sparse.slice(0, -1)) <= 80, `sparse batches: ${sparse.slice(0, 5).join(', ')}…`);
  assert.deepEqual(await rowsPerBatch(denseFile), [600]);
});

test('transferablesOf lists each whole buffer of a state once, and no view of a larger buffer', () => {
  const a = new Float64Array(4);
  const shared = new ArrayBuffer(64);
  const state = { a, again: [a], nested: { b: new Uint8Array(3) }, part: new Int32Array(shared, 8, 2), n: 1, s: 'x', nil: null };
  const buffers = transferablesOf(state);
  assert.equal(buffers.length, 2);
  assert.ok(buffers.includes(a.buffer as ArrayBuffer));
  assert.ok(!buffers.includes(shared));
  // What a worker posts: the clone on the other side still reads the same values.
  const moved = structuredClone(new DatasetAccumulator().toState(), { transfer: transferablesOf(new DatasetAccumulator().toState()) });
  assert.equal(moved.numExamples, 0);
});

test('minChunkBytesPerColumn gives a wide CSV fewer chunks than parallelism, with the same statistics', async () => {
  const file = wideCsv('chunks.csv', 300, 200, (r, c) => String((r + c) % 17));
  const info = await resolveDataset([file]);
  const count = async (minChunkBytesPerColumn: number): Promise<{ chunks: number; stats: DatasetFeatureStatistics }> => {
    let chunks = 0;
    const { statistics } = await computeStatistics(info, {
      name: 'x',
      parallelism: 4,
      minChunkBytesPerColumn,
      runChunk: async (params, o) => {
        chunks++;
        return (await import('../../../src/core/stats/statisticsJob.js')).runStatsChunk(params, o);
      },
    });
    return { chunks, stats: statistics };
  };
  const fine = await count(0);
  const coarse = await count(1024 * 1024);
  assert.equal(fine.chunks, 4);
  assert.equal(coarse.chunks, 1);
  // Merged moments differ from one pass in the last bits (Chan's formula): numbers are compared to 12 digits.
  const rounded = (f: FeatureNameStatistics): string => JSON.stringify(withoutFine(f), (_, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v));
  assert.deepEqual(coarse.stats.features.map(rounded), fine.stats.features.map(rounded));
});

test('finishBinary is the bytes of finish, encoded one feature at a time; with release it lets go of every feature', async () => {
  const file = wideCsv('binary.csv', 400, 50, (r, c) => (c % 5 === 0 ? `w${(r * c) % 7}` : r % 9 === 0 ? '' : String((r * 13 + c) % 101)));
  const { accumulator, name } = await accumulateStatistics(await resolveDataset([file]), { name: 'x' });
  const whole = encodeBinary(accumulator.finish(name));
  const encoded = accumulator.finishBinary(name, { release: true });
  assert.equal(encoded.featureCount, 400);
  assert.equal(encoded.numExamples, 50);
  const joined = Buffer.concat(encoded.chunks);
  assert.equal(joined.length, encoded.byteLength);
  assert.ok(joined.equals(Buffer.from(whole)));
  assert.equal(accumulator.finish('x').features.length, 0, 'released');
});

test('a CSV chunk reserves each numeric feature its projected values once, instead of doubling past them', async () => {
  // 1,100 rows: doubling would end at 2,048 values a dense column; the projection from the first batch's bytes
  // per row is 1,100 × 1.02. A column filled one row in four projects a quarter of that.
  const file = wideCsv('reserve.csv', 600, 1100, (r, c) => (c % 2 === 0 ? String((r * 7 + c) % 1000) : r % 4 === 0 ? `${r}.5` : ''));
  const { accumulator } = await accumulateStatistics(await resolveDataset([file]), { name: 'x' });
  const footprint = accumulator.footprint();
  assert.equal(footprint.length, 600);
  for (const [c, f] of footprint.entries()) {
    const values = c % 2 === 0 ? 1100 : 275;
    assert.ok(f.exactQuantiles);
    assert.ok(f.quantileValues >= values && f.quantileValues <= values * 1.1 + 16, `${f.name}: ${f.quantileValues} held for ${values} values`);
  }
});
