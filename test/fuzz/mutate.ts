/**
 * A small, deterministic mutation engine: byte-level mutations (flips, interesting values, inserts, deletes,
 * duplicated and spliced ranges, truncation) plus token insertion from a per-parser dictionary, so mutated inputs
 * keep enough structure (quotes, braces, field tags) to get past a parser's first checks.
 */

/** xorshift32: reproducible from a seed, so a failing input can be regenerated. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  /** An integer in [0, n). */
  below(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x0a, 0x0d, 0x22, 0x2c, 0x09, 0x3a, 0x7b, 0x7d, 0x5b, 0x5d];

export interface MutateOptions {
  /** Byte strings worth inserting (delimiters, keywords, magic numbers). */
  readonly dictionary: readonly Uint8Array[];
  /** Longest input produced. */
  readonly maxLength: number;
}

/** A mutated copy of `seed` (1–8 stacked mutations), sometimes spliced with `other`. */
export function mutate(seed: Uint8Array, other: Uint8Array, random: Random, options: MutateOptions): Uint8Array {
  let out: Uint8Array = seed.slice();
  const rounds = 1 + random.below(8);
  for (let k = 0; k < rounds; k++) out = mutateOnce(out, other, random, options);
  return out.length > options.maxLength ? out.subarray(0, options.maxLength) : out;
}

/** Random bytes, sometimes only printable ones (text parsers reject binary early). */
export function randomBytes(random: Random, maxLength: number): Uint8Array {
  const out = new Uint8Array(random.below(Math.min(maxLength, 4096)));
  const printable = random.chance(0.5);
  for (let i = 0; i < out.length; i++) out[i] = printable ? 0x20 + random.below(0x5f) : random.below(256);
  return out;
}

function mutateOnce(data: Uint8Array, other: Uint8Array, random: Random, options: MutateOptions): Uint8Array {
  const n = data.length;
  const at = random.below(n + 1);
  switch (random.below(10)) {
    case 0: {
      if (n === 0) return data;
      const out = data.slice();
      out[random.below(n)] ^= 1 << random.below(8);
      return out;
    }
    case 1: {
      if (n === 0) return data;
      const out = data.slice();
      out[random.below(n)] = INTERESTING[random.below(INTERESTING.length)];
      return out;
    }
    case 2: {
      if (n === 0) return data;
      const out = data.slice();
      out[random.below(n)] = random.below(256);
      return out;
    }
    case 3:
    case 4: {
      const dict = options.dictionary;
      const token = dict.length > 0 ? dict[random.below(dict.length)] : Uint8Array.of(random.below(256));
      return concat(data.subarray(0, at), token, data.subarray(at));
    }
    case 5: {
      const len = Math.min(n - at, 1 + random.below(64));
      return concat(data.subarray(0, at), data.subarray(at + len));
    }
    case 6: {
      const len = Math.min(n - at, 1 + random.below(256));
      const copy = data.subarray(at, at + len);
      const to = random.below(n + 1);
      return concat(data.subarray(0, to), copy, data.subarray(to));
    }
    case 7: {
      const from = random.below(other.length + 1);
      const piece = other.subarray(from, from + 1 + random.below(512));
      return concat(data.subarray(0, at), piece, data.subarray(at + random.below(64)));
    }
    case 8:
      return data.subarray(0, at);
    default: {
      // A run of one byte: long fields, deep nesting, big varints.
      const out = new Uint8Array(1 + random.below(random.chance(0.1) ? 4096 : 32)).fill(INTERESTING[random.below(INTERESTING.length)]);
      return concat(data.subarray(0, at), out, data.subarray(at));
    }
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
