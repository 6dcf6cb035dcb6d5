/** How one value shows as text in the grid and the CLI: the same for a decoded record and a RowBatch column. */
import type { FeatureColumn } from '../../data/rowBatch.js';
import { bytesText } from './exampleCells.js';

/** A float32 value in the fewest digits that read back as the same float32 (`0.3`, not `0.30000001192092896`). */
export function float32Text(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  for (let p = 1; p <= 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === v) return String(s);
  }
  return String(v);
}

/** A value list as a cell: one value as itself, several as `[a, b]`, none as `[]`. */
export function listText(values: readonly string[]): string {
  return values.length === 1 ? values[0] : `[${values.join(', ')}]`;
}

/** Row `r` of a batch column as cell text, null when missing. */
export function columnCellText(column: FeatureColumn, r: number, decoder: { decode(bytes: Uint8Array): string }): string | null {
  switch (column.kind) {
    case 'text': {
      const s = column.starts[r];
      const e = column.ends[r];
      return s === e ? null : decoder.decode(column.data.subarray(s, e));
    }
    case 'int':
    case 'float': {
      if (!column.present[r]) return null;
      const out: string[] = [];
      for (let k = column.offsets[r]; k < column.offsets[r + 1]; k++) out.push(column.kind === 'int' ? String(column.values[k]) : float32Text(column.values[k]));
      return listText(out);
    }
    case 'bytes': {
      if (!column.present[r]) return null;
      const out: string[] = [];
      for (let k = column.offsets[r]; k < column.offsets[r + 1]; k++) out.push(bytesText(column.data.subarray(column.starts[k], column.ends[k])));
      return listText(out);
    }
    case 'empty':
      return null;
    default: {
      const never: never = column;
      return never;
    }
  }
}
