// Parquet reads into the same row model as CSV and TFRecord: the same rows as CSV and as Parquet (one file, a folder
// of part files, a glob; several row groups, read on two chunks) give the same statistics, and Parquet's types map
// as tfx_bsl maps Arrow's. Unsupported columns and corrupt files are reported with their position, never a crash.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DataIssue } from '../../../../src/core/data/issues.js';
import { FacetwiseError } from '../../../../src/core/data/issues.js';
import type { RowBatch } from '../../../../src/core/data/rowBatch.js';
import { readDataset, resolveDataset } from '../../../../src/core/io/dataset.js';
import { computeStatistics } from '../../../../src/core/stats/statisticsJob.js';
import type { DatasetFeatureStatistics } from '../../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { assertEquivalentStats, common, feature, numStats, strStats, Type } from '../../stats/statsHelpers.js';
import { csvToParquetColumns, readPlainCsv, writeParquet } from './parquetWriting.js';

const data = resolve(__dirname, '../../../../../shared/data');
const dir = mkdtempSync(join(tmpdir(), 'facetwise-parquet-'));

async function statsOf(inputs: string[], parallelism = 2, issues: DataIssue[] = []): Promise<DatasetFeatureStatistics> {
  const info = await resolveDataset(inputs);
  return (await computeStatistics(info, { name: 'x', parallelism, onIssue: (i) => issues.push(i) })).statistics;
}

function typesOf(stats: DatasetFeatureStatistics): Map<string, Type> {
  return new Map(stats.features.map((f) => [f.fieldId.case === 'path' ? f.fieldId.value.step.join('.') : '', f.type]));
}

describe('Parquet statistics equal CSV statistics of the same rows', () => {
  for (const csv of ['taxi/train.csv', 'spending/score_train.csv']) {
    test(`${csv}: one file with several row groups, on two chunks`, async () => {
      const csvPath = join(data, csv);
      const fromCsv = await statsOf([csvPath]);
      const { names, rows } = readPlainCsv(csvPath);
      const file = join(dir, csv.replace('/', '_') + '.parquet');
      writeParquet(file, csvToParquetColumns(names, rows, typesOf(fromCsv)), 1500);
      const info = await resolveDataset([file]);
      assert.equal(info.format, 'parquet');
      assertEquivalentStats(fromCsv, await statsOf([file], 2));
      assertEquivalentStats(fromCsv, await statsOf([file], 1));
    });
  }

  test('a folder of part files (with Spark markers) and a glob read as one dataset', async () => {
    const csvPath = join(data, 'taxi/train.csv');
    const fromCsv = await statsOf([csvPath]);
    const { names, rows } = readPlainCsv(csvPath);
    const types = typesOf(fromCsv);
    const folder = join(dir, 'taxi-parts');
    mkdirSync(folder);
    const per = Math.ceil(rows.length / 3);
    for (let p = 0; p < 3; p++) {
      writeParquet(join(folder, `part-${p}.snappy.parquet`), csvToParquetColumns(names, rows.slice(p * per, (p + 1) * per), types), 1000);
    }
    writeFileSync(join(folder, '_SUCCESS'), '');
    writeFileSync(join(folder, '.part-0.snappy.parquet.crc'), 'x');
    const info = await resolveDataset([folder]);
    assert.equal(info.format, 'parquet');
    assert.equal(info.shards.length, 3);
    assertEquivalentStats(fromCsv, await statsOf([folder], 2));
    assertEquivalentStats(fromCsv, await statsOf([join(folder, '*.parquet')], 3));
  });
});

describe('Parquet types map as tfx_bsl maps Arrow types', () => {
  test('ints, floats, strings, lists, nulls, timestamps, dates, booleans, decimals; structs and maps left out with their path', async () => {
    const file = join(dir, 'types.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT i::INTEGER AS i, i::DOUBLE / 2 AS f, 'v' || i AS s, CASE WHEN i % 2 = 0 THEN NULL ELSE i END AS half,
      [i, i + 1] AS l, CASE WHEN i = 0 THEN NULL ELSE ['x', 'y'] END AS sl, TIMESTAMP '2020-01-01' + INTERVAL (i) SECOND AS ts,
      DATE '2020-01-01' + CAST(i AS INTEGER) AS d, i % 2 = 0 AS b, CAST(i AS DECIMAL(10, 2)) AS dec, {'a': i} AS st,
      MAP {'k': i} AS m, [[i]] AS ll FROM range(4) t(i)) TO '${file}' (FORMAT parquet)`);
    c.closeSync();
    const issues: DataIssue[] = [];
    const stats = await statsOf([file], 1, issues);
    assert.equal(stats.numExamples, 4n);
    assert.equal(feature(stats, 'i').type, Type.INT);
    assert.equal(numStats(feature(stats, 'i')).max, 3);
    assert.equal(feature(stats, 'f').type, Type.FLOAT);
    assert.equal(numStats(feature(stats, 'f')).max, 1.5);
    assert.equal(feature(stats, 's').type, Type.STRING);
    assert.equal(strStats(feature(stats, 's')).unique, 4n);
    assert.equal(common(feature(stats, 'half')).numMissing, 2n);
    const l = common(feature(stats, 'l'));
    assert.equal(feature(stats, 'l').type, Type.INT);
    assert.deepEqual([l.minNumValues, l.maxNumValues, l.totNumValues], [2n, 2n, 8n]);
    assert.equal(feature(stats, 'sl').type, Type.STRING);
    assert.equal(common(feature(stats, 'sl')).numMissing, 1n);
    assert.equal(feature(stats, 'ts').type, Type.INT);
    assert.equal(numStats(feature(stats, 'ts')).min, 1577836800000000); // microseconds since the epoch, as stored
    assert.equal(feature(stats, 'd').type, Type.INT);
    assert.equal(numStats(feature(stats, 'd')).min, 18262); // days since the epoch
    assert.equal(feature(stats, 'b').type, Type.INT);
    assert.equal(feature(stats, 'dec').type, Type.FLOAT);
    const names = stats.features.map((f) => (f.fieldId.case === 'path' ? f.fieldId.value.step.join('.') : ''));
    for (const left of ['st', 'm', 'll']) assert.ok(!names.includes(left), left);
    const unsupported = issues.filter((i) => i.code === 'PARQUET_UNSUPPORTED_COLUMN');
    assert.deepEqual(unsupported.map((i) => /Column "([^"]+)"/.exec(i.message)?.[1]).sort(), ['ll', 'm', 'st']);
    assert.ok(unsupported.every((i) => i.severity === 'warning' && i.position.file === file));
  });

  test('readDataset (the model and row-validation path) yields the rows with their record positions', async () => {
    const file = join(dir, 'small.parquet');
    writeParquet(file, [{ name: 'x', type: 'DOUBLE', data: [1, null, 3] }, { name: 'y', type: 'STRING', data: ['a', 'b', null] }], 2);
    const batches: RowBatch[] = [];
    for await (const b of readDataset(await resolveDataset([file]))) batches.push(b);
    assert.deepEqual(batches.map((b) => Array.from(b.positions)), [[0, 1], [2]]);
    assert.ok(batches.every((b) => b.positionKind === 'record'));
    const x = batches[0].columns.find((col) => col.name === 'x');
    assert.ok(x && x.kind === 'float');
    assert.deepEqual(Array.from(x.present), [1, 0]);
  });
});

describe('bad Parquet is an error value with a position', () => {
  test('a truncated file, a non-Parquet file and a corrupt column chunk', async () => {
    const good = join(dir, 'good.parquet');
    writeParquet(good, [{ name: 'x', type: 'INT64', data: Array.from({ length: 5000 }, (_, i) => BigInt(i)) }], 5000);
    const bytes = readFileSync(good);
    const cases: Array<[string, Uint8Array]> = [
      ['truncated.parquet', bytes.subarray(0, bytes.length - 10)],
      ['text.parquet', new TextEncoder().encode('a,b\n1,2\n')],
      ['corrupt.parquet', Uint8Array.from(bytes, (b, i) => (i > 8 && i < 200 ? b ^ 0x5a : b))],
    ];
    for (const [name, content] of cases) {
      const path = join(dir, name);
      writeFileSync(path, content);
      await assert.rejects(statsOf([path], 1), (err: unknown) => {
        assert.ok(err instanceof FacetwiseError, `${name}: ${String(err)}`);
        assert.equal(err.code, 'PARQUET_INVALID', name);
        assert.equal(err.position?.file, path);
        return true;
      });
    }
  });
});
