import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compareUtf8,
  fixedSix,
  percentageAsString,
  sixDigits,
  utf8SafeCEscape,
} from '../../../src/core/validate/tfdvFormat.js';

describe('sixDigits (printf %.6g, as absl::SixDigits)', () => {
  // Expected strings are what C's printf("%.6g") prints for these doubles.
  const cases: Array<[number, string]> = [
    [0.0123, '0.0123'],
    [1e-5, '1e-05'],
    [123456789, '1.23457e+08'],
    [100000, '100000'],
    [1000000, '1e+06'],
    [0.000123456789, '0.000123457'],
    [2.5, '2.5'],
    [-0.5, '-0.5'],
    [0.1 + 0.2, '0.3'],
    [999999.5, '1e+06'],
    [0.00820891124973, '0.00820891'],
    [1 / 3, '0.333333'],
    [1e300, '1e+300'],
    [-1.5e-7, '-1.5e-07'],
    [12345.678, '12345.7'],
    [0, '0'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
  ];
  for (const [x, expected] of cases) {
    it(`${x} → ${expected}`, () => assert.equal(sixDigits(x), expected));
  }
});

describe('other TFDV formats', () => {
  it('prints %f with six decimals', () => {
    assert.equal(fixedSix(1), '1.000000');
    assert.equal(fixedSix(0.99), '0.990000');
    assert.equal(fixedSix(Math.fround(0.9)), '0.900000');
  });

  it('writes percentages as TFDV does: <1% or ~floor%', () => {
    assert.equal(percentageAsString(1, 5000), '<1%');
    assert.equal(percentageAsString(50, 5000), '~1%');
    assert.equal(percentageAsString(999, 1000), '~99%');
    assert.equal(percentageAsString(1, 0), '?');
    assert.equal(percentageAsString(1, undefined), '?');
  });

  it('C-escapes quotes, backslashes and control characters but keeps UTF-8 text', () => {
    assert.equal(utf8SafeCEscape('a"b\\c\n\t\u0001'), 'a\\"b\\\\c\\n\\t\\001');
    assert.equal(utf8SafeCEscape("it's Zürich 東京"), "it\\'s Zürich 東京");
  });

  it('orders strings by UTF-8 bytes, like std::map<std::string>', () => {
    const words = ['b', 'B', 'é', 'a', '\u{1F600}', '\uFFFD', 'ab', ''];
    const sorted = [...words].sort(compareUtf8);
    const byBytes = [...words].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    assert.deepEqual(sorted, byBytes);
  });
});
