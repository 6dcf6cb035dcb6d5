/**
 * The Feature column's width, chosen by the user: a splitter at the right edge of the column header (drag it, or
 * focus it and press ←/→, Shift for bigger steps, Home/End for the narrowest/widest, Enter or a double click to go
 * back to fitting the names). The width applies to both tables through one custom property on the page, so the
 * numeric and categorical columns stay aligned, and is saved with the UI state. This file: the key mapping and the
 * bounds, pure (no DOM); columnResize.ts is the DOM glue.
 */

export const NAME_WIDTH_MIN = 120;
export const NAME_WIDTH_MAX = 1200;
const STEP = 16;
const BIG_STEP = 80;

/** The custom property the tables' grid template reads (media/overview.css). */
export const NAME_WIDTH_PROPERTY = '--ov-name-col';

export function clampNameWidth(px: number): number {
  if (!Number.isFinite(px)) return NAME_WIDTH_MIN;
  return Math.round(Math.min(NAME_WIDTH_MAX, Math.max(NAME_WIDTH_MIN, px)));
}

/**
 * What a key on the splitter does: a new width, 'auto' (fit the names again), or undefined for a key it ignores.
 * `current` is the column's width now (measured when the width is automatic).
 */
export function resizeByKey(key: string, shift: boolean, current: number): number | 'auto' | undefined {
  const step = shift ? BIG_STEP : STEP;
  switch (key) {
    case 'ArrowLeft':
      return clampNameWidth(current - step);
    case 'ArrowRight':
      return clampNameWidth(current + step);
    case 'Home':
      return NAME_WIDTH_MIN;
    case 'End':
      return NAME_WIDTH_MAX;
    case 'Enter':
      return 'auto';
    default:
      return undefined;
  }
}

/** The splitter's accessible value text. */
export function widthText(width: number | undefined): string {
  return width === undefined ? 'Feature column fits the names' : `Feature column ${width} pixels wide`;
}
