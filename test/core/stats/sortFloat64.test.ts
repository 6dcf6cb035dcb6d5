import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sortFloat64 } from '../../../src/core/stats/sortFloat64.js';

function assertSortedLikeNative(values: Float64Array): void {
  const expected = values.slice().sort();
  const got = sortFloat64(values.slice());
  for (let i = 0; i < expected.length; i++) assert.ok(Object.is(got[i], expected[i]), `index ${i}: ${got[i]} ≠ ${expected[i]}`);
}

describe('sortFloat64', () => {
  it('sorts arbitrary doubles (with ±0 and ±Inf) exactly like TypedArray sort', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 0, maxLength: 3000 }), (xs) => {
        assertSortedLikeNative(Float64Array.from(xs));
      }),
      { numRuns: 200 },
    );
  });

  // 2,000 takes the 8-bit-digit path, 20,000 the 11-bit one.
  for (const n of [2_000, 20_000]) {
    it(`sorts ${n} values with long runs of equal high words (packed large values, duplicates)`, () => {
      const cases: Record<string, (i: number) => number> = {
        timestampsMs: (i) => 1.7e12 + ((i * 7919) % 100_000),
        negativePacked: (i) => -(1.7e12 + ((i * 104729) % 50_000)) / 3,
        fewDistinct: (i) => (i * 31) % 24,
        allEqual: () => 42.5,
        mixedSigns: (i) => ((i * 2654435761) % 1000) - 500 + (i % 7) / 8,
      };
      for (const [name, f] of Object.entries(cases)) {
        const values = Float64Array.from({ length: n }, (_, i) => f(i));
        assertSortedLikeNative(values);
        assert.ok(true, name);
      }
    });
  }

  it('sorts a subarray view in place without touching its neighbours', () => {
    const buffer = Float64Array.from({ length: 2000 }, (_, i) => (i * 7919) % 2000);
    const before = buffer.slice();
    const view = buffer.subarray(500, 1500);
    sortFloat64(view);
    for (let i = 1; i < view.length; i++) assert.ok(view[i - 1] <= view[i]);
    for (let i = 0; i < 500; i++) assert.equal(buffer[i], before[i]);
    for (let i = 1500; i < 2000; i++) assert.equal(buffer[i], before[i]);
  });
});
