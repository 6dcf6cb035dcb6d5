/**
 * Which features the tables show, and in what order. Pure: no DOM.
 */
import type { AnomalyIndex } from './anomalyModel.js';
import type { FeatureRow } from './featureModel.js';
import type { SortKey } from './overviewState.js';

/** Case-insensitive substring match on the feature name; an empty (or blank) filter matches everything. */
export function matchesFilter(row: FeatureRow, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  return needle === '' || row.name.toLowerCase().includes(needle);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function severityRank(row: FeatureRow, anomalies: AnomalyIndex): number {
  const a = anomalies.byFeature.get(row.name);
  return a === undefined ? 0 : a.severity === 'error' ? 2 : 1;
}

/**
 * Sorts (a copy of) `rows`:
 * - order: as in the statistics;
 * - name: alphabetical, case-insensitive, digits compared as numbers ("f2" before "f10");
 * - missing: Facets' "amount missing/zero", most first;
 * - nonUniformity: least uniform first; features without a distribution last;
 * - anomalies: errors, then warnings, then the rest.
 * Ties keep feature order. `reverse` flips the key's direction (features without a value stay last).
 */
export function sortFeatures(rows: readonly FeatureRow[], key: SortKey, reverse: boolean, anomalies: AnomalyIndex): FeatureRow[] {
  const flip = reverse ? -1 : 1;
  const primary = (a: FeatureRow, b: FeatureRow): number => {
    switch (key) {
      case 'order':
        return 0;
      case 'name':
        return flip * collator.compare(a.name, b.name);
      case 'missing':
        return flip * (b.missingOrZeroRatio - a.missingOrZeroRatio);
      case 'nonUniformity': {
        const x = a.nonUniformity;
        const y = b.nonUniformity;
        if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
        return flip * (y - x);
      }
      case 'anomalies':
        return flip * (severityRank(b, anomalies) - severityRank(a, anomalies));
      default: {
        const never: never = key;
        return never;
      }
    }
  };
  const sorted = [...rows].sort((a, b) => primary(a, b) || a.index - b.index);
  return key === 'order' && reverse ? sorted.reverse() : sorted;
}

/** Sorted, then filtered: the rows a section shows. */
export function visibleFeatures(
  rows: readonly FeatureRow[],
  filter: string,
  key: SortKey,
  reverse: boolean,
  anomalies: AnomalyIndex,
): FeatureRow[] {
  return sortFeatures(rows.filter((r) => matchesFilter(r, filter)), key, reverse, anomalies);
}

/**
 * Roving focus within a list of `count` rows: where a key press moves the focused row from `current`, or
 * undefined when the key is not a navigation key. `page` is how many rows PageUp/PageDown move.
 */
export function nextFocusIndex(current: number, key: string, count: number, page = 10): number | undefined {
  if (count <= 0) return undefined;
  const clamp = (i: number): number => Math.min(count - 1, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return clamp(current + page);
    case 'PageUp':
      return clamp(current - page);
    default:
      return undefined;
  }
}
