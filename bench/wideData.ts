/**
 * The wide benchmark's inputs, generated once into .bench-data/ (ignored by git) and reused while the file is
 * there whole: CSVs of `columns` numeric columns (ints 0–999 and one-decimal floats, alternating; ~4 bytes a cell,
 * as the 39 MB for 10,000 × 1,000), and a TFRecord of tf.train.Examples over `columns` sparse features, each
 * example carrying `perExample` of them (ints and floats), with the same rows as a CSV (empty cells where an
 * example lacks a feature) for the peer, which reads no TFRecord.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { encodeExample } from '../src/core/io/tfrecord/exampleEncoder.js';
import type { ExampleFeatureValue } from '../src/core/io/tfrecord/exampleEncoder.js';
import { writeTfRecords } from '../src/core/io/tfrecord/recordWriter.js';

export interface WideFile {
  readonly path: string;
  readonly bytes: number;
  readonly cached: boolean;
}

/** xorshift32: the same seed always gives the same file. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function cell(column: number, r: number): string {
  const v = Math.floor(r * 10000);
  return column % 2 === 0 ? String(v % 1000) : `${Math.floor(v / 10)}.${v % 10}`;
}

async function writeLines(path: string, lines: () => Generator<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines()) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

function done(path: string, cached: boolean): WideFile {
  return { path, bytes: statSync(path).size, cached };
}

export async function ensureWideCsv(dataDir: string, columns: number, rows: number): Promise<WideFile> {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, `wide-${columns}x${rows}.csv`);
  if (existsSync(path)) return done(path, true);
  const rnd = random(columns * 7919 + rows);
  const partial = `${path}.partial`;
  await writeLines(partial, function* () {
    yield Array.from({ length: columns }, (_, c) => `f${c}`).join(',') + '\n';
    for (let r = 0; r < rows; r++) {
      const cells = new Array<string>(columns);
      for (let c = 0; c < columns; c++) cells[c] = cell(c, rnd());
      yield cells.join(',') + '\n';
    }
  });
  renameSync(partial, path);
  return done(path, false);
}

/** The sparse dataset twice: `.tfrecord` for Facetwise, `.csv` (the same rows) for the peer. */
export async function ensureSparseTfRecord(dataDir: string, columns: number, rows: number, perExample: number): Promise<{ tfrecord: WideFile; csv: WideFile }> {
  mkdirSync(dataDir, { recursive: true });
  const base = join(dataDir, `sparse-${columns}x${rows}-${perExample}`);
  const tfPath = `${base}.tfrecord`;
  const csvPath = `${base}.csv`;
  if (existsSync(tfPath) && existsSync(csvPath)) return { tfrecord: done(tfPath, true), csv: done(csvPath, true) };
  const examples = (): Array<Map<number, number>> => {
    const rnd = random(columns * 31 + rows * 17 + perExample);
    const out: Array<Map<number, number>> = [];
    for (let r = 0; r < rows; r++) {
      const row = new Map<number, number>();
      while (row.size < perExample) row.set(Math.floor(rnd() * columns), rnd());
      out.push(new Map([...row].sort((a, b) => a[0] - b[0])));
    }
    return out;
  };
  const rowsOf = examples();
  const value = (c: number, r: number): ExampleFeatureValue =>
    c % 2 === 0 ? { kind: 'int', values: [Math.floor(r * 10000) % 1000] } : { kind: 'float', values: [Number(cell(c, r))] };
  await writeTfRecords(
    `${tfPath}.partial`,
    (function* () {
      for (const row of rowsOf) yield encodeExample([...row].map(([c, r]) => [`f${c}`, value(c, r)] as const));
    })(),
  );
  await writeLines(`${csvPath}.partial`, function* () {
    yield Array.from({ length: columns }, (_, c) => `f${c}`).join(',') + '\n';
    for (const row of rowsOf) {
      const cells = new Array<string>(columns).fill('');
      for (const [c, r] of row) cells[c] = cell(c, r);
      yield cells.join(',') + '\n';
    }
  });
  renameSync(`${tfPath}.partial`, tfPath);
  renameSync(`${csvPath}.partial`, csvPath);
  return { tfrecord: done(tfPath, false), csv: done(csvPath, false) };
}
