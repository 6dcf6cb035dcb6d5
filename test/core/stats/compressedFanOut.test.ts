// A compressed CSV cut into blocks by this thread and parsed by lanes (csvBlockFanOut.ts) gives the statistics
// and the issues of the plain file: same figures, same line numbers, one file-wide issue limit. Here the lanes run
// in this thread (csvBlockBytes forces the fan-out); test/worker/ runs them on worker threads.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DataIssue } from '../../../src/core/data/issues.js';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import { resolveDataset } from '../../../src/core/io/dataset.js';
import { computeStatistics } from '../../../src/core/stats/statisticsJob.js';
import type { StatisticsJobOptions } from '../../../src/core/stats/statisticsJob.js';
import { localBlockLane } from '../../../src/core/stats/csvBlockLane.js';
import type { CsvBlockLaneOpener } from '../../../src/core/stats/csvBlockLane.js';
import type { CsvBlock } from '../../../src/core/io/csv/csvOptions.js';
import type { DatasetFeatureStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { assertEquivalentStats, feature, sameBytes } from './statsHelpers.js';

const fixtures = resolve(__dirname, '../../fixtures/compressed');
const data = resolve(__dirname, '../../../../shared/data');
const dir = mkdtempSync(join(tmpdir(), 'facetwise-fanout-'));

async function statsOf(path: string, options: StatisticsJobOptions = {}): Promise<{ stats: DatasetFeatureStatistics; issues: DataIssue[] }> {
  const issues: DataIssue[] = [];
  const info = await resolveDataset([path]);
  const result = await computeStatistics(info, { name: 'x', ...options, onIssue: (i) => issues.push(i) });
  return { stats: result.statistics, issues };
}

/** The fixtures' plain text: the first 3,000 rows of taxi/train.csv. */
function taxiHead(): string {
  return readFileSync(join(data, 'taxi/train.csv'), 'utf8').split('\n').slice(0, 3001).join('\n') + '\n';
}

/** Lanes in this thread that call `seen` with every block before parsing it (it may wait, or throw). */
function watchedLanes(seen: (block: CsvBlock) => void | Promise<void>): CsvBlockLaneOpener {
  return (params, options) => {
    const lane = localBlockLane(params, options);
    return {
      parse: async (block) => {
        await seen(block);
        return lane.parse(block);
      },
      finish: () => lane.finish(),
    };
  };
}

/** Where issues point, and what they say. */
const where = (issues: readonly DataIssue[]) => issues.map((i) => [i.code, i.severity, i.position.line, i.position.column, i.position.offset, i.message]);

describe('compressed CSV in blocks', () => {
  const plain = join(dir, 'taxi-head.csv');
  writeFileSync(plain, taxiHead());
  const gz = join(dir, 'taxi-head.csv.gz');
  writeFileSync(gz, gzipSync(taxiHead()));
  const compressed = [gz, join(fixtures, 'taxi-head.csv.zst'), join(fixtures, 'taxi-head.csv.bz2')];

  test('gzip, zstd and bzip2 in 16 KiB blocks on three lanes: the plain file\'s statistics', async () => {
    const expected = await statsOf(plain);
    for (const file of compressed) {
      const lines: number[] = [];
      const lanes = watchedLanes((block) => void lines.push(block.firstLine));
      const { stats, issues } = await statsOf(file, { csvBlockBytes: 16 * 1024, parallelism: 3, openCsvBlockLane: lanes });
      assert.ok(lines.length > 20 && lines[0] === 2 && lines.every((l, i) => i === 0 || l > lines[i - 1]), `${file}: blocks from lines ${lines}`);
      assert.equal(stats.numExamples, 3000n, file);
      assertEquivalentStats(expected.stats, stats);
      assert.deepEqual(issues, [], file);
    }
  });

  test('one block: bit for bit the statistics of the plain file read by one reader', async () => {
    const expected = await statsOf(plain);
    for (const file of compressed) assert.ok(sameBytes(expected.stats, (await statsOf(file, { csvBlockBytes: 1 << 30 })).stats), file);
  });

  test('issues after a quoted multi-line field keep the plain file\'s line numbers and offsets', async () => {
    const lines = ['id,note,value'];
    for (let i = 0; i < 400; i++) lines.push(i % 50 === 7 ? `${i},"two\nlines, ""quoted""",${i}` : `${i},n${i % 9},${i * 0.5}`);
    lines[200] = '199,"a\nb",1,extra'; // too many fields, right after a multi-line field's second line
    lines[301] = '300'; // too few
    const text = lines.join('\n') + '\n';
    const file = join(dir, 'issues.csv');
    writeFileSync(file, text);
    writeFileSync(file + '.gz', gzipSync(text));
    const expected = await statsOf(file);
    assert.equal(expected.issues.length, 2, JSON.stringify(expected.issues));
    for (const csvBlockBytes of [64, 1000, 1 << 20]) {
      const got = await statsOf(file + '.gz', { csvBlockBytes });
      assertEquivalentStats(expected.stats, got.stats);
      assert.deepEqual(where(got.issues), where(expected.issues), `blocks of ${csvBlockBytes}`);
      assert.deepEqual(got.issues.map((i) => i.position.file), [file + '.gz', file + '.gz']);
    }
  });

  test('edge files: header only, no final line end, a BOM, CRLF, a quoted header name with a line break', async () => {
    const cases = ['a,b\n', 'a,b\n1,2', '\ufeffa,b\r\n1,2\r\n3,"x\r\ny"\r\n', '"a\nA",b\n1,2\n"3\n",4\n'];
    for (const [k, text] of cases.entries()) {
      const file = join(dir, `edge${k}.csv`);
      writeFileSync(file, text);
      writeFileSync(file + '.gz', gzipSync(text));
      const expected = await statsOf(file);
      const got = await statsOf(file + '.gz', { csvBlockBytes: 3, parallelism: 2 });
      assertEquivalentStats(expected.stats, got.stats);
      assert.equal(got.stats.numExamples, expected.stats.numExamples, JSON.stringify(text));
      assert.deepEqual(where(got.issues), where(expected.issues), JSON.stringify(text));
    }
  });

  test('the per-code issue limit is the file\'s, not each block\'s: 100 reported, then one summary', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 3000; i++) lines.push(i % 10 === 3 ? `${i}` : `${i},x`);
    const text = lines.join('\n') + '\n';
    const file = join(dir, 'ragged.csv');
    writeFileSync(file, text);
    writeFileSync(file + '.gz', gzipSync(text));
    const expected = await statsOf(file);
    const got = await statsOf(file + '.gz', { csvBlockBytes: 512 });
    assert.equal(got.issues.length, 101);
    assert.match(got.issues[100].message, /^200 more issues like this were not reported individually \(300 in all\)/);
    assert.deepEqual(where(got.issues), where(expected.issues));
  });

  test('a column that turns to text late is read again, through the blocks, as strings', async () => {
    const lines = ['code,n'];
    for (let i = 0; i < 4000; i++) lines.push(`${i % 10},${i}`);
    lines.push('A7,4000');
    const text = lines.join('\n') + '\n';
    const file = join(dir, 'late.csv');
    writeFileSync(file, text);
    writeFileSync(file + '.gz', gzipSync(text));
    const stats = { numericStringSideLimit: 50 };
    const expected = await statsOf(file, { stats });
    let runs = 0;
    const got = await statsOf(file + '.gz', { stats, csvBlockBytes: 2048, openCsvBlockLane: watchedLanes(() => void runs++) });
    assert.equal(feature(got.stats, 'code').stats.case, 'stringStats');
    assertEquivalentStats(expected.stats, got.stats);
    const blocks = Math.ceil(text.length / 2048);
    assert.ok(runs >= 2 * (blocks - 1), `both passes ran in blocks (${runs} runs)`);
  });

  test('at most `2 × lanes` blocks are cut and not parsed', async () => {
    let waiting = 0;
    let most = 0;
    const lanes: CsvBlockLaneOpener = (params, options) => {
      const lane = localBlockLane(params, options);
      return {
        parse: async (block) => {
          waiting++;
          most = Math.max(most, waiting);
          await new Promise((r) => setTimeout(r, 2)); // a slow worker: this thread must wait for it
          try {
            return await lane.parse(block);
          } finally {
            waiting--;
          }
        },
        finish: () => lane.finish(),
      };
    };
    const file = join(dir, 'inflight.csv.gz');
    writeFileSync(file, gzipSync(taxiHead()));
    const { stats } = await statsOf(file, { csvBlockBytes: 8 * 1024, parallelism: 2, openCsvBlockLane: lanes });
    assert.equal(stats.numExamples, 3000n);
    assert.ok(most <= 4 && most >= 3, `in flight at most ${most}`);
  });

  test('a truncated .gz is DECOMPRESS_FAILED with the offset reached, and nothing keeps running', async () => {
    const file = join(dir, 'truncated.csv.gz');
    writeFileSync(file, gzipSync(taxiHead()).subarray(0, 30000));
    await assert.rejects(statsOf(file, { csvBlockBytes: 4096, parallelism: 2 }), (err: unknown) => {
      assert.ok(err instanceof FacetwiseError, String(err));
      assert.equal(err.code, 'DECOMPRESS_FAILED');
      assert.equal(err.position?.file, file);
      assert.ok((err.position?.offset ?? 0) > 4096, `offset ${err.position?.offset}`);
      return true;
    });
  });

  test('cancelling stops the fan-out promptly with an AbortError', async () => {
    const row = '1,2.5,hello,"a, b\nc"\n';
    const file = join(dir, 'big.csv.gz');
    writeFileSync(file, gzipSync('a,b,c,d\n' + row.repeat(400_000), { level: 1 }));
    const controller = new AbortController();
    let blocks = 0;
    const lanes = watchedLanes(() => {
      if (++blocks === 3) controller.abort();
    });
    const started = Date.now();
    await assert.rejects(statsOf(file, { csvBlockBytes: 64 * 1024, openCsvBlockLane: lanes, signal: controller.signal }), (e: unknown) => e instanceof Error && e.name === 'AbortError');
    assert.ok(blocks <= 4, `${blocks} blocks started`);
    assert.ok(Date.now() - started < 5000);
  });
});
