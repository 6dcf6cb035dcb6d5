import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDoubleLikePython, formatFloat32LikePython } from '../../../../src/core/proto/text/pythonFloat.js';

// Expected strings are what CPython 3 printed for repr(x) and for protobuf's str(ToShortestFloat(f)).
test('doubles print as Python repr', () => {
  const cases: [number, string][] = [
    [1.0, '1.0'],
    [0.9, '0.9'],
    [1e-5, '1e-05'],
    [0.1, '0.1'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [123456789012345680, '1.2345678901234568e+17'],
    [0.0001, '0.0001'],
    [-0, '-0.0'],
    [0, '0.0'],
    [2.5e-300, '2.5e-300'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [5e-324, '5e-324'],
    [1003.6, '1003.6'],
    [-12.5, '-12.5'],
    [100, '100.0'],
    [1e22, '1e+22'],
    [0.30000000000000004, '0.30000000000000004'],
    [NaN, 'nan'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ];
  for (const [x, want] of cases) assert.equal(formatDoubleLikePython(x), want, `repr(${x})`);
});

test('32-bit floats print with the fewest digits that read back as the same float32', () => {
  const cases: [number, string][] = [
    [0.9, '0.9'],
    [Math.fround(0.9), '0.9'],
    [1 / 3, '0.33333334'],
    [16777217, '16777216.0'],
    [1e-5, '1e-05'],
    [3.4028234663852886e38, '3.4028235e+38'],
    [0.651027, '0.651027'],
    [123456789, '123456790.0'],
    [1e-45, '1.4013e-45'],
    [0.1, '0.1'],
    [2, '2.0'],
    [1e10, '10000000000.0'],
    [7e-8, '7e-08'],
    [-0, '-0.0'],
    [NaN, 'nan'],
    [-Infinity, '-inf'],
  ];
  for (const [x, want] of cases) assert.equal(formatFloat32LikePython(x), want, `float32 ${x}`);
});
