// Compressed CSV/TSV (gzip, zstd, bzip2) read as the same rows as the plain file: detected by magic bytes as well
// as by name, streamed (several gzip members, zstd frames and bzip2 streams), and a corrupt stream is an error with
// the offset it reached.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DataIssue } from '../../../../src/core/data/issues.js';
import { FacetwiseError } from '../../../../src/core/data/issues.js';
import { detectTextCompression } from '../../../../src/core/io/compression/textCompression.js';
import { readCsvHeader } from '../../../../src/core/io/csv/index.js';
import { resolveDataset } from '../../../../src/core/io/dataset.js';
import { computeStatistics } from '../../../../src/core/stats/statisticsJob.js';
import type { DatasetFeatureStatistics } from '../../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { readLineTexts } from '../../../../src/worker/jobs/lineTexts.js';
import { assertEquivalentStats } from '../../stats/statsHelpers.js';

const fixtures = resolve(__dirname, '../../../fixtures/compressed');
const data = resolve(__dirname, '../../../../../shared/data');
const dir = mkdtempSync(join(tmpdir(), 'facetwise-compressed-'));

async function statsOf(path: string, issues: DataIssue[] = []): Promise<DatasetFeatureStatistics> {
  const info = await resolveDataset([path]);
  assert.equal(info.format, 'csv', path);
  return (await computeStatistics(info, { name: 'x', parallelism: 2, onIssue: (i) => issues.push(i) })).statistics;
}

/** The fixtures' plain text: the first 3,000 rows of taxi/train.csv. */
function taxiHead(): string {
  const lines = readFileSync(join(data, 'taxi/train.csv'), 'utf8').split('\n');
  return lines.slice(0, 3001).join('\n') + '\n';
}

describe('compressed CSV gives the statistics of the plain file', () => {
  const plain = join(dir, 'taxi-head.csv');
  writeFileSync(plain, taxiHead());

  test('gzip (two members), zstd (two frames), bzip2 (two streams)', async () => {
    const expected = await statsOf(plain);
    const text = Buffer.from(taxiHead());
    const half = text.indexOf('\n', text.length >> 1) + 1;
    const gz = join(dir, 'taxi-head.csv.gz');
    writeFileSync(gz, Buffer.concat([gzipSync(text.subarray(0, half)), gzipSync(text.subarray(half))]));
    for (const file of [gz, join(fixtures, 'taxi-head.csv.zst'), join(fixtures, 'taxi-head.csv.bz2')]) {
      const issues: DataIssue[] = [];
      assertEquivalentStats(expected, await statsOf(file, issues));
      assert.deepEqual(issues, [], file);
    }
  });

  test('by magic bytes: a gzip file named .csv; the delimiter of x.tsv.gz from its name', async () => {
    const misnamed = join(dir, 'really-gzip.csv');
    writeFileSync(misnamed, gzipSync(taxiHead()));
    assertEquivalentStats(await statsOf(plain), await statsOf(misnamed));
    const tsv = join(dir, 'x.tsv.gz');
    writeFileSync(tsv, gzipSync('a b\tc\n1\t2\n'));
    const header = await readCsvHeader(tsv);
    assert.equal(header.compression, 'gzip');
    assert.deepEqual(header.columnNames, ['a b', 'c']);
  });

  test('row positions and line texts count lines of the decompressed text', async () => {
    const gz = join(dir, 'lines.csv.gz');
    writeFileSync(gz, gzipSync('a,b\n1,2\n3,x\n'));
    const texts = await readLineTexts(gz, [3]);
    assert.equal(texts.get(3), '3,x');
  });
});

describe('compression detection and corrupt streams', () => {
  test('magic numbers', () => {
    assert.equal(detectTextCompression(gzipSync('x')), 'gzip');
    assert.equal(detectTextCompression(readFileSync(join(fixtures, 'taxi-head.csv.zst'))), 'zstd');
    assert.equal(detectTextCompression(readFileSync(join(fixtures, 'taxi-head.csv.bz2'))), 'bzip2');
    assert.equal(detectTextCompression(Buffer.from('BZh9 is a,header\n')), 'none');
    assert.equal(detectTextCompression(Buffer.from('a,b\n1,2\n')), 'none');
  });

  for (const [name, make] of [
    ['truncated.csv.gz', () => gzipSync(taxiHead()).subarray(0, 20000)],
    ['truncated.csv.zst', () => readFileSync(join(fixtures, 'taxi-head.csv.zst')).subarray(0, 20000)],
    ['flipped.csv.bz2', () => Uint8Array.from(readFileSync(join(fixtures, 'taxi-head.csv.bz2')), (b, i) => (i === 5000 ? b ^ 0xff : b))],
  ] as const) {
    test(`${name}: DECOMPRESS_FAILED with the offset reached, not a crash`, async () => {
      const path = join(dir, name);
      writeFileSync(path, make());
      await assert.rejects(statsOf(path), (err: unknown) => {
        assert.ok(err instanceof FacetwiseError, String(err));
        assert.equal(err.code, 'DECOMPRESS_FAILED');
        assert.equal(err.position?.file, path);
        assert.equal(typeof err.position?.offset, 'number');
        return true;
      });
    });
  }
});
