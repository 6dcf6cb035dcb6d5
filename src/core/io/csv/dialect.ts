/**
 * Guesses a file's delimiter from its first bytes: the candidate that splits the sampled records into the most
 * consistent number of fields (more than one), with quotes respected. Like Python's csv.Sniffer, it is a guess;
 * callers that know the delimiter (a `.tsv` file, a user setting) pass it instead.
 */
import { bomLength, COMMA, DELIMITER_CANDIDATES, LF, QUOTE } from './csvBytes.js';
import { splitRecord } from './recordSplitter.js';

export interface CsvDialect {
  /** The delimiter byte (`,` when nothing splits the sample, i.e. a one-column file). */
  readonly delimiter: number;
  /** The quote byte (always `"`: other quote characters are not guessed). */
  readonly quote: number;
  /** The field count most sampled records have with this delimiter. */
  readonly fieldCount: number;
  /** Share of sampled records with `fieldCount` fields, 0..1 (0 when nothing was sampled). */
  readonly consistency: number;
  /** Records the guess is based on. */
  readonly sampledRecords: number;
  /** Whether the sampled lines end in CRLF (most of them). */
  readonly crlf: boolean;
}

export interface SniffOptions {
  /** True when `bytes` is the whole file, so a last record without a line break is complete (default false). */
  readonly complete?: boolean;
  /** Records to sample at most (default 100). */
  readonly maxRecords?: number;
}

export function sniffDialect(bytes: Uint8Array, options: SniffOptions = {}): CsvDialect {
  const complete = options.complete ?? false;
  const maxRecords = options.maxRecords ?? 100;
  const start = bomLength(bytes);
  let best: CsvDialect | undefined;
  for (const delimiter of DELIMITER_CANDIDATES) {
    const counts = fieldCounts(bytes, start, delimiter, complete, maxRecords);
    if (counts.length === 0) continue;
    const [fieldCount, frequency] = mode(counts);
    if (fieldCount < 2) continue;
    const consistency = frequency / counts.length;
    // Ties go to the candidate with more fields, then to the earlier (more common) candidate.
    if (!best || consistency > best.consistency || (consistency === best.consistency && fieldCount > best.fieldCount)) {
      best = { delimiter, quote: QUOTE, fieldCount, consistency, sampledRecords: counts.length, crlf: false };
    }
  }
  const crlf = endsInCrlf(bytes, start);
  if (best) return { ...best, crlf };
  const records = fieldCounts(bytes, start, COMMA, complete, maxRecords).length;
  return {
    delimiter: COMMA,
    quote: QUOTE,
    fieldCount: 1,
    consistency: records > 0 ? 1 : 0,
    sampledRecords: records,
    crlf,
  };
}

/** Field count of each complete, non-blank record of the sample when split with `delimiter`. */
function fieldCounts(
  bytes: Uint8Array,
  start: number,
  delimiter: number,
  complete: boolean,
  maxRecords: number,
): number[] {
  const counts: number[] = [];
  let pos = start;
  while (pos < bytes.length && counts.length < maxRecords) {
    const record = splitRecord(bytes, pos, bytes.length, delimiter, QUOTE, complete);
    if (!record.complete) break;
    const blank =
      record.fields.length === 1 && record.fields[0].start === record.fields[0].end && !record.fields[0].quoted;
    if (!blank) counts.push(record.fields.length);
    pos = record.next;
  }
  // A sample cut inside its first record still says something: count that record rather than nothing.
  if (counts.length === 0 && pos < bytes.length) {
    const partial = splitRecord(bytes, pos, bytes.length, delimiter, QUOTE, true);
    counts.push(partial.fields.length);
  }
  return counts;
}

/** The most frequent value and its frequency; ties go to the larger value. */
function mode(values: readonly number[]): [number, number] {
  const frequency = new Map<number, number>();
  for (const v of values) frequency.set(v, (frequency.get(v) ?? 0) + 1);
  let bestValue = 0;
  let bestCount = 0;
  for (const [value, count] of frequency) {
    if (count > bestCount || (count === bestCount && value > bestValue)) {
      bestValue = value;
      bestCount = count;
    }
  }
  return [bestValue, bestCount];
}

function endsInCrlf(bytes: Uint8Array, start: number): boolean {
  let lf = 0;
  let crlf = 0;
  for (let i = start; i < bytes.length && lf < 1000; i++) {
    if (bytes[i] === LF) {
      lf++;
      if (i > 0 && bytes[i - 1] === 0x0d) crlf++;
    }
  }
  return lf > 0 && crlf * 2 > lf;
}
