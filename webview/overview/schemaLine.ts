/**
 * What the overview header's schema line says — "Schema: schema.pbtxt (found beside) · Change…" — as a view
 * description (pure, no DOM: unit-tested; schemaHeader.ts mounts it).
 */
import type { SchemaHeaderMessage } from '../../src/protocol/overview/schemaHeaderProtocol.js';
import { h } from '../shared/viewNode.js';
import type { ViewElement } from '../shared/viewNode.js';

/** How the header says why the schema applies. */
function sourceText(source: NonNullable<SchemaHeaderMessage['source']>): string {
  return source === 'setting' ? 'from setting' : source;
}

/** The line's content for a host message (pure: unit-tested). */
export function schemaLineView(message: SchemaHeaderMessage | undefined): ViewElement {
  // Under the facetwise.schemas setting a pick does not take effect (the host says so when clicked): the tooltip warns first.
  const changeTitle =
    message?.source === 'setting'
      ? 'Set by the facetwise.schemas setting, which wins over a schema picked here: edit the setting to change it'
      : 'Pick the schema this dataset is validated against';
  const change = (label: string): ViewElement =>
    h('button', { type: 'button', class: 'ov-link ov-schema-change', 'data-action': 'changeSchema', title: changeTitle }, label);
  if (!message) return h('div', { id: 'ov-schema', class: 'ov-schema' }, h('span', { class: 'ov-schema-label' }, 'Schema: \u2026'));
  if (message.label === undefined || message.source === undefined) {
    return h(
      'div',
      { id: 'ov-schema', class: 'ov-schema', title: message.detail },
      h('span', { class: 'ov-schema-label' }, 'Schema: '),
      h('span', { class: 'ov-schema-name ov-schema-none' }, 'none yet'),
      h('span', { class: 'ov-schema-sep', 'aria-hidden': 'true' }, ' \u00b7 '),
      change('Choose\u2026'),
    );
  }
  return h(
    'div',
    { id: 'ov-schema', class: 'ov-schema', title: message.detail },
    h('span', { class: 'ov-schema-label' }, 'Schema: '),
    h('span', { class: 'ov-schema-name' }, message.label),
    h('span', { class: 'ov-schema-source' }, ` (${sourceText(message.source)})`),
    h('span', { class: 'ov-schema-sep', 'aria-hidden': 'true' }, ' \u00b7 '),
    change('Change\u2026'),
  );
}
