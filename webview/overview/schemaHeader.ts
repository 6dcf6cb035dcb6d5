/**
 * The overview header's schema line — "Schema: schema.pbtxt (found beside) · Change…" — and its "Compare
 * Dataset with…" button beside Validate. Mounted into the page's header from outside (overviewPage.ts is not
 * touched): the line goes under the summary, the button before #ov-validate. Text only (mountView).
 */
import type { SchemaHeaderMessage, SchemaHeaderRequest } from '../../src/protocol/overview/schemaHeaderProtocol.js';
import { mountView } from '../shared/mountView.js';
import { h } from '../shared/viewNode.js';
import { schemaLineView } from './schemaLine.js';

export class SchemaHeader {
  private line: Element | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly send: (request: SchemaHeaderRequest) => void,
  ) {
    const heading = root.querySelector('.ov-heading');
    const validate = root.querySelector('#ov-validate');
    if (heading) this.render(undefined, heading);
    if (validate?.parentElement) {
      const compare = mountView(
        h('vscode-button', { id: 'ov-compare', class: 'ov-compare', secondary: true, title: 'Compare this dataset with another (skew and drift)' }, 'Compare Dataset with\u2026'),
      );
      validate.parentElement.insertBefore(compare, validate);
      compare.addEventListener('click', () => this.send({ type: 'compareWith' }));
      // vscode-button is focusable and answers Enter/Space with a click.
    }
    root.addEventListener('click', (e) => {
      const target = e.target instanceof Element ? e.target.closest('[data-action="changeSchema"]') : null;
      if (target && this.root.contains(target)) this.send({ type: 'changeSchema' });
    });
  }

  /** Shows what the host said (re-rendered on every message: a pairing or a setting changed). */
  set(message: SchemaHeaderMessage): void {
    const heading = this.root.querySelector('.ov-heading');
    if (heading) this.render(message, heading);
  }

  private render(message: SchemaHeaderMessage | undefined, heading: Element): void {
    const next = mountView(schemaLineView(message)) as Element;
    if (this.line?.parentElement) this.line.replaceWith(next);
    else heading.appendChild(next);
    this.line = next;
  }
}
