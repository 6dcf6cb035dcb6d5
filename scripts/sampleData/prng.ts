/**
 * A tiny seeded pseudo-random generator (mulberry32) for sample data. Only 32-bit integer arithmetic, so the
 * same seed gives the same sequence on every platform and Node version; Math.random cannot be seeded at all.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    // Scramble the seed (murmur3 finalizer) so that neighbouring seeds (1, 2, 3…) start far apart.
    let h = seed >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    this.state = (h ^ (h >>> 16)) >>> 0;
  }

  /** A uniform unsigned 32-bit integer. */
  nextUint32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform float in [0, 1) with 32 random bits. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, n) for n ≤ 2^32. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A standard normal deviate (Box–Muller; V8's Math.log/cos are its own fdlibm port, so results are stable). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log(0) would be -Infinity
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/**
 * Draws indices from fixed weights in O(log n): a cumulative table searched by bisection.
 * Weights need not sum to 1.
 */
export class WeightedChoice {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(weights: readonly number[]) {
    if (weights.length === 0) throw new RangeError('WeightedChoice needs at least one weight');
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      if (!(w >= 0)) throw new RangeError(`weight ${i} is not a non-negative number: ${w}`);
      sum += w;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new RangeError('WeightedChoice needs a positive total weight');
    this.total = sum;
  }

  get size(): number {
    return this.cumulative.length;
  }

  pick(rng: Prng): number {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
