/**
 * In-place ascending sort of a Float64Array without NaN. V8's TypedArray sort costs ~70–90 ns per value at 16K
 * values, and sorting is on the quantile sketch's hot path, so this is an LSD radix sort on the high 32 bits of the
 * IEEE-754 representation (sign, exponent and 20 mantissa bits; 11-bit digits, and digits on which all values
 * agree are skipped), followed by an insertion sort of each run of equal high words on the full value (such runs
 * are short for real data; a long one is radix-sorted on the low word). About 2× faster than a full 64-bit radix
 * sort in V8, because each pass moves scattered values and the passes dominate. Order matches TypedArray sort:
 * −Inf < … < −0 < +0 < … < +Inf. Assumes a little-endian platform (every platform Node supports).
 */

const SMALL = 256;
const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;
const LONG_RUN = 48;

let keysA = new Int32Array(0);
let keysB = new Int32Array(0);
let valsA = new Float64Array(0);
let valsB = new Float64Array(0);
const counts = new Int32Array(3 * RADIX);

function insertionSort(values: Float64Array, from: number, to: number): void {
  for (let a = from + 1; a < to; a++) {
    const v = values[a];
    let b = a - 1;
    while (b >= from && values[b] > v) {
      values[b + 1] = values[b];
      b--;
    }
    values[b + 1] = v;
  }
}

let lowA = new Int32Array(0);
let lowB = new Int32Array(0);
const lowCounts = new Int32Array(3 * RADIX);

/**
 * Sorts values[from..to), which share their high word (so their sign), by radix on the low word: ascending low
 * word is ascending value for positives and descending for negatives. Long runs happen with large values packed
 * tightly (e.g. millisecond timestamps); an all-equal run is left as is.
 */
function sortRunByLowWord(values: Float64Array, from: number, to: number): void {
  const n = to - from;
  let allEqual = true;
  for (let k = from + 1; k < to && allEqual; k++) allEqual = values[k] === values[from];
  if (allEqual) return;
  if (lowA.length < n) {
    lowA = new Int32Array(Math.max(n, lowA.length * 2));
    lowB = new Int32Array(lowA.length);
  }
  const words = new Int32Array(values.buffer, values.byteOffset + from * 8, n * 2);
  const negative = words[1] < 0;
  let src = lowA;
  let dst = lowB;
  lowCounts.fill(0);
  for (let k = 0; k < n; k++) {
    const lo = negative ? ~words[2 * k] : words[2 * k];
    src[k] = lo;
    lowCounts[lo & MASK]++;
    lowCounts[RADIX + ((lo >>> 11) & MASK)]++;
    lowCounts[2 * RADIX + (lo >>> 22)]++;
  }
  for (let d = 0; d < 3; d++) {
    const base = d * RADIX;
    let sum = 0;
    for (let b = 0; b < RADIX; b++) {
      const c = lowCounts[base + b];
      lowCounts[base + b] = sum;
      sum += c;
    }
    const shift = d * BITS;
    for (let k = 0; k < n; k++) {
      const lo = src[k];
      dst[lowCounts[base + ((lo >>> shift) & MASK)]++] = lo;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  const hi = words[1];
  for (let k = 0; k < n; k++) {
    words[2 * k] = negative ? ~src[k] : src[k];
    words[2 * k + 1] = hi;
  }
}

/** Below this, 8-bit digits (four passes over 256 counters): the 11-bit passes' 3 × 2,048 counters cost more than the values. */
const MID = 4096;
const counts8 = new Int32Array(4 * 256);

export function sortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  if (n <= SMALL) return values.sort();
  ensureScratch(n);
  const words = new Int32Array(values.buffer, values.byteOffset, n * 2);
  return sortByHighWord(values, words, n, n < MID ? NARROW : WIDE);
}

function ensureScratch(n: number): void {
  if (keysA.length < n) {
    const size = Math.max(n, keysA.length * 2);
    keysA = new Int32Array(size);
    keysB = new Int32Array(size);
    valsA = new Float64Array(size);
    valsB = new Float64Array(size);
  }
}

/** 11-bit digits (three passes) for large arrays; 8-bit (four passes over 256 counters) for mid-sized ones. */
const WIDE = { bits: BITS, digits: 3, counts } as const;
const NARROW = { bits: 8, digits: 4, counts: counts8 } as const;

/**
 * LSD radix sort on the high words: keys and values go to the scratch arrays with every digit's counts, then one
 * scatter pass per digit on which the values do not all agree; runs of equal high words are sorted last.
 */
function sortByHighWord(values: Float64Array, words: Int32Array, n: number, digits: typeof WIDE | typeof NARROW): Float64Array {
  const { bits, counts: c } = digits;
  const radix = 1 << bits;
  const mask = radix - 1;
  const passesWanted = digits.digits;
  c.fill(0);
  let srcKeys = keysA;
  let srcVals = valsA;
  let dstKeys = keysB;
  let dstVals = valsB;
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1];
    // Monotone map of the high word to unsigned order: negatives flip all bits, positives flip the sign bit.
    const key = hi < 0 ? ~hi : hi ^ -2147483648;
    srcKeys[i] = key;
    srcVals[i] = values[i];
    for (let d = 0; d < passesWanted; d++) c[d * radix + ((key >>> (d * bits)) & mask)]++;
  }
  let passes = 0;
  for (let d = 0; d < passesWanted; d++) {
    const base = d * radix;
    let trivial = false;
    for (let b = 0; b < radix; b++) {
      const k = c[base + b];
      if (k !== 0) {
        trivial = k === n;
        break;
      }
    }
    if (trivial) continue;
    let sum = 0;
    for (let b = 0; b < radix; b++) {
      const k = c[base + b];
      c[base + b] = sum;
      sum += k;
    }
    const shift = d * bits;
    for (let i = 0; i < n; i++) {
      const key = srcKeys[i];
      const at = c[base + ((key >>> shift) & mask)]++;
      dstKeys[at] = key;
      dstVals[at] = srcVals[i];
    }
    const tk = srcKeys;
    const tv = srcVals;
    srcKeys = dstKeys;
    srcVals = dstVals;
    dstKeys = tk;
    dstVals = tv;
    passes++;
  }
  if (passes > 0) values.set(srcVals.subarray(0, n));
  return sortRuns(values, srcKeys, n);
}

/** Runs of equal high words differ only in the low 32 bits: orders each by value. */
function sortRuns(values: Float64Array, srcKeys: Int32Array, n: number): Float64Array {
  let i = 0;
  while (i < n) {
    const key = srcKeys[i];
    let j = i + 1;
    while (j < n && srcKeys[j] === key) j++;
    if (j - i > LONG_RUN) sortRunByLowWord(values, i, j);
    else if (j - i > 1) insertionSort(values, i, j);
    i = j;
  }
  return values;
}
