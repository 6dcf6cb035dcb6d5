/**
 * Collects decoded tf.Examples into one RowBatch: a row per example, a column per feature, the kind rules of
 * the dataset (first kind wins, see featureRegistry.ts) applied as values arrive. A row is written straight
 * into the columns and can be rolled back if its example turns out malformed half-way.
 */
import type { DataIssue } from '../../data/issues.js';
import { formatPosition } from '../../data/issues.js';
import type { FeatureColumn, RowBatch } from '../../data/rowBatch.js';
import { FeatureColumnBuilder } from './featureColumnBuilder.js';
import type { FeatureRegistry, ListKind } from './featureRegistry.js';
import { listFieldName } from './featureRegistry.js';

const utf8 = new TextDecoder('utf-8');

/**
 * Cells (rows × columns) of a batch at most: a column holds a slot per row of its batch, so a batch of a dataset
 * with 10,000 features ends after ~100 rows instead of growing to rows × 10,000 slots.
 */
export const MAX_BATCH_CELLS = 1 << 20;

/**
 * Sparse features: a batch also ends once it holds SPARSE_BATCH_CELLS slots and more than SPARSE_SLOTS_PER_ENTRY
 * slots per feature occurrence. With k features an example, r rows make ~k·r columns, so the slots (the work:
 * growing and filling each column's row arrays) grow as k·r² while the occurrences grow as k·r; over N examples
 * the slots come to N·√(k·cap). Dense data never has that many slots per occurrence and keeps its long batches
 * (a smaller plain cap made 10,000 dense features a batch of one or two rows).
 */
const SPARSE_BATCH_CELLS = 1 << 14;
const SPARSE_SLOTS_PER_ENTRY = 16;

export class ExampleBatchBuilder {
  readonly capacity: number;
  private readonly registry: FeatureRegistry;
  private readonly file: string;
  private readonly onIssue: ((issue: DataIssue) => void) | undefined;

  private rowCount = 0;
  private readonly positions: Float64Array;
  /** Keyed by the name's raw bytes as a latin1 string: a cheap, exact key that skips UTF-8 decoding per row. */
  private readonly columns = new Map<string, FeatureColumnBuilder>();
  /** Columns whose kind the current row set, to be recorded dataset-wide when it commits. */
  private readonly newKinds: FeatureColumnBuilder[] = [];
  /** The columns of the map entries of the previous row(s), by entry position: the guess for the next row. */
  private readonly sequence: FeatureColumnBuilder[] = [];
  private entryIndex = 0;
  /** Feature occurrences in the committed rows (for the sparse end of a batch, see SPARSE_BATCH_CELLS). */
  private entries = 0;
  private rowRecord = 0;
  private rowOffset = 0;

  constructor(capacity: number, registry: FeatureRegistry, file: string, onIssue?: (issue: DataIssue) => void) {
    this.capacity = capacity;
    this.registry = registry;
    this.file = file;
    this.onIssue = onIssue;
    this.positions = new Float64Array(capacity);
  }

  get rows(): number {
    return this.rowCount;
  }

  get full(): boolean {
    const slots = this.rowCount * this.columns.size;
    return this.rowCount >= this.capacity || slots >= MAX_BATCH_CELLS || (slots >= SPARSE_BATCH_CELLS && slots > SPARSE_SLOTS_PER_ENTRY * this.entries);
  }

  /** Starts a row for record `record` (at decompressed byte `offset`, for issue positions). */
  beginRow(record: number, offset: number): void {
    this.rowRecord = record;
    this.rowOffset = offset;
    this.newKinds.length = 0;
    this.entryIndex = 0;
  }

  /**
   * The column of the feature named by `bytes[start, end)`, created on first sight in this batch. Examples
   * almost always list their features in the same order, so the column the previous row had at this entry
   * position is tried first, by comparing bytes; only a miss pays for the map lookup.
   */
  column(bytes: Uint8Array, start: number, end: number): FeatureColumnBuilder {
    const entry = this.entryIndex++;
    const predicted = this.sequence[entry];
    let column: FeatureColumnBuilder | undefined;
    if (predicted !== undefined && sameBytes(predicted.nameBytes, bytes, start, end)) {
      column = predicted;
    } else {
      const key = latin1(bytes, start, end);
      column = this.columns.get(key);
      if (column === undefined) {
        const nameBytes = bytes.slice(start, end);
        const info = this.registry.get(utf8.decode(nameBytes));
        column = new FeatureColumnBuilder(info, nameBytes, this.capacity, this.rowCount);
        this.columns.set(key, column);
      }
      this.sequence[entry] = column;
    }
    return column;
  }

  /** The current row has the feature with no list set: a missing value. */
  kindless(column: FeatureColumnBuilder): void {
    column.markKindless(this.rowCount);
  }

  /**
   * Opens the current row's value list of kind `kind`. Returns false, after reporting the conflict, when the
   * feature was first seen with another kind: its values are then to be skipped and the row is missing.
   */
  openValues(column: FeatureColumnBuilder, kind: ListKind): boolean {
    const row = this.rowCount;
    if (column.kind === undefined) {
      const known = column.info.kind;
      if (known !== undefined && known !== kind) {
        column.setKind(known, row);
        this.reportConflict(column.name, kind, known);
        column.markMissing(row);
        return false;
      }
      column.setKind(kind, row);
      if (known === undefined) this.newKinds.push(column);
    } else if (column.kind !== kind) {
      this.reportConflict(column.name, kind, column.kind);
      column.markMissing(row);
      return false;
    }
    column.beginValues(row);
    return true;
  }

  closeValues(column: FeatureColumnBuilder): void {
    column.endValues(this.rowCount);
  }

  commitRow(): void {
    for (const column of this.newKinds) {
      const info = column.info;
      if (info.kind === undefined && column.kindSetIn(this.rowCount)) {
        info.kind = column.kind;
        info.kindSeenAt = { file: this.file, record: this.rowRecord, offset: this.rowOffset };
      }
    }
    this.positions[this.rowCount] = this.rowRecord;
    this.rowCount++;
    this.entries += this.entryIndex;
  }

  /** Undoes the current row; columns it created disappear again. */
  rollbackRow(): void {
    const row = this.rowCount;
    // Rare path: visit every column rather than track the ones the row touched.
    for (const [key, column] of this.columns) {
      column.rollback(row);
      if (column.createdRow === row) {
        this.columns.delete(key);
        const at = this.sequence.indexOf(column);
        if (at >= 0) this.sequence.length = at; // forget the guesses from here on
      }
    }
    this.newKinds.length = 0;
  }

  finish(source: string, shardIndex: number): RowBatch {
    const builders = [...this.columns.values()].sort((a, b) => a.info.order - b.info.order);
    const columns: FeatureColumn[] = builders.map((b) => b.finish(this.rowCount, b.info.kind));
    return {
      source,
      shardIndex,
      rowCount: this.rowCount,
      positionKind: 'record',
      positions: this.positions.slice(0, this.rowCount),
      columns,
    };
  }

  private reportConflict(name: string, found: ListKind, first: ListKind): void {
    if (this.onIssue === undefined) return;
    const seenAt = this.registry.get(name).kindSeenAt;
    const where = seenAt !== undefined ? ` (first seen in ${formatPosition(seenAt)})` : '';
    this.onIssue({
      code: 'TFRECORD_FEATURE_KIND_CONFLICT',
      severity: 'error',
      message:
        `Feature "${name}" holds a ${listFieldName(found)} here but a ${listFieldName(first)} earlier${where}; ` +
        `its values in this example are dropped and the feature counts as missing.`,
      position: { file: this.file, record: this.rowRecord, offset: this.rowOffset },
    });
  }
}

function sameBytes(expected: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  const length = expected.length;
  if (end - start !== length) return false;
  for (let i = 0; i < length; i++) if (expected[i] !== bytes[start + i]) return false;
  return true;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.toString('latin1', start, end);
}
