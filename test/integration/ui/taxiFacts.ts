// What the UI tests expect, computed from the workspace's own copies of the taxi data with plain string and byte
// handling — never with Facetwise's code — so a test fails when the product shows something else.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { TAXI_WORKSPACE } from '../harness/sampleWorkspace.js';

export interface CsvFile {
  /** The file's lines without line ends (the last, empty one dropped). */
  lines: string[];
  header: string[];
  /** Data rows, split on commas (the taxi files quote nothing; readCsv checks). */
  rows: string[][];
}

export function readCsv(path: string): CsvFile {
  const text = readFileSync(path, 'utf8');
  if (text.includes('"')) throw new Error(`${path} quotes fields; readCsv only splits on commas`);
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const [head = '', ...rest] = lines;
  return { lines, header: head.split(','), rows: rest.map((l) => l.split(',')) };
}

/** The 1-based column where cell `index` of a comma-separated line starts, as VS Code counts (`Col`). */
export function cellColumn(line: string, index: number): number {
  const cells = line.split(',');
  if (index < 0 || index >= cells.length) throw new Error(`no cell ${index} in ${line}`);
  return cells.slice(0, index).join(',').length + (index > 0 ? 1 : 0) + 1;
}

/** `[Ln 1, Col 217]` as the Problems pane writes a position (both 1-based). */
export function problemsPosition(line: number, column: number): string {
  return `[Ln ${line}, Col ${column}]`;
}

/** A count as the overview writes it (en-US grouping: 5,000). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** The number of records in a (GZIP) TFRecord file, read from its framing: u64 length, u32 CRC, data, u32 CRC. */
export function countTfRecords(path: string): number {
  const raw = readFileSync(path);
  const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
  let count = 0;
  let offset = 0;
  while (offset < bytes.length) {
    const length = Number(bytes.readBigUInt64LE(offset));
    offset += 8 + 4 + length + 4;
    if (offset > bytes.length) throw new Error(`${path}: record ${count} runs past the end`);
    count += 1;
  }
  return count;
}

/** The taxi lab's story in the workspace: eval.csv against the schema inferred from train.csv. */
export interface TaxiFacts {
  evalCsv: CsvFile;
  trainCsv: CsvFile;
  /** Values of `column` in eval.csv that train.csv never has, with the data rows (0-based) holding them. */
  unexpected(column: string): Map<string, number[]>;
  /** 1-based column of `column`'s header cell in eval.csv. */
  headerColumn(column: string): number;
}

export function taxiFacts(workspaceFolder: string): TaxiFacts {
  const evalCsv = readCsv(join(workspaceFolder, TAXI_WORKSPACE.eval));
  const trainCsv = readCsv(join(workspaceFolder, TAXI_WORKSPACE.train));
  const indexOf = (csv: CsvFile, column: string): number => {
    const i = csv.header.indexOf(column);
    if (i < 0) throw new Error(`no column ${column}`);
    return i;
  };
  return {
    evalCsv,
    trainCsv,
    unexpected(column) {
      const known = new Set(trainCsv.rows.map((r) => r[indexOf(trainCsv, column)] ?? ''));
      const out = new Map<string, number[]>();
      const i = indexOf(evalCsv, column);
      evalCsv.rows.forEach((r, row) => {
        const v = r[i] ?? '';
        if (v !== '' && !known.has(v)) out.set(v, [...(out.get(v) ?? []), row]);
      });
      return out;
    },
    headerColumn: (column) => cellColumn(evalCsv.lines[0] ?? '', indexOf(evalCsv, column)),
  };
}
