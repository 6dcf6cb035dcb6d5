import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { DataIssue } from '../../../../src/core/data/issues.js';
import type { Progress } from '../../../../src/core/data/job.js';
import type { FeatureColumn, RowBatch } from '../../../../src/core/data/rowBatch.js';
import type { ExampleFeatureValue } from '../../../../src/core/io/tfrecord/exampleEncoder.js';
import { encodeExample } from '../../../../src/core/io/tfrecord/exampleEncoder.js';
import type { ExampleReadOptions } from '../../../../src/core/io/tfrecord/exampleReader.js';
import { readTfRecordDataset, readTfRecordShard } from '../../../../src/core/io/tfrecord/exampleReader.js';
import { frameTfRecord, writeTfRecords } from '../../../../src/core/io/tfrecord/recordWriter.js';
import type { RefFeature } from './referenceDecoder.js';
import { refExample, refRecords } from './referenceDecoder.js';

const repoRoot = resolve(__dirname, '../../../..');
const taxiDir = resolve(repoRoot, '../shared/data/taxi-tfrecord');

function shardsOf(split: string): string[] {
  const dir = join(taxiDir, split);
  return readdirSync(dir).sort().map((f) => join(dir, f));
}

/** Row r of a column, as plain values: undefined when missing, else the list. */
type Cell = undefined | number[] | string[];

function cell(column: FeatureColumn, r: number): Cell {
  switch (column.kind) {
    case 'empty':
      return undefined;
    case 'text':
      throw new Error('text columns are not produced by the TFRecord reader');
    case 'int':
    case 'float':
      if (!column.present[r]) return undefined;
      return Array.from(column.values.subarray(column.offsets[r], column.offsets[r + 1]));
    case 'bytes': {
      if (!column.present[r]) return undefined;
      const out: string[] = [];
      for (let v = column.offsets[r]; v < column.offsets[r + 1]; v++) {
        out.push(Buffer.from(column.data.subarray(column.starts[v], column.ends[v])).toString('utf8'));
      }
      return out;
    }
  }
}

function refCell(feature: RefFeature | undefined): Cell {
  if (feature === undefined || feature.kind === 'none') return undefined;
  if (feature.kind === 'int') return feature.values.map((v) => Number(v));
  if (feature.kind === 'float') return feature.values;
  return feature.values.map((v) => Buffer.from(v).toString('utf8'));
}

async function readAll(
  iterable: AsyncIterable<RowBatch>,
): Promise<{ batches: RowBatch[]; issues: DataIssue[] }> {
  const batches: RowBatch[] = [];
  for await (const b of iterable) batches.push(b);
  return { batches, issues: [] };
}

async function readFile(
  path: string,
  options: ExampleReadOptions = {},
): Promise<{ batches: RowBatch[]; issues: DataIssue[] }> {
  const issues: DataIssue[] = [];
  const { batches } = await readAll(readTfRecordShard(path, 0, { ...options, onIssue: (i) => issues.push(i) }));
  return { batches, issues };
}

function col(batch: RowBatch, name: string): FeatureColumn {
  const found = batch.columns.find((c) => c.name === name);
  assert.ok(found, `column ${name}`);
  return found;
}

/** Structural invariants every batch must satisfy, whatever its content. */
function assertWellFormed(batch: RowBatch): void {
  assert.equal(batch.positions.length, batch.rowCount);
  assert.equal(batch.positionKind, 'record');
  const names = new Set<string>();
  for (const c of batch.columns) {
    assert.ok(!names.has(c.name), `duplicate column ${c.name}`);
    names.add(c.name);
    if (c.kind === 'text') assert.fail('text column');
    assert.equal(c.present.length, batch.rowCount);
    if (c.kind === 'empty') continue;
    assert.equal(c.offsets.length, batch.rowCount + 1);
    assert.equal(c.offsets[0], 0);
    for (let r = 0; r < batch.rowCount; r++) {
      assert.ok(c.offsets[r] <= c.offsets[r + 1]);
      if (!c.present[r]) assert.equal(c.offsets[r], c.offsets[r + 1], `${c.name} row ${r} missing but has values`);
    }
    const valueCount = c.kind === 'bytes' ? c.starts.length : c.values.length;
    assert.equal(c.offsets[batch.rowCount], valueCount);
  }
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'facetwise-example-'));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function writeExamples(
  name: string,
  examples: readonly (Readonly<Record<string, ExampleFeatureValue>> | Iterable<readonly [string, ExampleFeatureValue]>)[],
  packed = true,
): Promise<string> {
  const file = join(dir, name);
  await writeTfRecords(file, examples.map((e) => encodeExample(e, { packed })));
  return file;
}

describe('readTfRecordDataset on the taxi shards', () => {
  const expected = { 'Split-train': 9909, 'Split-eval': 5091, unlabelled: 2459 };
  const taxiFeatures = [
    'company', 'dropoff_census_tract', 'dropoff_community_area', 'dropoff_latitude', 'dropoff_longitude', 'fare',
    'payment_type', 'pickup_census_tract', 'pickup_community_area', 'pickup_latitude', 'pickup_longitude', 'tips',
    'trip_miles', 'trip_seconds', 'trip_start_day', 'trip_start_hour', 'trip_start_month', 'trip_start_timestamp',
  ];

  for (const [split, count] of Object.entries(expected)) {
    it(`${split}: ${count} examples, the taxi features, and every value equal to an independent decode`, async () => {
      const shards = shardsOf(split);
      assert.equal(shards.length, 12);
      const issues: DataIssue[] = [];
      const { batches } = await readAll(readTfRecordDataset(shards, { onIssue: (i) => issues.push(i), batchRows: 700 }));
      assert.deepEqual(issues, []);
      assert.equal(batches.reduce((a, b) => a + b.rowCount, 0), count);

      const names = new Set(batches.flatMap((b) => b.columns.map((c) => c.name)));
      const wanted = split === 'unlabelled' ? taxiFeatures.filter((f) => f !== 'tips') : taxiFeatures;
      assert.deepEqual([...names].sort(), wanted);

      let batchIndex = 0;
      for (let s = 0; s < shards.length; s++) {
        const reference = refRecords(gunzipSync(readFileSync(shards[s]))).map(refExample);
        let row = 0;
        while (row < reference.length) {
          const batch = batches[batchIndex++];
          assertWellFormed(batch);
          assert.equal(batch.shardIndex, s);
          assert.equal(batch.source, shards[s]);
          assert.ok(batch.rowCount <= 700);
          for (let r = 0; r < batch.rowCount; r++, row++) {
            assert.equal(batch.positions[r], row);
            const ref = reference[row];
            for (const column of batch.columns) {
              assert.deepEqual(cell(column, r), refCell(ref.get(column.name)), `${shards[s]} record ${row} ${column.name}`);
            }
            for (const name of ref.keys()) assert.ok(batch.columns.some((c) => c.name === name));
          }
        }
      }
      assert.equal(batchIndex, batches.length);
    });
  }

  it('maps the kinds the way the data holds them; pickup_census_tract (never set) is an EmptyColumn', async () => {
    const { batches } = await readAll(readTfRecordShard(shardsOf('Split-eval')[0], 0));
    const kinds = Object.fromEntries(batches[0].columns.map((c) => [c.name, c.kind]));
    assert.equal(kinds.company, 'bytes');
    assert.equal(kinds.fare, 'float');
    assert.equal(kinds.trip_seconds, 'int');
    assert.equal(kinds.pickup_census_tract, 'empty');
    const empty = col(batches[0], 'pickup_census_tract');
    assert.ok(empty.kind === 'empty' && empty.present.every((p) => p === 1));
    // company is sometimes an empty Feature: those rows are missing.
    const company = col(batches[0], 'company');
    assert.ok(company.kind === 'bytes');
    const missing = company.present.filter((p) => p === 0).length;
    assert.ok(missing > 0 && missing < batches[0].rowCount);
  });

  it('reports progress over all shards in stored bytes', async () => {
    const shards = shardsOf('unlabelled');
    const total = shards.reduce((a, s) => a + readFileSync(s).length, 0);
    const seen: Progress[] = [];
    await readAll(readTfRecordDataset(shards, { onProgress: (p) => seen.push(p) }));
    assert.ok(seen.length >= shards.length);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i].done >= seen[i - 1].done);
    assert.equal(seen[seen.length - 1].done, total);
    assert.ok(seen.every((p) => p.total === total && p.unit === 'bytes'));
  });

  it('stops with an AbortError when cancelled mid-way', async () => {
    const controller = new AbortController();
    let batches = 0;
    await assert.rejects(async () => {
      for await (const _ of readTfRecordDataset(shardsOf('Split-train'), { signal: controller.signal, batchRows: 100 })) {
        void _;
        if (++batches === 3) controller.abort();
      }
    }, /abort/i);
    assert.equal(batches, 3);
  });
});

describe('tf.Example decoding', () => {
  it('decodes packed and unpacked int64 and float lists identically, negatives and large values included', async () => {
    const ints = [0n, 1n, -1n, 127n, 128n, -128n, 2n ** 31n, -(2n ** 31n), 2n ** 53n, -(2n ** 53n), 2n ** 62n, -(2n ** 63n), 2n ** 63n - 1n];
    const floats = [0, -0, 1.5, -2.25, 3.4028234663852886e38, 1e-45, Number.POSITIVE_INFINITY, 0.1];
    const examples = [{ i: { kind: 'int', values: ints }, f: { kind: 'float', values: floats } }] as const;
    for (const packed of [true, false]) {
      const file = await writeExamples(`numbers-${packed}.tfrecord`, examples, packed);
      const { batches, issues } = await readFile(file);
      assert.deepEqual(issues, []);
      assertWellFormed(batches[0]);
      assert.deepEqual(cell(col(batches[0], 'i'), 0), ints.map((v) => Number(v)));
      // Floats are float32 on the wire: expect each value rounded to float32, then widened.
      assert.deepEqual(cell(col(batches[0], 'f'), 0), floats.map((v) => Math.fround(v)));
      assert.ok(Object.is(cell(col(batches[0], 'f'), 0)?.[1], -0));
    }
  });

  it('accepts a list that mixes packed and unpacked runs, as protobuf parsers must', async () => {
    // Int64List { value: [5] (unpacked), value: [6, -7] (packed) }
    const list = Buffer.from([0x08, 0x05, 0x0a, 0x0b, 0x06, 0xf9, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    const feature = Buffer.concat([Buffer.from([0x1a, list.length]), list]);
    const entry = Buffer.concat([Buffer.from([0x0a, 0x01, 0x78, 0x12, feature.length]), feature]);
    const features = Buffer.concat([Buffer.from([0x0a, entry.length]), entry]);
    const example = Buffer.concat([Buffer.from([0x0a, features.length]), features]);
    const file = join(dir, 'mixed.tfrecord');
    writeFileSync(file, frameTfRecord(example));
    const { batches, issues } = await readFile(file);
    assert.deepEqual(issues, []);
    assert.deepEqual(cell(col(batches[0], 'x'), 0), [5, 6, -7]);
  });

  it('encodes the exact bytes of a minimal Example', () => {
    // Example{features{feature{key:"a" value{int64_list{value:1}}}}}, assembled by hand.
    assert.deepEqual(
      Array.from(encodeExample({ a: { kind: 'int', values: [1] } })),
      [0x0a, 0x0c, 0x0a, 0x0a, 0x0a, 0x01, 0x61, 0x12, 0x05, 0x1a, 0x03, 0x0a, 0x01, 0x01],
    );
  });

  it('treats a Feature with no list as missing; an all-kindless feature is an EmptyColumn', async () => {
    const file = await writeExamples('kindless.tfrecord', [
      { a: { kind: 'none' }, b: { kind: 'none' } },
      { a: { kind: 'int', values: [7] }, b: { kind: 'none' } },
      { a: { kind: 'none' } },
    ]);
    const { batches, issues } = await readFile(file);
    assert.deepEqual(issues, []);
    const [batch] = batches;
    assertWellFormed(batch);
    const a = col(batch, 'a');
    assert.equal(a.kind, 'int');
    assert.deepEqual([0, 1, 2].map((r) => cell(a, r)), [undefined, [7], undefined]);
    const b = col(batch, 'b');
    assert.ok(b.kind === 'empty');
    assert.deepEqual(Array.from(b.present), [1, 1, 0]);
  });

  it('distinguishes an empty list (present, no values) from a missing feature', async () => {
    const file = await writeExamples('emptylist.tfrecord', [
      { s: { kind: 'bytes', values: [] } },
      { s: { kind: 'bytes', values: ['x', ''] } },
      {},
    ]);
    const { batches } = await readFile(file);
    const s = col(batches[0], 's');
    assert.deepEqual([0, 1, 2].map((r) => cell(s, r)), [[], ['x', ''], undefined]);
  });

  it('gives a feature seen in only some rows present=0 elsewhere, columns in first-seen order', async () => {
    const file = await writeExamples('sparse.tfrecord', [
      [['z', { kind: 'int', values: [1] }]],
      [['y', { kind: 'bytes', values: ['héllo', 'wörld'] }], ['z', { kind: 'int', values: [2, 3] }]],
      [['x', { kind: 'float', values: [0.5] }]],
      [['y', { kind: 'bytes', values: ['a'] }]],
    ]);
    const { batches } = await readFile(file);
    const [batch] = batches;
    assertWellFormed(batch);
    assert.deepEqual(batch.columns.map((c) => c.name), ['z', 'y', 'x']);
    assert.deepEqual([0, 1, 2, 3].map((r) => cell(col(batch, 'z'), r)), [[1], [2, 3], undefined, undefined]);
    assert.deepEqual([0, 1, 2, 3].map((r) => cell(col(batch, 'y'), r)), [undefined, ['héllo', 'wörld'], undefined, ['a']]);
    assert.deepEqual([0, 1, 2, 3].map((r) => cell(col(batch, 'x'), r)), [undefined, undefined, [0.5], undefined]);
  });

  it('keeps the last value of a key repeated within one example (protobuf map semantics)', async () => {
    const file = await writeExamples('dupkey.tfrecord', [
      [
        ['k', { kind: 'int', values: [1, 2] }],
        ['k', { kind: 'int', values: [3] }],
      ],
      [
        ['k', { kind: 'int', values: [4] }],
        ['k', { kind: 'none' }],
      ],
      [
        ['k', { kind: 'none' }],
        ['k', { kind: 'int', values: [5] }],
      ],
    ]);
    const { batches } = await readFile(file);
    assertWellFormed(batches[0]);
    assert.deepEqual([0, 1, 2].map((r) => cell(col(batches[0], 'k'), r)), [[3], undefined, [5]]);
  });

  it('reports a kind conflict (first kind wins, conflicting values dropped)', async () => {
    const file = await writeExamples('conflict.tfrecord', [
      { v: { kind: 'int', values: [1] } },
      { v: { kind: 'bytes', values: ['oops'] } },
      { v: { kind: 'int', values: [3] } },
    ]);
    const { batches, issues } = await readFile(file);
    assert.equal(issues.length, 1);
    const [issue] = issues;
    assert.equal(issue.code, 'TFRECORD_FEATURE_KIND_CONFLICT');
    assert.equal(issue.severity, 'error');
    assert.equal(issue.position.record, 1);
    assert.equal(issue.position.file, file);
    assert.match(issue.message, /"v"/);
    assert.match(issue.message, /bytes_list/);
    assert.match(issue.message, /int64_list/);
    assert.match(issue.message, /record 0/);
    const v = col(batches[0], 'v');
    assert.equal(v.kind, 'int');
    assert.deepEqual([0, 1, 2].map((r) => cell(v, r)), [[1], undefined, [3]]);
  });

  it('applies the first kind across batches and shards of a dataset', async () => {
    const first = await writeExamples('shard-a.tfrecord', [{ v: { kind: 'float', values: [1.5] } }]);
    const second = await writeExamples('shard-b.tfrecord', [
      { v: { kind: 'int', values: [2] }, w: { kind: 'none' } },
      { v: { kind: 'float', values: [2.5] }, w: { kind: 'none' } },
    ]);
    const issues: DataIssue[] = [];
    const { batches } = await readAll(readTfRecordDataset([first, second], { onIssue: (i) => issues.push(i), batchRows: 1 }));
    assert.deepEqual(batches.map((b) => [b.shardIndex, b.source, b.rowCount, Array.from(b.positions)]), [
      [0, first, 1, [0]],
      [1, second, 1, [0]],
      [1, second, 1, [1]],
    ]);
    assert.deepEqual(issues.map((i) => [i.code, i.position.file, i.position.record]), [
      ['TFRECORD_FEATURE_KIND_CONFLICT', second, 0],
    ]);
    assert.match(issues[0].message, new RegExp(`first seen in ${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: record 0`));
    assert.equal(col(batches[1], 'v').kind, 'float');
    assert.equal(cell(col(batches[1], 'v'), 0), undefined);
    assert.deepEqual(cell(col(batches[2], 'v'), 0), [2.5]);
  });

  it('a batch where a known-kind feature only appears kind-less still gets a typed column, all missing', async () => {
    const file = await writeExamples('known-then-none.tfrecord', [
      { q: { kind: 'int', values: [1] } },
      { q: { kind: 'none' } },
    ]);
    const { batches } = await readFile(file, { batchRows: 1 });
    assert.equal(batches.length, 2);
    const q = col(batches[1], 'q');
    assert.equal(q.kind, 'int');
    assert.equal(cell(q, 0), undefined);
  });

  it('skips a malformed example with an issue, without leaving traces in the columns', async () => {
    const good = encodeExample({ a: { kind: 'int', values: [1] } });
    const goodAfter = encodeExample({ a: { kind: 'int', values: [9, 8] }, c: { kind: 'bytes', values: ['c'] } });
    // Starts well (feature "a" = [2, 3], a new feature "b"), then a length running past the end.
    const valid = encodeExample({ a: { kind: 'int', values: [2, 3] }, b: { kind: 'float', values: [1] } });
    const broken = Buffer.concat([valid, Buffer.from([0x0a, 0x7f, 0x01])]);
    const file = join(dir, 'malformed.tfrecord');
    writeFileSync(file, Buffer.concat([good, broken, goodAfter].map((p) => frameTfRecord(p))));
    const { batches, issues } = await readFile(file);
    assert.deepEqual(issues.map((i) => [i.code, i.position.record]), [['TFRECORD_BAD_EXAMPLE', 1]]);
    const [batch] = batches;
    assertWellFormed(batch);
    assert.deepEqual(Array.from(batch.positions), [0, 2]);
    assert.deepEqual(batch.columns.map((c) => c.name), ['a', 'c']);
    assert.deepEqual([0, 1].map((r) => cell(col(batch, 'a'), r)), [[1], [9, 8]]);
  });

  it('rolls back a malformed example that failed inside a value list', async () => {
    // bytes feature whose second value claims 100 bytes.
    const list = Buffer.from([0x0a, 0x01, 0x41, 0x0a, 0x64, 0x42]);
    const feature = Buffer.concat([Buffer.from([0x0a, list.length]), list]);
    const entry = Buffer.concat([Buffer.from([0x0a, 0x01, 0x73, 0x12, feature.length]), feature]);
    const features = Buffer.concat([Buffer.from([0x0a, entry.length]), entry]);
    const bad = Buffer.concat([Buffer.from([0x0a, features.length]), features]);
    const before = encodeExample({ s: { kind: 'bytes', values: ['one'] } });
    const after = encodeExample({ s: { kind: 'bytes', values: ['two', 'three'] } });
    const file = join(dir, 'malformed-list.tfrecord');
    writeFileSync(file, Buffer.concat([before, bad, after].map((p) => frameTfRecord(p))));
    const { batches, issues } = await readFile(file);
    assert.deepEqual(issues.map((i) => i.code), ['TFRECORD_BAD_EXAMPLE']);
    assertWellFormed(batches[0]);
    assert.deepEqual([0, 1].map((r) => cell(col(batches[0], 's'), r)), [['one'], ['two', 'three']]);
  });

  it('skips unknown fields, including in lists and features', async () => {
    // Feature { int64_list { value: 4, <field 2 fixed64> } , <field 9 varint> }, Example has an unknown field 5.
    const list = Buffer.from([0x08, 0x04, 0x11, 1, 2, 3, 4, 5, 6, 7, 8]);
    const feature = Buffer.concat([Buffer.from([0x1a, list.length]), list, Buffer.from([0x48, 0x96, 0x01])]);
    const entry = Buffer.concat([Buffer.from([0x12, feature.length]), feature, Buffer.from([0x0a, 0x01, 0x6e])]);
    const features = Buffer.concat([Buffer.from([0x0a, entry.length]), entry]);
    const example = Buffer.concat([Buffer.from([0x28, 0x01, 0x0a, features.length]), features]);
    const file = join(dir, 'unknown.tfrecord');
    writeFileSync(file, frameTfRecord(example));
    const { batches, issues } = await readFile(file);
    assert.deepEqual(issues, []);
    assert.deepEqual(cell(col(batches[0], 'n'), 0), [4]);
  });

  it('reads corrupt files with issues and keeps the good records, through the example reader', async () => {
    const payloads = [1, 2, 3, 4].map((n) => encodeExample({ n: { kind: 'int', values: [n] } }));
    const framed = payloads.map((p) => frameTfRecord(p));
    framed[1][framed[1].length - 6] ^= 0x10; // a byte of record 1's data
    const file = join(dir, 'corrupt-examples.tfrecord');
    writeFileSync(file, Buffer.concat(framed));
    const { batches, issues } = await readFile(file);
    assert.deepEqual(issues.map((i) => [i.code, i.position.record]), [['TFRECORD_DATA_CRC_MISMATCH', 1]]);
    assert.deepEqual(Array.from(batches[0].positions), [0, 2, 3]);
    assert.deepEqual([0, 1, 2].map((r) => cell(col(batches[0], 'n'), r)), [[1], [3], [4]]);
  });

  it('splits into batches of batchRows with record positions', async () => {
    const examples = Array.from({ length: 10 }, (_, i) => ({ i: { kind: 'int', values: [i * 10] } }) as const);
    const file = await writeExamples('batches.tfrecord', examples);
    const { batches } = await readFile(file, { batchRows: 4 });
    assert.deepEqual(batches.map((b) => b.rowCount), [4, 4, 2]);
    assert.deepEqual(batches.flatMap((b) => Array.from(b.positions)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(batches.flatMap((b) => Array.from({ length: b.rowCount }, (_, r) => cell(col(b, 'i'), r)?.[0])), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    await assert.rejects(readFile(file, { batchRows: 0 }), RangeError);
  });
});
