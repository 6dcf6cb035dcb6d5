/**
 * TEST HELPER, not a CSV reader: splits files with no quoted fields (the taxi CSVs have none — checked in
 * naiveCsv.test.ts) into RowBatches of text columns pointing into the file's bytes, the shape the real CSV
 * reader produces. Stands in for src/core/io/dataset.ts until that lands.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RowBatch, TextColumn } from '../../../src/core/data/rowBatch.js';

export const repoRoot = path.resolve(__dirname, '../../..');
export const taxiDir = path.resolve(repoRoot, '../shared/data/taxi');
export const taxiTrain = path.join(taxiDir, 'train.csv');
export const taxiEval = path.join(taxiDir, 'eval.csv');
export const taxiServing = path.join(taxiDir, 'serving.csv');

export interface NaiveCsv {
  readonly header: readonly string[];
  readonly batches: readonly RowBatch[];
  readonly rowCount: number;
}

/** Splits on `,` and `\n` (dropping `\r`); throws on a quote, so a file it cannot handle is never misread. */
export function readNaiveCsv(file: string, batchRows = 4096): NaiveCsv {
  const data = new Uint8Array(readFileSync(file));
  if (data.includes(0x22)) throw new Error(`${file} has quoted fields; the naive test splitter cannot read it`);
  const lines: [number, number][] = [];
  let start = 0;
  for (let i = 0; i <= data.length; i++) {
    if (i === data.length || data[i] === 10) {
      let end = i;
      if (end > start && data[end - 1] === 13) end--;
      if (end > start || i < data.length) lines.push([start, end]);
      start = i + 1;
    }
  }
  while (lines.length > 0 && lines[lines.length - 1]![0] === lines[lines.length - 1]![1]) lines.pop();
  const [h0, h1] = lines[0]!;
  const header = new TextDecoder().decode(data.subarray(h0, h1)).split(',');
  const batches: RowBatch[] = [];
  for (let first = 1; first < lines.length; first += batchRows) {
    const rows = Math.min(batchRows, lines.length - first);
    const starts = header.map(() => new Int32Array(rows));
    const ends = header.map(() => new Int32Array(rows));
    const positions = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const [s, e] = lines[first + r]!;
      positions[r] = first + r + 1; // 1-based line; the header is line 1
      let c = 0;
      let cellStart = s;
      for (let i = s; i <= e; i++) {
        if (i === e || data[i] === 44) {
          if (c < header.length) {
            starts[c]![r] = cellStart;
            ends[c]![r] = i;
          }
          c++;
          cellStart = i + 1;
        }
      }
      if (c !== header.length) throw new Error(`${file}:${first + r + 1}: ${c} cells, header has ${header.length}`);
    }
    const columns: TextColumn[] = header.map((name, k) => ({ kind: 'text', name, data, starts: starts[k]!, ends: ends[k]! }));
    batches.push({ source: file, shardIndex: 0, rowCount: rows, positionKind: 'line', positions, columns });
  }
  return { header, batches, rowCount: lines.length - 1 };
}

/** Rows as records of strings ('' for empty cells), for reference computations written independently. */
export function readCsvRecords(file: string): Record<string, string>[] {
  const text = readFileSync(file, 'utf8');
  const [head, ...rows] = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = head!.split(',');
  return rows.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** A RowSource over in-memory batches. */
export function sourceOf(batches: readonly RowBatch[]): () => AsyncIterable<RowBatch> {
  return async function* () {
    for (const b of batches) yield b;
  };
}
