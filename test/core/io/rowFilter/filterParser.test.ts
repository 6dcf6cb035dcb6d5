import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FilterSyntaxError, filterColumns, matchesFilter, parseFilter } from '../../../../src/core/io/rowFilter/index.js';

const row = (cells: Record<string, string | null>) => (name: string) => (name in cells ? cells[name] : undefined);

describe('filter parser', () => {
  test('the issue\'s example parses into a tree with precedence and → or', () => {
    const expr = parseFilter('fare > 100 and payment_type = "Cash" or tips >= 1.5e1');
    assert.equal(expr.kind, 'or');
    assert.deepEqual([...filterColumns(expr)].sort(), ['fare', 'payment_type', 'tips']);
    assert.equal(matchesFilter(expr, row({ fare: '120.5', payment_type: 'Cash', tips: '0' })), true);
    assert.equal(matchesFilter(expr, row({ fare: '120.5', payment_type: 'Credit Card', tips: '0' })), false);
    assert.equal(matchesFilter(expr, row({ fare: '1', payment_type: 'x', tips: '15' })), true);
  });

  test('not, parentheses, in, contains, is missing, backquoted names, both quote styles', () => {
    const expr = parseFilter("not (company is missing) and `trip miles` in (1, 2.5) and company contains 'Taxi' and NOT x == \"a\\\"b\"");
    assert.equal(matchesFilter(expr, row({ company: 'Taxi Co', 'trip miles': '2.5', x: 'z' })), true);
    assert.equal(matchesFilter(expr, row({ company: null, 'trip miles': '2.5', x: 'z' })), false);
    assert.equal(matchesFilter(expr, row({ company: 'Taxi Co', 'trip miles': '2.5', x: 'a"b' })), false);
  });

  test('missing cells match only `is missing` and `!=`; non-numbers never compare as numbers', () => {
    assert.equal(matchesFilter(parseFilter('fare > 0'), row({ fare: null })), false);
    assert.equal(matchesFilter(parseFilter('fare != 3'), row({ fare: null })), true);
    assert.equal(matchesFilter(parseFilter('fare < 5'), row({ fare: 'abc' })), false);
    assert.equal(matchesFilter(parseFilter('fare = 3'), row({ fare: '3.0' })), true);
    assert.equal(matchesFilter(parseFilter('tags = "b"'), row({ tags: '[a, b]' })), true);
  });

  for (const [source, column, message] of [
    ['fare > 1; require("child_process").exec("rm -rf /")', 9, /unexpected character ";"/],
    ['fare > 1 && 1', 10, /unexpected character "&"/],
    ['constructor.constructor("return process")()', 24, /expected a comparison/],
    ['fare > ${1}', 8, /unexpected character "\$"/],
    ['fare = payment_type', 8, /expected a number or a "quoted" text value/],
    ['fare > 1 fare < 2', 10, /join tests with 'and' \/ 'or'/],
    ['(fare > 1', 10, /expected '\)'/],
    ['fare = "open', 8, /text value is not closed/],
    ['and = 1', 1, /expected a column name/],
    ['fare ! 1', 6, /'!' must be followed by '='/],
    ['', 1, /expected a column name/],
  ] as const) {
    test(`rejects ${JSON.stringify(source)} with its position`, () => {
      assert.throws(
        () => parseFilter(source),
        (err: unknown) => err instanceof FilterSyntaxError && err.column === column && message.test(err.message),
      );
    });
  }

  test('deep nesting and huge inputs are refused, not a stack overflow', () => {
    assert.throws(() => parseFilter('('.repeat(200) + 'a = 1' + ')'.repeat(200)), /nests too deeply/);
    assert.throws(() => parseFilter('not '.repeat(200) + 'a = 1'), /nests too deeply/);
    assert.throws(() => parseFilter('a = "' + 'x'.repeat(20_000) + '"'), /longer than/);
  });
});
