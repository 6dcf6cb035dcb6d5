import assert from 'node:assert/strict';
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { resolveDataset } from '../../src/core/io/dataset.js';
import type { StatisticsResult } from '../../src/core/stats/statisticsJob.js';
import { StatisticsCache } from '../../src/extension/statisticsCache.js';
import { tempDir } from './engineKit.js';

const tmp = tempDir();
after(() => tmp.cleanup());

function fake(n: number): { result: StatisticsResult; issues: [] } {
  return { result: { numExamples: n } as unknown as StatisticsResult, issues: [] };
}

describe('StatisticsCache', () => {
  test('computes once while the files do not change; again after a change; forgets deleted paths', async () => {
    const file = tmp.file('d/a.csv', 'x\n1\n');
    const info = await resolveDataset([file]);
    const cache = new StatisticsCache();
    let computed = 0;
    const compute = async () => fake(++computed);
    assert.equal((await cache.get(info, compute)).result.numExamples, 1);
    assert.equal((await cache.get(info, compute)).result.numExamples, 1);
    writeFileSync(file, 'x\n1\n2\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    assert.equal((await cache.get(info, compute)).result.numExamples, 2);
    cache.forget(tmp.root + '/d');
    assert.equal((await cache.get(info, compute)).result.numExamples, 3);
  });

  test('keeps at most `capacity` datasets, dropping the least recently used', async () => {
    const cache = new StatisticsCache(2);
    const infos = await Promise.all(['a', 'b', 'c'].map((n) => resolveDataset([tmp.file(`cap/${n}.csv`, 'x\n1\n')])));
    let computed = 0;
    const compute = async () => fake(++computed);
    await cache.get(infos[0]!, compute);
    await cache.get(infos[1]!, compute);
    await cache.get(infos[0]!, compute); // a is now the most recent
    await cache.get(infos[2]!, compute); // evicts b
    assert.equal(computed, 3);
    await cache.get(infos[0]!, compute);
    assert.equal(computed, 3);
    await cache.get(infos[1]!, compute);
    assert.equal(computed, 4);
  });

  test('peek returns a valid entry without computing, and nothing for unknown, changed or vanished data', async () => {
    const file = tmp.file('peek/a.csv', 'x\n1\n');
    const info = await resolveDataset([file]);
    const cache = new StatisticsCache();
    assert.equal(await cache.peek(info), undefined);
    const value = fake(7);
    await cache.get(info, async () => value);
    assert.equal(await cache.peek(info), value);
    writeFileSync(file, 'x\n1\n2\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    assert.equal(await cache.peek(info), undefined);
    // A stale entry is not served by get() either: peek did not refresh it.
    let computed = 0;
    assert.equal((await cache.get(info, async () => fake(++computed))).result.numExamples, 1);
    assert.equal((await cache.peek(info))?.result.numExamples, 1);
    rmSync(file);
    assert.equal(await cache.peek(info), undefined);
  });

  test('peek counts as a use: the peeked dataset is kept when another is evicted', async () => {
    const cache = new StatisticsCache(2);
    const infos = await Promise.all(['a', 'b', 'c'].map((n) => resolveDataset([tmp.file(`peeklru/${n}.csv`, 'x\n1\n')])));
    await cache.get(infos[0]!, async () => fake(0));
    await cache.get(infos[1]!, async () => fake(1));
    assert.ok(await cache.peek(infos[0]!)); // a is now the most recent
    await cache.get(infos[2]!, async () => fake(2)); // evicts b
    assert.equal((await cache.peek(infos[0]!))?.result.numExamples, 0);
    assert.equal(await cache.peek(infos[1]!), undefined);
  });
});
