import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashPair, viewOf } from '../../../src/core/stats/byteHash.js';
import { HyperLogLog } from '../../../src/core/stats/hyperLogLog.js';
import { StringSketch } from '../../../src/core/stats/stringSketch.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Packs strings into one buffer with start/end offsets, as a text column holds them. */
function pack(values: readonly string[]): { data: Uint8Array; starts: Int32Array; ends: Int32Array } {
  const parts = values.map((v) => encoder.encode(v));
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  const starts = new Int32Array(values.length);
  const ends = new Int32Array(values.length);
  let o = 0;
  parts.forEach((p, i) => {
    data.set(p, o);
    starts[i] = o;
    o += p.length;
    ends[i] = o;
  });
  return { data, starts, ends };
}

function addAll(sketch: StringSketch, values: readonly string[], chunk = 5000): void {
  for (let i = 0; i < values.length; i += chunk) {
    const { data, starts, ends } = pack(values.slice(i, i + chunk));
    sketch.addCells(data, viewOf(data), starts, ends, 0, starts.length, true);
  }
}

function exactCounts(values: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

describe('HyperLogLog', () => {
  it('estimates within 3% (≈3.7 standard errors of 0.81%) from 1 to 2M distinct values', () => {
    for (const n of [1, 10, 1000, 20_000, 100_000, 500_000, 2_000_000]) {
      const hll = new HyperLogLog();
      for (let i = 0; i < n; i++) {
        const bytes = encoder.encode(`value-${i}`);
        hll.add(hashPair(viewOf(bytes), 0, bytes.length));
      }
      const estimate = hll.estimate();
      assert.ok(Math.abs(estimate - n) <= Math.max(1, 0.03 * n), `n=${n}: estimate ${estimate.toFixed(0)}`);
    }
  });

  it('merges to the same registers whatever the split', () => {
    const all = new HyperLogLog();
    const a = new HyperLogLog();
    const b = new HyperLogLog();
    for (let i = 0; i < 50_000; i++) {
      const bytes = encoder.encode(`v${i % 30_000}`);
      const h = hashPair(viewOf(bytes), 0, bytes.length);
      all.add(h);
      (i % 3 === 0 ? a : b).add(h);
    }
    a.merge(b);
    assert.deepEqual(a.registers, all.registers);
  });
});

describe('StringSketch', () => {
  it('is exact while small: distinct count, counts, TFDV tie order (larger value first)', () => {
    const values = ['b', 'a', 'c', 'a', 'b', 'Z', '', 'é', 'a'];
    const sketch = new StringSketch(100, 10);
    addAll(sketch, values);
    // '' is an empty (missing) text cell and skipped.
    assert.equal(sketch.distinct(), 5);
    assert.equal(sketch.total, 8);
    const top = sketch.top(10).map((t) => [decoder.decode(t.bytes), t.count]);
    // a:3, then b:2, then ties of 1 ordered by bytes descending: 'é' (0xC3…) > 'c' > 'Z'.
    assert.deepEqual(top, [['a', 3], ['b', 2], ['é', 1], ['c', 1], ['Z', 1]]);
    assert.equal(sketch.isExact, true);
  });

  it('counts invalid UTF-8 per occurrence', () => {
    const bytes = Uint8Array.from([0x61, 0xff, 0x61, 0xc3, 0xa9, 0xed, 0xa0, 0x80]);
    // cells: "a", 0xFF, "a", "é", 0xED 0xA0 0x80 (a UTF-16 surrogate, invalid in UTF-8), 0xFF again
    const starts = Int32Array.from([0, 1, 2, 3, 5, 1]);
    const ends = Int32Array.from([1, 2, 3, 5, 8, 2]);
    const sketch = new StringSketch(100, 10);
    sketch.addCells(bytes, viewOf(bytes), starts, ends, 0, 6, true);
    assert.equal(sketch.invalidUtf8, 3);
    assert.equal(sketch.distinct(), 4);
  });

  it('past the exact limit: HLL distinct within 3%, Misra–Gries frequencies within their stated bound', () => {
    const rand = xorshift(11);
    const values: string[] = [];
    // 20 heavy hitters with known shares, plus a long tail of ~300k mostly-unique values.
    for (let i = 0; i < 400_000; i++) {
      const r = rand();
      values.push(r < 0.3 ? `hot-${Math.floor(rand() * 20)}` : `tail-${Math.floor(rand() * 300_000)}`);
    }
    const k = 1000;
    const sketch = new StringSketch(10_000, k);
    addAll(sketch, values);
    assert.equal(sketch.isExact, false);
    const truth = exactCounts(values);
    const n = values.length;
    assert.ok(Math.abs(sketch.distinct() - truth.size) <= 0.03 * truth.size, `distinct ${sketch.distinct()} vs ${truth.size}`);
    assert.ok(sketch.mgError <= n / (k + 1), `mgError ${sketch.mgError} > N/(k+1) = ${n / (k + 1)}`);
    const top = sketch.top(20);
    for (const t of top) {
      const f = truth.get(decoder.decode(t.bytes)) ?? 0;
      assert.ok(t.count <= f && t.count >= f - sketch.mgError, `${decoder.decode(t.bytes)}: ${t.count} vs true ${f}`);
    }
    // Every value more frequent than mgError is held; here that is every hot value, and they are the top 20.
    const hot = [...truth].filter(([, c]) => c > sketch.mgError).map(([v]) => v);
    assert.ok(hot.length >= 20);
    assert.deepEqual(new Set(top.map((t) => decoder.decode(t.bytes))), new Set([...truth].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([v]) => v)));
    assert.ok(sketch.retainedValues < 2 * k, `retained ${sketch.retainedValues}`);
  });

  it('merging exact sketches equals one pass; merging past the limit keeps the bound', () => {
    const rand = xorshift(5);
    const values = Array.from({ length: 60_000 }, () => `w${Math.floor(rand() * rand() * 5000)}`);
    const one = new StringSketch(100_000, 10_000);
    addAll(one, values);
    const a = new StringSketch(100_000, 10_000);
    const b = new StringSketch(100_000, 10_000);
    addAll(a, values.slice(0, 25_000));
    addAll(b, values.slice(25_000));
    b.merge(a);
    assert.equal(b.distinct(), one.distinct());
    assert.deepEqual(
      b.top(50).map((t) => [decoder.decode(t.bytes), t.count]),
      one.top(50).map((t) => [decoder.decode(t.bytes), t.count]),
    );

    const c = new StringSketch(1000, 200);
    const d = new StringSketch(1000, 200);
    addAll(c, values.slice(0, 30_000));
    addAll(d, values.slice(30_000));
    c.merge(d);
    const truth = exactCounts(values);
    assert.ok(c.mgError <= values.length / 201);
    for (const t of c.top(20)) {
      const f = truth.get(decoder.decode(t.bytes)) ?? 0;
      assert.ok(t.count <= f && t.count >= f - c.mgError);
    }
  });

  it('round-trips through toState/structuredClone/fromState', () => {
    const values = Array.from({ length: 30_000 }, (_, i) => `x${(i * 7919) % 4000}`);
    const sketch = new StringSketch(2000, 500);
    addAll(sketch, values);
    const copy = StringSketch.fromState(structuredClone(sketch.toState()), 2000, 500);
    assert.equal(copy.distinct(), sketch.distinct());
    assert.equal(copy.mgError, sketch.mgError);
    assert.deepEqual(copy.top(30), sketch.top(30));
  });
});
