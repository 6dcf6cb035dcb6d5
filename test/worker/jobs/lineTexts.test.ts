import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { readLineTexts } from '../../../src/worker/jobs/lineTexts.js';

const root = mkdtempSync(join(tmpdir(), 'facetwise-lines-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('readLineTexts', () => {
  test('returns the wanted lines, without line breaks or BOM, across chunk boundaries', async () => {
    const lines = Array.from({ length: 30000 }, (_, i) => `${i + 1},value ${i + 1},é${'x'.repeat(i % 90)}`);
    const file = join(root, 'a.csv');
    writeFileSync(file, '\uFEFF' + lines.join('\r\n') + '\r\n');
    const wanted = [1, 2, 17_000, 29_999, 30_000, 30_001];
    const got = await readLineTexts(file, wanted);
    assert.equal(got.get(1), lines[0]);
    assert.equal(got.get(2), lines[1]);
    assert.equal(got.get(17_000), lines[16_999]);
    assert.equal(got.get(30_000), lines[29_999]);
    // The line after the final line break is empty; beyond it nothing.
    assert.equal(got.get(30_001), '');
    assert.equal(got.has(30_002), false);
  });

  test('a last line without a line break, and nothing wanted', async () => {
    const file = join(root, 'b.csv');
    writeFileSync(file, 'a\nb');
    assert.deepEqual([...(await readLineTexts(file, [2]))], [[2, 'b']]);
    assert.equal((await readLineTexts(file, [])).size, 0);
  });

  test('stops when aborted', async () => {
    const file = join(root, 'c.csv');
    writeFileSync(file, 'x\n'.repeat(1000));
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(readLineTexts(file, [999], controller.signal), (e: Error) => e.name === 'AbortError');
  });
});
