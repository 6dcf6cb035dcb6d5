import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DatasetAccumulator } from '../../../src/core/stats/datasetAccumulator.js';
import { transferablesOf } from '../../../src/worker/transferables.js';
import type { StatsOptions } from '../../../src/core/stats/statsOptions.js';
import type { RowBatch } from '../../../src/core/data/rowBatch.js';
import { batchOf, bytesColumn, emptyColumn, numberColumn, textBatches, textColumn } from './batches.js';
import type { Cell } from './batches.js';
import {
  HistogramType,
  Type,
  assertEquivalentStats,
  buckets,
  closeTo,
  common,
  expectedQuantiles,
  expectedStandardCounts,
  expectedTop,
  feature,
  histogram,
  meanAndPopulationStd,
  numStats,
  sameBytes,
  sortedNumbers,
  strStats,
} from './statsHelpers.js';

function run(batches: readonly RowBatch[], options: StatsOptions = {}): DatasetAccumulator {
  const acc = new DatasetAccumulator(options);
  for (const b of batches) acc.add(b);
  return acc;
}

function column(name: string, cells: readonly Cell[], batchRows = 1000): RowBatch[] {
  return textBatches(
    [name],
    cells.map((c) => [c]),
    batchRows,
  );
}

describe('DatasetAccumulator: edge cases', () => {
  it('empty dataset: no batches → no examples, no features', () => {
    const stats = new DatasetAccumulator().finish('empty');
    assert.equal(stats.name, 'empty');
    assert.equal(stats.numExamples, 0n);
    assert.equal(stats.features.length, 0);
  });

  it('header-only CSV (a 0-row batch) lists its columns with no values', () => {
    const stats = run(textBatches(['a', 'b'], [])).finish('h');
    assert.equal(stats.numExamples, 0n);
    assert.deepEqual(
      stats.features.map((f) => (f.fieldId.case === 'path' ? f.fieldId.value.step : [])),
      [['a'], ['b']],
    );
    for (const name of ['a', 'b']) {
      const f = feature(stats, name);
      assert.equal(f.type, Type.STRING);
      assert.equal(common(f).numNonMissing, 0n);
      assert.equal(common(f).numMissing, 0n);
    }
  });

  it('one row: every statistic of a single value', () => {
    const stats = run(textBatches(['i', 'f', 's', 'e'], [['5', '2.5', 'abc', '']])).finish('one');
    assert.equal(stats.numExamples, 1n);
    const i = numStats(feature(stats, 'i'));
    assert.equal(feature(stats, 'i').type, Type.INT);
    assert.equal(i.mean, 5);
    assert.equal(i.stdDev, 0);
    assert.equal(i.min, 5);
    assert.equal(i.max, 5);
    assert.equal(i.median, 5);
    assert.deepEqual(buckets(histogram(i, HistogramType.STANDARD)), [[5, 5, 1]]);
    assert.deepEqual(buckets(histogram(i, HistogramType.QUANTILES)), Array.from({ length: 10 }, () => [5, 5, 0.1]));
    assert.equal(feature(stats, 'f').type, Type.FLOAT);
    assert.equal(numStats(feature(stats, 'f')).median, 2.5);
    const s = strStats(feature(stats, 's'));
    assert.equal(s.unique, 1n);
    assert.equal(s.avgLength, 3);
    assert.deepEqual(
      s.topValues.map((t) => [t.value, t.frequency]),
      [['abc', 1]],
    );
    const e = feature(stats, 'e');
    assert.equal(e.type, Type.STRING, 'a column with no value has no inferred type: TFDV says STRING');
    assert.equal(common(e).numMissing, 1n);
    assert.equal(strStats(e).unique, 0n);
    assert.equal(strStats(e).rankHistogram, undefined);
  });

  it('always-missing feature: num_missing = num_examples, type STRING, common stats only', () => {
    const cells = Array.from({ length: 2500 }, () => null);
    const stats = run(column('never', cells, 700)).finish('x');
    const f = feature(stats, 'never');
    assert.equal(f.type, Type.STRING);
    assert.equal(common(f).numMissing, 2500n);
    assert.equal(common(f).numNonMissing, 0n);
    assert.equal(common(f).numValuesHistogram, undefined);
    assert.equal(common(f).avgNumValues, 0);
  });

  it('NaN and ±Inf follow TFDV: NaN only in num_nan; Inf in min/max/median and as point buckets; mean and std', () => {
    const cells = ['1', '2', 'nan', 'inf', '-inf', '3', '0', '-0.0', 'NaN'];
    const n = numStats(feature(run(column('x', cells)).finish('t'), 'x'));
    assert.equal(histogram(n, HistogramType.STANDARD).numNan, 2n);
    assert.equal(histogram(n, HistogramType.QUANTILES).numNan, 2n);
    assert.equal(common(feature(run(column('x', cells)).finish('t'), 'x')).numNonMissing, 9n);
    assert.ok(Number.isNaN(n.mean), 'both +Inf and -Inf: mean NaN');
    assert.equal(n.stdDev, 0, 'TFDV: sqrt(max(0, NaN)) = 0');
    assert.equal(n.min, -Infinity);
    assert.equal(n.max, Infinity);
    assert.equal(n.numZeros, 2n, '0 and -0.0');
    // Non-NaN values sorted: -inf, -0, 0, 1, 2, 3, inf → value of rank ⌊7/2⌋ = 3 is 1.
    assert.equal(n.median, 1);
    const std = buckets(histogram(n, HistogramType.STANDARD));
    assert.deepEqual(std[0], [-Infinity, -Infinity, 1]);
    assert.deepEqual(std[std.length - 1], [Infinity, Infinity, 1]);
    const finite = std.slice(1, -1);
    assert.equal(finite.length, 10);
    assert.equal(finite[0][0], 0); // the finite min (a zero)
    assert.equal(finite[9][1], 3);
    assert.deepEqual(
      finite.map((b) => b[2]),
      expectedStandardCounts([0, 0, 1, 2, 3], 0, 3, 10),
    );
    const q = buckets(histogram(n, HistogramType.QUANTILES));
    const sorted = [-Infinity, -0, 0, 1, 2, 3, Infinity];
    const expected = expectedQuantiles(sorted, 10);
    assert.deepEqual(
      q.map((b) => b[0]),
      expected.slice(0, 10),
    );
    assert.deepEqual(
      q.map((b) => b[1]),
      expected.slice(1),
    );
    for (const b of q) closeTo(b[2], 0.7);

    const onlyPos = numStats(feature(run(column('p', ['1', 'inf', '2'])).finish('t'), 'p'));
    assert.equal(onlyPos.mean, Infinity);
    assert.equal(onlyPos.stdDev, 0);
    const onlyNeg = numStats(feature(run(column('m', ['1', '-inf'])).finish('t'), 'm'));
    assert.equal(onlyNeg.mean, -Infinity);
  });

  it('only NaN: two histograms carrying num_nan and nothing else (TFDV)', () => {
    const f = feature(run(column('x', ['nan', 'NaN', '', 'nan'])).finish('t'), 'x');
    assert.equal(f.type, Type.FLOAT);
    const n = numStats(f);
    assert.equal(n.mean, 0);
    assert.equal(n.histograms.length, 2);
    assert.deepEqual(
      n.histograms.map((h) => [h.type, h.numNan, h.buckets.length]),
      [
        [HistogramType.STANDARD, 3n, 0],
        [HistogramType.QUANTILES, 3n, 0],
      ],
    );
    assert.equal(common(f).numMissing, 1n);
  });

  it('only infinities: TFDV single standard bucket [+Inf, −Inf] with every value', () => {
    const n = numStats(feature(run(column('x', ['inf', '-inf', 'inf'])).finish('t'), 'x'));
    assert.deepEqual(buckets(histogram(n, HistogramType.STANDARD)), [[Infinity, -Infinity, 3]]);
  });
});

describe('DatasetAccumulator: CSV type inference', () => {
  it('widens INT → FLOAT → STRING across batches, keeping every value', () => {
    const cells: Cell[] = [];
    for (let i = 0; i < 3000; i++) cells.push(String(i % 97));
    for (let i = 0; i < 3000; i++) cells.push((i / 8).toFixed(3));
    const intFloat = run(column('x', cells, 1000)).finish('t');
    assert.equal(feature(intFloat, 'x').type, Type.FLOAT);
    const values = cells.map(Number);
    const { mean, std } = meanAndPopulationStd(values);
    closeTo(numStats(feature(intFloat, 'x')).mean, mean);
    closeTo(numStats(feature(intFloat, 'x')).stdDev, std, 1e-11);
    assert.equal(numStats(feature(intFloat, 'x')).median, sortedNumbers(values)[3000]);

    cells.push('007', '7', 'seven');
    const str = run(column('x', cells, 1000)).finish('t');
    assert.equal(feature(str, 'x').type, Type.STRING);
    const s = strStats(feature(str, 'x'));
    const text = cells as string[];
    assert.equal(Number(s.unique), new Set(text).size, '"007" and "7" are different strings');
    assert.deepEqual(
      s.topValues.map((t) => [t.value, t.frequency]),
      expectedTop(text, 20),
    );
    closeTo(s.avgLength, text.reduce((a, v) => a + v.length, 0) / text.length, 1e-6);
  });

  it('a whitespace-only cell, or an int64 overflow, makes the column STRING; surrounding spaces do not', () => {
    assert.equal(feature(run(column('x', ['1', ' ', '2'])).finish('t'), 'x').type, Type.STRING);
    assert.equal(feature(run(column('x', ['1', '99999999999999999999'])).finish('t'), 'x').type, Type.STRING);
    assert.equal(feature(run(column('x', ['1.5', '1e400'])).finish('t'), 'x').type, Type.FLOAT);
    const spaced = feature(run(column('x', [' 1', '2 ', '\t3'])).finish('t'), 'x');
    assert.equal(spaced.type, Type.INT);
    assert.equal(numStats(spaced).mean, 2);
  });

  it('flags a late STRING turn for rescan, and a forceString rescan + replaceFeatures gives the one-pass answer', () => {
    const cells: Cell[] = [];
    for (let i = 0; i < 5000; i++) cells.push(String((i * 37) % 101));
    cells.push('N/A');
    for (let i = 0; i < 500; i++) cells.push(i % 3 === 0 ? '' : String(i % 13));
    const batches = textBatches(
      ['late', 'num'],
      cells.map((c, i) => [c, String(i)]),
      512,
    );
    const limited: StatsOptions = { numericStringSideLimit: 1000 };
    const acc = run(batches, limited);
    assert.deepEqual(acc.featuresNeedingRescan(), ['late']);

    const rescan = run(batches, { ...limited, onlyColumns: ['late'], forceStringColumns: ['late'] });
    assert.equal(rescan.numExamples, acc.numExamples);
    acc.replaceFeatures(rescan, ['late']);
    assert.deepEqual(acc.featuresNeedingRescan(), []);
    const fixed = acc.finish('t');

    // Reference: a limit large enough that the string side never stops.
    const reference = run(batches, { numericStringSideLimit: 1_000_000 });
    assert.deepEqual(reference.featuresNeedingRescan(), []);
    assert.ok(sameBytes(fixed, reference.finish('t')));
    assert.deepEqual(
      fixed.features.map((f) => f.fieldId.value),
      reference.finish('t').features.map((f) => f.fieldId.value),
    );

    const s = strStats(feature(fixed, 'late'));
    const text = cells.filter((c): c is string => c !== null && c !== '');
    assert.equal(Number(s.unique), new Set(text).size);
    assert.deepEqual(
      s.topValues.map((t) => [t.value, t.frequency]),
      expectedTop(text, 20),
    );
  });

  it('forceStringColumns: a numeric column reported as STRING', () => {
    const f = feature(run(column('x', ['1', '2', '2']), { forceStringColumns: ['x'] }).finish('t'), 'x');
    assert.equal(f.type, Type.STRING);
    assert.deepEqual(
      strStats(f).topValues.map((t) => [t.value, t.frequency]),
      [
        ['2', 2],
        ['1', 1],
      ],
    );
  });

  it('onlyColumns skips the rest', () => {
    const stats = run(textBatches(['a', 'b', 'c'], [['1', 'x', '2']]), { onlyColumns: ['c', 'a'] }).finish('t');
    assert.deepEqual(
      stats.features.map((f) => (f.fieldId.case === 'path' ? f.fieldId.value.step[0] : '')),
      ['a', 'c'],
    );
  });

  it('avg_length counts UTF-8 bytes, not characters', () => {
    const s = strStats(feature(run(column('x', ['é', 'ab', '日本'])).finish('t'), 'x'));
    closeTo(s.avgLength, (2 + 2 + 6) / 3, 1e-6);
    assert.equal(s.invalidUtf8Count, 0n);
  });

  it('invalid UTF-8 values are counted and shown as __BYTES_VALUE__', () => {
    const bad = Uint8Array.from([0x66, 0x6f, 0xff]);
    const s = strStats(feature(run(column('x', ['ok', bad, bad, 'ok', 'ok'])).finish('t'), 'x'));
    assert.equal(s.invalidUtf8Count, 2n);
    assert.deepEqual(
      s.topValues.map((t) => [t.value, t.frequency]),
      [
        ['ok', 3],
        ['__BYTES_VALUE__', 2],
      ],
    );
  });
});

describe('DatasetAccumulator: typed (tf.Example) columns', () => {
  const lists: (number[] | null)[] = [[1, 2], [], null, [5], [0, 0, 3, 4, 5], null, [7, -1, 2.5], [9, 9, 9, 9]];

  it('multi-valued floats: presence, valency, num_values quantiles and flattened numeric stats', () => {
    const stats = run([batchOf(lists.length, [numberColumn('f', 'float', lists)], { positionKind: 'record' })]).finish('t');
    const f = feature(stats, 'f');
    assert.equal(f.type, Type.FLOAT);
    const c = common(f);
    const present = lists.filter((l): l is number[] => l !== null);
    const lengths = present.map((l) => l.length);
    assert.equal(c.numNonMissing, BigInt(present.length));
    assert.equal(c.numMissing, BigInt(lists.length - present.length));
    assert.equal(c.minNumValues, BigInt(Math.min(...lengths)));
    assert.equal(c.maxNumValues, BigInt(Math.max(...lengths)));
    assert.equal(c.totNumValues, BigInt(lengths.reduce((a, b) => a + b, 0)));
    closeTo(c.avgNumValues, lengths.reduce((a, b) => a + b, 0) / lengths.length, 1e-6);
    const q = expectedQuantiles(sortedNumbers(lengths), 10);
    assert.deepEqual(
      buckets(c.numValuesHistogram ?? assert.fail('no histogram')),
      Array.from({ length: 10 }, (_, i) => [q[i], q[i + 1], present.length / 10]),
    );
    const values = present.flat();
    const n = numStats(f);
    const { mean, std } = meanAndPopulationStd(values);
    closeTo(n.mean, mean);
    closeTo(n.stdDev, std);
    assert.equal(n.numZeros, 2n);
    assert.equal(n.min, Math.min(...values));
    assert.equal(n.max, Math.max(...values));
    assert.equal(n.median, sortedNumbers(values)[Math.floor(values.length / 2)]);
  });

  it('multi-valued bytes: STRING with flattened unique/top/avg_length; empty strings are values', () => {
    const rows: (string[] | null)[] = [['a', 'b'], null, [], ['a'], ['', 'ccc', 'a'], ['b', 'b']];
    const stats = run([batchOf(rows.length, [bytesColumn('s', rows)], { positionKind: 'record' })]).finish('t');
    const f = feature(stats, 's');
    assert.equal(f.type, Type.STRING);
    const values = rows.filter((r): r is string[] => r !== null).flat();
    const s = strStats(f);
    assert.equal(Number(s.unique), new Set(values).size);
    assert.deepEqual(
      s.topValues.map((t) => [t.value, t.frequency]),
      expectedTop(values, 20),
    );
    closeTo(s.avgLength, values.join('').length / values.length, 1e-6);
    assert.equal(common(f).numNonMissing, 5n);
    assert.equal(common(f).totNumValues, BigInt(values.length));
    assert.deepEqual(
      s.rankHistogram?.buckets.map((b) => [b.lowRank, b.highRank, b.label, b.sampleCount]),
      expectedTop(values, 1000).map(([v, c], i) => [BigInt(i), BigInt(i), v, c]),
    );
  });

  it('EmptyColumn rows are missing (tfx_bsl: no kind set → null); an only-empty feature is STRING', () => {
    const b1 = batchOf(3, [numberColumn('x', 'int', [[1], null, [3]]), emptyColumn('gone', [true, true, false])], { positionKind: 'record' });
    const b2 = batchOf(2, [emptyColumn('x', [true, false])], { firstPosition: 5, positionKind: 'record' });
    const stats = run([b1, b2]).finish('t');
    assert.equal(common(feature(stats, 'x')).numNonMissing, 2n);
    assert.equal(common(feature(stats, 'x')).numMissing, 3n);
    assert.equal(feature(stats, 'x').type, Type.INT);
    assert.equal(feature(stats, 'gone').type, Type.STRING);
    assert.equal(common(feature(stats, 'gone')).numMissing, 5n);
  });

  it('int64_list then float_list widens to FLOAT with an issue; bytes after ints are left out with an issue', () => {
    const acc = run([
      batchOf(2, [numberColumn('n', 'int', [[1], [2]]), numberColumn('m', 'int', [[1], [2]])], { positionKind: 'record', source: 's0' }),
      batchOf(2, [numberColumn('n', 'float', [[0.5], [1.5]]), bytesColumn('m', [['x'], ['y']])], { positionKind: 'record', source: 's1', firstPosition: 10 }),
    ]);
    const stats = acc.finish('t');
    assert.equal(feature(stats, 'n').type, Type.FLOAT);
    assert.equal(numStats(feature(stats, 'n')).mean, 1.25);
    assert.equal(feature(stats, 'm').type, Type.INT);
    assert.equal(common(feature(stats, 'm')).numNonMissing, 2n);
    const issues = acc.issues();
    assert.deepEqual(
      issues.map((i) => [i.code, i.position.file, i.position.record]),
      [
        ['STATS_TYPE_CONFLICT', 's1', 10],
        ['STATS_TYPE_CONFLICT', 's1', 10],
      ],
    );
    assert.match(issues[0].message, /FLOAT/);
    assert.match(issues[1].message, /left out/);
  });

  it('a kind conflict between merged shards is reported where the other shard first saw the feature', () => {
    const a = run([batchOf(2, [numberColumn('n', 'int', [[1], [2]])], { positionKind: 'record', source: 'part-0', firstPosition: 0 })]);
    const b = run([batchOf(2, [numberColumn('n', 'float', [[0.5], [1.5]])], { positionKind: 'record', source: 'part-1', firstPosition: 0, shardIndex: 1 })]);
    a.merge(b);
    const stats = a.finish('t');
    assert.equal(feature(stats, 'n').type, Type.FLOAT);
    assert.equal(common(feature(stats, 'n')).numNonMissing, 4n);
    assert.deepEqual(
      a.issues().map((i) => [i.code, i.severity, i.position.file, i.position.record]),
      [['STATS_TYPE_CONFLICT', 'warning', 'part-1', 0]],
    );
  });
});

describe('DatasetAccumulator: order, state, sampling, memory', () => {
  it('features come out in first-seen order, whatever the split', () => {
    const b1 = batchOf(2, [textColumn('z', ['1', '2']), textColumn('a', ['x', 'y'])], { firstPosition: 2 });
    const b2 = batchOf(2, [textColumn('z', ['3', '4']), textColumn('m', ['p', 'q']), textColumn('a', ['x', 'x'])], { firstPosition: 4 });
    const b3 = batchOf(1, [textColumn('b', ['k']), textColumn('z', ['5'])], { firstPosition: 2, shardIndex: 1 });
    const names = (s: ReturnType<DatasetAccumulator['finish']>) => s.features.map((f) => (f.fieldId.case === 'path' ? f.fieldId.value.step[0] : ''));
    const one = run([b1, b2, b3]).finish('t');
    assert.deepEqual(names(one), ['z', 'a', 'm', 'b']);
    const late = run([b3]);
    const early = run([b2]);
    late.merge(early);
    late.merge(run([b1]));
    assert.deepEqual(names(late.finish('t')), ['z', 'a', 'm', 'b']);
  });

  it('toState → structuredClone → fromState reproduces the accumulator (exact and sketched sides)', () => {
    const rows: Cell[][] = [];
    for (let i = 0; i < 90_000; i++) rows.push([String((i * 7919) % 100_003), (i / 3).toFixed(2), `w${i % 400}`, i % 10 === 0 ? '' : 'k']);
    const batches = textBatches(['i', 'f', 's', 'k'], rows, 8192);
    const options: StatsOptions = { exactDistinctLimit: 300, topKSketchSize: 100 };
    const acc = run(batches, options);
    const clone = DatasetAccumulator.fromState(structuredClone(acc.toState()), options);
    assert.equal(clone.numExamples, acc.numExamples);
    assert.ok(sameBytes(clone.finish('t'), acc.finish('t')));
    // The clone keeps accumulating like the original.
    const extra = textBatches(['i', 'f', 's', 'k'], rows.slice(0, 5000), 4096);
    for (const b of extra) {
      acc.add(b);
      clone.add(b);
    }
    assert.ok(sameBytes(clone.finish('t'), acc.finish('t')));
  });

  it('takeState hands the arrays over (no copy, transferable) and gives the statistics toState gives', () => {
    const rows: Cell[][] = [];
    for (let i = 0; i < 90_000; i++) rows.push([String((i * 7919) % 100_003), (i / 3).toFixed(2), `w${i % 400}`, i % 10 === 0 ? '' : 'k']);
    const options: StatsOptions = { exactDistinctLimit: 300, topKSketchSize: 100, exactQuantileLimit: 1000 };
    const batches = textBatches(['i', 'f', 's', 'k'], rows, 8192);
    const expected = DatasetAccumulator.fromState(structuredClone(run(batches, options).toState()), options).finish('t');
    const acc = run(batches, options);
    const state = acc.takeState();
    const moved = structuredClone(state, { transfer: transferablesOf(state) });
    assert.equal(acc.finish('t').features.length, 0, 'the accumulator is empty afterwards');
    assert.ok(sameBytes(DatasetAccumulator.fromState(moved, options).finish('t'), expected));
  });

  it('sample_rate keeps a deterministic Bernoulli sample, the same for any split', () => {
    const rows: Cell[][] = Array.from({ length: 20_000 }, (_, i) => [String(i)]);
    const options: StatsOptions = { sampleRate: 0.25, seed: 42 };
    const whole = run(textBatches(['x'], rows, 20_000), options);
    assert.ok(Math.abs(whole.numExamples - 5000) < 300, `sampled ${whole.numExamples}`);
    const a = run(textBatches(['x'], rows.slice(0, 7777), 1000), options);
    const b = new DatasetAccumulator(options);
    for (const batch of textBatches(['x'], rows.slice(7777), 333)) b.add({ ...batch, positions: batch.positions.map((p) => p + 7777) });
    a.merge(b);
    assert.equal(a.numExamples, whole.numExamples);
    assertEquivalentStats(a.finish('t'), whole.finish('t'));
  });

  it('memory stays under the sketch caps: 2M distinct strings and 2M floats', () => {
    const options: StatsOptions = {};
    const acc = new DatasetAccumulator(options);
    const rowsPerBatch = 50_000;
    for (let b = 0; b < 40; b++) {
      const strings: string[] = [];
      const floats: string[] = [];
      for (let r = 0; r < rowsPerBatch; r++) {
        const i = b * rowsPerBatch + r;
        strings.push(`id-${i}-${(i * 2654435761) % 1000003}`);
        floats.push(String((i * 0.6180339887) % 1000));
      }
      acc.add(batchOf(rowsPerBatch, [textColumn('id', strings), textColumn('x', floats)], { firstPosition: 2 + b * rowsPerBatch }));
    }
    const fp = acc.footprint();
    const id = fp.find((f) => f.name === 'id');
    const x = fp.find((f) => f.name === 'x');
    assert.ok(id && x);
    assert.equal(id.exactStrings, false);
    assert.ok(id.stringEntries < 2 * 10_000, `string entries ${id.stringEntries}`);
    assert.ok(id.stringBytes < 2 * 10_000 * 40, `string bytes ${id.stringBytes}`);
    assert.equal(x.exactQuantiles, false);
    assert.ok(x.quantileValues < 16_384 + 4 * 512, `quantile values ${x.quantileValues}`);
    assert.equal(x.stringEntries, 0, 'the numeric column dropped its string side after numericStringSideLimit values');
    const stats = acc.finish('big');
    const unique = Number(strStats(feature(stats, 'id')).unique);
    assert.ok(Math.abs(unique - 2_000_000) < 0.03 * 2_000_000, `unique ${unique}`);
    assert.equal(feature(stats, 'x').type, Type.FLOAT);
  });
});
