/** Keyboard movement among a chart's data tips (dataTips.ts), pure so it is unit-tested without a DOM. */

/** Where a key moves the active item from `current` (-1: none yet) among `count`; undefined for other keys. */
export function nextTipIndex(key: string, current: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return Math.min(count - 1, current + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
      return Math.max(0, current < 0 ? 0 : current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
