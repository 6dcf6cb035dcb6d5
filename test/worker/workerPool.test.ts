// Runs the bundled worker (dist/worker.js, built by `npm run build`, which `npm test` does first) through the pool,
// as the CLI and the extension do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { FacetwiseError } from '../../src/core/data/issues.js';
import { resolveDataset } from '../../src/core/io/dataset.js';
import { computeStatistics } from '../../src/core/stats/statisticsJob.js';
import { encodeBinary } from '../../src/core/proto/binaryFormat.js';
import { WorkerPool } from '../../src/worker/workerPool.js';

const root = resolve(__dirname, '../..');
const workerFile = join(root, 'dist/worker.js');
const cliFile = join(root, 'dist/cli.js');
const data = resolve(root, '../shared/data');

test('the worker bundle exists (npm run build)', () => {
  assert.ok(existsSync(workerFile), `${workerFile} is missing: run npm run build`);
});

test('statistics computed on worker threads equal those computed in this thread', async () => {
  const info = await resolveDataset([join(data, 'taxi/eval.csv')]);
  const pool = new WorkerPool(workerFile, 2);
  try {
    const onThreads = await computeStatistics(info, { parallelism: 2, runChunk: (p, o) => pool.run('statsChunk', p, o) });
    const here = await computeStatistics(info, { parallelism: 2 });
    assert.equal(onThreads.numExamples, 5000);
    assert.deepEqual(
      onThreads.statistics.features.map((f) => [f.type, f.stats.case, f.stats.value?.commonStats?.numNonMissing]),
      here.statistics.features.map((f) => [f.type, f.stats.case, f.stats.value?.commonStats?.numNonMissing]),
    );
  } finally {
    await pool.dispose();
  }
});

test("the CLI's statistics-only worker (dist/statsWorker.js) gives the same statistics, byte for byte, and refuses other jobs", async () => {
  const statsWorker = join(root, 'dist/statsWorker.js');
  assert.ok(existsSync(statsWorker), `${statsWorker} is missing: run npm run build`);
  const info = await resolveDataset([join(data, 'taxi/eval.csv')]);
  const pool = new WorkerPool(statsWorker, 2);
  try {
    const onThreads = await computeStatistics(info, { parallelism: 2, runChunk: (p, o) => pool.run('statsChunk', p, o) });
    const here = await computeStatistics(info, { parallelism: 2 });
    assert.ok(Buffer.from(encodeBinary(onThreads.statistics)).equals(Buffer.from(encodeBinary(here.statistics))));
    await assert.rejects(pool.run('csvHeader', { file: join(data, 'taxi/eval.csv') }), /does not run csvHeader jobs/);
  } finally {
    await pool.dispose();
  }
});

test('cancelling a job terminates its worker and the pool runs the next job on a fresh one', async () => {
  // A file big enough that the job is still running when it is cancelled.
  const dir = mkdtempSync(join(tmpdir(), 'facetwise-pool-'));
  const file = join(dir, 'big.csv');
  const row = '1,2.5,hello,"a, b"\n';
  writeFileSync(file, 'a,b,c,d\n' + row.repeat(1_500_000));
  const info = await resolveDataset([file]);
  const pool = new WorkerPool(workerFile, 1);
  try {
    const controller = new AbortController();
    let progressed = false;
    const job = computeStatistics(info, {
      runChunk: (p, o) => pool.run('statsChunk', p, o),
      signal: controller.signal,
      onProgress: () => {
        if (!progressed) {
          progressed = true;
          controller.abort();
        }
      },
    });
    await assert.rejects(job, (e: unknown) => e instanceof Error && e.name === 'AbortError');
    const small = await resolveDataset([join(data, 'taxi/serving.csv')]);
    const after = await computeStatistics(small, { runChunk: (p, o) => pool.run('statsChunk', p, o) });
    assert.equal(after.numExamples, 100);
  } finally {
    await pool.dispose();
  }
});

test('a job that fails in the worker rejects with the engine error, code and position', async () => {
  const pool = new WorkerPool(workerFile, 1);
  try {
    await assert.rejects(
      pool.run('statsChunk', { chunk: { kind: 'tfrecord', shards: [join(tmpdir(), 'no-such-shard.tfrecord')], firstShardIndex: 0 }, stats: {} }),
      (e: unknown) => e instanceof FacetwiseError && e.code !== 'INTERNAL' && /no-such-shard/.test(e.message),
    );
  } finally {
    await pool.dispose();
  }
});

test('the bundled CLI gives the same statistics with worker threads as without', () => {
  const args = (workers: string) => [cliFile, 'stats', join(data, 'taxi/train.csv'), '--format', 'text', '--workers', workers];
  const threaded = spawnSync(process.execPath, args('2'), { encoding: 'utf8' });
  const single = spawnSync(process.execPath, args('0'), { encoding: 'utf8' });
  assert.equal(threaded.status, 0, threaded.stderr);
  assert.equal(single.status, 0, single.stderr);
  assert.equal(threaded.stdout, single.stdout);
  assert.match(threaded.stdout, /train\.csv: 10000 examples, 18 features/);
});

test('a prestarted pool starts its workers at once; with exitWhenIdle each stops when its job is done', async () => {
  const info = await resolveDataset([join(data, 'taxi/eval.csv')]);
  const pool = new WorkerPool(workerFile, 2, { prestart: true, exitWhenIdle: true });
  try {
    assert.equal(pool.liveWorkers, 2);
    // Statistics states come back through a transfer list: the same figures as in this thread.
    const onThreads = await computeStatistics(info, { parallelism: 2, runChunk: (p, o) => pool.run('statsChunk', p, o) });
    const here = await computeStatistics(info, { parallelism: 2 });
    assert.equal(pool.liveWorkers, 0);
    assert.deepEqual(onThreads.statistics, here.statistics);
  } finally {
    await pool.dispose();
  }
});

test('stopIdleBeyond stops the prestarted workers a plan has no chunk for, and a later job still runs', async () => {
  const info = await resolveDataset([join(data, 'taxi/eval.csv')]);
  const pool = new WorkerPool(workerFile, 3, { prestart: true });
  try {
    assert.equal(pool.liveWorkers, 3);
    let planned = -1;
    const result = await computeStatistics(info, {
      parallelism: 1,
      onPlanned: (chunks) => {
        planned = chunks;
        pool.stopIdleBeyond(chunks);
        assert.equal(pool.liveWorkers, 1);
      },
      runChunk: (p, o) => pool.run('statsChunk', p, o),
    });
    assert.equal(planned, 1);
    assert.equal(result.numExamples, 5000);
    // The stopped slots start a worker again when jobs need them.
    await Promise.all([1, 2, 3].map(() => computeStatistics(info, { runChunk: (p, o) => pool.run('statsChunk', p, o) })));
    assert.equal(pool.liveWorkers, 3);
  } finally {
    await pool.dispose();
  }
});
