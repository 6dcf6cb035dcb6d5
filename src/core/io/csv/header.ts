/**
 * Reads what must be known before the rows of a delimited file: that it is text, its delimiter, its column names
 * and where its data starts. The statistics driver calls this once, then reads byte ranges in parallel.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import { FacetwiseError } from '../../data/issues.js';
import type { DataIssue } from '../../data/issues.js';
import { compressionOfFile, decompressedPrefix } from '../compression/textCompression.js';
import type { TextCompression } from '../compression/textCompression.js';
import { bomLength, delimiterByte, delimiterName, quoteByte, TAB } from './csvBytes.js';
import type { CsvHeader, CsvHeaderOptions } from './csvOptions.js';
import { sniffDialect } from './dialect.js';
import type { CsvDialect } from './dialect.js';
import { splitRecord } from './recordSplitter.js';
import type { SplitRecord } from './recordSplitter.js';
import { lineColumnAt } from './textPosition.js';
import { unescapeInPlace } from './unescape.js';

const FIRST_READ = 64 * 1024;
/** A header row longer than this is not a header row. */
const MAX_HEADER_BYTES = 64 * 1024 * 1024;
/** Where NUL bytes give a binary file away. */
const TEXT_CHECK_BYTES = 1024;

/**
 * Reads the header of a CSV/TSV file (or, without one, the shape of its first record).
 * Throws FacetwiseError when the file cannot be opened (`CSV_CANNOT_OPEN`), is not text (`CSV_NOT_TEXT`), is empty
 * while a header or the column count is needed (`CSV_EMPTY_FILE`), or has an unclosed quote in the header
 * (`CSV_UNTERMINATED_QUOTE`). Empty and duplicate names are replaced (reported through onIssue).
 */
export async function readCsvHeader(path: string, options: CsvHeaderOptions = {}): Promise<CsvHeader> {
  const handle = await openForReading(path);
  try {
    const diskSize = (await handle.stat()).size;
    const compression = await compressionOfFile(path);
    // A compressed file's header is read from its decompressed prefix; offsets are then decompressed ones.
    const source: PrefixSource =
      compression === 'none'
        ? { size: diskSize, diskSize, compression, read: (length) => readAt(handle, length) }
        : { size: undefined, diskSize, compression, read: (length) => decompressedPrefix(path, compression, length) };
    return await readHeader(source, delimitedName(path), path, options);
  } finally {
    await handle.close();
  }
}

/** The first bytes of a file as the header reader sees them. */
interface PrefixSource {
  /** Bytes there are in all (decompressed), when known without reading everything. */
  readonly size: number | undefined;
  readonly diskSize: number;
  readonly compression: TextCompression;
  /** The first `length` bytes, or all of them when there are fewer. */
  read(length: number): Promise<Uint8Array>;
}

/** The name a compressed file has without its compression suffix (`x.tsv.gz` → `x.tsv`), for the default delimiter. */
function delimitedName(path: string): string {
  return path.replace(/\.(gz|gzip|zst|zstd|bz2)$/i, '');
}


export async function openForReading(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FacetwiseError('CSV_CANNOT_OPEN', `cannot open the file: ${reason}`, { file: path });
  }
}

/** Default delimiter implied by a file name: tab for `.tsv` and `.tab`. */
export function delimiterForPath(path: string): number | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.tsv' || ext === '.tab' ? TAB : undefined;
}

/** Throws CSV_NOT_TEXT when the first KiB after `start` holds a NUL byte (binary, compressed or UTF-16 data). */
export function checkLooksLikeText(bytes: Uint8Array, start: number, file: string): void {
  const end = Math.min(bytes.length, start + TEXT_CHECK_BYTES);
  for (let i = start; i < end; i++) {
    if (bytes[i] === 0) {
      const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
      const hint = gzip ? 'it is gzip-compressed' : 'binary data such as TFRecord, compressed or UTF-16 text?';
      throw new FacetwiseError(
        'CSV_NOT_TEXT',
        `does not look like a text file: it contains NUL bytes near the start (${hint}); nothing was read`,
        { file, offset: i },
      );
    }
  }
}

async function readHeader(source: PrefixSource, nameForDelimiter: string, file: string, options: CsvHeaderOptions): Promise<CsvHeader> {
  const fileSize = source.size ?? Infinity;
  let requested = Math.min(fileSize, FIRST_READ);
  let bytes = await source.read(requested);
  const bom = bomLength(bytes);
  checkLooksLikeText(bytes, bom, file);

  const quote = quoteByte(options.quote);
  const explicit = delimiterByte(options.delimiter) ?? delimiterForPath(nameForDelimiter);
  let dialect: CsvDialect | undefined;
  if (explicit === undefined) dialect = sniffDialect(bytes, { complete: bytes.length === fileSize || bytes.length < requested });
  const delimiter = explicit ?? (dialect as CsvDialect).delimiter;
  if (delimiter === quote) throw new RangeError(`the CSV delimiter and quote are both ${delimiterName(delimiter)}`);

  const hasHeaderRow = options.header ?? options.columnNames === undefined;
  const given = options.columnNames;
  if (given !== undefined && given.length === 0) throw new RangeError('columnNames must name at least one column');
  const base = { file, delimiter, quote, bom: bom > 0, fileSize: source.diskSize, compression: source.compression, dialect };
  if (!hasHeaderRow && given !== undefined) {
    return { ...base, columnNames: [...given], hasHeaderRow, dataStart: bom, firstDataLine: 1 };
  }

  // The first non-blank record: the header row, or (without one) the record that shows how many columns there are.
  let pos = bom;
  let line = 1;
  let record: SplitRecord;
  for (;;) {
    const eof = bytes.length === fileSize || bytes.length < requested; // (or the file shrank while being read)
    if (pos >= bytes.length && eof) {
      const what = hasHeaderRow ? 'there is no header row' : 'there is no record to count the columns of';
      throw new FacetwiseError('CSV_EMPTY_FILE', `the file is empty: ${what}`, { file, line, column: 1 });
    }
    record = splitRecord(bytes, pos, bytes.length, delimiter, quote, eof);
    if (!record.complete) {
      if (record.unterminatedQuoteAt !== undefined) {
        const at = lineColumnAt(bytes, pos, line, record.unterminatedQuoteAt);
        throw new FacetwiseError('CSV_UNTERMINATED_QUOTE', 'a quoted field of the first row is never closed', {
          file,
          ...at,
          offset: record.unterminatedQuoteAt,
        });
      }
      if (bytes.length >= MAX_HEADER_BYTES) {
        throw new FacetwiseError('CSV_HEADER_TOO_LONG', `the first row is longer than ${MAX_HEADER_BYTES} bytes`, {
          file,
          line,
        });
      }
      requested = Math.min(fileSize, bytes.length * 4);
      bytes = await source.read(requested);
      continue;
    }
    const only = record.fields[0];
    const blank = record.fields.length === 1 && !only.quoted && only.start === only.end;
    if (!blank) break;
    pos = record.next;
    line += record.newlines;
  }

  const firstDataLine = line + record.newlines;
  if (!hasHeaderRow) {
    const columnNames = record.fields.map((_, k) => `column_${k + 1}`);
    return { ...base, columnNames, hasHeaderRow, dataStart: bom, firstDataLine: 1 };
  }
  const columnNames =
    given !== undefined ? [...given] : headerNames(bytes, pos, line, record, quote, file, options.onIssue);
  return { ...base, columnNames, hasHeaderRow, dataStart: record.next, firstDataLine };
}

/** Decodes the header cells; names empty ones `column_N` and suffixes repeats (`name.1`, `name.2`, … as pandas does). */
function headerNames(
  bytes: Uint8Array,
  recordStart: number,
  recordLine: number,
  record: SplitRecord,
  quote: number,
  file: string,
  onIssue: ((issue: DataIssue) => void) | undefined,
): string[] {
  const decoder = new TextDecoder('utf-8');
  const raw = record.fields.map((f) => {
    const cell = bytes.slice(f.start, f.end);
    return decoder.decode(f.quoted ? cell.subarray(0, unescapeInPlace(cell, 0, cell.length, quote)) : cell);
  });
  const taken = new Set(raw.filter((n) => n !== ''));
  const seen = new Set<string>();
  const names: string[] = [];
  record.fields.forEach((field, k) => {
    const position = () => ({
      file,
      ...lineColumnAt(bytes, recordStart, recordLine, field.rawStart),
      offset: field.rawStart,
    });
    let name = raw[k];
    if (name === '') {
      name = uniqueName(`column_${k + 1}`, taken, seen);
      onIssue?.({
        code: 'CSV_EMPTY_COLUMN_NAME',
        severity: 'warning',
        message: `header field ${k + 1} is empty; the column is named ${JSON.stringify(name)}`,
        position: position(),
      });
    } else if (seen.has(name)) {
      const renamed = uniqueName(name, taken, seen);
      onIssue?.({
        code: 'CSV_DUPLICATE_COLUMN_NAME',
        severity: 'warning',
        message: `column name ${JSON.stringify(name)} appears more than once; this one is named ${JSON.stringify(renamed)}`,
        position: position(),
      });
      name = renamed;
    }
    seen.add(name);
    names.push(name);
  });
  return names;
}

function uniqueName(base: string, taken: ReadonlySet<string>, seen: ReadonlySet<string>): string {
  if (!taken.has(base) && !seen.has(base)) return base;
  for (let n = 1; ; n++) {
    const candidate = `${base}.${n}`;
    if (!taken.has(candidate) && !seen.has(candidate)) return candidate;
  }
}

async function readAt(handle: FileHandle, length: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}
