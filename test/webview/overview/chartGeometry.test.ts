import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_RANK_BAR_WIDTH,
  barHeight,
  barsPath,
  hitBar,
  hitTick,
  histogramBars,
  quantileMarks,
  rankBars,
} from '../../../webview/overview/chartGeometry.js';

const size = { width: 100, height: 20 };
const buckets = [
  { low: 0, high: 1, count: 1 },
  { low: 1, high: 2, count: 2 },
  { low: 2, high: 3, count: 4 },
  { low: 3, high: 4, count: 0 },
];

test('histogram bars: equal slots, heights proportional to counts, TFDV bucket bounds in the tooltip', () => {
  const bars = histogramBars(buckets, size, false);
  assert.deepEqual(
    bars.map((b) => [b.x, b.width, b.height, b.y]),
    [
      [0, 24, 5, 15],
      [25, 24, 10, 10],
      [50, 24, 20, 0],
      [75, 24, 0, 20],
    ],
  );
  assert.equal(bars[0].title, '[0, 1]: 1');
  assert.equal(bars[1].title, '(1, 2]: 2');
});

test('log scale uses log(1 + count); a non-zero count is at least a pixel', () => {
  const bars = histogramBars(buckets, size, true);
  assert.ok(Math.abs(bars[0].height - (Math.log(2) / Math.log(5)) * 20) < 0.01);
  assert.equal(barHeight(1, 1e6, 20, false), 1);
  assert.equal(barHeight(0, 10, 20, false), 0);
  assert.equal(barHeight(5, 0, 20, false), 0);
});

test('bars as one path: one closed rectangle per non-empty bar', () => {
  const d = barsPath(histogramBars(buckets, size, false));
  assert.equal((d.match(/M/g) ?? []).length, 3);
  assert.ok(d.startsWith('M0 15h24v5h-24z'));
});

test('quantile ticks span the value axis; the hover finds the nearest', () => {
  const q = Array.from({ length: 10 }, (_, i) => ({ low: i * i, high: (i + 1) * (i + 1), count: 5 }));
  const marks = quantileMarks(q, size);
  assert.ok(marks);
  assert.equal(marks.ticks.length, 11);
  assert.equal(marks.ticks[0].x, 2);
  assert.equal(marks.ticks[10].x, 98);
  assert.equal(marks.ticks[5].quantile, 0.5);
  assert.equal(marks.ticks[5].title, '50% of values \u2264 25');
  assert.equal(hitTick(marks.ticks, marks.ticks[5].x + 1)?.quantile, 0.5);
  assert.equal(hitTick(marks.ticks, 60, 1), undefined);

  const constant = quantileMarks([{ low: 3, high: 3, count: 10 }], size);
  assert.deepEqual(constant?.ticks.map((t) => t.x), [50, 50]);
  assert.equal(quantileMarks([], size), undefined);
});

test('rank bars: most frequent first, narrow when few, value text and share in the tooltip', () => {
  const ranks = [
    { label: '<b>bold</b>', count: 60 },
    { label: '', count: 30 },
  ];
  const bars = rankBars(ranks, 100, size, false);
  assert.equal(bars.length, 2);
  assert.ok(bars[0].width <= MAX_RANK_BAR_WIDTH);
  assert.equal(bars[0].height, 20);
  assert.equal(bars[1].height, 10);
  assert.equal(bars[0].title, '<b>bold</b>: 60 (60%)');
  assert.equal(bars[1].title, '(empty string): 30 (30%)');
  assert.equal(hitBar(bars, 1)?.title, bars[0].title);
  assert.equal(hitBar(bars, bars[1].x + 1)?.title, bars[1].title);
  assert.equal(hitBar(bars, 99), undefined);
  assert.equal(rankBars(Array.from({ length: 30 }, (_, i) => ({ label: String(i), count: 30 - i })), 0, size, false).length, 20);
});
