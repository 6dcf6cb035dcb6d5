import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { WireFormatError, WireReader } from '../../../../src/core/io/tfrecord/protoWire.js';

/** Plain LEB128 of the 64-bit two's complement, written independently of src/. */
function varint(value: bigint): number[] {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? low | 0x80 : low);
  } while (v > 0n);
  return out;
}

describe('WireReader.int64', () => {
  it('decodes any int64 as Number(BigInt) would round it, at any distance from the end of the buffer', () => {
    fc.assert(
      fc.property(fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n), fc.nat(12), (value, padding) => {
        const bytes = Uint8Array.from([...varint(value), ...new Array<number>(padding).fill(0)]);
        const reader = new WireReader(bytes);
        assert.equal(reader.int64(), Number(value));
        assert.equal(reader.pos, varint(value).length);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads consecutive values from a packed run', () => {
    const values = [0n, 300n, -1n, 2n ** 40n, -(2n ** 35n) - 5n, 1n];
    const reader = new WireReader(Uint8Array.from(values.flatMap(varint)));
    assert.deepEqual(values.map(() => reader.int64()), values.map(Number));
    assert.equal(reader.pos, reader.limit);
  });

  it('throws WireFormatError on truncated or over-long varints, never reads past the limit', () => {
    assert.throws(() => new WireReader(Uint8Array.from([0x80, 0x80])).int64(), WireFormatError);
    assert.throws(() => new WireReader(Uint8Array.from(new Array<number>(11).fill(0x80).concat([0]))).int64(), WireFormatError);
    // A limit inside a valid varint must stop it, even though the buffer goes on.
    const bytes = Uint8Array.from([...varint(-1n), 0, 0]);
    assert.throws(() => new WireReader(bytes, 0, 5).int64(), WireFormatError);
  });
});

describe('WireReader.uint32 and skip', () => {
  it('decodes 32-bit varints and rejects larger ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (value) => {
        assert.equal(new WireReader(Uint8Array.from(varint(BigInt(value)))).uint32(), value);
      }),
    );
    assert.throws(() => new WireReader(Uint8Array.from(varint(2n ** 32n))).uint32(), WireFormatError);
  });

  it('skips each wire type, including nested groups', () => {
    // field 1 varint 150, field 2 fixed64, field 3 len 2, field 4 group { field 1 varint 1 }, field 5 fixed32
    const bytes = Uint8Array.from([
      0x08, 0x96, 0x01, 0x11, 1, 2, 3, 4, 5, 6, 7, 8, 0x1a, 0x02, 9, 9, 0x23, 0x08, 0x01, 0x24, 0x2d, 1, 2, 3, 4,
    ]);
    const reader = new WireReader(bytes);
    const fields: number[] = [];
    while (reader.pos < bytes.length) {
      const tag = reader.uint32();
      fields.push(tag >>> 3);
      reader.skip(tag & 7, tag >>> 3);
    }
    assert.deepEqual(fields, [1, 2, 3, 4, 5]);
    assert.throws(() => new WireReader(Uint8Array.from([0x1a, 0x05, 1])).lengthDelimitedEnd(), WireFormatError);
    assert.throws(() => new WireReader(Uint8Array.from([0x23, 0x2c])).skip(3, 4), WireFormatError);
    assert.throws(() => new WireReader(Uint8Array.from([0x0f])).skip(7, 1), WireFormatError);
  });
});
