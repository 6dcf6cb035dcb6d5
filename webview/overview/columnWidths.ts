/**
 * Column widths from the content, so nothing common is cut off: the Count column as wide as the longest count
 * ("1,000,000" on a 1M-row file), the Feature column as wide as the longest name within bounds (a longer name
 * is ellipsed and readable in its tooltip). Returned as CSS lengths for the table's custom properties.
 */
import { formatCount } from '../shared/numberFormat.js';
import type { FeatureRow } from './featureModel.js';

export interface ColumnWidths {
  /** --ov-name-width: the Feature column's minimum. */
  readonly name: string;
  /** --ov-count-width: Count (and, for categorical features, Unique and Freq top). */
  readonly count: string;
}

const NAME_MIN_CH = 20;
const NAME_MAX_CH = 48;
/** The type tag, the anomaly marker and the gaps beside a name, in `ch`. */
const NAME_EXTRA_CH = 10;
const COUNT_MIN_CH = 7;

export function columnWidths(rows: readonly FeatureRow[]): ColumnWidths {
  let name = 0;
  let count = 0;
  for (const r of rows) {
    name = Math.max(name, r.name.length);
    count = Math.max(count, formatCount(r.count).length);
    if (r.categorical) {
      count = Math.max(count, formatCount(r.categorical.unique ?? 0).length, formatCount(r.categorical.topCount ?? 0).length);
    }
  }
  const nameCh = Math.min(NAME_MAX_CH, Math.max(NAME_MIN_CH, name + NAME_EXTRA_CH));
  // 16px: the cell's padding; 1ch spare so tabular digits never touch the ellipsis threshold.
  return { name: `${nameCh}ch`, count: `calc(${Math.max(COUNT_MIN_CH, count) + 1}ch + 16px)` };
}
