import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { toBinary } from '@bufbuild/protobuf';
import { resolveDataset } from '../../src/core/io/dataset.js';
import { SchemaSchema } from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { inferSchema } from '../../src/core/schema/inferSchema.js';
import { EngineClient } from '../../src/extension/engineClient.js';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildWorker, linesWithValue, taxiDir, tempDir } from './engineKit.js';

const tmp = tempDir();
let workerFile = '';
before(async () => {
  workerFile = await buildWorker(tmp.root);
});
after(() => tmp.cleanup());

describe('EngineClient (worker threads)', () => {
  test('starts no worker until the first job, then as many as configured', async () => {
    const engine = new EngineClient(workerFile, () => 2);
    try {
      assert.equal(engine.poolSize, 0);
      const info = await resolveDataset([join(taxiDir, 'serving.csv')]);
      const stats = await engine.statistics(info);
      assert.equal(stats.numExamples, 100);
      assert.equal(engine.poolSize, 2);
    } finally {
      await engine.dispose();
    }
  });

  test('row-level validation runs as a worker job and returns the lines it lists', async () => {
    const engine = new EngineClient(workerFile, () => 1);
    try {
      const train = await engine.statistics(await resolveDataset([join(taxiDir, 'train.csv')]));
      const schema = inferSchema(train.statistics);
      const evalFile = join(taxiDir, 'eval.csv');
      const result = await engine.validateExamples({
        dataset: await resolveDataset([evalFile]),
        schema: toBinary(SchemaSchema, schema),
        samplesPerReason: 5,
        withLineTexts: true,
      });
      assert.equal(result.rowsRead, 5000);
      const payment = result.anomalies.find((a) => a.feature === 'payment_type');
      const prcard = linesWithValue(evalFile, 'payment_type', 'Prcard');
      assert.equal(payment?.count, prcard.length);
      assert.deepEqual(payment?.samples.map((s) => s.position), prcard.slice(0, 5));
      const texts = new Map(result.lineTexts);
      for (const line of prcard.slice(0, 5)) assert.match(texts.get(line) ?? '', /,Prcard,/);
    } finally {
      await engine.dispose();
    }
  });

  test('cancelling a job rejects it with an AbortError and the engine keeps working', async () => {
    const engine = new EngineClient(workerFile, () => 1);
    try {
      const info = await resolveDataset([join(taxiDir, 'train.csv')]);
      const controller = new AbortController();
      const job = engine.statistics(info, {
        signal: controller.signal,
        onProgress: () => controller.abort(new DOMException('stop', 'AbortError')),
      });
      await assert.rejects(job, (e: Error) => e.name === 'AbortError');
      const again = await engine.statistics(info);
      assert.equal(again.numExamples, 10000);
    } finally {
      await engine.dispose();
    }
  });

  test('two compressed CSVs at once on a two-worker pool: both fanned out, both complete with the plain files\' counts', async () => {
    const engine = new EngineClient(workerFile, () => 2);
    try {
      // 12 MB of text each: three blocks per file, so each fan-out wants both workers.
      const text = (k: number): string => 'a,b,c\n' + Array.from({ length: 400_000 }, (_, i) => `${i % 977},${k}x${i % 13},"q, ${i % 7}"`).join('\n') + '\n';
      const files = [0, 1].map((k) => {
        const plain = join(tmp.root, `fan${k}.csv`);
        writeFileSync(plain, text(k));
        writeFileSync(plain + '.gz', gzipSync(text(k), { level: 1 }));
        return plain;
      });
      const [a, b] = await Promise.all(files.map(async (f) => engine.statistics(await resolveDataset([f + '.gz']))));
      for (const [i, got] of [a, b].entries()) {
        const plain = await engine.statistics(await resolveDataset([files[i]]));
        assert.equal(got.numExamples, 400_000);
        // 400,000 rows are past the quantile sketch's exact range, which then depends on the split: compare the rest.
        const exact = (s: typeof plain.statistics) =>
          s.features.map((f) => [f.type, f.stats.case, f.stats.value?.commonStats?.numNonMissing, f.stats.case === 'numStats' ? [f.stats.value.min, f.stats.value.max] : f.stats.case === 'stringStats' ? f.stats.value.unique : undefined]);
        assert.deepEqual(exact(got.statistics), exact(plain.statistics));
      }
    } finally {
      await engine.dispose();
    }
  });

  test('a missing worker bundle is an error a user can act on; a disposed engine refuses work', async () => {
    const missing = new EngineClient(join(tmp.root, 'nope.js'), () => 1);
    await assert.rejects(missing.csvHeader({ file: join(taxiDir, 'eval.csv') }), /engine worker is missing/);
    const engine = new EngineClient(workerFile, () => 1);
    const header = await engine.csvHeader({ file: join(taxiDir, 'eval.csv') });
    assert.equal(header.delimiter, ',');
    await engine.dispose();
    await assert.rejects(engine.csvHeader({ file: join(taxiDir, 'eval.csv') }), /shutting down/);
  });
});
