/** The grid's header facts per column (type, a tiny histogram) from the overview's statistics summary. Pure. */
import type { DatasetSummary } from '../overview/featureModel.js';
import type { GridColumnInfo } from './rowsGrid.js';

const MAX_BARS = 10;

export function columnInfoFrom(summary: DatasetSummary): Map<string, GridColumnInfo> {
  const out = new Map<string, GridColumnInfo>();
  for (const f of summary.features) {
    const counts = f.numeric ? f.numeric.standard.map((b) => b.count) : (f.categorical?.ranks ?? []).slice(0, MAX_BARS).map((r) => r.count);
    const max = Math.max(0, ...counts);
    out.set(f.name, { type: f.typeLabel, bars: max > 0 ? counts.map((c) => c / max) : [] });
  }
  return out;
}
