import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { readCsvHeader } from '../../../../src/core/io/csv/header.js';
import { tempDir } from './csvTestKit.js';

const tmp = tempDir();
after(() => tmp.cleanup());

describe('readCsvHeader', () => {
  test('names, sniffed delimiter, where the data starts and its first line', async () => {
    const header = 'id;"full; name";"say ""x"""\r\n';
    const h = await readCsvHeader(tmp.file('h.csv', '\ufeff' + header + '1;a;b\r\n'));
    assert.deepEqual(h.columnNames, ['id', 'full; name', 'say "x"']);
    assert.equal(h.delimiter, ';'.charCodeAt(0));
    assert.equal(h.dataStart, 3 + Buffer.byteLength(header));
    assert.equal(h.firstDataLine, 2);
    assert.equal(h.bom, true);
    assert.equal(h.hasHeaderRow, true);
    assert.equal(h.dialect?.delimiter, ';'.charCodeAt(0));
  });

  test('a header with quoted line breaks and leading blank lines', async () => {
    const text = '\n\n"a\nb",c\n1,2\n';
    const h = await readCsvHeader(tmp.file('h2.csv', text));
    assert.deepEqual(h.columnNames, ['a\nb', 'c']);
    assert.equal(h.dataStart, text.indexOf('1,2'));
    assert.equal(h.firstDataLine, 5);
  });

  test('a header longer than the first read', async () => {
    const names = Array.from({ length: 20000 }, (_, k) => `feature_${k}`);
    const h = await readCsvHeader(tmp.file('wide.csv', names.join(',') + '\n' + names.map(() => '1').join(',') + '\n'));
    assert.equal(h.columnNames.length, 20000);
    assert.equal(h.columnNames[19999], 'feature_19999');
  });

  test('.tsv means tab; an explicit delimiter wins over both', async () => {
    const path = tmp.file('t.tsv', 'a,b\tc\n');
    assert.deepEqual((await readCsvHeader(path)).columnNames, ['a,b', 'c']);
    assert.equal((await readCsvHeader(path)).dialect, undefined);
    assert.deepEqual((await readCsvHeader(path, { delimiter: ',' })).columnNames, ['a', 'b\tc']);
  });

  test('without a header row: given names, or column_N after the first record', async () => {
    const path = tmp.file('nh.csv', '1,2,3\n');
    const given = await readCsvHeader(path, { columnNames: ['x', 'y', 'z'] });
    assert.deepEqual(given.columnNames, ['x', 'y', 'z']);
    assert.equal(given.dataStart, 0);
    assert.equal(given.firstDataLine, 1);
    const numbered = await readCsvHeader(path, { header: false });
    assert.deepEqual(numbered.columnNames, ['column_1', 'column_2', 'column_3']);
    assert.equal(numbered.dataStart, 0);
  });

  test('errors: empty file, binary file, bad options', async () => {
    await assert.rejects(readCsvHeader(tmp.file('e.csv', '')), { code: 'CSV_EMPTY_FILE' });
    await assert.rejects(readCsvHeader(tmp.file('e2.csv', '\n\n')), { code: 'CSV_EMPTY_FILE' });
    await assert.rejects(readCsvHeader(tmp.file('b.csv', Buffer.from([0x41, 0x2c, 0x00, 0x42]))), {
      code: 'CSV_NOT_TEXT',
      message: /b\.csv: byte 2: does not look like a text file/,
    });
    const ok = tmp.file('ok.csv', 'a,b\n');
    await assert.rejects(readCsvHeader(ok, { delimiter: ',,' }), RangeError);
    await assert.rejects(readCsvHeader(ok, { delimiter: '"' }), RangeError);
    await assert.rejects(readCsvHeader(ok, { columnNames: [] }), RangeError);
  });
});
