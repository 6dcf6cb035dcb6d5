/**
 * A feature name the Feature column cuts off (ellipsis) is shown whole in the page's tooltip while its name
 * button has keyboard focus; on hover the button's own title shows it. A name that fits gets no tooltip.
 */

/** True when the element's text is wider than the element (it is ellipsed). */
function isCutOff(el: { readonly scrollWidth: number; readonly clientWidth: number }): boolean {
  return el.scrollWidth > el.clientWidth + 0.5;
}

export function attachNameTooltips(container: HTMLElement, tip: HTMLElement): void {
  container.addEventListener('focusin', (e) => {
    const button = e.target instanceof Element ? e.target.closest('button.feature-name') : null;
    const text = button?.querySelector<HTMLElement>('.name-text');
    if (!button || !text || !isCutOff(text)) return;
    tip.textContent = text.textContent ?? '';
    tip.hidden = false;
    tip.dataset.for = 'name';
    const box = button.getBoundingClientRect();
    const left = Math.max(4, Math.min(window.innerWidth - tip.offsetWidth - 4, box.left));
    tip.style.setProperty('left', `${left}px`);
    tip.style.setProperty('top', `${box.bottom + 4}px`);
  });
  container.addEventListener('focusout', () => {
    if (tip.dataset.for === 'name') {
      tip.hidden = true;
      delete tip.dataset.for;
    }
  });
}
