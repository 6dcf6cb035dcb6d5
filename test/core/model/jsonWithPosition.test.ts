import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import { locateJsonError, parseJsonWithPosition } from '../../../src/core/model/jsonWithPosition.js';

describe('JSON with positions', () => {
  test('finds the first bad character', () => {
    const cases: [string, number, RegExp][] = [
      ['{"a": 1,,}', 8, /property name/],
      ['{"a":', 5, /end of input/],
      ['{\n"a": tru}', 7, /unexpected/],
      ['[1,2]x', 5, /after the JSON value/],
      ['{"a" 1}', 5, /expected ':'/],
      ['[1 2]', 3, /expected ',' or ']'/],
      ['"ab\\q"', 4, /bad escape/],
      ['[01]', 2, /expected ',' or ']'/],
    ];
    for (const [text, offset, message] of cases) {
      assert.throws(() => JSON.parse(text));
      const found = locateJsonError(text);
      assert.ok(found, text);
      assert.equal(found.offset, offset, text);
      assert.match(found.message, message, text);
    }
  });

  test('accepts exactly what JSON.parse accepts on generated JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        assert.equal(locateJsonError(text), undefined);
      }),
    );
  });

  test('errors carry file, line and column', () => {
    assert.throws(
      () => parseJsonWithPosition('{\n  "x": [1,\n  ]\n}', 'model.json'),
      (err: unknown) => err instanceof FacetwiseError && err.position?.line === 3 && err.position.column === 3 && err.message.startsWith('model.json:3:3: not valid JSON'),
    );
  });
});
