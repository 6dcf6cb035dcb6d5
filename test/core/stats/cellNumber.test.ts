import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CELL_FLOAT, CELL_INT, CELL_STRING, classifyCell, parsedCell } from '../../../src/core/stats/cellNumber.js';

const encoder = new TextEncoder();

function classify(text: string | Uint8Array): { kind: number; value: number } {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  // Embed in a larger buffer so offsets other than 0 are exercised.
  const data = new Uint8Array(bytes.length + 6);
  data.set(encoder.encode('9,'), 0);
  data.set(bytes, 2);
  data.set(encoder.encode(',77'), 2 + bytes.length);
  parsedCell[0] = 12345.678;
  const kind = classifyCell(data, 2, 2 + bytes.length);
  return { kind, value: parsedCell[0] };
}

// Expected results written from CPython's rules for int(b) / float(b) on bytes (see cellNumber.ts), with the
// int64 range check tfx_bsl adds. [input, kind, value]
const CASES: [string, number, number][] = [
  ['0', CELL_INT, 0],
  ['-0', CELL_INT, 0],
  ['+5', CELL_INT, 5],
  ['007', CELL_INT, 7],
  [' 12 ', CELL_INT, 12],
  ['\t12\n', CELL_INT, 12],
  ['\x0b12\x0c\r', CELL_INT, 12],
  ['1_000', CELL_INT, 1000],
  ['-1_2_3', CELL_INT, -123],
  ['123456789012345', CELL_INT, 123456789012345],
  ['1234567890123456', CELL_INT, 1234567890123456],
  ['123456789012345678', CELL_INT, 123456789012345678],
  ['9223372036854775807', CELL_INT, 9223372036854775807],
  ['-9223372036854775808', CELL_INT, -9223372036854775808],
  ['0000000000000000000001', CELL_INT, 1],
  ['9007199254740993', CELL_INT, 9007199254740992],
  ['-9007199254740995', CELL_INT, -9007199254740996],
  ['1234567890123456789', CELL_INT, 1234567890123456789],
  ['1.5', CELL_FLOAT, 1.5],
  ['-12.85', CELL_FLOAT, -12.85],
  ['.5', CELL_FLOAT, 0.5],
  ['5.', CELL_FLOAT, 5],
  ['-.5', CELL_FLOAT, -0.5],
  ['+.5e1', CELL_FLOAT, 5],
  ['1e5', CELL_FLOAT, 1e5],
  ['1E-05', CELL_FLOAT, 1e-5],
  ['5.e3', CELL_FLOAT, 5000],
  ['1_0.5', CELL_FLOAT, 10.5],
  ['1e1_0', CELL_FLOAT, 1e10],
  [' 1.5 ', CELL_FLOAT, 1.5],
  ['0.1', CELL_FLOAT, 0.1],
  ['0.30000000000000004', CELL_FLOAT, 0.30000000000000004],
  ['9007199254740993.0', CELL_FLOAT, 9007199254740992],
  ['9007199254740995.00', CELL_FLOAT, 9007199254740996],
  ['-12.345678901234567', CELL_FLOAT, -12.345678901234567],
  ['1.00000000000000011102230246251565404236316680908203125', CELL_FLOAT, 1],
  ['1.000000000000000111022302462515654042363166809082031251', CELL_FLOAT, 1.0000000000000002],
  ['123456789012345678901234e-30', CELL_FLOAT, 1.2345678901234568e-7],
  ['41.920451512', CELL_FLOAT, 41.920451512],
  ['-87.679954768', CELL_FLOAT, -87.679954768],
  ['1.7976931348623157e308', CELL_FLOAT, 1.7976931348623157e308],
  ['4.9e-324', CELL_FLOAT, 5e-324],
  ['1e400', CELL_FLOAT, Infinity],
  ['-1e400', CELL_FLOAT, -Infinity],
  ['1e-400', CELL_FLOAT, 0],
  ['1.0', CELL_FLOAT, 1],
  ['inf', CELL_FLOAT, Infinity],
  ['+INF', CELL_FLOAT, Infinity],
  ['-Infinity', CELL_FLOAT, -Infinity],
  ['iNfInItY', CELL_FLOAT, Infinity],
  [' nan ', CELL_FLOAT, NaN],
  ['-NaN', CELL_FLOAT, NaN],
  ['9223372036854775808', CELL_STRING, 0],
  ['-9223372036854775809', CELL_STRING, 0],
  ['99999999999999999999', CELL_STRING, 0],
  ['1__0', CELL_STRING, 0],
  ['_1', CELL_STRING, 0],
  ['1_', CELL_STRING, 0],
  ['1._5', CELL_STRING, 0],
  ['1_.5', CELL_STRING, 0],
  ['1e_5', CELL_STRING, 0],
  ['infinit', CELL_STRING, 0],
  ['in', CELL_STRING, 0],
  ['nan(1)', CELL_STRING, 0],
  ['infnan', CELL_STRING, 0],
  ['0x10', CELL_STRING, 0],
  ['1,5', CELL_STRING, 0],
  ['1e', CELL_STRING, 0],
  ['1e+', CELL_STRING, 0],
  ['e5', CELL_STRING, 0],
  ['.', CELL_STRING, 0],
  ['-', CELL_STRING, 0],
  ['+', CELL_STRING, 0],
  ['+-1', CELL_STRING, 0],
  [' ', CELL_STRING, 0],
  ['\t', CELL_STRING, 0],
  ['1 2', CELL_STRING, 0],
  ['12abc', CELL_STRING, 0],
  ['١٢', CELL_STRING, 0],
  ['\x1c1', CELL_STRING, 0],
  ['Cash', CELL_STRING, 0],
  ['1.5.2', CELL_STRING, 0],
  ['--1', CELL_STRING, 0],
];

describe('classifyCell (TFDV CSV type inference on bytes)', () => {
  for (const [input, kind, value] of CASES) {
    it(`${JSON.stringify(input)} → ${['INT', 'FLOAT', 'STRING'][kind]}${kind === CELL_STRING ? '' : ` ${value}`}`, () => {
      const got = classify(input);
      assert.equal(got.kind, kind);
      if (kind !== CELL_STRING) assert.ok(Object.is(got.value, value), `value ${got.value} ≠ ${value}`);
    });
  }

  it('keeps the sign of a FLOAT zero (float("-0.0") is -0.0)', () => {
    assert.ok(Object.is(classify('-0.0').value, -0));
    assert.ok(Object.is(classify('-0e5').value, -0));
  });

  it('calls invalid UTF-8 bytes STRING', () => {
    assert.equal(classify(Uint8Array.from([0x31, 0xff])).kind, CELL_STRING);
  });

  it('parses any plain decimal exactly as Number() does', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 22 });
    fc.assert(
      fc.property(
        fc.constantFrom('', '-', '+'),
        digits,
        fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 22 })),
        fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), fc.integer({ min: 0, max: 330 }))),
        (sign, intPart, frac, exp) => {
          const text = `${sign}${intPart}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `${exp[0]}${exp[1]}${exp[2]}`}`;
          const got = classify(text);
          const isInt = frac === null && exp === null;
          if (isInt) {
            const big = BigInt(text);
            if (big > 2n ** 63n - 1n || big < -(2n ** 63n)) {
              assert.equal(got.kind, CELL_STRING, text);
              return;
            }
          }
          assert.equal(got.kind, isInt ? CELL_INT : CELL_FLOAT, text);
          const expected = Number(text);
          assert.ok(Object.is(got.value, isInt ? expected + 0 : expected), `${text}: ${got.value} ≠ ${expected}`);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('rounds 16–24 digit decimals (the double-double path) exactly like Number(), midpoints included', () => {
    // Integers around 2^53…2^80 are often exact midpoints between doubles; placing a decimal point or an
    // exponent in them moves the value without changing the digit string.
    const big = fc.bigInt({ min: 2n ** 50n, max: 2n ** 80n });
    fc.assert(
      fc.property(big, fc.integer({ min: 0, max: 22 }), fc.constantFrom('point', 'exp', 'plain'), fc.boolean(), (n, shift, form, neg) => {
        const digits = n.toString();
        let text: string;
        if (form === 'plain') text = `${digits}.0`;
        else if (form === 'exp') text = `${digits}e-${shift}`;
        else text = shift >= digits.length ? `0.${'0'.repeat(shift - digits.length)}${digits}` : `${digits.slice(0, digits.length - shift)}.${digits.slice(digits.length - shift)}`;
        if (neg) text = `-${text}`;
        const got = classify(text);
        assert.equal(got.kind, CELL_FLOAT, text);
        assert.ok(Object.is(got.value, Number(text)), `${text}: ${got.value} ≠ ${Number(text)}`);
      }),
      { numRuns: 20_000 },
    );
  });

  it('parses shortest round-trip renderings of random doubles back to the same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = String(x);
        const got = classify(text);
        // String(x) of an integer-valued double is an int literal ("0" for -0), read back as INT.
        const isIntLiteral = /^-?\d+$/.test(text);
        if (isIntLiteral && (BigInt(text) > 2n ** 63n - 1n || BigInt(text) < -(2n ** 63n))) {
          assert.equal(got.kind, CELL_STRING, text); // an int64 overflow makes the column STRING
          return;
        }
        assert.equal(got.kind, isIntLiteral ? CELL_INT : CELL_FLOAT, text);
        assert.ok(Object.is(got.value, isIntLiteral ? Number(text) + 0 : x), text);
      }),
      { numRuns: 5000 },
    );
  });
});
