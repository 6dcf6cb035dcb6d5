/**
 * From a chart to its rows: the filter expression for a histogram bucket or a top value of a feature, in the
 * grid's filter language (TFDV's buckets are (low, high], the first one [low, high]). Pure: no DOM.
 */
import type { FeatureRow } from '../overview/featureModel.js';

export function columnRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^(and|or|not|is|in|contains|missing)$/i.test(name) ? name : `\`${name.replace(/`/g, '')}\``;
}

export function textLiteral(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The filter for bar `index` of the feature's chart, or undefined when there is no such bar. */
export function barFilter(row: FeatureRow, index: number): string | undefined {
  const column = columnRef(row.name);
  if (row.numeric) {
    const b = row.numeric.standard[index];
    if (!b) return undefined;
    return `${column} ${index === 0 ? '>=' : '>'} ${String(b.low)} and ${column} <= ${String(b.high)}`;
  }
  const rank = row.categorical?.ranks[index];
  return rank ? valueFilter(row, rank.label) : undefined;
}

export function valueFilter(row: FeatureRow, value: string): string {
  return `${columnRef(row.name)} = ${textLiteral(value)}`;
}
