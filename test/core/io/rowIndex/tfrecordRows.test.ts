import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { encodeExample } from '../../../../src/core/io/tfrecord/exampleEncoder.js';
import { writeTfRecords } from '../../../../src/core/io/tfrecord/recordWriter.js';
import { buildTfRecordIndex } from '../../../../src/core/io/rowIndex/tfrecordIndex.js';
import { tfRecordRowsAt } from '../../../../src/core/io/rowIndex/tfrecordRows.js';
import { bytesText } from '../../../../src/core/io/rowIndex/exampleCells.js';
import { tempFolder } from './rowIndexKit.js';

const tmp = tempFolder();
after(() => tmp.cleanup());

function example(i: number): Uint8Array {
  return encodeExample({
    id: { kind: 'int', values: [i] },
    scores: { kind: 'float', values: [i + 0.5, 2] },
    tags: { kind: 'bytes', values: i % 2 ? ['odd'] : [] },
    blob: { kind: 'bytes', values: [new Uint8Array([0xff, i & 0xff])] },
    gone: { kind: 'none' },
  });
}

test('rows across uncompressed shards by number, through a record index of every N-th record', async () => {
  const shards = [join(tmp.dir, 'a-00000'), join(tmp.dir, 'a-00001')];
  await writeTfRecords(shards[0], Array.from({ length: 25 }, (_, i) => example(i)));
  await writeTfRecords(shards[1], Array.from({ length: 10 }, (_, i) => example(25 + i)));
  const index = await buildTfRecordIndex(shards, { every: 4 });
  assert.equal(index.rows, 35);
  assert.deepEqual(index.shards.map((s) => s.records), [25, 10]);
  assert.equal(index.shards[0].offsets.length, 7); // records 0, 4, …, 24
  const window = await tfRecordRowsAt(shards, index, 23, 4);
  assert.deepEqual(window.columnNames, ['id', 'scores', 'tags', 'blob', 'gone']);
  assert.equal(window.firstRow, 23);
  assert.deepEqual(window.shards, [0, 0, 1, 1]);
  assert.deepEqual(window.positions, [23, 24, 0, 1]);
  assert.deepEqual(window.rows[0], ['23', '[23.5, 2]', 'odd', '0xff17', null]);
  assert.deepEqual(window.rows[1], ['24', '[24.5, 2]', '[]', '0xff18', null]);
  assert.deepEqual(window.rows[2][0], '25');
});

test('compressed shards are counted and read from their start', async () => {
  const shard = join(tmp.dir, 'c.tfrecord.gz');
  await writeTfRecords(shard, Array.from({ length: 9 }, (_, i) => example(i)), { compression: 'gzip' });
  const index = await buildTfRecordIndex([shard]);
  assert.equal(index.shards[0].compressed, true);
  assert.equal(index.rows, 9);
  const window = await tfRecordRowsAt([shard], index, 7, 5);
  assert.deepEqual(window.rows.map((r) => r[0]), ['7', '8']);
  assert.equal(window.atEnd, true);
});

test('the taxi TFX shards show their features, list values and missing ones', async () => {
  const dir = '/work/shared/data/taxi-tfrecord/Split-eval';
  const shards = readdirSync(dir).sort().map((f) => join(dir, f));
  const index = await buildTfRecordIndex(shards);
  assert.equal(index.rows, 5091);
  const window = await tfRecordRowsAt(shards, index, 5090, 2);
  assert.equal(window.rows.length, 1);
  assert.ok(window.columnNames.includes('payment_type'));
});

test('bytes show as text when UTF-8, else hex', () => {
  assert.equal(bytesText(new TextEncoder().encode('Cash ✓')), 'Cash ✓');
  assert.equal(bytesText(new Uint8Array([0xc3, 0x28])), '0xc328');
});
