import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ChunkedBinary } from '../../../src/core/proto/chunkedBinary.js';
import { SpillFile } from '../../../src/core/proto/spillFile.js';

const dir = mkdtempSync(join(tmpdir(), 'facetwise-spill-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('SpillFile', () => {
  test('gives back what was appended, in order, across 1 MiB pieces; leaves no file behind', () => {
    const spill = SpillFile.create(dir);
    const parts = [new Uint8Array(10).fill(1), Uint8Array.from({ length: 1_500_000 }, (_, k) => k % 253), new Uint8Array(0), new Uint8Array(3).fill(9)];
    for (const p of parts) spill.append(p);
    assert.equal(spill.byteLength, 1_500_013);
    const back = Buffer.concat(Array.from(spill.pieces(), (p) => Buffer.from(p)));
    assert.ok(back.equals(Buffer.concat(parts.map((p) => Buffer.from(p)))));
    // Read twice: the same bytes (pieces reuse one buffer, so each is copied above before the next).
    assert.equal(Buffer.concat(Array.from(spill.pieces(), (p) => Buffer.from(p))).length, 1_500_013);
    if (process.platform !== 'win32') assert.deepEqual(readdirSync(dir), [], 'unlinked while open');
    spill.dispose();
    spill.dispose();
    assert.deepEqual(readdirSync(dir), []);
    assert.throws(() => spill.append(new Uint8Array(1)), /disposed/);
  });

  test('a ChunkedBinary with a spill writes its full chunks there and holds only the last one', () => {
    const spill = SpillFile.create(dir);
    const held = new ChunkedBinary();
    const spilled = new ChunkedBinary(spill);
    for (let k = 0; k < 3000; k++) {
      const piece = Uint8Array.from({ length: 500 + (k % 700) }, (_, i) => (i * k) % 256);
      held.appendField(3, piece);
      spilled.appendField(3, piece);
    }
    // One piece larger than a chunk.
    const big = new Uint8Array(3 << 20).fill(7);
    held.append(big);
    spilled.append(big);
    assert.equal(spilled.byteLength, held.byteLength);
    const heldBytes = Buffer.concat(held.chunks());
    const tail = spilled.chunks();
    assert.ok(tail.reduce((n, c) => n + c.length, 0) <= 3 << 20);
    const spilledBytes = Buffer.concat([...Array.from(spill.pieces(), (p) => Buffer.from(p)), ...tail]);
    assert.ok(spilledBytes.equals(heldBytes));
    spill.dispose();
    assert.equal(existsSync(dir), true);
  });
});
