/**
 * The feature spec, compiled: turns RowBatch rows (any column kind) or a single record of values into the dense
 * float rows a model reads. This is the only code that does so — training, batch and real-time prediction,
 * explanation and evaluation all call it — so a feature cannot be transformed two ways.
 */
import type { FeatureColumn, RowBatch } from '../data/rowBatch.js';
import type { DataIssue } from '../data/issues.js';
import type { FeatureSpec, FeatureSpecEntry, FeatureTransformSpec } from './featureSpecTypes.js';
import { ByteStringMap, decodeUtf8, encodeUtf8, findColumn, fnv1a, numberKey, parseNumberBytes, rowPosition, valueCount } from './cellValues.js';

/** Where one feature's floats sit within a transformed row. */
export interface FeatureBlock {
  readonly name: string;
  readonly offset: number;
  readonly width: number;
  readonly transform: FeatureTransformSpec;
}

/** A value given for one feature of a single example; null/undefined/'' mean missing. */
export type RecordValue = number | string | boolean | null | undefined;
export type ExampleRecord = Readonly<Record<string, RecordValue>>;

/** A problem with one row (or one example): which feature, and why. */
export interface RowProblem {
  readonly feature: string;
  readonly code: string;
  readonly message: string;
}

type ProblemSink = (row: number, problem: RowProblem) => void;

/** One feature's compiled transform, working on whole columns at a time. */
interface CompiledFeature {
  readonly block: FeatureBlock;
  readonly missingIsError: boolean;
  /** Writes rows 0..rows-1 of the column into out (already zeroed); reports per-row problems. */
  column(column: FeatureColumn | undefined, rows: number, out: Float32Array, stride: number, problem: ProblemSink): void;
  /** Writes one value (already checked not missing) or the missing rule (value undefined); returns a problem or undefined. */
  value(value: number | string | undefined, out: Float32Array, at: number): RowProblem | undefined;
}

const notNumber = (feature: string, shown: string): RowProblem => ({
  feature,
  code: 'MODEL_VALUE_NOT_NUMERIC',
  message: `feature '${feature}' needs a finite number, got "${shown.length > 40 ? shown.slice(0, 40) + '…' : shown}"`,
});
const missing = (feature: string): RowProblem => ({
  feature,
  code: 'MODEL_VALUE_MISSING',
  message: `feature '${feature}' is missing and its spec says missing values are errors`,
});
const multivalent = (feature: string, n: number): RowProblem => ({
  feature,
  code: 'MODEL_VALUE_NOT_SCALAR',
  message: `feature '${feature}' holds ${n} values in this row; the model reads one`,
});

/**
 * Scalar numeric reads shared by `numeric` and `bucketize`: fills values[r] with the number, or NaN when missing
 * (or when the row has a problem, which is reported). A plain loop with no callback per row, so it stays fast
 * whichever feature calls it.
 */
function readNumbers(entry: FeatureSpecEntry, column: FeatureColumn | undefined, rows: number, values: Float64Array, problem: ProblemSink): void {
  const name = entry.name;
  const missingIsError = entry.missing === 'error';
  values.fill(NaN, 0, rows);
  if (!column || column.kind === 'empty') {
    if (missingIsError) for (let r = 0; r < rows; r++) problem(r, missing(name));
    return;
  }
  switch (column.kind) {
    case 'text': {
      const { data, starts, ends } = column;
      for (let r = 0; r < rows; r++) {
        const s = starts[r]!;
        const e = ends[r]!;
        if (s === e) {
          if (missingIsError) problem(r, missing(name));
          continue;
        }
        const v = parseNumberBytes(data, s, e);
        if (v - v === 0) values[r] = v; // finite
        else problem(r, notNumber(name, decodeUtf8(data, s, e)));
      }
      return;
    }
    case 'int':
    case 'float': {
      const { present, offsets } = column;
      const src = column.values;
      for (let r = 0; r < rows; r++) {
        const n = present[r] ? offsets[r + 1]! - offsets[r]! : 0;
        if (n === 1) {
          const v = src[offsets[r]!]!;
          if (v - v === 0) values[r] = v;
          else problem(r, notNumber(name, String(v)));
        } else if (n === 0) {
          if (missingIsError) problem(r, missing(name));
        } else problem(r, multivalent(name, n));
      }
      return;
    }
    case 'bytes': {
      for (let r = 0; r < rows; r++) {
        const n = valueCount(column, r);
        if (n === 0) {
          if (missingIsError) problem(r, missing(name));
        } else if (n > 1) problem(r, multivalent(name, n));
        else {
          const v0 = column.offsets[r]!;
          const s = column.starts[v0]!;
          const e = column.ends[v0]!;
          const v = parseNumberBytes(column.data, s, e);
          if (v - v === 0) values[r] = v;
          else problem(r, notNumber(name, decodeUtf8(column.data, s, e)));
        }
      }
      return;
    }
  }
}

/** Scratch for readNumbers, grown as batches grow (the transform is used from one thread). */
let numberScratch = new Float64Array(0);
function scratchFor(rows: number): Float64Array {
  if (numberScratch.length < rows) numberScratch = new Float64Array(Math.max(rows, 2 * numberScratch.length));
  return numberScratch;
}

function recordNumber(entry: FeatureSpecEntry, value: number | string | undefined): number | RowProblem {
  if (value === undefined) return entry.missing === 'error' ? missing(entry.name) : NaN;
  const v = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value.trim());
  return Number.isFinite(v) ? v : notNumber(entry.name, String(value));
}

function compileNumeric(entry: FeatureSpecEntry, t: Extract<FeatureTransformSpec, { kind: 'numeric' }>, offset: number): CompiledFeature {
  const mean = t.mean;
  const scale = t.stdDev > 0 ? 1 / t.stdDev : 1;
  const block: FeatureBlock = { name: entry.name, offset, width: 1, transform: t };
  const name = entry.name;
  const missingIsError = entry.missing === 'error';
  return {
    block,
    missingIsError,
    column(column, rows, out, stride, problem) {
      if (column?.kind === 'text') {
        // CSV cells, the common case: parse and write in one pass (no scratch array and second loop; the typed
        // column kinds below keep the shared readNumbers path).
        const { data, starts, ends } = column;
        for (let r = 0, at = offset; r < rows; r++, at += stride) {
          const s = starts[r]!;
          const e = ends[r]!;
          if (s === e) {
            if (missingIsError) problem(r, missing(name));
            continue; // out[at] stays 0: the mean
          }
          const v = parseNumberBytes(data, s, e);
          if (v - v === 0) out[at] = (v - mean) * scale; // finite
          else problem(r, notNumber(name, decodeUtf8(data, s, e)));
        }
        return;
      }
      const values = scratchFor(rows);
      readNumbers(entry, column, rows, values, problem);
      for (let r = 0, at = offset; r < rows; r++, at += stride) {
        const v = values[r]!;
        out[at] = v === v ? (v - mean) * scale : 0; // NaN (missing) → the mean
      }
    },
    value(value, out, at) {
      const v = recordNumber(entry, value);
      if (typeof v !== 'number') return v;
      out[at + offset] = Number.isNaN(v) ? 0 : (v - mean) * scale;
      return undefined;
    },
  };
}

/** Index of the bucket x falls in: the count of boundaries <= x (tf.raw_ops.Bucketize). */
export function bucketOf(boundaries: readonly number[], x: number): number {
  // A handful of boundaries (hours, age bands) is the usual case: a straight count is cheaper than a binary search
  // whose branches mispredict on every row.
  if (boundaries.length <= 8) {
    let n = 0;
    for (let k = 0; k < boundaries.length; k++) n += boundaries[k]! <= x ? 1 : 0;
    return n;
  }
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (boundaries[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compileBucketize(entry: FeatureSpecEntry, t: Extract<FeatureTransformSpec, { kind: 'bucketize' }>, offset: number): CompiledFeature {
  const b = t.boundaries;
  const block: FeatureBlock = { name: entry.name, offset, width: b.length + 1, transform: t };
  const name = entry.name;
  const missingIsError = entry.missing === 'error';
  return {
    block,
    missingIsError,
    column(column, rows, out, stride, problem) {
      if (column?.kind === 'text') {
        // CSV cells: parse and set the bucket in one pass, as for numeric features.
        const { data, starts, ends } = column;
        for (let r = 0, at = offset; r < rows; r++, at += stride) {
          const s = starts[r]!;
          const e = ends[r]!;
          if (s === e) {
            if (missingIsError) problem(r, missing(name));
            continue; // missing: no bucket set
          }
          const v = parseNumberBytes(data, s, e);
          if (v - v === 0) out[at + bucketOf(b, v)] = 1; // finite
          else problem(r, notNumber(name, decodeUtf8(data, s, e)));
        }
        return;
      }
      const values = scratchFor(rows);
      readNumbers(entry, column, rows, values, problem);
      for (let r = 0, at = offset; r < rows; r++, at += stride) {
        const v = values[r]!;
        if (v === v) out[at + bucketOf(b, v)] = 1;
      }
    },
    value(value, out, at) {
      const v = recordNumber(entry, value);
      if (typeof v !== 'number') return v;
      if (!Number.isNaN(v)) out[at + offset + bucketOf(b, v)] = 1;
      return undefined;
    },
  };
}

/**
 * Categorical lookups (`vocabulary` and `oneHot`). `slotOf` maps a found index (or -1 plus the value's hash) to the
 * slot within the block, or -1 for "all zeros".
 */
function compileCategorical(entry: FeatureSpecEntry, t: Extract<FeatureTransformSpec, { kind: 'vocabulary' | 'oneHot' }>, offset: number): CompiledFeature {
  const keys = t.kind === 'vocabulary' ? t.vocabulary : t.values;
  const map = new ByteStringMap(keys);
  const oov = t.kind === 'vocabulary' ? t.oovBuckets : 0;
  const indexEncoding = t.kind === 'vocabulary' && t.encoding === 'index';
  const width = indexEncoding ? 1 : keys.length + oov;
  const block: FeatureBlock = { name: entry.name, offset, width, transform: t };
  const name = entry.name;
  // Missing values are hashed as the empty string, so they share a fixed OOV bucket.
  const missingSlot = oov > 0 ? keys.length + (fnv1a(new Uint8Array(0), 0, 0) % oov) : -1;
  const slotOf = (index: number, hash: number): number => (index >= 0 ? index : oov > 0 ? keys.length + (hash % oov) : -1);
  const write = (out: Float32Array, at: number, slot: number): void => {
    if (indexEncoding) out[at + offset] = slot;
    else if (slot >= 0) out[at + offset + slot] = 1;
  };
  const onMissing = (out: Float32Array, at: number, r: number, problem: ProblemSink): void => {
    if (entry.missing === 'error') problem(r, missing(name));
    else write(out, at, missingSlot);
  };
  const numberSlot = (v: number): number => {
    const key = numberKey(v);
    const index = map.getString(key);
    if (index >= 0 || oov === 0) return slotOf(index, 0);
    const bytes = encodeUtf8(key);
    return slotOf(-1, fnv1a(bytes, 0, bytes.length));
  };
  return {
    block,
    missingIsError: entry.missing === 'error',
    column(column, rows, out, stride, problem) {
      if (!column || column.kind === 'empty') {
        for (let r = 0; r < rows; r++) onMissing(out, r * stride, r, problem);
        return;
      }
      switch (column.kind) {
        case 'text': {
          const { data, starts, ends } = column;
          for (let r = 0, at = offset; r < rows; r++, at += stride) {
            const s = starts[r]!;
            const e = ends[r]!;
            if (s === e) {
              onMissing(out, r * stride, r, problem);
              continue;
            }
            const index = map.getBytes(data, s, e);
            // The common case inline: a known value, one-hot.
            if (index >= 0 && !indexEncoding) out[at + index] = 1;
            else write(out, r * stride, slotOf(index, index >= 0 || oov < 2 ? 0 : fnv1a(data, s, e)));
          }
          return;
        }
        case 'bytes': {
          for (let r = 0; r < rows; r++) {
            const n = valueCount(column, r);
            if (n === 0) onMissing(out, r * stride, r, problem);
            else if (n > 1) problem(r, multivalent(name, n));
            else {
              const v = column.offsets[r]!;
              const s = column.starts[v]!;
              const e = column.ends[v]!;
              const index = map.getBytes(column.data, s, e);
              write(out, r * stride, slotOf(index, index >= 0 || oov < 2 ? 0 : fnv1a(column.data, s, e)));
            }
          }
          return;
        }
        case 'int':
        case 'float': {
          for (let r = 0; r < rows; r++) {
            const n = valueCount(column, r);
            if (n === 0) onMissing(out, r * stride, r, problem);
            else if (n > 1) problem(r, multivalent(name, n));
            else write(out, r * stride, numberSlot(column.values[column.offsets[r]!]!));
          }
          return;
        }
      }
    },
    value(value, out, at) {
      if (value === undefined) {
        if (entry.missing === 'error') return missing(name);
        write(out, at, missingSlot);
        return undefined;
      }
      if (typeof value === 'number') {
        write(out, at, numberSlot(value));
        return undefined;
      }
      const index = map.getString(value);
      if (index >= 0 || oov === 0) write(out, at, slotOf(index, 0));
      else {
        const bytes = encodeUtf8(value);
        write(out, at, slotOf(-1, fnv1a(bytes, 0, bytes.length)));
      }
      return undefined;
    },
  };
}

function compileFeature(entry: FeatureSpecEntry, offset: number): CompiledFeature {
  const t = entry.transform;
  switch (t.kind) {
    case 'numeric':
      return compileNumeric(entry, t, offset);
    case 'bucketize':
      return compileBucketize(entry, t, offset);
    case 'vocabulary':
    case 'oneHot':
      return compileCategorical(entry, t, offset);
  }
}

/** Normalises a record value: '' / null / undefined → missing, booleans → 0/1. */
function recordValue(v: RecordValue): number | string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

export interface BatchTransformResult {
  /** Rows whose transform failed (their floats are zeros; `valid[r] === 0`). */
  readonly invalidRows: number;
}

export class FeatureTransform {
  /** Floats per transformed row. */
  readonly width: number;
  readonly blocks: readonly FeatureBlock[];
  private readonly compiled: readonly CompiledFeature[];
  private readonly byName: ReadonlyMap<string, CompiledFeature>;

  constructor(readonly spec: FeatureSpec) {
    let offset = 0;
    const compiled: CompiledFeature[] = [];
    for (const entry of spec.features) {
      const c = compileFeature(entry, offset);
      compiled.push(c);
      offset += c.block.width;
    }
    this.width = offset;
    this.compiled = compiled;
    this.blocks = compiled.map((c) => c.block);
    this.byName = new Map(compiled.map((c) => [c.block.name, c]));
  }

  block(feature: string): FeatureBlock | undefined {
    return this.byName.get(feature)?.block;
  }

  /**
   * Transforms every row of a batch into `out` (row-major, `batch.rowCount × width`, grown by the caller).
   * Rows that cannot be transformed get valid[r] = 0, zeros, and one issue each (the first problem found).
   */
  transformBatch(batch: RowBatch, out: Float32Array, valid: Uint8Array, onIssue?: (issue: DataIssue, row: number) => void): BatchTransformResult {
    const rows = batch.rowCount;
    const w = this.width;
    if (out.length < rows * w) throw new RangeError(`output holds ${out.length} floats, ${rows} rows need ${rows * w}`);
    out.fill(0, 0, rows * w);
    valid.fill(1, 0, rows);
    let invalid = 0;
    const problem: ProblemSink = (r, p) => {
      if (valid[r] === 0) return;
      valid[r] = 0;
      invalid++;
      onIssue?.({ code: p.code, severity: 'error', message: p.message, position: rowPosition(batch, r) }, r);
    };
    for (const c of this.compiled) c.column(findColumn(batch, c.block.name), rows, out, w, problem);
    if (invalid > 0) {
      for (let r = 0; r < rows; r++) if (valid[r] === 0) out.fill(0, r * w, (r + 1) * w);
    }
    return { invalidRows: invalid };
  }

  /** Transforms one example into out[offset .. offset + width); returns its problems (empty when fine). */
  transformRecord(record: ExampleRecord, out: Float32Array, offset = 0): RowProblem[] {
    out.fill(0, offset, offset + this.width);
    const problems: RowProblem[] = [];
    for (const c of this.compiled) {
      const p = c.value(recordValue(record[c.block.name]), out, offset);
      if (p) problems.push(p);
    }
    return problems;
  }

  /** Writes only one feature's block for a value (zeroing the block first): partial dependence grids use it. */
  transformFeatureValue(feature: string, value: RecordValue, out: Float32Array, rowOffset = 0): RowProblem | undefined {
    const c = this.byName.get(feature);
    if (!c) return { feature, code: 'MODEL_UNKNOWN_FEATURE', message: `the model has no feature '${feature}'` };
    out.fill(0, rowOffset + c.block.offset, rowOffset + c.block.offset + c.block.width);
    return c.value(recordValue(value), out, rowOffset);
  }
}
