/**
 * The Feature column's splitter in the DOM (what the keys and bounds mean: columnResizeKeys.ts): drag it, press
 * its keys, or double-click it; the width goes to one custom property on the page root, read by both tables.
 */
import { NAME_WIDTH_MAX, NAME_WIDTH_MIN, NAME_WIDTH_PROPERTY, clampNameWidth, resizeByKey, widthText } from './columnResizeKeys.js';

export interface ColumnResizeOptions {
  /** Where the width is applied (the page root) and where the splitters are found (by delegation). */
  readonly root: HTMLElement;
  /** The saved width, or undefined to fit the names. */
  readonly initial: number | undefined;
  /** The user finished choosing a width (undefined: back to fitting the names). */
  onChange(width: number | undefined): void;
}

export interface ColumnResize {
  /** Sets the splitters' ARIA values (call after mounting a header). */
  sync(): void;
}

const SPLITTER = '.col-resizer';

export function attachColumnResize(o: ColumnResizeOptions): ColumnResize {
  const { root } = o;
  let width = o.initial === undefined ? undefined : clampNameWidth(o.initial);

  const sync = (): void => {
    for (const s of Array.from(root.querySelectorAll<HTMLElement>(SPLITTER))) {
      s.setAttribute('aria-valuemin', String(NAME_WIDTH_MIN));
      s.setAttribute('aria-valuemax', String(NAME_WIDTH_MAX));
      s.setAttribute('aria-valuenow', String(width ?? measured(s)));
      s.setAttribute('aria-valuetext', widthText(width));
    }
  };
  const apply = (next: number | undefined): void => {
    width = next;
    if (next === undefined) root.style.removeProperty(NAME_WIDTH_PROPERTY);
    else root.style.setProperty(NAME_WIDTH_PROPERTY, `${next}px`);
    sync();
  };
  /** The Feature column's width now: its header cell's. */
  const measured = (splitter: Element): number => Math.round(splitter.closest('.cell')?.getBoundingClientRect().width ?? NAME_WIDTH_MIN);
  const splitterOf = (target: EventTarget | null): HTMLElement | null =>
    target instanceof Element ? target.closest<HTMLElement>(SPLITTER) : null;

  root.addEventListener('pointerdown', (e) => {
    const splitter = splitterOf(e.target);
    if (!splitter || e.button !== 0) return;
    e.preventDefault();
    splitter.focus();
    splitter.setPointerCapture(e.pointerId);
    const startX = e.clientX;
    const start = width ?? measured(splitter);
    splitter.classList.add('dragging');
    const move = (m: PointerEvent): void => apply(clampNameWidth(start + m.clientX - startX));
    const end = (): void => {
      splitter.removeEventListener('pointermove', move);
      splitter.removeEventListener('pointerup', end);
      splitter.removeEventListener('pointercancel', end);
      splitter.classList.remove('dragging');
      if (width !== undefined && width !== start) o.onChange(width);
    };
    splitter.addEventListener('pointermove', move);
    splitter.addEventListener('pointerup', end);
    splitter.addEventListener('pointercancel', end);
  });
  root.addEventListener('dblclick', (e) => {
    if (!splitterOf(e.target)) return;
    apply(undefined);
    o.onChange(undefined);
  });
  root.addEventListener('keydown', (e) => {
    const splitter = splitterOf(e.target);
    if (!splitter) return;
    const next = resizeByKey(e.key, e.shiftKey, width ?? measured(splitter));
    if (next === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    const value = next === 'auto' ? undefined : next;
    if (value === width) return;
    apply(value);
    o.onChange(value);
  });
  apply(width);
  return { sync };
}
