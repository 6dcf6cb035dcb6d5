import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toBinary, toJson } from '@bufbuild/protobuf';
import { DatasetFeatureStatisticsSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { DatasetFeatureStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { DataIssue } from '../../../src/core/data/issues.js';
import { resolveDataset } from '../../../src/core/io/dataset.js';
import { computeStatistics, groupShards, runStatsChunk } from '../../../src/core/stats/statisticsJob.js';
import type { ChunkRunner, StatisticsJobOptions } from '../../../src/core/stats/statisticsJob.js';

const data = resolve(__dirname, '../../../../shared/data');
const dir = mkdtempSync(join(tmpdir(), 'facetwise-statsjob-'));

function bytes(stats: DatasetFeatureStatistics): Buffer {
  return Buffer.from(toBinary(DatasetFeatureStatisticsSchema, stats));
}

/**
 * Equal statistics up to floating-point summation order: merged moments differ from one pass in the last bits
 * (Chan's formula), so doubles are compared to 1e-12 relative; everything else exactly.
 */
function assertSameStatistics(a: DatasetFeatureStatistics, b: DatasetFeatureStatistics, label: string): void {
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (typeof x === 'number' && typeof y === 'number') {
      const ok = x === y || Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
      assert.ok(ok, `${label}: ${path}: ${x} vs ${y}`);
    } else if (x && y && typeof x === 'object' && typeof y === 'object') {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
    } else {
      assert.equal(x, y, `${label}: ${path}`);
    }
  };
  walk(toJson(DatasetFeatureStatisticsSchema, a), toJson(DatasetFeatureStatisticsSchema, b), '');
}

async function statsOf(path: string, options: StatisticsJobOptions = {}): Promise<{ stats: DatasetFeatureStatistics; issues: DataIssue[] }> {
  const issues: DataIssue[] = [];
  const info = await resolveDataset([path]);
  const result = await computeStatistics(info, { name: 'x', ...options, onIssue: (i) => issues.push(i) });
  return { stats: result.statistics, issues };
}

function feature(stats: DatasetFeatureStatistics, name: string) {
  const f = stats.features.find((x) => x.fieldId.case === 'path' && x.fieldId.value.step[0] === name);
  assert.ok(f, `feature ${name}`);
  return f;
}

test('CSV statistics are the same whatever the number of chunks', async () => {
  const train = join(data, 'taxi/train.csv');
  const one = await statsOf(train);
  assert.equal(one.stats.numExamples, 10000n);
  for (const parallelism of [2, 3, 7]) {
    const many = await statsOf(train, { parallelism });
    assertSameStatistics(one.stats, many.stats, `parallelism ${parallelism}`);
  }
});

test('a chunk that starts inside a quoted multi-line field is re-read, so every record counts once', async () => {
  // Long quoted cells full of line breaks: most planned split points fall inside one.
  const rows = ['id,note,value'];
  for (let i = 0; i < 60; i++) rows.push(`${i},"${Array.from({ length: 40 }, (_, k) => `line ${k} of, row ${i}`).join('\n')}",${i * 1.5}`);
  const file = join(dir, 'multiline.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  const one = await statsOf(file);
  assert.equal(one.stats.numExamples, 60n);
  for (const parallelism of [2, 4, 9]) {
    const many = await statsOf(file, { parallelism });
    assert.equal(many.stats.numExamples, 60n);
    assertSameStatistics(one.stats, many.stats, `parallelism ${parallelism}`);
    assert.deepEqual(many.issues, [], 'no spurious issues from ranges that started mid-field');
  }
  const value = feature(one.stats, 'value');
  assert.equal(value.stats.case, 'numStats');
});

test('issue line numbers are file line numbers, whichever chunk found them', async () => {
  const lines = ['a,b'];
  for (let i = 0; i < 3000; i++) lines.push(`${i},x${i % 7}`);
  lines[2500] = '2499,x,extra'; // a ragged row on line 2501
  const file = join(dir, 'ragged.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  for (const parallelism of [1, 3]) {
    const { issues } = await statsOf(file, { parallelism });
    const ragged = issues.filter((i) => i.position.line !== undefined);
    assert.equal(ragged.length, 1, JSON.stringify(issues));
    assert.equal(ragged[0].position.line, 2501);
  }
});

test('a column that turns from numbers to text late is re-read as strings', async () => {
  const lines = ['code,n'];
  for (let i = 0; i < 400; i++) lines.push(`${i % 10},${i}`);
  lines.push('A7,400');
  const file = join(dir, 'late-text.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  const { stats } = await statsOf(file, { stats: { numericStringSideLimit: 50 }, parallelism: 2 });
  const code = feature(stats, 'code');
  assert.equal(code.stats.case, 'stringStats');
  if (code.stats.case !== 'stringStats') return;
  assert.equal(code.stats.value.unique, 11n);
  const top = new Map(code.stats.value.topValues.map((t) => [t.value, t.frequency]));
  assert.equal(top.get('0'), 40);
  assert.equal(top.get('A7'), 1);
});

test('TFRecord shards grouped into chunks give the statistics of one pass', async () => {
  const split = join(data, 'taxi-tfrecord/Split-eval');
  const one = await statsOf(split);
  assert.equal(one.stats.numExamples, 5091n);
  const many = await statsOf(split, { parallelism: 3 });
  assertSameStatistics(one.stats, many.stats, 'shards in 3 groups');
});

test('groupShards keeps order and makes at most n contiguous groups', () => {
  const shards = ['a', 'b', 'c', 'd', 'e'];
  const groups = groupShards(shards, [10, 10, 10, 10, 10], 2);
  assert.equal(groups.length, 2);
  assert.deepEqual(groups.flatMap((g) => g.shards), shards);
  assert.equal(groups[1].first, groups[0].shards.length);
  assert.equal(groupShards(shards, [1, 1, 1, 1, 1], 10).length, 5);
});

test('chunk results survive structured cloning, as they do between threads', async () => {
  const runner: ChunkRunner = async (params, o) => structuredClone(await runStatsChunk(structuredClone(params), o));
  const train = join(data, 'taxi/eval.csv');
  const direct = await statsOf(train, { parallelism: 2 });
  const cloned = await statsOf(train, { parallelism: 2, runChunk: runner });
  assert.ok(bytes(direct.stats).equals(bytes(cloned.stats)));
});

test('cancelling stops the job with an AbortError', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(statsOf(join(data, 'taxi/train.csv'), { signal: controller.signal }), (e: unknown) => e instanceof Error && e.name === 'AbortError');
});
