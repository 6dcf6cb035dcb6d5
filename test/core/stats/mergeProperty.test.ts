/**
 * Mergeability: for random data, cutting the rows anywhere, batching each part anyhow, sending some parts through
 * toState → structuredClone → fromState (a worker hop) and merging the parts in any order gives the same
 * statistics as one sequential pass (numbers to 1e-12 relative: only a mean or std can round differently).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DatasetAccumulator } from '../../../src/core/stats/datasetAccumulator.js';
import type { RowBatch } from '../../../src/core/data/rowBatch.js';
import { batchOf, bytesColumn, numberColumn, textColumn } from './batches.js';
import type { Cell } from './batches.js';
import { assertEquivalentStats } from './statsHelpers.js';

const HEADER = ['i', 'f', 's', 'mix', 'rare', 'e'];

const cellInt = fc.oneof(fc.constant(null), fc.integer({ min: -50, max: 50 }).map(String));
const cellFloat = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom<Cell>(null, 'nan', 'inf', '-inf', '-0.0', '0') },
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => String(x)) },
);
const cellString = fc.oneof(fc.constant(null), fc.constantFrom('a', 'b', 'c', 'Cash', 'Credit Card', 'é', 'zz', '7'));
const cellMix = fc.oneof({ weight: 12, arbitrary: cellInt }, { weight: 1, arbitrary: fc.constantFrom<Cell>('N/A', '1.5') });
const cellRare = fc.oneof({ weight: 20, arbitrary: fc.constant<Cell>(null) }, { weight: 1, arbitrary: cellFloat });

const row = fc.tuple(cellInt, cellFloat, cellString, cellMix, cellRare, fc.constant<Cell>(null));

/** Text batches of rows[from..to) cut at the given sizes; positions are the rows' CSV line numbers. */
function textBatchesOf(rows: readonly Cell[][], from: number, to: number, sizes: readonly number[]): RowBatch[] {
  const out: RowBatch[] = [];
  let at = from;
  let k = 0;
  while (at < to) {
    const size = Math.max(1, Math.min(to - at, sizes[k++ % sizes.length]));
    const slice = rows.slice(at, at + size);
    out.push(
      batchOf(
        slice.length,
        HEADER.map((name, c) => textColumn(name, slice.map((r) => r[c]))),
        { firstPosition: 2 + at },
      ),
    );
    at += size;
  }
  return out;
}

/** Merges accumulators along a random binary tree (order given by `picks`). */
function mergeInOrder(parts: DatasetAccumulator[], picks: readonly number[]): DatasetAccumulator {
  const pool = [...parts];
  let p = 0;
  while (pool.length > 1) {
    const a = pool.splice(picks[p++ % picks.length] % pool.length, 1)[0];
    const b = pool.splice(picks[p++ % picks.length] % pool.length, 1)[0];
    a.merge(b);
    pool.push(a);
  }
  return pool[0];
}

function throughWorker(acc: DatasetAccumulator, hop: boolean): DatasetAccumulator {
  return hop ? DatasetAccumulator.fromState(structuredClone(acc.toState())) : acc;
}

describe('merging accumulators equals one pass', () => {
  it('text (CSV) columns: any split, batching, worker hops and merge order', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 0, maxLength: 250 }),
        fc.array(fc.nat(), { minLength: 0, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
        (rows, cutSeeds, sizes, picks, hops) => {
          const one = new DatasetAccumulator();
          for (const b of textBatchesOf(rows, 0, rows.length, [97])) one.add(b);
          const cuts = [...new Set(cutSeeds.map((c) => (rows.length === 0 ? 0 : c % (rows.length + 1))))].sort((a, b) => a - b);
          const bounds = [0, ...cuts, rows.length];
          const parts: DatasetAccumulator[] = [];
          for (let i = 0; i + 1 < bounds.length; i++) {
            const acc = new DatasetAccumulator();
            for (const b of textBatchesOf(rows, bounds[i], bounds[i + 1], sizes)) acc.add(b);
            parts.push(throughWorker(acc, hops[i % hops.length]));
          }
          const merged = mergeInOrder(parts, picks);
          assertEquivalentStats(merged.finish('t'), one.finish('t'));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('typed (tf.Example) multi-valued columns across shards', () => {
    const list = fc.option(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 5 }), { nil: null });
    const floats = fc.option(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { maxLength: 5 }), { nil: null });
    const words = fc.option(fc.array(fc.constantFrom('x', 'y', '', 'long value', 'ü'), { maxLength: 5 }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(list, floats, words), { maxLength: 120 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        (rows, cutSeeds, picks) => {
          const shardOf = (from: number, to: number, shard: number): RowBatch => {
            const slice = rows.slice(from, to);
            return batchOf(
              slice.length,
              [
                numberColumn('ints', 'int', slice.map((r) => r[0])),
                numberColumn('floats', 'float', slice.map((r) => r[1])),
                bytesColumn('words', slice.map((r) => r[2])),
              ],
              { shardIndex: shard, firstPosition: 0, positionKind: 'record' },
            );
          };
          const cuts = [...new Set(cutSeeds.map((c) => (rows.length === 0 ? 0 : c % (rows.length + 1))))].sort((a, b) => a - b);
          const bounds = [0, ...cuts, rows.length];
          const one = new DatasetAccumulator();
          const parts: DatasetAccumulator[] = [];
          for (let i = 0; i + 1 < bounds.length; i++) {
            one.add(shardOf(bounds[i], bounds[i + 1], i));
            const acc = new DatasetAccumulator();
            acc.add(shardOf(bounds[i], bounds[i + 1], i));
            parts.push(throughWorker(acc, i % 2 === 1));
          }
          assertEquivalentStats(mergeInOrder(parts, picks).finish('t'), one.finish('t'));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('−0 and +0: the min is −0 and the max +0 whenever both occur, whatever the order or split', () => {
  it('is the same for one pass, either order, and any merge', () => {
    const run = (cells: Cell[], cut: number): DatasetAccumulator => {
      const a = new DatasetAccumulator();
      const b = new DatasetAccumulator();
      if (cut > 0) a.add(batchOf(cut, [textColumn('f', cells.slice(0, cut))], { firstPosition: 2 }));
      if (cut < cells.length) b.add(batchOf(cells.length - cut, [textColumn('f', cells.slice(cut))], { firstPosition: 2 + cut }));
      b.merge(a);
      return b;
    };
    for (const cells of [['0.0', '-0.0'], ['-0.0', '0.0'], ['-0.0', '0.5', '0.0'], ['0.0', '-0.0', '-0.0', '0.0']] as Cell[][]) {
      for (let cut = 0; cut <= cells.length; cut++) {
        const num = run(cells, cut).finish('t').features[0].stats.value;
        const stats = num && 'min' in num ? num : undefined;
        assert.ok(stats, 'numeric');
        assert.ok(Object.is(stats.min, -0), `min of ${cells.join(',')} cut at ${cut}: ${stats.min}`);
        if (!cells.includes('0.5')) assert.ok(Object.is(stats.max, 0), `max of ${cells.join(',')} cut at ${cut}`);
      }
    }
  });
});
