/**
 * Accumulates one feature's values over the rows of one batch and hands them out as a column of the shared
 * model (rowBatch.ts). Rows arrive in order; a row the feature does not appear in is filled in lazily.
 *
 * Until a row brings a value list, the feature's kind is unknown in this batch and only the rows where its key
 * occurred (with no list set) are recorded: if that stays so, the batch gets an `EmptyColumn`.
 *
 * Every array starts small and doubles up to the batch's capacity as rows and values arrive: a dataset with
 * 10,000 sparse features creates 10,000 builders a batch, most of which see a row or two.
 */
import type { BytesColumn, EmptyColumn, FeatureColumn, NumberColumn } from '../../data/rowBatch.js';
import type { FeatureInfo, ListKind } from './featureRegistry.js';

const INITIAL_VALUES = 16;
const INITIAL_BYTES = 256;
const INITIAL_ROWS = 16;

export class FeatureColumnBuilder {
  readonly name: string;
  /** The name as it appears on the wire, for a byte comparison that avoids decoding names per row. */
  readonly nameBytes: Uint8Array;
  /** The dataset-wide facts about this feature (order, first kind). */
  readonly info: FeatureInfo;
  private readonly capacity: number;

  /** The batch row in which the column was created, so a rolled-back row can remove it again. */
  readonly createdRow: number;
  /** Kind of the value lists in this batch; undefined while only kind-less Features have been seen. */
  kind: ListKind | undefined = undefined;
  private kindSetRow = -1;
  /**
   * The last row that began a value list; offsets[begunRow] is then that list's start. Also how a key repeated
   * within one example is spotted.
   */
  private begunRow = -1;

  /** Rows the row arrays hold now (≤ capacity). */
  private rowsCap: number;
  /** Rows where the key occurred with no list set (what an EmptyColumn reports). */
  private keyPresent: Uint8Array;
  private present: Uint8Array | undefined;
  private offsets: Int32Array | undefined;
  /** offsets[0 ..= rowsClosed] are final. */
  private rowsClosed = 0;
  private valueCount = 0;

  // Numbers (int / float).
  private values: Float64Array | undefined;
  // Bytes.
  private data: Uint8Array | undefined;
  private dataLength = 0;
  private starts: Int32Array | undefined;
  private ends: Int32Array | undefined;

  constructor(info: FeatureInfo, nameBytes: Uint8Array, capacity: number, createdRow: number) {
    this.name = info.name;
    this.info = info;
    this.nameBytes = nameBytes;
    this.capacity = capacity;
    this.createdRow = createdRow;
    this.rowsCap = Math.min(capacity, Math.max(INITIAL_ROWS, createdRow + 1));
    this.keyPresent = new Uint8Array(this.rowsCap);
  }

  /** Grows the row arrays to hold rows [0, rows) (and offsets[0 ..= rows]). */
  private ensureRows(rows: number): void {
    if (rows <= this.rowsCap) return;
    let cap = this.rowsCap;
    while (cap < rows) cap *= 2;
    cap = Math.min(this.capacity, cap);
    const keyPresent = new Uint8Array(cap);
    keyPresent.set(this.keyPresent);
    this.keyPresent = keyPresent;
    if (this.present !== undefined) {
      const present = new Uint8Array(cap);
      present.set(this.present);
      this.present = present;
    }
    if (this.offsets !== undefined) {
      const offsets = new Int32Array(cap + 1);
      offsets.set(this.offsets);
      this.offsets = offsets;
    }
    this.rowsCap = cap;
  }

  /** Whether `row` set this column's kind (the dataset learns it when the row commits). */
  kindSetIn(row: number): boolean {
    return this.kindSetRow === row;
  }

  /** Fixes the kind for this batch (first list seen). Earlier rows of the batch stay missing. */
  setKind(kind: ListKind, row: number): void {
    this.kind = kind;
    this.kindSetRow = row;
    this.begunRow = -1;
    this.present = new Uint8Array(this.rowsCap);
    this.offsets = new Int32Array(this.rowsCap + 1);
    this.rowsClosed = 0;
    this.valueCount = 0;
    this.dataLength = 0;
    if (kind === 'bytes') {
      this.data ??= new Uint8Array(INITIAL_BYTES);
      this.starts ??= new Int32Array(INITIAL_VALUES);
      this.ends ??= new Int32Array(INITIAL_VALUES);
    } else {
      this.values ??= new Float64Array(INITIAL_VALUES);
    }
  }

  /** The row has this key with no list set: a missing value (TFDV/tfx_bsl append a null list). */
  markKindless(row: number): void {
    this.ensureRows(row + 1);
    this.keyPresent[row] = 1;
    this.markMissing(row);
  }

  /** The row's value for this feature is missing (kind-less, or dropped for a kind conflict). */
  markMissing(row: number): void {
    // A key repeated within one example: the last occurrence wins, as in protobuf map parsing.
    if (this.begunRow === row && this.present !== undefined && this.present[row] === 1) {
      this.present[row] = 0;
      this.truncateValues(this.offsets![row]);
      this.offsets![row + 1] = this.valueCount;
    }
  }

  /** Starts row `row`'s value list (the kind must be set and match). */
  beginValues(row: number): void {
    this.ensureRows(row + 1);
    const offsets = this.offsets!;
    if (this.begunRow === row) {
      this.truncateValues(offsets[row]); // repeated key: discard the earlier list
    } else {
      for (let r = this.rowsClosed + 1; r <= row; r++) offsets[r] = this.valueCount;
    }
    this.keyPresent[row] = 0;
    this.present![row] = 1;
    this.begunRow = row;
  }

  endValues(row: number): void {
    this.offsets![row + 1] = this.valueCount;
    this.rowsClosed = row + 1;
  }

  pushNumber(value: number): void {
    let values = this.values!;
    if (this.valueCount === values.length) {
      const grown = new Float64Array(values.length * 2);
      grown.set(values);
      this.values = values = grown;
    }
    values[this.valueCount++] = value;
  }

  pushBytes(source: Uint8Array, start: number, end: number): void {
    const length = end - start;
    let data = this.data!;
    if (this.dataLength + length > data.length) {
      let size = data.length * 2;
      while (size < this.dataLength + length) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(data.subarray(0, this.dataLength));
      this.data = data = grown;
    }
    if (this.valueCount === this.starts!.length) {
      const starts = new Int32Array(this.valueCount * 2);
      starts.set(this.starts!);
      this.starts = starts;
      const ends = new Int32Array(this.valueCount * 2);
      ends.set(this.ends!);
      this.ends = ends;
    }
    const at = this.dataLength;
    // Short strings dominate; a plain loop beats creating a subarray for each.
    if (length <= 32) {
      for (let i = 0; i < length; i++) data[at + i] = source[start + i];
    } else {
      data.set(source.subarray(start, end), at);
    }
    this.starts![this.valueCount] = at;
    this.ends![this.valueCount] = at + length;
    this.valueCount++;
    this.dataLength = at + length;
  }

  /** Drops values from index `count` on (and their bytes). */
  private truncateValues(count: number): void {
    this.valueCount = count;
    if (this.kind === 'bytes') this.dataLength = count > 0 ? this.ends![count - 1] : 0;
  }

  /** Undoes everything row `row` wrote (the example turned out malformed); a no-op for a column it did not touch. */
  rollback(row: number): void {
    if (row < this.rowsCap) this.keyPresent[row] = 0;
    if (this.present !== undefined && this.begunRow === row) {
      this.present[row] = 0;
      this.truncateValues(this.offsets![row]);
      if (this.rowsClosed > row) this.rowsClosed = row;
    }
    if (this.kindSetRow === row) {
      // The kind came from the malformed example only: forget it.
      this.kind = undefined;
      this.kindSetRow = -1;
      this.present = undefined;
      this.offsets = undefined;
    }
    this.begunRow = -1;
  }

  /**
   * The column for rows [0, rowCount). A feature with no list in this batch becomes an EmptyColumn, unless the
   * dataset already knows its kind (`knownKind`): then it is a typed column with every row missing, so a
   * feature's column kind does not flicker between batches.
   */
  finish(rowCount: number, knownKind: ListKind | undefined): FeatureColumn {
    this.ensureRows(rowCount);
    if (this.kind === undefined && knownKind === undefined) {
      const empty: EmptyColumn = { kind: 'empty', name: this.name, present: this.keyPresent.subarray(0, rowCount) };
      return empty;
    }
    if (this.kind === undefined) this.setKind(knownKind!, -1);
    const offsets = this.offsets!;
    for (let r = this.rowsClosed + 1; r <= rowCount; r++) offsets[r] = this.valueCount;
    const present = this.present!.subarray(0, rowCount);
    const rowOffsets = offsets.subarray(0, rowCount + 1);
    if (this.kind === 'bytes') {
      const column: BytesColumn = {
        kind: 'bytes',
        name: this.name,
        present,
        offsets: rowOffsets,
        // Exact-size copies: batches are long-lived (and may be transferred), growth slack is not.
        data: this.data!.slice(0, this.dataLength),
        starts: this.starts!.slice(0, this.valueCount),
        ends: this.ends!.slice(0, this.valueCount),
      };
      return column;
    }
    const column: NumberColumn = {
      kind: this.kind!,
      name: this.name,
      present,
      offsets: rowOffsets,
      values: this.values!.slice(0, this.valueCount),
    };
    return column;
  }
}
