import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sniffDialect } from '../../../../src/core/io/csv/dialect.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const TAB = 9;

describe('sniffDialect', () => {
  for (const [name, d] of [
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
    ['pipe', '|'],
  ] as const) {
    test(`finds the ${name}`, () => {
      const rows =
        ['id', 'name', 'score', 'when'].join(d) +
        '\n' +
        Array.from({ length: 30 }, (_, k) => [k, `n ${k}`, k * 1.5, '2024-01-01'].join(d)).join('\n') +
        '\n';
      const dialect = sniffDialect(bytes(rows));
      assert.equal(dialect.delimiter, d.charCodeAt(0));
      assert.equal(dialect.fieldCount, 4);
      assert.equal(dialect.consistency, 1);
      assert.equal(dialect.quote, 0x22);
    });
  }

  test('respects quotes: delimiters inside quoted fields do not count', () => {
    // Semicolons inside quotes would give comma rows of varying lengths and a consistent 2 for ';' if quotes were ignored.
    const text = 'a,b,c\n"x;y",1,2\n"p;q;r",3,4\n"m;n",5,6\n"line\nbreak; here",7,8\n';
    const dialect = sniffDialect(bytes(text));
    assert.equal(dialect.delimiter, ','.charCodeAt(0));
    assert.equal(dialect.fieldCount, 3);
    assert.equal(dialect.consistency, 1);
  });

  test('prefers the most consistent count, even when another delimiter gives more fields on some lines', () => {
    const text = 'a;b\n1,5;2\n3,1,7;4\n5;6\n7,2;8\n';
    const dialect = sniffDialect(bytes(text));
    assert.equal(dialect.delimiter, ';'.charCodeAt(0));
    assert.equal(dialect.fieldCount, 2);
  });

  test('ignores a last line cut by the end of the sample, unless told the sample is complete', () => {
    const text = 'a\tb\tc\n1\t2\t3\n4\t5\t6\n7\t8';
    assert.equal(sniffDialect(bytes(text)).sampledRecords, 3);
    assert.equal(sniffDialect(bytes(text), { complete: true }).sampledRecords, 4);
    assert.equal(sniffDialect(bytes(text)).delimiter, TAB);
  });

  test('skips a byte order mark, reports CRLF, and says comma for a one-column sample', () => {
    const crlf = sniffDialect(bytes('\ufeffa|b\r\n1|2\r\n'));
    assert.equal(crlf.delimiter, '|'.charCodeAt(0));
    assert.equal(crlf.crlf, true);
    const single = sniffDialect(bytes('value\n1\n2\n3\n'));
    assert.equal(single.delimiter, ','.charCodeAt(0));
    assert.equal(single.fieldCount, 1);
    assert.equal(sniffDialect(new Uint8Array(0)).sampledRecords, 0);
  });

  test('a sample cut inside its first record still decides', () => {
    assert.equal(sniffDialect(bytes('a;b;c;d;e;f')).delimiter, ';'.charCodeAt(0));
  });
});
