/** Row subsets per value of a slicing feature. */
import type { SliceColumn } from './scoredRows.js';

export interface SliceRows {
  readonly feature: string;
  readonly value: string;
  readonly rows: Int32Array;
}

/** Every (feature, value) subset, largest first within a feature. */
export function sliceRows(slices: readonly SliceColumn[]): SliceRows[] {
  const out: SliceRows[] = [];
  for (const s of slices) {
    const lists = s.values.map(() => [] as number[]);
    s.codes.forEach((c, r) => lists[c]!.push(r));
    const subsets = s.values.map((value, c) => ({ feature: s.feature, value, rows: Int32Array.from(lists[c]!) }));
    subsets.sort((a, b) => b.rows.length - a.rows.length || (a.value < b.value ? -1 : 1));
    out.push(...subsets);
  }
  return out;
}
