/**
 * Data tips for the shared charts: inside a `.tip-host`, hovering an element with `data-tip` (a bar, a value's
 * line) writes its text — bounds, count, share — into the host's `.data-tip` line and highlights it; the chart
 * itself (`.tip-target`, one Tab stop) moves through the bars with ←/→ (or ↑/↓), Home and End, so the same
 * figures are reachable from the keyboard and announced (the line is a polite live region). Text only: the tip is
 * set with textContent.
 */

import { nextTipIndex } from './tipNavigation.js';

const ITEM = '[data-tip]';

function itemsOf(host: Element): Element[] {
  return Array.from(host.querySelectorAll(`.tip-target ${ITEM}`));
}

function activate(host: Element, item: Element): void {
  for (const old of Array.from(host.querySelectorAll(`${ITEM}.active`))) old.classList.remove('active');
  item.classList.add('active');
  const line = host.querySelector('.data-tip');
  if (line) line.textContent = item.getAttribute('data-tip') ?? '';
}

export function attachDataTips(container: HTMLElement): void {
  container.addEventListener('pointerover', (e) => {
    const item = e.target instanceof Element ? e.target.closest(ITEM) : null;
    const host = item?.closest('.tip-host');
    if (item && host && item.closest('.tip-target')) activate(host, item);
  });
  // Leaving a chart the keyboard is not in puts its tip back to the hint: a highlighted bar means "this one".
  container.addEventListener('pointerout', (e) => {
    const from = e.target instanceof Element ? e.target.closest('.tip-target') : null;
    const to = e.relatedTarget instanceof Element ? e.relatedTarget.closest('.tip-target') : null;
    const host = from?.closest('.tip-host');
    if (!from || !host || to === from || from.contains(document.activeElement)) return;
    for (const old of Array.from(host.querySelectorAll(`${ITEM}.active`))) old.classList.remove('active');
    const line = host.querySelector('.data-tip');
    if (line) line.textContent = line.getAttribute('data-hint') ?? '';
  });
  container.addEventListener('focusin', (e) => {
    const target = e.target instanceof Element && e.target.matches('.tip-target') ? e.target : null;
    const host = target?.closest('.tip-host');
    if (!target || !host) return;
    const items = itemsOf(host);
    const current = items.find((i) => i.classList.contains('active')) ?? items[0];
    if (current) activate(host, current);
  });
  container.addEventListener('keydown', (e) => {
    const target = e.target instanceof Element && e.target.matches('.tip-target') ? e.target : null;
    const host = target?.closest('.tip-host');
    if (!target || !host) return;
    const items = itemsOf(host);
    const next = nextTipIndex(e.key, items.findIndex((i) => i.classList.contains('active')), items.length);
    if (next === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    activate(host, items[next] as Element);
  });
}
