import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { readCsvHeader } from '../../../../src/core/io/csv/header.js';
import { planCsvRanges } from '../../../../src/core/io/csv/ranges.js';
import type { ReadResult } from './csvTestKit.js';
import { readAll, tempDir } from './csvTestKit.js';

const tmp = tempDir();
after(() => tmp.cleanup());

// Quoted line breaks (which fool a planner that splits at line breaks), CRLF, a blank line, a ragged row.
const TEXT =
  'id,text,n\r\n' +
  '1,plain,10\r\n' +
  '2,"two\nlines",20\n' +
  '3,"x,""y""\r\nz\n",30\n' +
  '\n' +
  '4,ragged\n' +
  '5,"",50\n' +
  '6,last,60';

/** Offsets just after every LF of the data part. */
function lineStarts(text: string, from: number): number[] {
  const bytes = Buffer.from(text);
  const out: number[] = [];
  for (let i = from; i < bytes.length; i++) if (bytes[i] === 0x0a && i + 1 < bytes.length) out.push(i + 1);
  return out;
}

interface RangeRead {
  readonly results: ReadResult[];
  /** Whether every range stopped exactly where the next one starts (the driver's check). */
  readonly chained: boolean;
}

async function readInRanges(
  path: string,
  bounds: number[],
  names: readonly string[],
  firstLine: number,
): Promise<RangeRead> {
  const results: ReadResult[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const r = await readAll(path, {
      columnNames: names,
      delimiter: ',',
      range: { start: bounds[k], end: bounds[k + 1], firstLine },
    });
    results.push(r);
    firstLine = r.summary.stopLine;
  }
  const chained = results.every((r, k) => k + 1 === results.length || r.summary.stopOffset === bounds[k + 1]);
  return { results, chained };
}

describe('reading byte ranges', () => {
  test('every split at line breaks that are record starts gives the rows of one pass; others are detected', async () => {
    const path = tmp.file('ranges.csv', TEXT);
    const header = await readCsvHeader(path);
    const whole = await readAll(path);
    assert.equal(whole.rows.length, 6);
    // The true record starts, from the rows' own start lines: the offsets after the LFs that end a record.
    const recordStarts = new Set<number>();
    const bytes = Buffer.from(TEXT);
    let line = 1;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] !== 0x0a) continue;
      line++;
      if (whole.lines.includes(line) || line === 8 /* the blank line */) recordStarts.add(i + 1);
    }
    const starts = lineStarts(TEXT, header.dataStart);
    assert.equal(starts.length, 9);
    const splits: number[][] = [];
    for (const a of starts) {
      splits.push([a]);
      for (const b of starts) if (b > a) splits.push([a, b]);
    }
    let detected = 0;
    for (const split of splits) {
      const bounds = [header.dataStart, ...split, bytes.length];
      const { results, chained } = await readInRanges(path, bounds, header.columnNames, header.firstDataLine);
      const allTrue = split.every((s) => recordStarts.has(s));
      assert.equal(chained, allTrue, `split ${split}: chain check`);
      if (!allTrue) {
        detected++;
        continue;
      }
      assert.deepEqual(
        results.flatMap((r) => r.rows),
        whole.rows,
        `split ${split}: rows`,
      );
      assert.deepEqual(
        results.flatMap((r) => r.lines),
        whole.lines,
        `split ${split}: line numbers`,
      );
      assert.deepEqual(
        results.flatMap((r) => r.issues.map((i) => `${i.code}@${i.position.line}:${i.position.column}`)),
        whole.issues.map((i) => `${i.code}@${i.position.line}:${i.position.column}`),
      );
      assert.equal(
        results.reduce((n, r) => n + r.summary.rows, 0),
        6,
      );
      assert.equal(results[results.length - 1].summary.stopOffset, bytes.length);
    }
    assert.ok(detected > 0);
  });

  test('a range starting inside a quoted field: the previous range overshoots it, and the start looks wrong', async () => {
    const text = 'a,b\n1,"x\n2,y\n3,z"\n4,w\n';
    const path = tmp.file('fooled.csv', text);
    const fooled = text.indexOf('2,y');
    const first = await readAll(path, { columnNames: ['a', 'b'], delimiter: ',', range: { start: 4, end: fooled } });
    assert.deepEqual(first.rows, [['1', 'x\n2,y\n3,z']]);
    assert.equal(first.summary.stopOffset, text.indexOf('4,w'));
    assert.notEqual(first.summary.stopOffset, fooled);
    const second = await readAll(path, {
      columnNames: ['a', 'b'],
      delimiter: ',',
      range: { start: fooled, end: text.length },
    });
    assert.equal(second.summary.startConsistent, false); // `3,z"` has a quote inside an unquoted field
    const right = await readAll(path, {
      columnNames: ['a', 'b'],
      delimiter: ',',
      range: { start: first.summary.stopOffset, end: text.length },
    });
    assert.equal(right.summary.startConsistent, true);
    assert.deepEqual(right.rows, [['4', 'w']]);
  });

  test('a range ending mid-record finishes that record; one starting at its end reads nothing twice', async () => {
    const text = 'a,b\n1,2\n3,"long\nvalue"\n5,6\n';
    const path = tmp.file('finish.csv', text);
    const r = await readAll(path, {
      columnNames: ['a', 'b'],
      delimiter: ',',
      range: { start: 4, end: text.indexOf('long'), firstLine: 2 },
    });
    assert.deepEqual(r.rows, [
      ['1', '2'],
      ['3', 'long\nvalue'],
    ]);
    assert.deepEqual(r.lines, [2, 3]);
    assert.equal(r.summary.stopOffset, text.indexOf('5,6'));
    assert.equal(r.summary.stopLine, 5);
    assert.equal(r.summary.linesConsumed, 3);
    const empty = await readAll(path, { columnNames: ['a', 'b'], delimiter: ',', range: { start: 8, end: 8 } });
    assert.equal(empty.rows.length, 0);
    assert.equal(empty.summary.stopOffset, 8);
  });

  test('without column names or delimiter, a range reads the header to learn them', async () => {
    const text = 'x;y\n1;2\n3;4\n';
    const r = await readAll(tmp.file('learn.csv', text), {
      range: { start: text.indexOf('3;4'), end: text.length, firstLine: 3 },
    });
    assert.deepEqual(r.columns, ['x', 'y']);
    assert.deepEqual(r.rows, [['3', '4']]);
    assert.deepEqual(r.lines, [3]);
  });

  test('a range from byte 0 skips a byte order mark', async () => {
    const r = await readAll(tmp.file('bomrange.csv', '\ufeff1,2\n'), {
      columnNames: ['a', 'b'],
      delimiter: ',',
      range: { start: 0, end: 4 },
    });
    assert.deepEqual(r.rows, [['1', '2']]);
  });
});

describe('planCsvRanges', () => {
  test('contiguous ranges from the header end to the file end, split just after line breaks', async () => {
    const rows = Array.from({ length: 1000 }, (_, k) => `${k},${'v'.repeat(k % 37)}`);
    const text = 'a,b\n' + rows.join('\n') + '\n';
    const path = tmp.file('plan.csv', text);
    const bytes = Buffer.from(text);
    for (const n of [1, 2, 3, 4, 7]) {
      const ranges = await planCsvRanges(path, n, 4);
      assert.equal(ranges.length, n);
      assert.equal(ranges[0].start, 4);
      assert.equal(ranges[ranges.length - 1].end, bytes.length);
      for (let k = 1; k < ranges.length; k++) {
        assert.equal(ranges[k].start, ranges[k - 1].end);
        assert.equal(bytes[ranges[k].start - 1], 0x0a);
        assert.ok(ranges[k].start > ranges[k - 1].start);
      }
      // Roughly equal parts.
      for (const r of ranges) assert.ok(Math.abs(r.end - r.start - (bytes.length - 4) / n) < 60);
    }
  });

  test('small files and files without line breaks give fewer ranges; no data gives none', async () => {
    assert.deepEqual(await planCsvRanges(tmp.file('one.csv', 'a\n1'), 4, 2), [{ start: 2, end: 3 }]);
    const noBreaks = tmp.file('nob.csv', 'a\n' + 'x'.repeat(200000));
    assert.deepEqual(await planCsvRanges(noBreaks, 3, 2), [{ start: 2, end: 200002 }]);
    assert.deepEqual(await planCsvRanges(tmp.file('hdr.csv', 'a,b\n'), 4, 4), []);
    const text = 'h\n1\n2\n3\n';
    const ranges = await planCsvRanges(tmp.file('tiny.csv', text), 10, 2);
    assert.deepEqual(ranges.map((r) => text.slice(r.start, r.end)).join(''), '1\n2\n3\n');
  });
});
