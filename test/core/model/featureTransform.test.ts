import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DataIssue } from '../../../src/core/data/issues.js';
import type { BytesColumn, EmptyColumn, FeatureColumn, NumberColumn, RowBatch, TextColumn } from '../../../src/core/data/rowBatch.js';
import { parseNumberBytes } from '../../../src/core/model/cellValues.js';
import type { FeatureSpec } from '../../../src/core/model/featureSpec.js';
import { validateFeatureSpec } from '../../../src/core/model/featureSpec.js';
import { FeatureTransform, bucketOf } from '../../../src/core/model/featureTransform.js';
import { blockColumnNames } from '../../../src/core/model/blockColumns.js';
import { FacetwiseError } from '../../../src/core/data/issues.js';

const enc = new TextEncoder();

function text(name: string, cells: string[]): TextColumn {
  const parts = cells.map((c) => enc.encode(c));
  const data = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  const starts = new Int32Array(cells.length);
  const ends = new Int32Array(cells.length);
  let at = 0;
  parts.forEach((p, i) => {
    data.set(p, at);
    starts[i] = at;
    at += p.length;
    ends[i] = at;
  });
  return { kind: 'text', name, data, starts, ends };
}

/** Typed column from per-row value lists (undefined = feature absent from the row). */
function numbers(kind: 'int' | 'float', name: string, rows: (number[] | undefined)[]): NumberColumn {
  const present = Uint8Array.from(rows, (r) => (r ? 1 : 0));
  const offsets = new Int32Array(rows.length + 1);
  const values: number[] = [];
  rows.forEach((r, i) => {
    values.push(...(r ?? []));
    offsets[i + 1] = values.length;
  });
  return { kind, name, present, offsets, values: Float64Array.from(values) };
}

function bytes(name: string, rows: (string[] | undefined)[]): BytesColumn {
  const present = Uint8Array.from(rows, (r) => (r ? 1 : 0));
  const offsets = new Int32Array(rows.length + 1);
  const all = rows.flatMap((r) => r ?? []);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i]! + (r?.length ?? 0)));
  const t = text(name, all);
  return { kind: 'bytes', name, present, offsets, data: t.data, starts: t.starts, ends: t.ends };
}

function batch(rowCount: number, columns: FeatureColumn[]): RowBatch {
  return { source: 'test.tfrecord', shardIndex: 0, rowCount, positionKind: 'record', positions: Float64Array.from({ length: rowCount }, (_, i) => i), columns };
}

const spec: FeatureSpec = validateFeatureSpec(
  {
    format: 1,
    task: 'binary',
    features: [
      { name: 'x', transform: { kind: 'numeric', mean: 10, stdDev: 4 } },
      { name: 'c', transform: { kind: 'vocabulary', vocabulary: ['a', 'b', 'é'], oovBuckets: 1 } },
      { name: 'h', transform: { kind: 'bucketize', boundaries: [0, 10, 100] } },
      { name: 'd', transform: { kind: 'oneHot', values: ['1', '2', '3'] } },
    ],
  },
  'spec.json',
);

function rowsOf(t: FeatureTransform, b: RowBatch): { out: number[][]; valid: number[]; issues: DataIssue[] } {
  const out = new Float32Array(b.rowCount * t.width);
  const valid = new Uint8Array(b.rowCount);
  const issues: DataIssue[] = [];
  t.transformBatch(b, out, valid, (i) => issues.push(i));
  return { out: Array.from({ length: b.rowCount }, (_, r) => Array.from(out.subarray(r * t.width, (r + 1) * t.width))), valid: Array.from(valid), issues };
}

describe('feature transform', () => {
  const t = new FeatureTransform(spec);

  test('layout: numeric 1, vocabulary 3+1, bucketize 4, oneHot 3', () => {
    assert.equal(t.width, 1 + 4 + 4 + 3);
    assert.deepEqual(
      t.blocks.map((b) => [b.name, b.offset, b.width]),
      [
        ['x', 0, 1],
        ['c', 1, 4],
        ['h', 5, 4],
        ['d', 9, 3],
      ],
    );
    assert.deepEqual(blockColumnNames(t.blocks[2]!), ['h < 0', 'h in [0, 10)', 'h in [10, 100)', 'h >= 100']);
  });

  test('CSV text columns: standardise, look up (bytes, UTF-8), bucketize, one-hot, missing rules', () => {
    const b = batch(4, [
      text('x', ['14', '', '-2e1', '10.5']),
      text('c', ['b', 'é', 'zzz', '']),
      text('h', ['10', '-1', '100', '']),
      text('d', ['3', '4', '', '1']),
    ]);
    const { out, valid } = rowsOf(t, b);
    assert.deepEqual(valid, [1, 1, 1, 1]);
    // x: (14-10)/4 = 1; missing → 0 (the mean); -20 → -7.5; 10.5 → 0.125
    assert.deepEqual(out.map((r) => r[0]), [1, 0, -7.5, 0.125]);
    // c: b → slot 1; é → slot 2; zzz → OOV slot 3; missing → OOV
    assert.deepEqual(out.map((r) => r.slice(1, 5)), [[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 0, 0, 1]]);
    // h: boundaries [0,10,100]: 10 → bucket 2 (left-inclusive), -1 → 0, 100 → 3, missing → zeros
    assert.deepEqual(out.map((r) => r.slice(5, 9)), [[0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0]]);
    // d: closed set: 4 and missing → zeros
    assert.deepEqual(out.map((r) => r.slice(9, 12)), [[0, 0, 1], [0, 0, 0], [0, 0, 0], [1, 0, 0]]);
  });

  test('typed columns (int, float, bytes, empty, absent) give the same floats as text', () => {
    const typed = batch(3, [
      numbers('float', 'x', [[14], undefined, [-20]]),
      bytes('c', [['b'], ['é'], ['zzz']]),
      numbers('int', 'h', [[10], [-1], [100]]),
      { kind: 'empty', name: 'd', present: Uint8Array.from([1, 1, 0]) } satisfies EmptyColumn,
    ]);
    const asText = batch(3, [text('x', ['14', '', '-20']), text('c', ['b', 'é', 'zzz']), text('h', ['10', '-1', '100']), text('d', ['', '', ''])]);
    assert.deepEqual(rowsOf(t, typed).out, rowsOf(t, asText).out);
    // Integer values looked up in a string vocabulary use their decimal text.
    const ints = batch(2, [numbers('int', 'd', [[2], [7]])]);
    assert.deepEqual(rowsOf(t, ints).out.map((r) => r.slice(9, 12)), [[0, 1, 0], [0, 0, 0]]);
    // A column absent from the batch is missing in every row.
    assert.deepEqual(rowsOf(t, batch(1, [])).out[0], [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  test('a bad cell is a per-row error with the row position, never a crash', () => {
    const b = batch(3, [text('x', ['1', 'abc', '3']), numbers('int', 'h', [[1], [2, 3], [4]])]);
    const { out, valid, issues } = rowsOf(t, b);
    assert.deepEqual(valid, [1, 0, 1]);
    assert.ok(out[1]!.every((v) => v === 0));
    assert.equal(issues.length, 1); // one issue per row, the first problem
    assert.equal(issues[0]!.code, 'MODEL_VALUE_NOT_NUMERIC');
    assert.deepEqual(issues[0]!.position, { file: 'test.tfrecord', record: 1 });
    const multi = rowsOf(t, batch(2, [numbers('int', 'h', [[1], [2, 3]])]));
    assert.equal(multi.issues[0]!.code, 'MODEL_VALUE_NOT_SCALAR');
  });

  test('missing: "error" makes a missing value a row error', () => {
    const strict = new FeatureTransform(validateFeatureSpec({ format: 1, task: 'regression', features: [{ name: 'x', missing: 'error', transform: { kind: 'numeric', mean: 0, stdDev: 1 } }] }, 's'));
    const { valid, issues } = rowsOf(strict, batch(2, [text('x', ['1', ''])]));
    assert.deepEqual(valid, [1, 0]);
    assert.equal(issues[0]!.code, 'MODEL_VALUE_MISSING');
    const out = new Float32Array(1);
    assert.equal(strict.transformRecord({ x: null }, out)[0]!.code, 'MODEL_VALUE_MISSING');
  });

  test('records give the same floats as batches', () => {
    const b = batch(2, [text('x', ['14', '']), text('c', ['zzz', 'a']), text('h', ['50', '']), text('d', ['2', '9'])]);
    const { out } = rowsOf(t, b);
    const r = new Float32Array(t.width);
    assert.deepEqual(t.transformRecord({ x: 14, c: 'zzz', h: '50', d: 2 }, r), []);
    assert.deepEqual(Array.from(r), out[0]);
    assert.deepEqual(t.transformRecord({ x: null, c: 'a', h: undefined, d: '9' }, r), []);
    assert.deepEqual(Array.from(r), out[1]);
  });

  test('several OOV buckets hash bytes and strings alike', () => {
    const hashed = new FeatureTransform(validateFeatureSpec({ format: 1, task: 'binary', features: [{ name: 'c', transform: { kind: 'vocabulary', vocabulary: ['a'], oovBuckets: 5 } }] }, 's'));
    const values = ['q', 'rr', 'Ünïcode', 'zzz', 'x1', 'x2', 'x3'];
    const { out } = rowsOf(hashed, batch(values.length, [text('c', values)]));
    const r = new Float32Array(hashed.width);
    const slots = new Set<number>();
    values.forEach((v, i) => {
      hashed.transformRecord({ c: v }, r);
      assert.deepEqual(Array.from(r), out[i]);
      assert.equal(r[0], 0);
      assert.equal(r.reduce((a, b) => a + b, 0), 1);
      slots.add(r.indexOf(1));
    });
    assert.ok(slots.size > 1, 'values spread over several buckets');
  });

  test('bucketOf matches a linear count of boundaries <= x', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: -60, max: 60 }), (bs, x) => {
        const b = [...bs].sort((p, q) => p - q);
        assert.equal(bucketOf(b, x), b.filter((v) => v <= x).length);
      }),
    );
  });

  test('parseNumberBytes agrees with Number() on numbers and rejects non-numbers', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        for (const s of [String(v), v.toFixed(3), v.toExponential(5)]) {
          const b = enc.encode(s);
          assert.equal(parseNumberBytes(b, 0, b.length), Number(s), s);
        }
      }),
    );
    for (const s of ['12', '-0.5', '+3', '.5', '5.', '1e3', '1E-3', '007', '0.1000000000000000055511151231257827', '123456789012345678']) {
      const b = enc.encode(s);
      assert.equal(parseNumberBytes(b, 0, b.length), Number(s), s);
    }
    // Long digit strings, with and without leading zeros: the parser counts significant digits only past 15 digits.
    fc.assert(
      fc.property(fc.nat(12), fc.stringMatching(/^[1-9][0-9]{0,24}$/), fc.stringMatching(/^[0-9]{0,12}$/), (zeros, int, frac) => {
        for (const s of ['0'.repeat(zeros) + int, `${'0'.repeat(zeros)}${int}.${frac}`, `-0.${'0'.repeat(zeros)}${int}`]) {
          const b = enc.encode(s);
          assert.equal(parseNumberBytes(b, 0, b.length), Number(s), s);
        }
      }),
    );
    for (const s of ['abc', '1.2.3', '-', 'e5', '1e', '12abc', ' ', 'NaN']) {
      const b = enc.encode(s);
      assert.ok(Number.isNaN(parseNumberBytes(b, 0, b.length)), s);
    }
  });
});

describe('feature spec validation', () => {
  const bad = (value: unknown, pattern: RegExp): void => {
    assert.throws(
      () => validateFeatureSpec(value, 'f.json'),
      (err: unknown) => err instanceof FacetwiseError && err.code === 'MODEL_SPEC_INVALID' && pattern.test(err.message) && err.position?.file === 'f.json',
    );
  };
  test('names the offending field', () => {
    bad({ format: 1, task: 'binary', features: [] }, /features must be a non-empty list/);
    bad({ format: 1, task: 'ranking', features: [{ name: 'x', transform: { kind: 'numeric', mean: 0, stdDev: 1 } }] }, /task must be/);
    bad({ format: 1, task: 'binary', features: [{ name: 'x', transform: { kind: 'bucketize', boundaries: [3, 1] } }] }, /features\[0\]\.transform\.boundaries must be strictly ascending/);
    bad({ format: 1, task: 'binary', features: [{ name: 'x', transform: { kind: 'numeric', mean: 'a', stdDev: 1 } }] }, /features\[0\]\.transform\.mean must be a finite number/);
    bad({ format: 1, task: 'binary', features: [{ name: 'x', transform: { kind: 'vocabulary', vocabulary: ['a', 'a'] } }] }, /lists "a" twice/);
    bad({ format: 1, task: 'binary', label: { expression: 'tips > ' }, features: [{ name: 'x', transform: { kind: 'numeric', mean: 0, stdDev: 1 } }] }, /label\.expression: the expression ends too early/);
    bad({ format: 1, task: 'multiclass', label: { expression: 'y' }, features: [{ name: 'x', transform: { kind: 'numeric', mean: 0, stdDev: 1 } }] }, /needs classes/);
  });
});
