/** cdfAtSorted (the one-sweep CDF used by KS, Wasserstein and the fine distances) gives cdfAt's values. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MassPiece } from '../../../src/core/compare/extraDistances.js';
import { cdfAt, cdfAtSorted } from '../../../src/core/compare/extraDistances.js';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

test('equals cdfAt at every x, left and right, for point masses, adjacent and overlapping pieces', () => {
  const r = random(7);
  for (let round = 0; round < 200; round++) {
    const pieces: MassPiece[] = [];
    let x = Math.floor(r() * 10);
    for (let i = 0; i < 1 + Math.floor(r() * 30); i++) {
      const point = r() < 0.25;
      const width = point ? 0 : Math.floor(r() * 5) + (r() < 0.5 ? 0.5 : 1);
      // Sometimes overlapping the previous piece, sometimes adjacent, sometimes with a gap.
      const low = x - (r() < 0.2 ? 1 : 0);
      pieces.push({ low, high: low + width, mass: r() });
      x = low + width + (r() < 0.5 ? 0 : Math.floor(r() * 3));
    }
    const edges = pieces.flatMap((p) => [p.low, p.high]);
    const xs = [...new Set([...edges, ...edges.map((e) => e + 0.25), -5, 1e3])].sort((a, b) => a - b);
    const sweep = cdfAtSorted(pieces, xs);
    xs.forEach((v, i) => {
      const want = cdfAt(pieces, v);
      assert.ok(Math.abs((sweep[i]?.left ?? NaN) - want.left) < 1e-12 && Math.abs((sweep[i]?.right ?? NaN) - want.right) < 1e-12, `round ${round} x ${v}`);
    });
  }
});
