/**
 * CSV reader throughput against a peer measured in the same run: newline counting with Buffer.indexOf over the
 * same file, read the same way (FileHandle.read into 8 MiB buffers). The reader does strictly more work, so the
 * ratio says how close the tokenizer gets to memchr speed.
 *
 *   npx tsx bench/csvTokenizer.ts [sizeMB=200] [rounds=3]
 *
 * A plain JS loop counting commas over the same reads is printed too, as the ceiling of byte-at-a-time JS here.
 *
 * Generates (once, cached in the OS temp dir) a 20-column CSV: integers, floats, quoted strings with commas and
 * doubled quotes, some empty cells. Prints MB/s per round and the best of each.
 */
import { mkdirSync, statSync, openSync, writeSync, closeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv } from '../src/core/io/csv/csvReader.js';

const WORDS = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'Chicago',
  'Taxi Affiliation Services',
  'Cash',
  'Credit Card',
  'Zürich',
  'naïve',
];

function generate(path: string, targetBytes: number): void {
  let seed = 12345;
  const rand = (): number => {
    // xorshift32: reproducible data without a dependency
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const header = Array.from({ length: 20 }, (_, k) => `col${k}`).join(',') + '\n';
  const fd = openSync(path, 'w');
  writeSync(fd, header);
  let written = header.length;
  while (written < targetBytes) {
    const lines: string[] = [];
    for (let r = 0; r < 20000; r++) {
      const cells: string[] = [];
      for (let c = 0; c < 20; c++) {
        const p = rand();
        if (p < 0.05)
          cells.push(''); // missing
        else if (c < 8) cells.push(String(Math.floor(rand() * 100000)));
        else if (c < 14) cells.push((rand() * 1000 - 500).toFixed(4));
        else if (c < 17) cells.push(WORDS[Math.floor(rand() * WORDS.length)].replace(/ /g, '_'));
        else if (c === 17)
          cells.push(`"${WORDS[Math.floor(rand() * WORDS.length)]}, ${WORDS[Math.floor(rand() * WORDS.length)]}"`);
        else if (c === 18)
          cells.push(p < 0.2 ? '"she said ""hi"", then left"' : `"${WORDS[Math.floor(rand() * WORDS.length)]}"`);
        else cells.push(String(1_400_000_000 + Math.floor(rand() * 1e8)));
      }
      lines.push(cells.join(','));
    }
    const block = Buffer.from(lines.join('\n') + '\n');
    writeSync(fd, block);
    written += block.length;
  }
  closeSync(fd);
}

async function countNewlines(path: string): Promise<number> {
  const handle = await open(path, 'r');
  const buffer = Buffer.allocUnsafe(8 * 1024 * 1024);
  let lines = 0;
  let position = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const view = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
      for (let i = view.indexOf(10); i >= 0; i = view.indexOf(10, i + 1)) lines++;
    }
  } finally {
    await handle.close();
  }
  return lines;
}

/** A second yardstick: the simplest JS byte loop (count one byte value) over the same reads, no tokenizing at all. */
async function countCommasInJs(path: string): Promise<number> {
  const handle = await open(path, 'r');
  const buffer = new Uint8Array(8 * 1024 * 1024);
  let commas = 0;
  let position = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      for (let i = 0; i < bytesRead; i++) if (buffer[i] === 44) commas++;
    }
  } finally {
    await handle.close();
  }
  return commas;
}

async function readAll(path: string): Promise<{ rows: number; cells: number }> {
  let rows = 0;
  let cells = 0;
  for await (const batch of readCsv(path, { delimiter: ',' })) {
    rows += batch.rowCount;
    // Touch one column so the batch is really consumed.
    const column = batch.columns[0];
    if (column.kind === 'text') for (let r = 0; r < batch.rowCount; r++) if (column.ends[r] > column.starts[r]) cells++;
  }
  return { rows, cells };
}

interface Timing {
  readonly wall: number;
  /** CPU seconds of the whole process (all threads, so file reads on libuv's pool count too). */
  readonly cpu: number;
}

async function time<T>(fn: () => Promise<T>): Promise<[Timing, T]> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return [{ wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (c.user + c.system) / 1e6 }, value];
}

async function main(): Promise<void> {
  const sizeMb = Number(process.argv[2] ?? 200);
  const rounds = Number(process.argv[3] ?? 3);
  const dir = join(tmpdir(), 'facetwise-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `csv-${sizeMb}mb.csv`);
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    size = 0;
  }
  if (size < sizeMb * 1e6) {
    console.log(`generating ${path} …`);
    generate(path, sizeMb * 1e6);
    size = statSync(path).size;
  }
  const mb = size / 1e6;
  console.log(`file: ${path} (${mb.toFixed(1)} MB)`);
  // Wall time suffers when other processes share the cores; CPU time (per MB) much less. Both are printed.
  const best = { peerWall: 0, peerCpu: 0, readerWall: 0, readerCpu: 0, loopCpu: 0 };
  const rate = (seconds: number): string => `${(mb / seconds).toFixed(0)} MB/s`;
  for (let round = 1; round <= rounds; round++) {
    const [peer, lines] = await time(() => countNewlines(path));
    const [reader, { rows }] = await time(() => readAll(path));
    const [loop] = await time(() => countCommasInJs(path));
    best.loopCpu = Math.max(best.loopCpu, mb / loop.cpu);
    if (rows !== lines - 1) throw new Error(`reader saw ${rows} rows, the file has ${lines - 1} data lines`);
    best.peerWall = Math.max(best.peerWall, mb / peer.wall);
    best.peerCpu = Math.max(best.peerCpu, mb / peer.cpu);
    best.readerWall = Math.max(best.readerWall, mb / reader.wall);
    best.readerCpu = Math.max(best.readerCpu, mb / reader.cpu);
    console.log(
      `round ${round}: Buffer.indexOf newline count ${rate(peer.wall)} wall, ${rate(peer.cpu)} cpu · ` +
        `readCsv ${rate(reader.wall)} wall, ${rate(reader.cpu)} cpu (${rows} rows) · JS byte loop ${rate(loop.cpu)} cpu`,
    );
  }
  const f = (x: number): string => x.toFixed(0);
  console.log(
    `best: peer ${f(best.peerWall)} MB/s wall / ${f(best.peerCpu)} MB/s cpu · readCsv ${f(best.readerWall)} MB/s wall / ` +
      `${f(best.readerCpu)} MB/s cpu · ratio (cpu) ${(best.readerCpu / best.peerCpu).toFixed(2)}; ` +
      `readCsv / plain JS byte loop ${(best.readerCpu / best.loopCpu).toFixed(2)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
