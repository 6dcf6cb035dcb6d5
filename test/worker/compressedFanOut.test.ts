// A compressed CSV's blocks parsed by lanes on worker threads (the bundled dist/worker.js, built by `npm run
// build`), as the CLI and the extension run them: the statistics of the same blocks in this thread (up to the
// summation order of a mean: which lane gets which block depends on the workers' speed), the same issues;
// cancelling stops the lanes; a truncated stream fails without a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DataIssue } from '../../src/core/data/issues.js';
import { FacetwiseError } from '../../src/core/data/issues.js';
import { resolveDataset } from '../../src/core/io/dataset.js';
import { computeStatistics } from '../../src/core/stats/statisticsJob.js';
import type { StatisticsJobOptions } from '../../src/core/stats/statisticsJob.js';
import { workerBlockLanes } from '../../src/worker/blockLanes.js';
import { WorkerPool } from '../../src/worker/workerPool.js';
import { assertEquivalentStats } from '../core/stats/statsHelpers.js';

const root = resolve(__dirname, '../..');
const workerFile = join(root, 'dist/worker.js');
const data = resolve(root, '../shared/data');
const fixtures = join(root, 'test/fixtures/compressed');
const dir = mkdtempSync(join(tmpdir(), 'facetwise-fanout-pool-'));

async function statsOf(path: string, options: StatisticsJobOptions) {
  const issues: DataIssue[] = [];
  const result = await computeStatistics(await resolveDataset([path]), { name: 'x', ...options, onIssue: (i) => issues.push(i) });
  return { stats: result.statistics, issues };
}

// The extension's worker bundle and the CLI's statistics-only one both run the lanes.
for (const bundle of ['worker.js', 'statsWorker.js']) {
  test(`blocks on two worker threads (dist/${bundle}): the statistics of the same blocks in this thread, for gzip, zstd and bzip2`, async () => {
    const text = readFileSync(join(data, 'taxi/train.csv'), 'utf8').split('\n').slice(0, 3001).join('\n') + '\n';
    const gz = join(dir, 'taxi-head.csv.gz');
    writeFileSync(gz, gzipSync(text));
    const pool = new WorkerPool(join(root, 'dist', bundle), 2);
    try {
      for (const file of [gz, join(fixtures, 'taxi-head.csv.zst'), join(fixtures, 'taxi-head.csv.bz2')]) {
        const options = { csvBlockBytes: 32 * 1024, parallelism: 2 };
        const here = await statsOf(file, options);
        const onThreads = await statsOf(file, { ...options, openCsvBlockLane: workerBlockLanes(pool) });
        assert.equal(onThreads.stats.numExamples, 3000n);
        assertEquivalentStats(here.stats, onThreads.stats);
        assert.deepEqual(onThreads.issues, here.issues);
      }
    } finally {
      await pool.dispose();
    }
  });
}

test('issues found on worker threads keep their file line numbers', async () => {
  const lines = ['id,note'];
  for (let i = 0; i < 5000; i++) lines.push(i % 100 === 1 ? `${i},"a\nb"` : `${i},x`);
  lines[4001] = '4000,y,extra';
  const text = lines.join('\n') + '\n';
  const file = join(dir, 'issues.csv');
  writeFileSync(file, text);
  writeFileSync(file + '.gz', gzipSync(text));
  const pool = new WorkerPool(workerFile, 2);
  try {
    const plain = await statsOf(file, {});
    const got = await statsOf(file + '.gz', { csvBlockBytes: 4096, parallelism: 2, openCsvBlockLane: workerBlockLanes(pool) });
    assert.equal(plain.issues.length, 1);
    assert.deepEqual(got.issues.map((i) => [i.code, i.position.line, i.position.offset]), plain.issues.map((i) => [i.code, i.position.line, i.position.offset]));
  } finally {
    await pool.dispose();
  }
});

test('cancelling the fan-out terminates the workers promptly; a truncated .gz fails with its offset, no hang', async () => {
  const row = '1,2.5,hello,"a, b"\n';
  const big = join(dir, 'big.csv.gz');
  writeFileSync(big, gzipSync('a,b,c,d\n' + row.repeat(1_500_000), { level: 1 }));
  const pool = new WorkerPool(workerFile, 2);
  try {
    const controller = new AbortController();
    let blocks = 0;
    const started = Date.now();
    const lanes = workerBlockLanes(pool);
    const job = statsOf(big, {
      csvBlockBytes: 256 * 1024,
      parallelism: 2,
      signal: controller.signal,
      openCsvBlockLane: (params, o) => {
        const lane = lanes(params, o);
        return {
          parse: (block) => {
            if (++blocks === 6) controller.abort();
            return lane.parse(block);
          },
          finish: () => lane.finish(),
        };
      },
    });
    await assert.rejects(job, (e: unknown) => e instanceof Error && e.name === 'AbortError');
    assert.ok(Date.now() - started < 10_000);
    assert.ok(blocks <= 7, `${blocks} blocks started`);
    // No slot is left held by a cancelled block: the pool runs the next job.
    const after = await statsOf(join(data, 'taxi/serving.csv'), { runChunk: (p, o) => pool.run('statsChunk', p, o) });
    assert.equal(after.stats.numExamples, 100n);

    const truncated = join(dir, 'truncated.csv.gz');
    writeFileSync(truncated, readFileSync(big).subarray(0, 100_000));
    await assert.rejects(statsOf(truncated, { csvBlockBytes: 64 * 1024, parallelism: 2, openCsvBlockLane: workerBlockLanes(pool) }), (err: unknown) => {
      assert.ok(err instanceof FacetwiseError, String(err));
      assert.equal(err.code, 'DECOMPRESS_FAILED');
      assert.equal(err.position?.file, truncated);
      assert.equal(typeof err.position?.offset, 'number');
      return true;
    });
  } finally {
    await pool.dispose();
  }
});
