// Helpers for the CSV reader tests: temp files, reading a whole file into plain rows, a tiny CSV writer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DataIssue } from '../../../../src/core/data/issues.js';
import type { RowBatch } from '../../../../src/core/data/rowBatch.js';
import { readCsv } from '../../../../src/core/io/csv/csvReader.js';
import type { CsvReadOptions, CsvReadSummary } from '../../../../src/core/io/csv/csvOptions.js';

export const repoRoot = resolve(__dirname, '../../../..');

/** A temp dir for one test file's fixtures; `cleanup` removes it. */
export function tempDir(): {
  dir: string;
  file: (name: string, content: string | Uint8Array) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'facetwise-csv-'));
  let n = 0;
  return {
    dir,
    file(name, content) {
      const path = join(dir, `${n++}-${name}`);
      writeFileSync(path, content);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ReadResult {
  readonly columns: readonly string[];
  /** Cell text, null for a missing (empty) cell. */
  readonly rows: (string | null)[][];
  /** Cell bytes (for invalid UTF-8 checks). */
  readonly rawRows: (Uint8Array | null)[][];
  readonly lines: number[];
  readonly issues: DataIssue[];
  readonly summary: CsvReadSummary;
  readonly batches: number;
}

const decoder = new TextDecoder();

/** Reads a whole file (or range), collecting every batch first and decoding afterwards (batches must stay valid). */
export async function readAll(path: string, options: CsvReadOptions = {}): Promise<ReadResult> {
  const issues: DataIssue[] = [];
  const reader = readCsv(path, { ...options, onIssue: (issue) => issues.push(issue) });
  const batches: RowBatch[] = [];
  for await (const batch of reader) batches.push(batch);
  const rows: (string | null)[][] = [];
  const rawRows: (Uint8Array | null)[][] = [];
  const lines: number[] = [];
  for (const batch of batches) {
    for (let r = 0; r < batch.rowCount; r++) {
      const row: (string | null)[] = [];
      const raw: (Uint8Array | null)[] = [];
      for (const column of batch.columns) {
        if (column.kind !== 'text') throw new Error(`unexpected column kind ${column.kind}`);
        if (column.starts[r] === column.ends[r]) {
          row.push(null);
          raw.push(null);
        } else {
          const bytes = column.data.slice(column.starts[r], column.ends[r]);
          raw.push(bytes);
          row.push(decoder.decode(bytes));
        }
      }
      rows.push(row);
      rawRows.push(raw);
      lines.push(batch.positions[r]);
    }
  }
  const summary = reader.summary;
  if (!summary) throw new Error('no summary after iteration');
  const columns = batches[0]?.columns.map((c) => c.name) ?? [...summary.columnNames];
  return { columns, rows, rawRows, lines, issues, summary, batches: batches.length };
}

export interface WriteOptions {
  readonly delimiter: string;
  readonly newline: '\n' | '\r\n';
  /** Quote every field (else only those that need it). */
  readonly quoteAll: boolean;
  readonly trailingNewline: boolean;
}

/**
 * An RFC 4180 writer simple enough to check by eye: a field is quoted when asked to or when it holds the
 * delimiter, a quote, CR or LF, and quotes inside are doubled. A lone empty field is quoted so that its line is
 * not blank.
 */
export function writeCsv(rows: readonly (readonly string[])[], options: WriteOptions): string {
  const needsQuotes = (v: string): boolean => v.includes(options.delimiter) || /["\r\n]/.test(v);
  const field = (v: string, lone: boolean): string =>
    options.quoteAll || needsQuotes(v) || (lone && v === '') ? `"${v.replace(/"/g, '""')}"` : v;
  const lines = rows.map((row) => row.map((v) => field(v, row.length === 1)).join(options.delimiter));
  return lines.join(options.newline) + (options.trailingNewline && rows.length > 0 ? options.newline : '');
}

/** Byte offset where each row of writeCsv's output starts, and its line number (quoted line breaks count). */
export function rowStartsOf(
  rows: readonly (readonly string[])[],
  options: WriteOptions,
): { offsets: number[]; lines: number[] } {
  const offsets: number[] = [];
  const lines: number[] = [];
  let offset = 0;
  let line = 1;
  for (const row of rows) {
    offsets.push(offset);
    lines.push(line);
    const text = writeCsv([row], { ...options, trailingNewline: false }) + options.newline;
    offset += Buffer.byteLength(text);
    line += text.split('\n').length - 1;
  }
  return { offsets, lines };
}
