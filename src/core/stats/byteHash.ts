/**
 * MurmurHash3 (x86, 32-bit) of a byte range, straight from the row batch's bytes so string columns are counted
 * without allocating a JS string per cell. Its avalanche finalizer makes every output bit usable, which the hash
 * table (low bits) and HyperLogLog (high bits for the register, low bits for the rank) both rely on.
 * Hashes are returned as int32 (not uint32): V8 keeps them unboxed, where values ≥ 2^31 would be heap numbers.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
// Second lane multiplier (an odd constant from murmur3 x86_128), for 64-bit fingerprints.
const C3 = 0x239b961b;

/** Slot 0: the second 32-bit lane of the last hashPair call. */
export const secondHash = new Int32Array(1);

/**
 * Two independent 32-bit hashes of the bytes in one pass: returns the first (identical to hashBytes) and leaves
 * the second in secondHash[0]. Together they are a 64-bit fingerprint.
 */
export function hashPair(view: DataView, start: number, end: number): number {
  let h = 0x9747b28c | 0;
  let g = 0x3c6ef372 | 0;
  let i = start;
  const blockEnd = end - ((end - start) & 3);
  while (i < blockEnd) {
    const block = view.getInt32(i, true);
    let k = Math.imul(block, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    // Lane 2 is a lighter multiply–xorshift hash: it only has to separate keys already equal in lane 1 and length.
    g = Math.imul(g ^ block, C3);
    g ^= g >>> 15;
    i += 4;
  }
  const tail = end - i;
  if (tail > 0) {
    let k = view.getUint8(i);
    if (tail > 1) k ^= view.getUint8(i + 1) << 8;
    if (tail > 2) k ^= view.getUint8(i + 2) << 16;
    g = Math.imul(g ^ k, C3);
    g ^= g >>> 15;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  const len = end - start;
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  g ^= len;
  g ^= g >>> 15;
  g = Math.imul(g, 0x2c1b3c6d);
  g ^= g >>> 12;
  g = Math.imul(g, 0x297a2d39);
  g ^= g >>> 15;
  secondHash[0] = g;
  return h;
}

export function hashBytes(view: DataView, start: number, end: number, seed = 0x9747b28c): number {
  let h = seed | 0;
  let i = start;
  const blockEnd = end - ((end - start) & 3);
  while (i < blockEnd) {
    // DataView reads (little-endian, unaligned) are ~35% faster in V8 than assembling 4 byte loads.
    let k = view.getInt32(i, true);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    i += 4;
  }
  const tail = end - i;
  if (tail > 0) {
    let k = view.getUint8(i);
    if (tail > 1) k ^= view.getUint8(i + 1) << 8;
    if (tail > 2) k ^= view.getUint8(i + 2) << 16;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  h ^= end - start;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** A DataView over exactly the bytes of `bytes` (offsets into both agree). */
let lastBytes: Uint8Array | undefined;
let lastView: DataView | undefined;

/** A DataView of `bytes`; the last one is reused, as every column of a CSV batch shares one `data` array. */
export function viewOf(bytes: Uint8Array): DataView {
  if (bytes === lastBytes && lastView !== undefined) return lastView;
  lastBytes = bytes;
  lastView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return lastView;
}

/** A 32-bit mix of a 32-bit input (murmur3's finalizer): turns sequential integers into well-spread bits. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
