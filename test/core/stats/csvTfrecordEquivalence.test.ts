// The same rows read as CSV and as TFRecord must give the same statistics: both formats feed one row model and one
// statistics path. The TFRecord copy is written here from the CSV's own cells (missing cells as kind-less Features,
// as TFX writes them; floats as float32, as tf.train.FloatList stores them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveDataset } from '../../../src/core/io/dataset.js';
import { encodeExample, writeTfRecords } from '../../../src/core/io/tfrecord/index.js';
import type { ExampleFeatureValue } from '../../../src/core/io/tfrecord/index.js';
import { computeStatistics } from '../../../src/core/stats/statisticsJob.js';
import type { DatasetFeatureStatistics, FeatureNameStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { FeatureNameStatistics_Type } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';

const data = resolve(__dirname, '../../../../shared/data');
const dir = mkdtempSync(join(tmpdir(), 'facetwise-equiv-'));

async function statsOf(path: string): Promise<DatasetFeatureStatistics> {
  return (await computeStatistics(await resolveDataset([path]), { name: 'x', parallelism: 2 })).statistics;
}

function byName(stats: DatasetFeatureStatistics): Map<string, FeatureNameStatistics> {
  return new Map(stats.features.map((f) => [f.fieldId.case === 'path' ? f.fieldId.value.step.join('.') : '', f]));
}

/** Writes the CSV (no quoted fields in these files — checked) as gzip TFRecord with each column's CSV type. */
async function csvToTfRecord(csvPath: string, types: Map<string, FeatureNameStatistics_Type>, out: string): Promise<void> {
  const text = readFileSync(csvPath, 'utf8');
  assert.ok(!text.includes('"'), 'the naive split below needs a file without quotes');
  const [header, ...lines] = text.trimEnd().split(/\r?\n/);
  const names = header.split(',');
  const payloads = lines.map((line) => {
    const cells = line.split(',');
    const features: Array<[string, ExampleFeatureValue]> = names.map((name, c) => {
      const cell = cells[c] ?? '';
      if (cell === '') return [name, { kind: 'none' }];
      const type = types.get(name);
      if (type === FeatureNameStatistics_Type.INT) return [name, { kind: 'int', values: [BigInt(cell)] }];
      if (type === FeatureNameStatistics_Type.FLOAT) return [name, { kind: 'float', values: [Math.fround(Number(cell))] }];
      return [name, { kind: 'bytes', values: [cell] }];
    });
    return encodeExample(features);
  });
  await writeTfRecords(out, payloads, { compression: 'gzip' });
}

for (const csv of ['taxi/train.csv', 'spending/score_train.csv']) {
  test(`${csv}: CSV and TFRecord copies give the same statistics`, async () => {
    const csvPath = join(data, csv);
    const fromCsv = await statsOf(csvPath);
    const types = new Map([...byName(fromCsv)].map(([n, f]) => [n, f.type]));
    const tfrecord = join(dir, csv.replace('/', '_') + '.tfrecord.gz');
    await csvToTfRecord(csvPath, types, tfrecord);
    const fromTf = await statsOf(tfrecord);

    assert.equal(fromTf.numExamples, fromCsv.numExamples);
    const a = byName(fromCsv);
    const b = byName(fromTf);
    for (const [name, fa] of a) {
      const fb = b.get(name);
      const allMissing = fa.stats.value?.commonStats?.numNonMissing === 0n;
      if (allMissing) {
        // A column that is empty everywhere has no type to carry into tf.Example: TFRecord has only kind-less Features.
        assert.equal(fb?.stats.value?.commonStats?.numNonMissing ?? 0n, 0n, name);
        continue;
      }
      assert.ok(fb, `${name} is missing from the TFRecord statistics`);
      assert.equal(fb.type, fa.type, `${name}: type`);
      assert.equal(fb.stats.case, fa.stats.case, `${name}: kind of statistics`);
      const ca = fa.stats.value?.commonStats;
      const cb = fb.stats.value?.commonStats;
      assert.equal(cb?.numNonMissing, ca?.numNonMissing, `${name}: num_non_missing`);
      assert.equal(cb?.numMissing, ca?.numMissing, `${name}: num_missing`);
      assert.equal(cb?.totNumValues, ca?.totNumValues, `${name}: tot_num_values`);
      if (fa.stats.case === 'numStats' && fb.stats.case === 'numStats') {
        const x = fa.stats.value;
        const y = fb.stats.value;
        // FLOAT values went through float32 in the TFRecord copy, as tf.train.FloatList stores them.
        const tol = fa.type === FeatureNameStatistics_Type.FLOAT ? 1e-6 : 1e-12;
        for (const key of ['mean', 'stdDev', 'min', 'median', 'max'] as const) {
          const u = x[key];
          const v = y[key];
          assert.ok(Math.abs(u - v) <= tol * Math.max(1, Math.abs(u)), `${name}: ${key} ${u} vs ${v}`);
        }
        assert.equal(y.numZeros, x.numZeros, `${name}: num_zeros`);
      }
      if (fa.stats.case === 'stringStats' && fb.stats.case === 'stringStats') {
        assert.equal(fb.stats.value.unique, fa.stats.value.unique, `${name}: unique`);
        assert.deepEqual(
          fb.stats.value.topValues.map((t) => [t.value, t.frequency]),
          fa.stats.value.topValues.map((t) => [t.value, t.frequency]),
          `${name}: top values`,
        );
        assert.ok(Math.abs(fb.stats.value.avgLength - fa.stats.value.avgLength) < 1e-9, `${name}: avg_length`);
      }
    }
  });
}
