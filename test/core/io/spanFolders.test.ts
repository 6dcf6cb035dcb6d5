/** Span folders: span-N / Span-N / span_N in numeric order, a statistics-only span as its file, clear refusals. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { listSpanFolders } from '../../../src/core/io/spanFolders.js';

describe('listSpanFolders', () => {
  const root = mkdtempSync(join(tmpdir(), 'facetwise-spans-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists span folders in numeric order, TFX’s Span-N too, ignoring other entries', async () => {
    const dir = join(root, 'a');
    for (const name of ['span-10', 'Span-2', 'span_1', 'notes', 'split-train']) mkdirSync(join(dir, name), { recursive: true });
    for (const name of ['span-10', 'Span-2', 'span_1']) writeFileSync(join(dir, name, 'data.csv'), 'x\n1\n');
    writeFileSync(join(dir, 'span-3'), 'a file, not a span');
    const spans = await listSpanFolders(dir);
    assert.deepEqual(spans.map((s) => [s.name, s.span, s.path]), [
      ['span_1', 1, join(dir, 'span_1')],
      ['Span-2', 2, join(dir, 'Span-2')],
      ['span-10', 10, join(dir, 'span-10')],
    ]);
  });

  it('takes a span folder holding only a statistics file as that file', async () => {
    const dir = join(root, 'b');
    mkdirSync(join(dir, 'Span-1'), { recursive: true });
    mkdirSync(join(dir, 'Span-2'), { recursive: true });
    writeFileSync(join(dir, 'Span-1', 'FeatureStats.pb'), '');
    writeFileSync(join(dir, 'Span-2', 'part-0.csv'), 'x\n1\n');
    writeFileSync(join(dir, 'Span-2', 'FeatureStats.pb'), '');
    const spans = await listSpanFolders(dir);
    assert.deepEqual(spans.map((s) => s.path), [join(dir, 'Span-1', 'FeatureStats.pb'), join(dir, 'Span-2')]);
  });

  it('refuses a folder without spans, a missing folder, and two folders of one span', async () => {
    const dir = join(root, 'c');
    mkdirSync(join(dir, 'data'), { recursive: true });
    await assert.rejects(listSpanFolders(dir), (e: Error & { code?: string }) => e.code === 'SPANS_NOT_FOUND' && /span-1, span-2/.test(e.message) && e.message.startsWith(dir));
    await assert.rejects(listSpanFolders(join(root, 'nope')), (e: Error & { code?: string }) => e.code === 'INPUT_NOT_FOUND');
    mkdirSync(join(dir, 'span-1'));
    mkdirSync(join(dir, 'Span-01'));
    await assert.rejects(listSpanFolders(dir), /Two folders name span 1/);
  });
});
