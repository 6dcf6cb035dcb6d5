/** Generated CSV files whose record starts are known, for the row index and resync tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GeneratedCsv {
  readonly path: string;
  readonly bytes: Buffer;
  /** Byte offset of each data record. */
  readonly recordStarts: number[];
  /** 1-based line of each data record. */
  readonly recordLines: number[];
  /** Cell values of each data record (null: empty cell). */
  readonly values: Array<Array<string | null>>;
  readonly dataStart: number;
}

export function tempFolder(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'fw-rowindex-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function quoteCell(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * Writes `header` and `records` (cells as given; a cell is quoted when `quote(value)` says so or it needs to be),
 * with `eol` line ends and an optional BOM, and returns where every record starts.
 */
export function writeCsv(
  path: string,
  header: readonly string[],
  records: ReadonlyArray<ReadonlyArray<string | null>>,
  options: { eol?: string; bom?: boolean; quoteAll?: boolean } = {},
): GeneratedCsv {
  const eol = options.eol ?? '\n';
  const parts: Buffer[] = [];
  let at = 0;
  let line = 1;
  const push = (s: string): void => {
    const b = Buffer.from(s);
    parts.push(b);
    at += b.length;
    line += (s.match(/\n/g) ?? []).length;
  };
  if (options.bom) push('\ufeff');
  push(header.join(',') + eol);
  const dataStart = at;
  const recordStarts: number[] = [];
  const recordLines: number[] = [];
  for (const record of records) {
    recordStarts.push(at);
    recordLines.push(line);
    push(
      record
        .map((v) => (v === null ? '' : options.quoteAll || /[",\r\n]/.test(v) ? quoteCell(v) : v))
        .join(',') + eol,
    );
  }
  const bytes = Buffer.concat(parts);
  writeFileSync(path, bytes);
  return { path, bytes, recordStarts, recordLines, values: records.map((r) => [...r]), dataStart };
}

/** A small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first record start at or after `offset` (the file's size when none). */
export function expectedNext(csv: GeneratedCsv, offset: number): number {
  for (const s of csv.recordStarts) if (s >= offset) return s;
  return csv.bytes.length;
}
