import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ByteSink, ascii } from '../../../scripts/sampleData/byteSink.js';

describe('ByteSink', () => {
  it('writes integers, padded pairs and copied text as ASCII', () => {
    const sink = new ByteSink(256);
    const ints = [0, 7, 10, 99, 100, 1234567, 1393673400, Number.MAX_SAFE_INTEGER];
    for (const n of ints) {
      sink.uint(n);
      sink.byte(44);
    }
    for (const n of [0, 5, 10, 59, 99]) sink.pad2(n);
    sink.bytes(ascii('"a, b"'));
    const expected = ints.map(String).join(',') + ',0005105999"a, b"';
    assert.equal(sink.take().toString('latin1'), expected);
    assert.equal(sink.pos, 0);
    sink.uint(42);
    assert.equal(sink.take().toString('latin1'), '42');
  });

  it('accepts only printable ASCII as pre-encoded text', () => {
    assert.throws(() => ascii('café'), RangeError);
    assert.throws(() => ascii('tab\t'), RangeError);
    assert.deepEqual([...ascii('A,\n')], [65, 44, 10]);
  });
});
