import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ChunkedFileReader, SPARE_BYTES } from '../../../src/core/io/fileChunks.js';
import type { ChunkedReadOptions, FileChunk } from '../../../src/core/io/fileChunks.js';

const dir = mkdtempSync(join(tmpdir(), 'facetwise-chunks-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const content = Buffer.from(Array.from({ length: 5000 }, (_, k) => (k * 7919) % 251));
const path = join(dir, 'data.bin');
writeFileSync(path, content);

/** Reads the file keeping `keep(chunk)` trailing bytes of each chunk; returns what each chunk held. */
async function readKeeping(options: ChunkedReadOptions, keep: (chunk: FileChunk) => number): Promise<FileChunk[]> {
  const reader = await ChunkedFileReader.open(path, options);
  const chunks: FileChunk[] = [];
  try {
    let chunk = await reader.next();
    while (chunk) {
      chunks.push(chunk);
      const kept = chunk.eof ? 0 : Math.min(keep(chunk), chunk.end - chunk.begin);
      chunk = await reader.next(chunk.buffer.subarray(chunk.end - kept, chunk.end));
    }
  } finally {
    await reader.close();
  }
  return chunks;
}

describe('ChunkedFileReader', () => {
  test('chunks tile the file from `start`, carried bytes first, each with spare bytes after it', async () => {
    for (const headroom of [0, 3, 64]) {
      for (const keepBytes of [0, 1, 5, 40]) {
        const chunks = await readKeeping({ start: 10, chunkSize: 97, headroom }, () => keepBytes);
        let expectOffset = 10;
        for (const c of chunks) {
          assert.equal(c.fileOffset, expectOffset);
          assert.deepEqual(
            Buffer.from(c.buffer.subarray(c.begin, c.end)),
            content.subarray(c.fileOffset, c.fileOffset + c.end - c.begin),
          );
          assert.ok(c.buffer.length >= c.end + SPARE_BYTES);
          assert.equal(c.buffer.byteOffset % 4, 0);
          const kept = c.eof ? 0 : Math.min(keepBytes, c.end - c.begin);
          expectOffset = c.fileOffset + (c.end - c.begin) - kept;
        }
        const last = chunks[chunks.length - 1];
        assert.equal(last.eof, true);
        assert.equal(last.fileOffset + last.end - last.begin, content.length);
      }
    }
  });

  test('chunks stay intact after later reads (fresh buffers)', async () => {
    const chunks = await readKeeping({ chunkSize: 256 }, () => 10);
    for (const c of chunks)
      assert.deepEqual(
        Buffer.from(c.buffer.subarray(c.begin, c.end)),
        content.subarray(c.fileOffset, c.fileOffset + c.end - c.begin),
      );
  });

  test('recycle: chunks read into two buffers in turn, each chunk right when it is handed out', async () => {
    for (const keepBytes of [0, 7, 300]) {
      const reader = await ChunkedFileReader.open(path, { chunkSize: 97, headroom: 16, recycle: true });
      const buffers = new Set<ArrayBufferLike>();
      let covered = 0;
      try {
        let chunk = await reader.next();
        while (chunk) {
          buffers.add(chunk.buffer.buffer);
          assert.deepEqual(Buffer.from(chunk.buffer.subarray(chunk.begin, chunk.end)), content.subarray(chunk.fileOffset, chunk.fileOffset + chunk.end - chunk.begin));
          covered = chunk.fileOffset + chunk.end - chunk.begin;
          const kept = chunk.eof ? 0 : Math.min(keepBytes, chunk.end - chunk.begin);
          chunk = await reader.next(chunk.buffer.subarray(chunk.end - kept, chunk.end));
        }
      } finally {
        await reader.close();
      }
      assert.equal(covered, content.length);
      // A carry longer than the headroom needs a buffer of its own; otherwise two buffers take turns.
      if (keepBytes <= 16) assert.ok(buffers.size <= 2, `${buffers.size} buffers with ${keepBytes} bytes carried`);
    }
  });

  test('small reads past softEnd; reads grow when a whole chunk is carried', async () => {
    const sizes: number[] = [];
    await readKeeping({ chunkSize: 1000, softEnd: 1500, tailChunkSize: 100 }, (c) => {
      sizes.push(c.end - c.begin);
      return 0;
    });
    assert.deepEqual(sizes.slice(0, 4), [1000, 500, 100, 100]);
    // Keeping everything (one endless record): each chunk holds all bytes so far, and reads grow.
    const all = await readKeeping({ chunkSize: 50 }, (c) => c.end - c.begin);
    assert.equal(all[all.length - 1].end - all[all.length - 1].begin, content.length);
    assert.ok(all.length < 20);
  });

  test('empty file and a start past the end give no chunk', async () => {
    const empty = join(dir, 'empty.bin');
    writeFileSync(empty, '');
    const reader = await ChunkedFileReader.open(empty);
    assert.equal(await reader.next(), undefined);
    await reader.close();
    const past = await ChunkedFileReader.open(path, { start: 99999 });
    assert.equal(await past.next(), undefined);
    await past.close();
  });
});
