import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { headerCellSpans, splitRecordCells } from '../../../../src/extension/validation/diagnostics/headerCells.js';
import type { TextSpan } from '../../../../src/extension/validation/diagnostics/textSpans.js';

/** The span of `needle` (its n-th occurrence) on line 0 of a one-line text, found independently with indexOf. */
function spanOf(text: string, needle: string, occurrence = 0, bomChars = 0): TextSpan {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in ${text}`);
  return { start: { line: 0, character: at - bomChars }, end: { line: 0, character: at - bomChars + needle.length } };
}

describe('splitRecordCells', () => {
  test('plain comma-separated header: each cell spans its name', () => {
    const text = 'pickup_community_area,fare,payment_type,company';
    const cells = splitRecordCells(text, ',');
    assert.deepEqual(cells.map((c) => c.value), ['pickup_community_area', 'fare', 'payment_type', 'company']);
    for (const c of cells) assert.deepEqual(c.span, spanOf(text, c.value));
  });

  test('quoted names keep their quotes in the span and lose them in the value; "" is one quote', () => {
    const text = 'id,"full, name","say ""hi""",last';
    const cells = splitRecordCells(text, ',');
    assert.deepEqual(cells.map((c) => c.value), ['id', 'full, name', 'say "hi"', 'last']);
    assert.deepEqual(cells[1]?.span, spanOf(text, '"full, name"'));
    assert.deepEqual(cells[2]?.span, spanOf(text, '"say ""hi"""'));
    assert.deepEqual(cells[3]?.span, spanOf(text, 'last'));
  });

  test('a byte-order mark is not counted: VS Code drops it from the document', () => {
    const text = '\uFEFFa,bb,ccc';
    const cells = splitRecordCells(text, ',');
    assert.deepEqual(cells.map((c) => c.value), ['a', 'bb', 'ccc']);
    assert.deepEqual(cells[0]?.span, spanOf(text, 'a', 0, 1));
    assert.deepEqual(cells[2]?.span, spanOf(text, 'ccc', 0, 1));
    assert.equal(cells[0]?.span.start.character, 0);
  });

  test('tab, semicolon and pipe delimiters', () => {
    for (const d of ['\t', ';', '|']) {
      const text = ['x', '"y' + d + 'z"', 'w'].join(d);
      const cells = splitRecordCells(text, d);
      assert.deepEqual(cells.map((c) => c.value), ['x', `y${d}z`, 'w'], JSON.stringify(d));
      assert.deepEqual(cells[2]?.span, spanOf(text, 'w'));
    }
  });

  test('the record ends at a line break outside quotes (CRLF or LF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const cells = splitRecordCells(`a,b${eol}1,2`, ',');
      assert.deepEqual(cells.map((c) => c.value), ['a', 'b']);
      assert.deepEqual(cells[1]?.span, { start: { line: 0, character: 2 }, end: { line: 0, character: 3 } });
    }
  });

  test('a quoted line break moves later cells to the next line', () => {
    const text = '"multi\nline",after';
    const cells = splitRecordCells(text, ',');
    assert.deepEqual(cells.map((c) => c.value), ['multi\nline', 'after']);
    assert.deepEqual(cells[0]?.span, { start: { line: 0, character: 0 }, end: { line: 1, character: 5 } });
    assert.deepEqual(cells[1]?.span, { start: { line: 1, character: 6 }, end: { line: 1, character: 11 } });
  });

  test('empty cells, a trailing delimiter and an unterminated quote', () => {
    assert.deepEqual(splitRecordCells('a,,c,', ',').map((c) => c.value), ['a', '', 'c', '']);
    const open = splitRecordCells('a,"never closed', ',');
    assert.equal(open.length, 2);
    assert.equal(open[1]?.value, 'never closed');
    assert.equal(open[1]?.span.end.character, 'a,"never closed'.length);
  });

  test('non-BMP characters count as two UTF-16 units, as VS Code counts them', () => {
    const text = '😀x,y';
    const cells = splitRecordCells(text, ',');
    assert.deepEqual(cells[1]?.span, spanOf(text, 'y'));
    assert.equal(cells[1]?.span.start.character, 4);
  });

  test('quoting off: quotes are ordinary characters', () => {
    assert.deepEqual(splitRecordCells('"a,b"', ',', null).map((c) => c.value), ['"a', 'b"']);
  });

  test('refuses a delimiter that is not one character', () => {
    assert.throws(() => splitRecordCells('a,b', ', '), RangeError);
  });
});

describe('headerCellSpans', () => {
  test('maps the reader’s column names to cells by position (renamed duplicates included)', () => {
    const text = 'a,a,"",b';
    const spans = headerCellSpans(text, ',', ['a', 'a.1', 'column_3', 'b']);
    assert.deepEqual(spans.get('a'), spanOf(text, 'a'));
    assert.deepEqual(spans.get('a.1'), spanOf(text, 'a', 1));
    assert.deepEqual(spans.get('column_3'), spanOf(text, '""'));
    assert.deepEqual(spans.get('b'), spanOf(text, 'b'));
    assert.equal(spans.size, 4);
  });
});
