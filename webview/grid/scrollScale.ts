/**
 * Scaled scrolling: browsers cap an element's height (about 33.5 M px in Chromium, ≈ 1 M rows at 24 px), so past
 * MAX_SCROLL_PX the scrollbar maps proportionally onto the rows instead of one pixel per pixel. Pure: no DOM.
 */

export const ROW_HEIGHT = 24;
/** Well under every browser's cap, so the mapping never hits it. */
export const MAX_SCROLL_PX = 8_000_000;

/** Scrollable content height for `rows` rows (the spacer plus the viewport). */
export function contentHeight(rows: number, rowHeight = ROW_HEIGHT): number {
  return Math.min(MAX_SCROLL_PX, Math.max(0, rows) * rowHeight);
}

/** The (fractional) row at the top of the viewport for a scroll position. */
export function topRowAt(scrollTop: number, rows: number, viewportHeight: number, rowHeight = ROW_HEIGHT): number {
  const visible = viewportHeight / rowHeight;
  const maxTop = Math.max(0, rows - visible);
  const full = rows * rowHeight;
  if (full <= MAX_SCROLL_PX) return Math.min(maxTop, Math.max(0, scrollTop / rowHeight));
  const maxScroll = MAX_SCROLL_PX - viewportHeight;
  if (maxScroll <= 0) return 0;
  return Math.min(maxTop, Math.max(0, (scrollTop / maxScroll) * maxTop));
}

/** The scroll position that puts `row` at the top (the inverse of topRowAt). */
export function scrollTopFor(row: number, rows: number, viewportHeight: number, rowHeight = ROW_HEIGHT): number {
  const visible = viewportHeight / rowHeight;
  const maxTop = Math.max(0, rows - visible);
  const top = Math.min(maxTop, Math.max(0, row));
  if (rows * rowHeight <= MAX_SCROLL_PX) return top * rowHeight;
  const maxScroll = MAX_SCROLL_PX - viewportHeight;
  return maxTop > 0 ? (top / maxTop) * maxScroll : 0;
}
