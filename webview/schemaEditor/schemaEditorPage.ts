/**
 * The schema editor page in the DOM: a header built once (title, dataset picker, filter, status), the form
 * re-rendered from each `state` the host posts (the text document is the model: the page keeps nothing but the
 * filter and which control had focus). A change of a control becomes one FormEdit sent to the host; numbers are
 * checked here first so a typo gets a message instead of an edit. Every data value is text (mountView).
 */
import type { EditorState, FormEdit, SchemaEditorToHostMessage } from '../../src/protocol/schemaEditor/schemaEditorProtocol.js';
import { parseFormEdit, parseSchemaEditorToHostMessage } from '../../src/protocol/schemaEditor/schemaEditorProtocol.js';
import { mountView } from '../shared/mountView.js';
import { h } from '../shared/viewNode.js';
import { anomalyView, defaultEnvironmentsView, featureView, parseErrorView, summaryText, visibleFeatures } from './schemaEditorViews.js';

export class SchemaEditorPage {
  private state: EditorState | undefined;
  private filter = '';
  private readonly body: HTMLElement;
  private readonly title: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly status: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly send: (message: SchemaEditorToHostMessage) => void,
  ) {
    const header = h(
      'header',
      { class: 'se-header' },
      h('h1', { id: 'se-title', class: 'se-title' }, 'Schema'),
      h('div', { id: 'se-summary', class: 'se-summary muted' }, ''),
      h(
        'div',
        { class: 'se-controls' },
        h('button', { type: 'button', id: 'se-pick-dataset', class: 'button' }, 'Edit against a dataset…'),
        h('button', { type: 'button', id: 'se-open-text', class: 'button secondary' }, 'Open as text'),
        h('input', { id: 'se-filter', type: 'search', placeholder: 'Filter features', 'aria-label': 'Filter features by name' }),
      ),
      h('div', { id: 'se-status', class: 'se-status', role: 'status' }, ''),
    );
    const doc = root.ownerDocument;
    root.replaceChildren(mountView(header, doc), mountView(h('div', { id: 'se-body', class: 'se-body' }, h('p', { class: 'muted' }, 'Reading the schema…')), doc));
    this.body = root.querySelector('#se-body') as HTMLElement;
    this.title = root.querySelector('#se-title') as HTMLElement;
    this.summary = root.querySelector('#se-summary') as HTMLElement;
    this.status = root.querySelector('#se-status') as HTMLElement;
    this.wire();
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  show(state: EditorState): void {
    this.state = state;
    const name = state.fileName.split(/[\\/]/).pop() ?? state.fileName;
    this.title.textContent = `Schema: ${name}`;
    this.root.setAttribute('aria-busy', 'false');
    this.root.classList.toggle('read-only', state.readOnly);
    this.render();
  }

  private render(): void {
    const s = this.state;
    if (!s) return;
    const active = this.root.ownerDocument.activeElement;
    const focusId = active instanceof HTMLElement && this.body.contains(active) ? active.id : '';
    const readOnly = s.readOnly;
    this.summary.textContent = summaryText(s);
    const form = s.form;
    const shown = form ? visibleFeatures(form, this.filter) : [];
    const view = h(
      'div',
      null,
      parseErrorView(s),
      form ? defaultEnvironmentsView(form, readOnly) : null,
      form ? form.datasetAnomalies.map((a, i) => anomalyView(a, undefined, readOnly, `se-dataset-severity${i}`)) : null,
      form
        ? form.features.length === 0
          ? h('p', { class: 'muted' }, 'The schema has no features.')
          : shown.length === 0
            ? h('p', { class: 'muted' }, 'No feature matches the filter.')
            : h('div', { class: 'se-features' }, shown.map(({ row, index }) => featureView(row, index, form, readOnly)))
        : null,
    );
    this.body.replaceChildren(mountView(view, this.root.ownerDocument));
    if (focusId) (this.body.querySelector(`#${CSS.escape(focusId)}`) as HTMLElement | null)?.focus();
  }

  private wire(): void {
    const q = (id: string): HTMLElement => this.root.querySelector(`#${id}`) as HTMLElement;
    q('se-pick-dataset').addEventListener('click', () => this.send({ type: 'pickDataset' }));
    q('se-open-text').addEventListener('click', () => this.send({ type: 'openText' }));
    q('se-filter').addEventListener('input', (e) => {
      this.filter = (e.target as HTMLInputElement).value;
      this.render();
    });
    // Text and number fields commit on change (Enter or leaving the field); selects on change.
    this.body.addEventListener('change', (e) => {
      const el = e.target as HTMLElement;
      if (el.classList.contains('se-add-input')) return;
      if (el instanceof HTMLSelectElement && el.classList.contains('se-severity')) {
        const message = parseSchemaEditorToHostMessage({ type: 'setSeverity', anomalyType: el.getAttribute('data-anomaly-type'), severity: el.value });
        if (message) {
          this.setStatus('Setting the severity…');
          this.send(message);
        }
        return;
      }
      const edit = this.editOf(el);
      if (edit) this.commit(edit);
    });
    this.body.addEventListener('click', (e) => {
      const el = (e.target as Element).closest('button');
      if (!el || el.disabled) return;
      const fix = el.getAttribute('data-fix');
      if (fix !== null) {
        this.setStatus('Applying the fix…');
        this.send({ type: 'applyFix', feature: el.getAttribute('data-feature') ?? '', index: Number(fix) });
        return;
      }
      const edit = this.editOf(el);
      if (edit) this.commit(edit);
    });
    this.body.addEventListener('keydown', (e) => {
      const el = e.target as HTMLElement;
      if (e.key !== 'Enter' || !el.classList.contains('se-add-input')) return;
      e.preventDefault();
      (el.parentElement?.querySelector('button') as HTMLButtonElement | null)?.click();
    });
  }

  private commit(edit: FormEdit): void {
    const checked = parseFormEdit(edit);
    if (!checked) {
      this.setStatus('That value is not valid here.');
      this.render();
      return;
    }
    this.setStatus('');
    this.send({ type: 'edit', edit: checked });
  }

  /** The FormEdit a control stands for, or undefined (with a message) when its value is not usable. */
  private editOf(el: HTMLElement): FormEdit | undefined {
    const kind = el.getAttribute('data-edit');
    const feature = el.getAttribute('data-feature') ?? '';
    const fieldName = el.getAttribute('data-field');
    const value = (el as HTMLInputElement).value ?? '';
    const num = (): number | null | undefined => {
      const t = value.trim();
      if (t === '') return null;
      const n = Number(t);
      if (!Number.isFinite(n)) {
        this.setStatus(`'${t}' is not a number.`);
        return undefined;
      }
      return n;
    };
    switch (kind) {
      case 'type':
        return { kind, feature, value: value as never };
      case 'presence':
      case 'valueCount':
      case 'floatRange': {
        const n = num();
        if (n === undefined) return undefined;
        return { kind, feature, field: fieldName as never, value: n } as FormEdit;
      }
      case 'intRange': {
        const t = value.trim();
        return { kind, feature, field: fieldName as never, value: t === '' ? null : t };
      }
      case 'comparator': {
        const n = num();
        if (n === undefined) return undefined;
        return { kind, feature, comparator: el.getAttribute('data-comparator') as never, metric: el.getAttribute('data-metric') as never, value: n };
      }
      case 'lifecycle':
        return { kind, feature, value: value === '' ? null : (value as never) };
      case 'domainAdd': {
        const given = el.getAttribute('data-value');
        const input = el.parentElement?.querySelector('.se-add-input') as HTMLInputElement | null;
        const v = given ?? input?.value ?? '';
        if (v === '') {
          this.setStatus('Type the value to add first.');
          return undefined;
        }
        return { kind, feature, value: v };
      }
      case 'domainRemove':
        return { kind, feature, value: el.getAttribute('data-value') ?? '' };
      case 'domainMove':
        return { kind, feature, value: el.getAttribute('data-value') ?? '', offset: el.getAttribute('data-offset') === '-1' ? -1 : 1 };
      case 'environment': {
        const environment = el.getAttribute('data-environment') ?? '';
        const current = el.getAttribute('data-current');
        if (value === 'default') return current === 'in' || current === 'notIn' ? { kind, feature, list: current, environment, present: false } : undefined;
        return { kind, feature, list: value === 'in' ? 'in' : 'notIn', environment, present: true };
      }
      case 'defaultEnvironment':
        return { kind, environment: el.getAttribute('data-environment') ?? '', present: false };
      case 'defaultEnvironmentAdd': {
        const input = this.body.querySelector('#se-default-env-add') as HTMLInputElement | null;
        const environment = input?.value.trim() ?? '';
        if (environment === '') {
          this.setStatus('Type the environment to add first.');
          return undefined;
        }
        return { kind: 'defaultEnvironment', environment, present: true };
      }
      default:
        return undefined;
    }
  }
}
