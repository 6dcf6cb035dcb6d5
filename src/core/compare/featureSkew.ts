/**
 * Serving-log skew, TFDV's DetectFeatureSkew: join the rows of two datasets (base: e.g. training, test: e.g.
 * logged serving requests) on identifier features and count, per feature, how often its values match.
 *
 * Memory: a hash join that keeps the base side in memory (its rows' values, as compact strings) and streams the
 * test side — so pass the smaller dataset as `base`. `maxBaseRows` (default 2,000,000) stops a join that would
 * not fit, with an error, rather than exhausting the heap.
 */
import { FacetwiseError } from '../data/issues.js';
import type { JobOptions } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import type { RowBatch } from '../data/rowBatch.js';
import { parseFloatText } from '../schema/valueParsing.js';
import type { CellValues } from '../validate/cellValues.js';
import { cellText, cellValues } from '../validate/cellValues.js';
import type { RowRef } from '../validate/exampleValidation.js';

export interface FeatureSkewOptions extends JobOptions {
  /** Features whose values together identify an example in both datasets. */
  readonly identifierFeatures: readonly string[];
  /** Features not compared (identifiers never are). */
  readonly featuresToIgnore?: readonly string[];
  /** Skewed row pairs to keep as samples (the first ones met); default 10. */
  readonly sampleSize?: number;
  /** Round non-integer numbers to this many decimals before comparing (TFDV's float_round_ndigits). */
  readonly floatRoundDigits?: number;
  /** Most base rows held for the join; default 2,000,000. */
  readonly maxBaseRows?: number;
}

/** TFDV's FeatureSkew, over the rows found in both datasets. */
export interface FeatureSkew {
  readonly feature: string;
  /** Joined rows where the feature is present in the base / test row. */
  readonly baseCount: number;
  readonly testCount: number;
  readonly matchCount: number;
  readonly mismatchCount: number;
  readonly baseOnly: number;
  readonly testOnly: number;
  /** baseOnly + testOnly + mismatchCount. */
  readonly diffCount: number;
}

export interface SkewPair {
  readonly identifier: readonly string[];
  readonly base: RowRef;
  readonly test: RowRef;
  readonly baseOnlyFeatures: readonly string[];
  readonly testOnlyFeatures: readonly string[];
  readonly mismatchedFeatures: readonly string[];
  /** The differing values, per mismatched feature. */
  readonly mismatchedValues: Readonly<Record<string, { readonly base: readonly string[]; readonly test: readonly string[] }>>;
}

export interface FeatureSkewReport {
  /** Sorted by diff count, largest first, then name. */
  readonly features: FeatureSkew[];
  readonly samples: SkewPair[];
  readonly baseRows: number;
  readonly testRows: number;
  readonly joinedRows: number;
  /** Rows that lack an identifier feature (skipped, as TFDV does). */
  readonly baseMissingIdentifier: number;
  readonly testMissingIdentifier: number;
  /** Rows whose identifier was already seen on their side (skipped; TFDV fails on these). */
  readonly baseDuplicateIdentifiers: number;
  readonly testDuplicateIdentifiers: number;
  /** Rows with no partner on the other side. */
  readonly baseUnmatched: number;
  readonly testUnmatched: number;
}

interface StoredRow {
  readonly ref: RowRef;
  /** Canonical value per feature index; undefined where the feature is absent. */
  readonly values: Array<string | undefined>;
  matched: boolean;
}

const SEP = '\u0001';

function canonicalNumber(v: number, digits: number | undefined): string {
  if (digits === undefined || Number.isInteger(v) || !Number.isFinite(v)) return `n${v}`;
  const scale = 10 ** digits;
  return `n${Math.round(v * scale) / scale}`;
}

/** A cell as one comparable string: numbers compare as numbers whether they came as text or typed values. */
function canonical(cell: CellValues, digits: number | undefined): string | undefined {
  switch (cell.kind) {
    case 'missing':
      return undefined;
    case 'empty':
      return '';
    case 'text': {
      const n = parseFloatText(cell.text);
      return n === undefined ? `s${cell.text}` : canonicalNumber(n, digits);
    }
    case 'bytes':
      return cell.values.map((s) => `s${s}`).join(SEP);
    default:
      return Array.from(cell.values, (v) => canonicalNumber(v, digits)).join(SEP);
  }
}

function refOf(batch: RowBatch, r: number): RowRef {
  return { source: batch.source, shardIndex: batch.shardIndex, positionKind: batch.positionKind, position: batch.positions[r] as number };
}

export async function detectFeatureSkew(
  base: AsyncIterable<RowBatch>,
  test: AsyncIterable<RowBatch>,
  options: FeatureSkewOptions,
): Promise<FeatureSkewReport> {
  const ids = [...options.identifierFeatures].sort();
  if (ids.length === 0) throw new FacetwiseError('SKEW_NO_IDENTIFIER', 'At least one identifier feature is needed to join the datasets.');
  const ignored = new Set([...ids, ...(options.featuresToIgnore ?? [])]);
  const digits = options.floatRoundDigits;
  const sampleSize = options.sampleSize ?? 10;
  const maxBaseRows = options.maxBaseRows ?? 2_000_000;

  const featureIndex = new Map<string, number>();
  const featureNames: string[] = [];
  const indexOf = (name: string): number => {
    let i = featureIndex.get(name);
    if (i === undefined) {
      i = featureNames.length;
      featureIndex.set(name, i);
      featureNames.push(name);
    }
    return i;
  };

  const keyOf = (batch: RowBatch, r: number, columns: Map<string, RowBatch['columns'][number]>): string | undefined => {
    const parts: string[] = [];
    for (const id of ids) {
      const c = canonical(cellValues(columns.get(id), r), digits);
      if (c === undefined) return undefined;
      parts.push(c);
    }
    return parts.join('\u0002');
  };

  let baseRows = 0;
  let baseMissingIdentifier = 0;
  let baseDuplicateIdentifiers = 0;
  const stored = new Map<string, StoredRow>();
  for await (const batch of base) {
    throwIfAborted(options.signal);
    const columns = new Map(batch.columns.map((c) => [c.name, c] as const));
    const compared = batch.columns.filter((c) => !ignored.has(c.name)).map((c) => ({ column: c, index: indexOf(c.name) }));
    for (let r = 0; r < batch.rowCount; r++) {
      baseRows++;
      const key = keyOf(batch, r, columns);
      if (key === undefined) {
        baseMissingIdentifier++;
        continue;
      }
      if (stored.has(key)) {
        baseDuplicateIdentifiers++;
        continue;
      }
      if (stored.size >= maxBaseRows) {
        throw new FacetwiseError(
          'SKEW_BASE_TOO_LARGE',
          `The base dataset has more than ${maxBaseRows} rows to hold for the join; pass the smaller dataset as the base or raise maxBaseRows.`,
          { file: batch.source },
        );
      }
      const values: Array<string | undefined> = [];
      for (const { column, index } of compared) values[index] = canonical(cellValues(column, r), digits);
      stored.set(key, { ref: refOf(batch, r), values, matched: false });
    }
    options.onProgress?.({ done: baseRows, total: undefined, unit: 'rows', message: batch.source });
  }

  const counts = new Map<number, { base: number; test: number; match: number; mismatch: number; baseOnly: number; testOnly: number }>();
  const countFor = (i: number) => {
    let c = counts.get(i);
    if (!c) {
      c = { base: 0, test: 0, match: 0, mismatch: 0, baseOnly: 0, testOnly: 0 };
      counts.set(i, c);
    }
    return c;
  };

  let testRows = 0;
  let testMissingIdentifier = 0;
  let testDuplicateIdentifiers = 0;
  let joinedRows = 0;
  let testUnmatched = 0;
  const seenTest = new Set<string>();
  const samples: SkewPair[] = [];
  for await (const batch of test) {
    throwIfAborted(options.signal);
    const columns = new Map(batch.columns.map((c) => [c.name, c] as const));
    const compared = batch.columns.filter((c) => !ignored.has(c.name)).map((c) => ({ column: c, index: indexOf(c.name) }));
    for (let r = 0; r < batch.rowCount; r++) {
      testRows++;
      const key = keyOf(batch, r, columns);
      if (key === undefined) {
        testMissingIdentifier++;
        continue;
      }
      if (seenTest.has(key)) {
        testDuplicateIdentifiers++;
        continue;
      }
      seenTest.add(key);
      const partner = stored.get(key);
      if (!partner) {
        testUnmatched++;
        continue;
      }
      partner.matched = true;
      joinedRows++;
      const testValues: Array<string | undefined> = [];
      for (const { column, index } of compared) testValues[index] = canonical(cellValues(column, r), digits);
      const baseOnly: string[] = [];
      const testOnly: string[] = [];
      const mismatched: number[] = [];
      const width = Math.max(partner.values.length, testValues.length);
      for (let i = 0; i < width; i++) {
        const b = partner.values[i];
        const t = testValues[i];
        if (b === undefined && t === undefined) continue;
        const c = countFor(i);
        if (b !== undefined) c.base++;
        if (t !== undefined) c.test++;
        if (b !== undefined && t !== undefined) {
          if (b === t) c.match++;
          else {
            c.mismatch++;
            mismatched.push(i);
          }
        } else if (b !== undefined) {
          c.baseOnly++;
          baseOnly.push(featureNames[i] as string);
        } else {
          c.testOnly++;
          testOnly.push(featureNames[i] as string);
        }
      }
      if (samples.length < sampleSize && (baseOnly.length > 0 || testOnly.length > 0 || mismatched.length > 0)) {
        const mismatchedValues: Record<string, { base: string[]; test: string[] }> = {};
        for (const i of mismatched) {
          const name = featureNames[i] as string;
          mismatchedValues[name] = { base: displayOf(partner.values[i]), test: cellText(cellValues(columns.get(name), r)) };
        }
        samples.push({
          identifier: ids.map((id) => cellText(cellValues(columns.get(id), r)).join(',')),
          base: partner.ref,
          test: refOf(batch, r),
          baseOnlyFeatures: baseOnly.sort(),
          testOnlyFeatures: testOnly.sort(),
          mismatchedFeatures: mismatched.map((i) => featureNames[i] as string).sort(),
          mismatchedValues,
        });
      }
    }
    options.onProgress?.({ done: baseRows + testRows, total: undefined, unit: 'rows', message: batch.source });
  }

  let baseUnmatched = 0;
  for (const row of stored.values()) if (!row.matched) baseUnmatched++;
  const features: FeatureSkew[] = [...counts.entries()]
    .map(([i, c]) => ({
      feature: featureNames[i] as string,
      baseCount: c.base,
      testCount: c.test,
      matchCount: c.match,
      mismatchCount: c.mismatch,
      baseOnly: c.baseOnly,
      testOnly: c.testOnly,
      diffCount: c.baseOnly + c.testOnly + c.mismatch,
    }))
    .sort((a, b) => b.diffCount - a.diffCount || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
  return {
    features,
    samples,
    baseRows,
    testRows,
    joinedRows,
    baseMissingIdentifier,
    testMissingIdentifier,
    baseDuplicateIdentifiers,
    testDuplicateIdentifiers,
    baseUnmatched,
    testUnmatched,
  };
}

/** Base values are only kept canonical; turn them back into display text for a sample. */
function displayOf(canonicalValue: string | undefined): string[] {
  if (canonicalValue === undefined || canonicalValue === '') return [];
  return canonicalValue.split(SEP).map((v) => v.slice(1));
}
