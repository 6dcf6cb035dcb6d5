// The record-block cutter (recordBlocks.ts): blocks of a decompressed stream are whole records by the tokenizer's
// own quoting rules, carry the offset and line of their first byte, and do not depend on how the stream was pieced.
// The decisive check: every block parsed alone by the reader, concatenated, reads as the whole text read at once.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RecordBlockCutter } from '../../../../src/core/io/csv/recordBlocks.js';
import type { RecordBlock, RecordBlockOptions } from '../../../../src/core/io/csv/recordBlocks.js';
import { COMMA, NO_QUOTE, QUOTE } from '../../../../src/core/io/csv/csvBytes.js';
import { SPARE_BYTES } from '../../../../src/core/io/fileChunks.js';
import { readAll, tempDir } from './csvTestKit.js';

const tmp = tempDir();
after(() => tmp.cleanup());

/** Cuts `bytes`, handed over in pieces that end at `splits`. */
function cut(bytes: Uint8Array, options: RecordBlockOptions, splits: readonly number[] = []): RecordBlock[] {
  const cutter = new RecordBlockCutter(options);
  const blocks: RecordBlock[] = [];
  let from = 0;
  for (const at of [...[...splits].sort((a, b) => a - b), bytes.length]) {
    if (at < from) continue;
    blocks.push(...cutter.push(bytes.slice(from, at)));
    from = at;
  }
  const last = cutter.end();
  if (last) blocks.push(last);
  return blocks;
}

const text = (block: RecordBlock): string => Buffer.from(block.bytes.subarray(0, block.length)).toString('latin1');
const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const opts = (blockBytes: number, extra: Partial<RecordBlockOptions> = {}): RecordBlockOptions => ({ delimiter: COMMA, quote: QUOTE, blockBytes, ...extra });

/** Asserts the blocks tile bytes[start..] in order, with each block's offset and first line (1 + LFs before it). */
function assertTiles(blocks: readonly RecordBlock[], bytes: Uint8Array, start = 0, firstLine = 1): void {
  let offset = start;
  let line = firstLine;
  for (const b of blocks) {
    assert.equal(b.offset, offset);
    assert.equal(b.firstLine, line);
    assert.ok(b.length > 0);
    assert.equal(b.bytes.byteOffset, 0);
    assert.equal(b.bytes.byteLength, b.bytes.buffer.byteLength, 'a block owns its buffer (to transfer it)');
    assert.ok(b.bytes.length >= b.length + SPARE_BYTES);
    assert.ok(Buffer.from(b.bytes.subarray(0, b.length)).equals(bytes.subarray(offset, offset + b.length)));
    for (let i = 0; i < b.length; i++) if (b.bytes[i] === 0x0a) line++;
    offset += b.length;
  }
  assert.equal(offset, bytes.length);
}

describe('record blocks', () => {
  test('a quoted field holding line breaks is never cut, whatever the block size', () => {
    const csv = 'a,b\n1,"x\ny\nz"\n2,3\n';
    for (let size = 1; size <= csv.length + 1; size++) {
      const blocks = cut(enc(csv), opts(size));
      assertTiles(blocks, enc(csv));
      for (const b of blocks) assert.ok(['a,b\n', '1,"x\ny\nz"\n', '2,3\n'].some((r) => text(b).startsWith(r)), `${size}: ${JSON.stringify(text(b))}`);
      // The quoted record's block starts on line 2; the next record is on line 5.
      const second = blocks.find((b) => text(b).startsWith('2,3'));
      if (second && second.offset === csv.indexOf('2,3')) assert.equal(second.firstLine, 5);
    }
    assert.deepEqual(cut(enc(csv), opts(6)).map(text), ['a,b\n', '1,"x\ny\nz"\n', '2,3\n']);
  });

  test('a block ends at the last record end within blockBytes, or after a longer record', () => {
    assert.deepEqual(cut(enc('ab\ncd\nef\n'), opts(7)).map(text), ['ab\ncd\n', 'ef\n']);
    assert.deepEqual(cut(enc('abcdefgh\nx\n'), opts(3)).map(text), ['abcdefgh\n', 'x\n']);
  });

  test('a boundary right after a closing quote, and an escaped quote split across pieces', () => {
    const csv = '"a"\n"b""\nc"\nd\n';
    for (let split = 0; split <= csv.length; split++) {
      const blocks = cut(enc(csv), opts(4), [split]);
      assert.deepEqual(blocks.map(text), ['"a"\n', '"b""\nc"\n', 'd\n'], `split at ${split}`);
    }
  });

  test('a quote inside an unquoted field and text after a closing quote do not open quotes', () => {
    const csv = 'x"y,1\n"a"b"c,2\nz,3\n';
    assert.deepEqual(cut(enc(csv), opts(1)).map(text), ['x"y,1\n', '"a"b"c,2\n', 'z,3\n']);
  });

  test('CRLF line ends, blank lines, a lone CR as data, a last record without a line end', () => {
    const csv = 'a,b\r\n\r\n\n1,\r2\r\n3,4';
    const blocks = cut(enc(csv), opts(1));
    assert.deepEqual(blocks.map(text), ['a,b\r\n', '\r\n', '\n', '1,\r2\r\n', '3,4']);
    assert.deepEqual(blocks.map((b) => b.firstLine), [1, 2, 3, 4, 5]);
  });

  test('an unterminated quote leaves the rest of the stream in one last block', () => {
    assert.deepEqual(cut(enc('1,2\n"open,3\n4,5\n'), opts(1)).map(text), ['1,2\n', '"open,3\n4,5\n']);
  });

  test('quoting off: every LF ends a record', () => {
    assert.deepEqual(cut(enc('"a\n"b\n'), opts(1, { quote: NO_QUOTE })).map(text), ['"a\n', '"b\n']);
  });

  test('start skips the BOM and header row; offsets and lines are the stream\'s', () => {
    const csv = '\ufeffh1,h2\n1,2\n3,4\n';
    const bytes = Buffer.from(csv, 'utf8');
    const start = bytes.indexOf('1,2');
    const blocks = cut(bytes, opts(4, { start, firstLine: 2 }), [1, 2, start + 1]);
    assert.deepEqual(blocks.map((b) => [b.offset, b.firstLine, text(b)]), [
      [start, 2, '1,2\n'],
      [start + 4, 3, '3,4\n'],
    ]);
    assertTiles(blocks, bytes, start, 2);
  });

  test('property: blocks tile the stream, do not depend on piecing, and parse alone as the whole text does', async () => {
    const token = fc.constantFrom('a', 'bc', ',', '"', '""', '\n', '\r\n', '\r', ',"x\ny",', '\n\n');
    await fc.assert(
      fc.asyncProperty(
        fc.array(token, { maxLength: 40 }),
        fc.integer({ min: 1, max: 24 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (tokens, blockBytes, rawSplits) => {
          const csv = tokens.join('');
          const bytes = enc(csv);
          const splits = rawSplits.map((s) => s % (bytes.length + 1));
          const whole = cut(bytes, opts(blockBytes));
          const pieced = cut(bytes, opts(blockBytes), splits);
          assertTiles(whole, bytes);
          assert.deepEqual(pieced.map((b) => [b.offset, b.length]), whole.map((b) => [b.offset, b.length]));
          for (const b of whole.slice(0, -1)) assert.equal(b.bytes[b.length - 1], 0x0a);
          if (bytes.length === 0) return;
          const columnNames = ['c1', 'c2', 'c3'];
          const file = tmp.file('p.csv', bytes);
          const expected = await readAll(file, { columnNames, delimiter: ',' });
          // A first record that leaves a quote open is the header reader's fatal error, before any block is cut.
          if (expected.summary.fatal) return;
          const parts = [];
          for (const block of whole) parts.push(await readAll(file, { columnNames, delimiter: ',', block }));
          assert.deepEqual(parts.flatMap((p) => p.rows), expected.rows);
          assert.deepEqual(parts.flatMap((p) => p.lines), expected.lines);
          const positions = (issues: typeof expected.issues) => issues.filter((i) => i.position.line !== undefined).map((i) => [i.code, i.position.line, i.position.column, i.position.offset]);
          assert.deepEqual(parts.flatMap((p) => positions(p.issues)), positions(expected.issues));
          assert.equal(parts.at(-1)?.summary.stopLine, expected.summary.stopLine);
        },
      ),
      { numRuns: 300 },
    );
  });
});
