/**
 * Facets Overview's highlighting rule: a feature's missing share above 2% and its zeros share above 10% are
 * drawn in red, so that a column worth a look stands out before any schema exists. One place for the thresholds
 * and the wording, for the overview and the comparison panel alike. Pure: no DOM.
 */
import { formatPercent } from './numberFormat.js';

export type FacetsMarkKind = 'missing' | 'zeros';

export const FACETS_MARK_THRESHOLDS: Readonly<Record<FacetsMarkKind, number>> = { missing: 0.02, zeros: 0.1 };

/** True when Facets would highlight this share (strictly above the threshold; undefined is never marked). */
export function isFacetsMarked(kind: FacetsMarkKind, ratio: number | undefined): boolean {
  return ratio !== undefined && ratio > FACETS_MARK_THRESHOLDS[kind];
}

/** The tooltip sentence explaining a highlighted cell. */
export function facetsMarkNote(kind: FacetsMarkKind): string {
  return `more than ${formatPercent(FACETS_MARK_THRESHOLDS[kind])} ${kind === 'missing' ? 'missing' : 'zeros'} (Facets highlights this)`;
}
