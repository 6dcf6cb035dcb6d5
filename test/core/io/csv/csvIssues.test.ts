import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { DataIssue } from '../../../../src/core/data/issues.js';
import { readCsvHeader } from '../../../../src/core/io/csv/header.js';
import { readAll, tempDir } from './csvTestKit.js';

const tmp = tempDir();
after(() => tmp.cleanup());

/** The issues as `code line:column severity`, the way a test states them. */
const where = (issues: readonly DataIssue[]): string[] =>
  issues.map((i) => `${i.code} ${i.position.line}:${i.position.column} ${i.severity}`);

describe('readCsv: problems are reported as issues with line and column', () => {
  test('too few fields: the rest are missing, warned at the end of the row', async () => {
    const r = await readAll(tmp.file('few.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n'));
    assert.deepEqual(r.rows, [
      ['1', '2', '3'],
      ['4', '5', null],
      ['6', '7', '8'],
    ]);
    assert.deepEqual(where(r.issues), ['CSV_TOO_FEW_FIELDS 3:4 warning']);
    assert.match(r.issues[0].message, /2 fields but 3 columns/);
    assert.match(r.issues[0].message, /"c"/);
  });

  test('too many fields: extras are dropped, warned at the first extra field', async () => {
    const r = await readAll(tmp.file('many.csv', 'a,b\n1,2\n3,4,"5,5",6\n'));
    assert.deepEqual(r.rows, [
      ['1', '2'],
      ['3', '4'],
    ]);
    assert.deepEqual(where(r.issues), ['CSV_TOO_MANY_FIELDS 3:5 warning']);
    assert.match(r.issues[0].message, /4 fields but 2 columns/);
    assert.equal(r.issues[0].position.offset, 'a,b\n1,2\n3,4,'.length);
  });

  test('columns count characters, not bytes, and lines count quoted line breaks', async () => {
    // "ü" and "€" are 2 and 3 bytes each; the extra field starts at character 7 (byte 11) of line 4.
    const r = await readAll(tmp.file('chars.csv', 'a,b\n"x\ny",1\nüü,€€,extra\n'));
    assert.deepEqual(where(r.issues), ['CSV_TOO_MANY_FIELDS 4:7 warning']);
    const inside = await readAll(tmp.file('chars2.csv', 'a,b\n"x\nyü",2,3\n'));
    // The extra field "3" is on the record's second line: `yü",2,` is 6 characters.
    assert.deepEqual(where(inside.issues), ['CSV_TOO_MANY_FIELDS 3:7 warning']);
  });

  test('an unterminated quote at the end of the file is an error and drops the partial record', async () => {
    const r = await readAll(tmp.file('open.csv', 'a,b\n1,2\n3,"abc\n4,5\n'));
    assert.deepEqual(r.rows, [['1', '2']]);
    assert.deepEqual(where(r.issues), ['CSV_UNTERMINATED_QUOTE 3:3 error']);
    assert.equal(r.summary.stopLine, 5);
  });

  test('a quote inside an unquoted field is kept literally, with one warning per field', async () => {
    const r = await readAll(tmp.file('bare.csv', 'a,b\n5\'10",ok\nx,ab"c"d\n'));
    assert.deepEqual(r.rows, [
      ['5\'10"', 'ok'],
      ['x', 'ab"c"d'],
    ]);
    assert.deepEqual(where(r.issues), [
      'CSV_QUOTE_IN_UNQUOTED_FIELD 2:5 warning',
      'CSV_QUOTE_IN_UNQUOTED_FIELD 3:5 warning',
    ]);
  });

  test('text after a closing quote is kept as part of the value', async () => {
    const r = await readAll(tmp.file('after.csv', 'a,b\n"ab"cd,"x""y" z\r\n1,2\n'));
    assert.deepEqual(r.rows, [
      ['abcd', 'x"y z'],
      ['1', '2'],
    ]);
    assert.deepEqual(where(r.issues), ['CSV_TEXT_AFTER_QUOTE 2:5 warning', 'CSV_TEXT_AFTER_QUOTE 2:14 warning']);
  });

  test('invalid UTF-8 in a cell: warned once per cell, counted, and kept as bytes', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\nok,é\n'),
      Buffer.from('ü,x'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('y\n'),
      Buffer.from('"'),
      Buffer.from([0xc3]), // a truncated two-byte sequence
      Buffer.from('",z\n'),
    ]);
    const r = await readAll(tmp.file('latin.csv', bytes));
    assert.equal(r.rows.length, 3);
    assert.deepEqual([...(r.rawRows[1][1] ?? [])], [0x78, 0xff, 0xfe, 0x79]);
    assert.deepEqual([...(r.rawRows[2][0] ?? [])], [0xc3]);
    assert.deepEqual(where(r.issues), ['CSV_INVALID_UTF8 3:4 warning', 'CSV_INVALID_UTF8 4:2 warning']);
    assert.match(r.issues[0].message, /"b"/);
    assert.equal(r.summary.invalidUtf8Cells, 2);
  });

  test('NUL bytes at the start: one clear error, nothing read', async () => {
    const bytes = Buffer.from([0x0a, 0x00, 0x00, 0x00, 0x01, 0x02, 0x41, 0x42, 0x2c]);
    const r = await readAll(tmp.file('data.tfrecord.csv', bytes));
    assert.equal(r.rows.length, 0);
    assert.equal(r.issues.length, 1);
    assert.equal(r.issues[0].code, 'CSV_NOT_TEXT');
    assert.equal(r.issues[0].severity, 'error');
    assert.match(r.issues[0].message, /does not look like a text file/);
    assert.equal(r.issues[0].position.offset, 1);
    assert.equal(r.summary.fatal?.code, 'CSV_NOT_TEXT');
    const gzip = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]);
    await assert.rejects(readCsvHeader(tmp.file('x.csv.gz', gzip)), /gzip/);
  });

  test('after 100 issues of one code, one summary issue gives the rest', async () => {
    const text = 'a,b\n' + '1\n'.repeat(250) + '1,2,3\n'.repeat(3);
    const r = await readAll(tmp.file('flood.csv', text));
    const few = r.issues.filter((i) => i.code === 'CSV_TOO_FEW_FIELDS');
    assert.equal(few.length, 101);
    assert.deepEqual(
      few.slice(0, 100).map((i) => i.position.line),
      Array.from({ length: 100 }, (_, k) => k + 2),
    );
    const summary = few[100];
    assert.match(summary.message, /150 more/);
    assert.match(summary.message, /250 in all/);
    assert.equal(summary.position.line, undefined);
    assert.equal(r.issues.filter((i) => i.code === 'CSV_TOO_MANY_FIELDS').length, 3);
    assert.deepEqual(r.summary.issueCounts, { CSV_TOO_FEW_FIELDS: 250, CSV_TOO_MANY_FIELDS: 3 });
    // The summary comes last, after every individual issue.
    assert.equal(r.issues[r.issues.length - 1], summary);
    const limited = await readAll(tmp.file('flood2.csv', text), { maxIssuesPerCode: 2 });
    assert.equal(limited.issues.length, 2 + 1 + 2 + 1);
  });

  test('empty and repeated header names are renamed, with warnings', async () => {
    const r = await readAll(tmp.file('names.csv', 'a,,a,b,a\n1,2,3,4,5\n'));
    assert.deepEqual(r.columns, ['a', 'column_2', 'a.1', 'b', 'a.2']);
    assert.deepEqual(where(r.issues), [
      'CSV_EMPTY_COLUMN_NAME 1:3 warning',
      'CSV_DUPLICATE_COLUMN_NAME 1:4 warning',
      'CSV_DUPLICATE_COLUMN_NAME 1:8 warning',
    ]);
  });

  test('an unterminated quote in the header is fatal', async () => {
    const r = await readAll(tmp.file('badheader.csv', 'a,"b\n1,2\n'));
    assert.equal(r.rows.length, 0);
    assert.deepEqual(where(r.issues), ['CSV_UNTERMINATED_QUOTE 1:3 error']);
  });

  test('the same issues, once each, whatever the read buffer size', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b,c\r\n1,2\r\n"x""y"z,q"r,3,4\r\n"multi\nline",\xe9t\xe9,'),
      Buffer.from([0xe9]),
      Buffer.from('\r\n\r\n5,6,7\n8,"open\n'),
    ]);
    const path = tmp.file('all.csv', bytes);
    // Issues arrive batch by batch, the UTF-8 ones after the others of their batch: compare them in file order.
    const inOrder = (issues: readonly DataIssue[]) =>
      [...issues].sort((x, y) => (x.position.offset ?? 0) - (y.position.offset ?? 0));
    const reference = await readAll(path);
    assert.deepEqual(
      inOrder(reference.issues).map((i) => i.code),
      [
        'CSV_TOO_FEW_FIELDS',
        'CSV_TEXT_AFTER_QUOTE',
        'CSV_QUOTE_IN_UNQUOTED_FIELD',
        'CSV_TOO_MANY_FIELDS',
        'CSV_INVALID_UTF8',
        'CSV_UNTERMINATED_QUOTE',
      ],
    );
    for (let size = 1; size <= 40; size++) {
      const r = await readAll(path, { readBufferSize: size, batchRows: 1 + (size % 3) });
      assert.deepEqual(r.rows, reference.rows, `buffer ${size}`);
      assert.deepEqual(inOrder(r.issues), inOrder(reference.issues), `buffer ${size}`);
      assert.deepEqual(r.summary.issueCounts, reference.summary.issueCounts);
    }
  });

  test('a record far longer than the read buffer', async () => {
    const long = 'x'.repeat(300_000) + '""' + '\n'.repeat(1000) + 'y';
    const text = `a,b\n1,"${long}"\n2,3\n`;
    const r = await readAll(tmp.file('long.csv', text), { readBufferSize: 4096 });
    assert.deepEqual(r.rows, [
      ['1', long.replace('""', '"')],
      ['2', '3'],
    ]);
    assert.deepEqual(r.lines, [2, 1003]);
  });
});
