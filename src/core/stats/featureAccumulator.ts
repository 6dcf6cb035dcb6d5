/**
 * Everything the engine keeps about one feature while streaming: presence and valency counts, numeric moments and
 * quantile data, string counts, and for CSV text columns the running type inference.
 *
 * Text (CSV) columns are typed the way TFDV's CSV decoder types them (cellNumber.ts): a column starts UNKNOWN,
 * becomes INT on its first value, widens to FLOAT, then to STRING on the first value that does not parse (or an
 * int64 overflow). Values are parsed straight from the bytes; no string is made for a numeric cell. Because a
 * column may turn STRING late, the string side (distinct values, top-k) of a still-numeric column is fed only for
 * its first `numericStringSideLimit` values: if it turns STRING within them nothing is lost; if later, the feature
 * is flagged `needsRescan` and the driver re-reads those columns with `forceStringColumns`. The string side
 * costs ~50 bytes a value, so its limit is also shared out over the file's columns (STRING_SIDE_CELLS in all):
 * a 10,000-column file keeps 50 values a column, not 25,000 (a rescan, not a wrong figure, if one turns late).
 *
 * Typed columns (tf.Example int64/float/bytes lists) are INT, FLOAT and STRING (TFDV reports bytes_list as STRING;
 * BYTES only comes from a schema, which statistics generation here does not take). A row is missing when the
 * feature is absent or present with no list set (EmptyColumn, as tfx_bsl's decoder treats it); a present empty list
 * is not missing and has 0 values.
 *
 * Fields are public for featureStatistics.ts, which turns them into the proto; nothing else should touch them.
 */
import type { BytesColumn, EmptyColumn, NumberColumn, RowBatch, RowPositionKind, TextColumn } from '../data/rowBatch.js';
import { CELL_STRING, classifyCell, parsedCell } from './cellNumber.js';
import { NumericMoments } from './numericMoments.js';
import type { NumericMomentsState } from './numericMoments.js';
import { QuantileSketch } from './quantileSketch.js';
import type { QuantileSketchState } from './quantileSketch.js';
import type { ResolvedStatsOptions } from './statsOptions.js';
import { StringSketch } from './stringSketch.js';
import type { StringSketchState } from './stringSketch.js';
import { ValueCounts } from './valueCounts.js';
import type { ValueCountsState } from './valueCounts.js';
import { hashBytes, viewOf } from './byteHash.js';

/** No value seen yet (TFDV's UNKNOWN column type). */
export const TEXT_UNKNOWN = -1;

export type FeatureSource = 'none' | 'text' | 'typed';
export type TypedKind = 'int' | 'float' | 'bytes';

/** A column whose kind disagrees with what the feature had before; its values were left out. */
export interface FeatureConflict {
  readonly expected: string;
  readonly found: string;
  readonly source: string;
  readonly positionKind: RowPositionKind;
  readonly position: number;
  /** True when the values were kept after widening (int64_list and float_list mixed → FLOAT). */
  readonly widened: boolean;
}

export interface FeatureAccumulatorState {
  readonly name: string;
  readonly order: readonly [number, number, number];
  readonly source: FeatureSource;
  readonly textType: number;
  readonly typedKind: TypedKind | null;
  readonly numNonMissing: number;
  readonly totNumValues: number;
  readonly minNumValues: number;
  readonly maxNumValues: number;
  readonly valueCounts: ValueCountsState;
  readonly totalBytes: number;
  readonly moments: NumericMomentsState | null;
  readonly quantiles: QuantileSketchState | null;
  readonly strings: StringSketchState | null;
  readonly stringSideComplete: boolean;
  readonly stringSideLimit: number;
  readonly needsRescan: boolean;
  readonly conflict: FeatureConflict | null;
  readonly firstSource: string;
  readonly firstPositionKind: RowPositionKind;
}

// Module-level copies of hot imports: under tsx/CommonJS every cross-module access is a getter call.
const STRING = CELL_STRING;
const classify = classifyCell;
const parsed = parsedCell;

let scratch = new Float64Array(1024);
function scratchFor(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  return scratch;
}
let nanFree = new Float64Array(1024);

/** Values of the string sides of all the numeric text columns of a batch together, at most (see above). */
export const STRING_SIDE_CELLS = 500_000;

/** The string-side limit of each of `columnCount` text columns. */
export function stringSideLimitOf(options: ResolvedStatsOptions, columnCount: number): number {
  return Math.min(options.numericStringSideLimit, Math.floor(STRING_SIDE_CELLS / Math.max(1, columnCount)));
}

export class FeatureAccumulator {
  /** First-seen key: (shard index, position of the first row of the batch, column index). */
  order: [number, number, number];
  /** Where the feature was first seen (for positions of conflicts found while merging). */
  firstSource = '';
  firstPositionKind: RowPositionKind = 'line';
  source: FeatureSource = 'none';
  textType: number = TEXT_UNKNOWN;
  typedKind: TypedKind | null = null;
  numNonMissing = 0;
  totNumValues = 0;
  minNumValues = Infinity;
  maxNumValues = 0;
  valueCounts: ValueCounts;
  /** Bytes of all string/text values (TFDV's avg_length is bytes per value, not characters). */
  totalBytes = 0;
  moments: NumericMoments | null = null;
  quantiles: QuantileSketch | null = null;
  strings: StringSketch | null = null;
  /** Whether `strings` has seen every value so far (text columns). */
  stringSideComplete = true;
  needsRescan = false;
  conflict: FeatureConflict | null = null;
  /** Values a still-numeric text column keeps on its string side (see the file comment). */
  stringSideLimit: number;
  private readonly sketchSeed: number;

  constructor(
    readonly name: string,
    order: [number, number, number],
    private readonly options: ResolvedStatsOptions,
    columnCount = 1,
  ) {
    this.order = order;
    this.stringSideLimit = stringSideLimitOf(options, columnCount);
    const nameBytes = new TextEncoder().encode(name);
    this.sketchSeed = (hashBytes(viewOf(nameBytes), 0, nameBytes.length) ^ options.seed) >>> 0;
    this.valueCounts = new ValueCounts(options.exactQuantileLimit, options.kllK, this.sketchSeed);
  }

  // ---------------------------------------------------------------- text (CSV) columns

  addText(col: TextColumn, batch: RowBatch): void {
    if (!this.claimText(batch)) return;
    const rowCount = batch.rowCount;
    if (this.textType === STRING) {
      this.addTextAsStrings(col, 0, rowCount);
      return;
    }
    const data = col.data;
    const starts = col.starts;
    const ends = col.ends;
    const values = scratchFor(rowCount);
    let n = 0;
    let bytes = 0;
    let type = this.textType;
    for (let r = 0; r < rowCount; r++) {
      const s = starts[r];
      const e = ends[r];
      if (s === e) continue;
      const kind = classify(data, s, e);
      if (kind === STRING) {
        this.textType = type;
        this.recordSingleValues(n, bytes);
        this.switchToString(col, r);
        this.addTextAsStrings(col, r, rowCount);
        return;
      }
      if (kind > type) type = kind;
      values[n++] = parsed[0];
      bytes += e - s;
    }
    this.textType = type;
    this.recordSingleValues(n, bytes);
    if (n > 0) this.addNumericValues(values, 0, n);
    this.feedNumericStringSide(col, 0, rowCount, n);
  }

  private claimText(batch: RowBatch): boolean {
    if (this.source === 'text') return true;
    if (this.source === 'none') {
      this.source = 'text';
      this.noteFirstSource(batch);
      if (this.options.forceStringColumns.has(this.name)) {
        this.textType = CELL_STRING;
        this.strings = this.newStrings();
      } else if (this.stringSideLimit > 0) {
        this.strings = this.newStrings();
      } else {
        this.stringSideComplete = false;
      }
      return true;
    }
    this.noteConflict(this.typedKind ?? 'typed', 'text', batch, false);
    return false;
  }

  /** Counts `n` non-missing single-valued cells holding `bytes` bytes. */
  private recordSingleValues(n: number, bytes: number): void {
    if (n === 0) return;
    this.numNonMissing += n;
    this.totNumValues += n;
    this.totalBytes += bytes;
    this.valueCounts.add(1, n);
    if (this.minNumValues > 1) this.minNumValues = 1;
    if (this.maxNumValues < 1) this.maxNumValues = 1;
  }

  private addTextAsStrings(col: TextColumn, from: number, to: number): void {
    const starts = col.starts;
    const ends = col.ends;
    let n = 0;
    let bytes = 0;
    for (let r = from; r < to; r++) {
      const len = ends[r] - starts[r];
      if (len !== 0) {
        n++;
        bytes += len;
      }
    }
    (this.strings as StringSketch).addCells(col.data, viewOf(col.data), starts, ends, from, to, true);
    this.recordSingleValues(n, bytes);
  }

  /** The column just turned STRING at row `r` of `col`; rows before it were numeric and are already counted. */
  private switchToString(col: TextColumn, r: number): void {
    if (this.strings !== null && this.stringSideComplete) {
      this.strings.addCells(col.data, viewOf(col.data), col.starts, col.ends, 0, r, true);
    } else {
      // Earlier values are no longer available as strings: keep going (a best effort if nobody rescans), but say so.
      this.needsRescan = true;
      this.stringSideComplete = false;
      this.strings = this.newStrings();
    }
    this.textType = CELL_STRING;
    this.moments = null;
    this.quantiles = null;
  }

  private feedNumericStringSide(col: TextColumn, from: number, to: number, nonMissing: number): void {
    const strings = this.strings;
    if (strings === null || !this.stringSideComplete || nonMissing === 0) return;
    if (strings.total + nonMissing > this.stringSideLimit) {
      this.strings = null;
      this.stringSideComplete = false;
      return;
    }
    strings.addCells(col.data, viewOf(col.data), col.starts, col.ends, from, to, true);
  }

  // ---------------------------------------------------------------- typed (tf.Example) columns

  addNumbers(col: NumberColumn, batch: RowBatch): void {
    if (!this.claimTyped(col.kind, batch)) return;
    const { present, offsets } = col;
    const rowCount = batch.rowCount;
    let contiguous = true;
    let nonMissing = 0;
    for (let r = 0; r < rowCount; r++) {
      const len = offsets[r + 1] - offsets[r];
      if (present[r] !== 0) {
        nonMissing++;
        this.recordList(len);
      } else if (len !== 0) {
        contiguous = false;
      }
    }
    this.numNonMissing += nonMissing;
    if (contiguous) {
      if (offsets[rowCount] > offsets[0]) this.addNumericValues(col.values, offsets[0], offsets[rowCount]);
      return;
    }
    // Values listed under absent rows are not the feature's: gather the present rows' values only.
    const values = scratchFor(offsets[rowCount] - offsets[0]);
    let n = 0;
    for (let r = 0; r < rowCount; r++) {
      if (present[r] === 0) continue;
      for (let v = offsets[r]; v < offsets[r + 1]; v++) values[n++] = col.values[v];
    }
    if (n > 0) this.addNumericValues(values, 0, n);
  }

  addBytes(col: BytesColumn, batch: RowBatch): void {
    if (!this.claimTyped('bytes', batch)) return;
    const strings = (this.strings ??= this.newStrings());
    const { present, offsets, starts, ends, data } = col;
    const view = viewOf(data);
    for (let r = 0; r < batch.rowCount; r++) {
      if (present[r] === 0) continue;
      const from = offsets[r];
      const to = offsets[r + 1];
      this.numNonMissing++;
      this.recordList(to - from);
      for (let v = from; v < to; v++) this.totalBytes += ends[v] - starts[v];
      // Empty strings are values here (a bytes_list may hold ""), unlike empty CSV cells.
      strings.addCells(data, view, starts, ends, from, to, false);
    }
  }

  /** Rows with the feature present but no list set: missing, as tfx_bsl decodes them. */
  addEmpty(_col: EmptyColumn, batch: RowBatch): void {
    if (this.source === 'none') {
      this.source = 'typed';
      this.noteFirstSource(batch);
    }
  }

  private recordList(len: number): void {
    this.totNumValues += len;
    this.valueCounts.add(len, 1);
    if (len < this.minNumValues) this.minNumValues = len;
    if (len > this.maxNumValues) this.maxNumValues = len;
  }

  private claimTyped(kind: TypedKind, batch: RowBatch): boolean {
    if (this.source === 'text') {
      this.noteConflict('text', kind, batch, false);
      return false;
    }
    if (this.source === 'none') this.noteFirstSource(batch);
    this.source = 'typed';
    const current = this.typedKind;
    if (current === null || current === kind) {
      this.typedKind = kind;
      return true;
    }
    if (current !== 'bytes' && kind !== 'bytes') {
      this.noteConflict(current, kind, batch, true);
      this.typedKind = 'float';
      return true;
    }
    this.noteConflict(current, kind, batch, false);
    return false;
  }

  // ---------------------------------------------------------------- shared

  /**
   * The reader expects `expectedRows` rows in all and `rowsSeen` (> 0, fewer) have been added: room for the
   * numeric values this feature would hold at the density it has shown so far (DatasetAccumulator.expectRows
   * checks the counts; see QuantileSketch.reserve).
   */
  reserveFor(rowsSeen: number, expectedRows: number): void {
    this.quantiles?.reserve(this.quantiles.count * (expectedRows / rowsSeen) * 1.02);
  }

  private addNumericValues(values: Float64Array, from: number, to: number): void {
    const moments = (this.moments ??= new NumericMoments());
    const quantiles = (this.quantiles ??= this.newQuantiles());
    const nan = moments.addRange(values, from, to);
    if (nan === 0) {
      quantiles.addRange(values, from, to);
      return;
    }
    if (nanFree.length < to - from) nanFree = new Float64Array(to - from);
    let n = 0;
    for (let i = from; i < to; i++) if (values[i] === values[i]) nanFree[n++] = values[i];
    quantiles.addRange(nanFree, 0, n);
  }

  private newStrings(): StringSketch {
    return new StringSketch(this.options.exactDistinctLimit, this.options.topKSketchSize);
  }

  private newQuantiles(): QuantileSketch {
    return new QuantileSketch(this.options.exactQuantileLimit, this.options.kllK, this.sketchSeed);
  }

  private noteFirstSource(batch: RowBatch): void {
    this.firstSource = batch.source;
    this.firstPositionKind = batch.positionKind;
  }

  /** A conflict met while merging: it is located where `other` first saw the feature. */
  private mergeConflict(other: FeatureAccumulator, expected: string, found: string, widened: boolean): FeatureConflict {
    return { expected, found, source: other.firstSource, positionKind: other.firstPositionKind, position: other.order[1], widened };
  }

  private noteConflict(expected: string, found: string, batch: RowBatch, widened: boolean): void {
    if (this.conflict !== null) return;
    this.conflict = {
      expected,
      found,
      source: batch.source,
      positionKind: batch.positionKind,
      position: batch.rowCount > 0 ? batch.positions[0] : 0,
      widened,
    };
  }

  // ---------------------------------------------------------------- merge / state

  /** Folds `other` (the same feature, from other rows) into this one; `other` must not be used afterwards. */
  merge(other: FeatureAccumulator): void {
    if (compareOrder(other.order, this.order) < 0) this.order = other.order;
    if (this.conflict === null) this.conflict = other.conflict;
    if (other.source === 'none') return;
    if (this.source === 'none') {
      this.adopt(other);
      return;
    }
    if (this.source !== other.source) {
      this.conflict ??= this.mergeConflict(
        other,
        this.source === 'text' ? 'text' : (this.typedKind ?? 'typed'),
        other.source === 'text' ? 'text' : (other.typedKind ?? 'typed'),
        false,
      );
      return;
    }
    if (this.source === 'typed' && !this.reconcileTypedKinds(other)) return;
    this.numNonMissing += other.numNonMissing;
    this.totNumValues += other.totNumValues;
    this.minNumValues = Math.min(this.minNumValues, other.minNumValues);
    this.maxNumValues = Math.max(this.maxNumValues, other.maxNumValues);
    this.valueCounts.merge(other.valueCounts);
    this.totalBytes += other.totalBytes;
    if (this.source === 'text') this.mergeText(other);
    else this.mergeSides(other);
  }

  private reconcileTypedKinds(other: FeatureAccumulator): boolean {
    const a = this.typedKind;
    const b = other.typedKind;
    if (b === null || a === b) return true;
    if (a === null) {
      this.typedKind = b;
      return true;
    }
    if (a !== 'bytes' && b !== 'bytes') {
      this.conflict ??= this.mergeConflict(other, a, b, true);
      this.typedKind = 'float';
      return true;
    }
    this.conflict ??= this.mergeConflict(other, a, b, false);
    return false;
  }

  private mergeSides(other: FeatureAccumulator): void {
    if (other.moments) {
      if (this.moments) this.moments.merge(other.moments);
      else this.moments = other.moments;
    }
    if (other.quantiles) {
      if (this.quantiles) this.quantiles.merge(other.quantiles);
      else this.quantiles = other.quantiles;
    }
    if (other.strings) {
      if (this.strings) this.strings.merge(other.strings);
      else this.strings = other.strings;
    }
  }

  private mergeText(other: FeatureAccumulator): void {
    const type = Math.max(this.textType, other.textType);
    if (type === CELL_STRING) {
      const mine = this.completeStrings();
      const theirs = other.completeStrings();
      const complete = mine !== null && theirs !== null;
      // Keep whatever string data exists (a best effort when incomplete), but flag the gap.
      const merged = mine ?? (this.textType === CELL_STRING ? this.strings : null) ?? this.newStrings();
      const add = theirs ?? (other.textType === CELL_STRING ? other.strings : null);
      if (add) merged.merge(add);
      this.strings = merged;
      this.stringSideComplete = complete;
      this.needsRescan = !complete;
      this.moments = null;
      this.quantiles = null;
    } else {
      if (other.moments) {
        if (this.moments) this.moments.merge(other.moments);
        else this.moments = other.moments;
      }
      if (other.quantiles) {
        if (this.quantiles) this.quantiles.merge(other.quantiles);
        else this.quantiles = other.quantiles;
      }
      const a = this.stringSideComplete ? this.strings : null;
      const b = other.stringSideComplete ? other.strings : null;
      if (a && b && a.total + b.total <= this.stringSideLimit) {
        a.merge(b);
      } else {
        this.strings = null;
        this.stringSideComplete = false;
      }
      this.needsRescan = false;
    }
    this.textType = type;
  }

  /** The string sketch if it holds every value of this (text) feature so far, else null. */
  private completeStrings(): StringSketch | null {
    if (this.textType === CELL_STRING) return this.needsRescan ? null : this.strings;
    if (this.numNonMissing === 0) return this.strings ?? this.newStrings();
    return this.stringSideComplete ? this.strings : null;
  }

  private adopt(other: FeatureAccumulator): void {
    this.source = other.source;
    this.firstSource = other.firstSource;
    this.firstPositionKind = other.firstPositionKind;
    this.textType = other.textType;
    this.typedKind = other.typedKind;
    this.numNonMissing = other.numNonMissing;
    this.totNumValues = other.totNumValues;
    this.minNumValues = other.minNumValues;
    this.maxNumValues = other.maxNumValues;
    this.valueCounts = other.valueCounts;
    this.totalBytes = other.totalBytes;
    this.moments = other.moments;
    this.quantiles = other.quantiles;
    this.strings = other.strings;
    this.stringSideComplete = other.stringSideComplete;
    this.stringSideLimit = other.stringSideLimit;
    this.needsRescan = other.needsRescan;
    this.conflict ??= other.conflict;
  }

  toState(): FeatureAccumulatorState {
    return this.stateWith(
      this.valueCounts.toState(),
      this.quantiles ? this.quantiles.toState() : null,
      this.strings ? this.strings.toState() : null,
    );
  }

  /** The state, handing over the sketches' arrays instead of copying them; do not use this afterwards. */
  takeState(): FeatureAccumulatorState {
    const state = this.stateWith(
      this.valueCounts.takeState(),
      this.quantiles ? this.quantiles.takeState() : null,
      this.strings ? this.strings.takeState() : null,
    );
    this.quantiles = null;
    this.strings = null;
    return state;
  }

  private stateWith(valueCounts: ValueCountsState, quantiles: QuantileSketchState | null, strings: StringSketchState | null): FeatureAccumulatorState {
    return {
      name: this.name,
      order: [...this.order],
      source: this.source,
      textType: this.textType,
      typedKind: this.typedKind,
      numNonMissing: this.numNonMissing,
      totNumValues: this.totNumValues,
      minNumValues: this.minNumValues,
      maxNumValues: this.maxNumValues,
      valueCounts,
      totalBytes: this.totalBytes,
      moments: this.moments ? this.moments.toState() : null,
      quantiles,
      strings,
      stringSideComplete: this.stringSideComplete,
      stringSideLimit: this.stringSideLimit,
      needsRescan: this.needsRescan,
      conflict: this.conflict,
      firstSource: this.firstSource,
      firstPositionKind: this.firstPositionKind,
    };
  }

  static fromState(state: FeatureAccumulatorState, options: ResolvedStatsOptions): FeatureAccumulator {
    const f = new FeatureAccumulator(state.name, [state.order[0], state.order[1], state.order[2]], options);
    f.source = state.source;
    f.textType = state.textType;
    f.typedKind = state.typedKind;
    f.numNonMissing = state.numNonMissing;
    f.totNumValues = state.totNumValues;
    f.minNumValues = state.minNumValues;
    f.maxNumValues = state.maxNumValues;
    f.valueCounts = ValueCounts.fromState(state.valueCounts, options.exactQuantileLimit, options.kllK, f.sketchSeed);
    f.totalBytes = state.totalBytes;
    f.moments = state.moments ? NumericMoments.fromState(state.moments) : null;
    f.quantiles = state.quantiles ? QuantileSketch.fromState(state.quantiles, options.exactQuantileLimit, options.kllK, f.sketchSeed) : null;
    f.strings = state.strings ? StringSketch.fromState(state.strings, options.exactDistinctLimit, options.topKSketchSize) : null;
    f.stringSideComplete = state.stringSideComplete;
    f.stringSideLimit = state.stringSideLimit;
    f.needsRescan = state.needsRescan;
    f.conflict = state.conflict;
    f.firstSource = state.firstSource;
    f.firstPositionKind = state.firstPositionKind;
    return f;
  }
}

export function compareOrder(a: readonly [number, number, number], b: readonly [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

