/**
 * Reading one row's values of one feature out of a RowBatch column, for the row-level checks (example
 * validation, serving-log skew): CSV cells as text, tf.Example lists as numbers or byte strings.
 */
import type { FeatureColumn } from '../data/rowBatch.js';

const utf8 = new TextDecoder('utf-8');

export type CellValues =
  /** The feature does not occur in the row (empty CSV cell, key absent from the example). */
  | { readonly kind: 'missing' }
  /** A CSV cell: one value, still text. */
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'int' | 'float'; readonly values: Float64Array }
  | { readonly kind: 'bytes'; readonly values: readonly string[] }
  /** The key occurs with no list set (TFX writes these for missing values). */
  | { readonly kind: 'empty' };

const MISSING: CellValues = { kind: 'missing' };
const EMPTY: CellValues = { kind: 'empty' };

export function cellValues(column: FeatureColumn | undefined, row: number): CellValues {
  if (!column) return MISSING;
  switch (column.kind) {
    case 'text': {
      const s = column.starts[row] as number;
      const e = column.ends[row] as number;
      return s === e ? MISSING : { kind: 'text', text: utf8.decode(column.data.subarray(s, e)) };
    }
    case 'int':
    case 'float': {
      if (!column.present[row]) return MISSING;
      return { kind: column.kind, values: column.values.subarray(column.offsets[row] as number, column.offsets[row + 1] as number) };
    }
    case 'bytes': {
      if (!column.present[row]) return MISSING;
      const from = column.offsets[row] as number;
      const to = column.offsets[row + 1] as number;
      const values: string[] = [];
      for (let v = from; v < to; v++) values.push(utf8.decode(column.data.subarray(column.starts[v] as number, column.ends[v] as number)));
      return { kind: 'bytes', values };
    }
    case 'empty':
      return column.present[row] ? EMPTY : MISSING;
  }
}

/** Number of values a present cell holds. */
export function valueCount(cell: CellValues): number {
  switch (cell.kind) {
    case 'missing':
    case 'empty':
      return 0;
    case 'text':
      return 1;
    default:
      return cell.values.length;
  }
}

/** The values as display text, for samples and join keys. */
export function cellText(cell: CellValues): string[] {
  switch (cell.kind) {
    case 'missing':
    case 'empty':
      return [];
    case 'text':
      return [cell.text];
    case 'bytes':
      return [...cell.values];
    default:
      return Array.from(cell.values, (v) => String(v));
  }
}
