import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { FeatureColumn, RowBatch } from '../../../../src/core/data/rowBatch.js';
import { ExampleBatchBuilder } from '../../../../src/core/io/tfrecord/exampleBatchBuilder.js';
import { ExampleDecoder } from '../../../../src/core/io/tfrecord/exampleDecoder.js';
import type { ExampleFeatureValue } from '../../../../src/core/io/tfrecord/exampleEncoder.js';
import { encodeExample } from '../../../../src/core/io/tfrecord/exampleEncoder.js';
import { FeatureRegistry } from '../../../../src/core/io/tfrecord/featureRegistry.js';
import { WireFormatError } from '../../../../src/core/io/tfrecord/protoWire.js';
import { refExample } from './referenceDecoder.js';

type Kind = 'int' | 'float' | 'bytes';

/** Decodes payloads into one batch the way readTfRecordShard does (minus the file). */
function decodeAll(payloads: readonly Uint8Array[]): { batch: RowBatch; bad: number[] } {
  const builder = new ExampleBatchBuilder(Math.max(1, payloads.length), new FeatureRegistry(), 'mem');
  const decoder = new ExampleDecoder();
  const bad: number[] = [];
  payloads.forEach((payload, i) => {
    builder.beginRow(i, 0);
    try {
      decoder.decode(payload, builder);
      builder.commitRow();
    } catch (err) {
      if (!(err instanceof WireFormatError)) throw err;
      builder.rollbackRow();
      bad.push(i);
    }
  });
  return { batch: builder.finish('mem', 0), bad };
}

function cell(column: FeatureColumn, r: number): unknown {
  if (column.kind === 'empty' || column.kind === 'text' || !column.present[r]) return undefined;
  const out: unknown[] = [];
  for (let v = column.offsets[r]; v < column.offsets[r + 1]; v++) {
    out.push(column.kind === 'bytes' ? Buffer.from(column.data.subarray(column.starts[v], column.ends[v])).toString('hex') : column.values[v]);
  }
  return out;
}

function assertWellFormed(batch: RowBatch): void {
  for (const c of batch.columns) {
    if (c.kind === 'text') assert.fail('text column');
    assert.equal(c.present.length, batch.rowCount);
    if (c.kind === 'empty') continue;
    assert.equal(c.offsets.length, batch.rowCount + 1);
    assert.equal(c.offsets[0], 0);
    for (let r = 0; r < batch.rowCount; r++) {
      assert.ok(c.offsets[r] <= c.offsets[r + 1]);
      if (!c.present[r]) assert.equal(c.offsets[r], c.offsets[r + 1]);
    }
    const count = c.kind === 'bytes' ? c.starts.length : c.values.length;
    assert.equal(c.offsets[batch.rowCount], count);
    if (c.kind === 'bytes') for (let v = 0; v < count; v++) assert.ok(c.starts[v] <= c.ends[v] && c.ends[v] <= c.data.length);
  }
}

const valueOf = (kind: Kind): fc.Arbitrary<ExampleFeatureValue> => {
  switch (kind) {
    case 'int':
      return fc.array(fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n), { maxLength: 5 }).map((values) => ({ kind, values }));
    case 'float':
      return fc.array(fc.float({ noNaN: true }), { maxLength: 5 }).map((values) => ({ kind, values }));
    case 'bytes':
      return fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 5 }).map((values) => ({ kind, values }));
  }
};

/** A schema (name → kind), then rows that each carry some of the features, some of them kind-less. */
const dataset = fc
  .uniqueArray(fc.tuple(fc.string({ minLength: 0, maxLength: 8, unit: 'grapheme' }), fc.constantFrom<Kind>('int', 'float', 'bytes')), {
    minLength: 1,
    maxLength: 6,
    selector: ([name]) => name,
  })
  .chain((schema) =>
    fc.tuple(
      fc.constant(schema),
      fc.array(
        fc.tuple(
          fc.boolean(),
          fc.tuple(...schema.map(([name, kind]) => fc.option(fc.oneof({ weight: 4, arbitrary: valueOf(kind) }, { weight: 1, arbitrary: fc.constant<ExampleFeatureValue>({ kind: 'none' }) }), { nil: undefined }).map((v) => [name, v] as const))),
        ),
        { minLength: 1, maxLength: 12 },
      ),
    ),
  );

describe('ExampleDecoder against the reference decoder', () => {
  it('decodes random examples (packed or not, kind-less features, sparse rows) exactly', () => {
    fc.assert(
      fc.property(dataset, ([schema, rows]) => {
        const payloads = rows.map(([packed, features]) =>
          encodeExample(features.filter((f): f is readonly [string, ExampleFeatureValue] => f[1] !== undefined), { packed }),
        );
        const { batch, bad } = decodeAll(payloads);
        assert.deepEqual(bad, []);
        assertWellFormed(batch);
        assert.equal(batch.rowCount, rows.length);
        const refs = payloads.map(refExample);
        for (const [name] of schema) {
          const column = batch.columns.find((c) => c.name === name);
          const appears = refs.some((ref) => ref.has(name));
          assert.equal(column !== undefined, appears, name);
          if (column === undefined) continue;
          refs.forEach((ref, r) => {
            const f = ref.get(name);
            const expected =
              f === undefined || f.kind === 'none'
                ? undefined
                : f.kind === 'bytes'
                  ? f.values.map((v) => Buffer.from(v).toString('hex'))
                  : f.kind === 'int'
                    ? f.values.map(Number)
                    : f.values;
            assert.deepEqual(cell(column, r), expected, `${name} row ${r}`);
            if (column.kind === 'empty') assert.equal(column.present[r], f === undefined ? 0 : 1);
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('ExampleDecoder on corrupted input', () => {
  it('never crashes or leaves a malformed batch, whatever bytes it is given', () => {
    const base = [
      encodeExample({ a: { kind: 'int', values: [1, -2, 300] }, b: { kind: 'bytes', values: ['xyz', ''] }, c: { kind: 'none' } }),
      encodeExample({ a: { kind: 'int', values: [4] }, f: { kind: 'float', values: [0.5, 2] } }, { packed: false }),
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.nat(base.length - 1), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat()),
          { minLength: 1, maxLength: 8 },
        ),
        (specs) => {
          const payloads = specs.map(([which, edits, cut]) => {
            const bytes = Uint8Array.from(base[which]);
            for (const [at, value] of edits) bytes[at % bytes.length] = value;
            return bytes.subarray(0, bytes.length - (cut % 3));
          });
          const { batch, bad } = decodeAll(payloads);
          assertWellFormed(batch);
          assert.equal(batch.rowCount + bad.length, payloads.length);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
