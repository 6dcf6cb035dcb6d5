import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCsvHeader } from '../../../src/worker/jobs/csvHeaderJob.js';

const root = mkdtempSync(join(tmpdir(), 'facetwise-header-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('runCsvHeader', () => {
  test('a sniffed delimiter, the header text without BOM and line break', async () => {
    const file = join(root, 'a.csv');
    writeFileSync(file, '\uFEFFid;"full; name";x\r\n1;a;b\r\n');
    const h = await runCsvHeader({ file });
    assert.equal(h.delimiter, ';');
    assert.equal(h.quote, '"');
    assert.deepEqual(h.columnNames, ['id', 'full; name', 'x']);
    assert.equal(h.headerText, 'id;"full; name";x');
    assert.equal(h.headerLine, 0);
    assert.equal(h.hasHeaderRow, true);
  });

  test('blank lines before the header move it down; a .tsv is tab-separated', async () => {
    const file = join(root, 'b.tsv');
    writeFileSync(file, '\n\r\nname\tvalue\n1\t2\n');
    const h = await runCsvHeader({ file });
    assert.equal(h.delimiter, '\t');
    assert.equal(h.headerLine, 2);
    assert.equal(h.headerText, 'name\tvalue');
  });
});
