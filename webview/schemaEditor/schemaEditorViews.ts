/**
 * The schema editor's form as a ViewNode (pure, DOM-free): the header (dataset, default environments, parse
 * error), then one section per feature with its type, presence, valency, domain, environments, lifecycle and
 * comparator thresholds, what the picked dataset shows beside each, and its anomalies with their quick fixes.
 * Every control carries `data-edit` (and the feature key, the field) for schemaEditorPage.ts to turn a change into
 * a FormEdit; every data value is text.
 */
import type {
  AnomalyRow,
  ComparatorMetricName,
  ComparatorName,
  EditorState,
  FeatureRow,
  ObservedRow,
  SchemaForm,
} from '../../src/protocol/schemaEditor/schemaEditorProtocol.js';
import { COMPARATOR_METRICS, FEATURE_TYPES, LIFECYCLE_STAGES } from '../../src/protocol/schemaEditor/schemaEditorProtocol.js';
import { formatCount, formatExact, formatPercent, formatStat } from '../shared/numberFormat.js';
import type { ViewChild, ViewElement } from '../shared/viewNode.js';
import { classes, h } from '../shared/viewNode.js';

const METRIC_LABELS: Readonly<Record<ComparatorMetricName, string>> = {
  infinityNorm: 'L∞',
  jensenShannonDivergence: 'JSD',
  normalizedAbsDifference: 'Norm. abs. diff.',
};

interface Ctx {
  readonly readOnly: boolean;
  /** The feature's index: element ids are built from it so that focus survives a re-render. */
  readonly index: number;
  readonly row: FeatureRow;
}

function id(ctx: Ctx, field: string): string {
  return `se-${ctx.index}-${field}`;
}

function numberText(x: number | undefined): string {
  return x === undefined ? '' : String(x);
}

function observed(text: string | undefined): ViewChild {
  return text ? h('span', { class: 'se-observed' }, text) : null;
}

function numberInput(ctx: Ctx, field: string, label: string, value: string, attrs: Record<string, string>): ViewElement {
  return h(
    'label',
    { class: 'se-number' },
    h('span', { class: 'se-label' }, label),
    h('input', { id: id(ctx, field), type: 'text', inputmode: 'decimal', value, disabled: ctx.readOnly, 'data-feature': ctx.row.key, 'aria-label': `${label} of ${ctx.row.name}`, ...attrs }),
  );
}

function missingText(o: ObservedRow | undefined): string | undefined {
  if (!o || o.numExamples === 0) return undefined;
  const missing = o.numExamples - o.numPresent;
  return `observed ${formatPercent(missing / o.numExamples)} missing (${formatCount(missing)} of ${formatCount(o.numExamples)})`;
}

function presenceView(ctx: Ctx): ViewElement {
  const { row } = ctx;
  return field(
    'Presence',
    numberInput(ctx, 'minFraction', 'min_fraction', numberText(row.minFraction), { 'data-edit': 'presence', 'data-field': 'minFraction' }),
    numberInput(ctx, 'minCount', 'min_count', numberText(row.minCount), { 'data-edit': 'presence', 'data-field': 'minCount' }),
    observed(missingText(row.observed)),
  );
}

function valencyView(ctx: Ctx): ViewElement {
  const { row } = ctx;
  const o = row.observed;
  const seen = o?.minValues !== undefined && o.maxValues !== undefined ? `observed ${formatCount(o.minValues)}–${formatCount(o.maxValues)} values per example` : undefined;
  if (row.shape.kind === 'shape') {
    return field('Shape', h('span', { class: 'se-text' }, `fixed shape [${row.shape.dims.join(', ')}]`), observed(seen));
  }
  const v: { min?: number; max?: number } = row.shape.kind === 'valueCount' ? row.shape : {};
  return field(
    'Value count',
    numberInput(ctx, 'vcMin', 'min', numberText(v.min), { 'data-edit': 'valueCount', 'data-field': 'min' }),
    numberInput(ctx, 'vcMax', 'max', numberText(v.max), { 'data-edit': 'valueCount', 'data-field': 'max' }),
    observed(seen),
  );
}

function rangeObserved(o: ObservedRow | undefined): string | undefined {
  return o?.min !== undefined && o.max !== undefined ? `observed ${formatStat(o.min)} to ${formatStat(o.max)}` : undefined;
}

function stringDomainView(ctx: Ctx, domain: Extract<FeatureRow['domain'], { kind: 'string' }>): ViewChild[] {
  const { row, readOnly } = ctx;
  const counts = row.observed?.domainCounts;
  const label = domain.name !== undefined ? `string_domain "${domain.name}"${domain.sharedWith.length > 0 ? `, shared with ${domain.sharedWith.join(', ')}` : ''}` : 'inline string domain';
  const values = domain.values.map((value, i) =>
    h(
      'li',
      { class: 'se-value', 'data-value': value },
      h('span', { class: 'se-value-text' }, value),
      counts ? h('span', { class: classes('se-count', counts[i] === 0 && 'se-zero') }, formatCount(counts[i] ?? 0)) : null,
      h('button', { type: 'button', class: 'se-icon', 'data-edit': 'domainMove', 'data-feature': row.key, 'data-value': value, 'data-offset': '-1', disabled: readOnly || i === 0, 'aria-label': `Move ${value} up`, title: 'Move up' }, '↑'),
      h('button', { type: 'button', class: 'se-icon', 'data-edit': 'domainMove', 'data-feature': row.key, 'data-value': value, 'data-offset': '1', disabled: readOnly || i === domain.values.length - 1, 'aria-label': `Move ${value} down`, title: 'Move down' }, '↓'),
      h('button', { type: 'button', class: 'se-icon', 'data-edit': 'domainRemove', 'data-feature': row.key, 'data-value': value, disabled: readOnly, 'aria-label': `Remove ${value}`, title: 'Remove' }, '×'),
    ),
  );
  const outside = row.observed?.outOfDomain ?? [];
  return [
    h('div', { class: 'se-domain-name muted' }, label, counts ? ' · counts in the data' : ''),
    h('ol', { class: 'se-values', 'aria-label': `Domain of ${row.name}` }, values),
    h(
      'div',
      { class: 'se-add' },
      h('input', { id: id(ctx, 'domainAdd'), type: 'text', class: 'se-add-input', placeholder: 'New value', disabled: readOnly, 'data-feature': row.key, 'aria-label': `New domain value of ${row.name}` }),
      h('button', { type: 'button', class: 'button', 'data-edit': 'domainAdd', 'data-feature': row.key, disabled: readOnly }, 'Add'),
    ),
    outside.length > 0
      ? h(
          'div',
          { class: 'se-outside' },
          h('span', { class: 'muted' }, 'In the data, not in the domain: '),
          outside.map((o) =>
            h(
              'button',
              { type: 'button', class: 'se-chip', 'data-edit': 'domainAdd', 'data-feature': row.key, 'data-value': o.value, disabled: readOnly, 'aria-label': `Add ${o.value} (${o.count} in the data) to the domain` },
              `+ ${o.value} (${formatCount(o.count)})`,
            ),
          ),
        )
      : null,
  ];
}

function domainView(ctx: Ctx): ViewElement {
  const { row } = ctx;
  const d = row.domain;
  const o = row.observed;
  switch (d.kind) {
    case 'string':
      return field('Domain', stringDomainView(ctx, d), observed(o?.unique !== undefined ? `observed ${formatCount(o.unique)} distinct values` : undefined));
    case 'int':
      return field('Int domain', numberInput(ctx, 'intMin', 'min', d.min ?? '', { 'data-edit': 'intRange', 'data-field': 'min' }), numberInput(ctx, 'intMax', 'max', d.max ?? '', { 'data-edit': 'intRange', 'data-field': 'max' }), observed(rangeObserved(o)));
    case 'float':
      return field('Float domain', numberInput(ctx, 'floatMin', 'min', numberText(d.min), { 'data-edit': 'floatRange', 'data-field': 'min' }), numberInput(ctx, 'floatMax', 'max', numberText(d.max), { 'data-edit': 'floatRange', 'data-field': 'max' }), observed(rangeObserved(o)));
    case 'bool':
      return field('Bool domain', h('span', { class: 'se-text' }, `true: ${d.trueValue ?? '(unset)'} · false: ${d.falseValue ?? '(unset)'}`));
    case 'other':
      return field('Domain', h('span', { class: 'se-text' }, `${d.what} (edit in the text)`));
    case 'none':
      // A numeric feature without a domain may get a range; others have nothing to edit here.
      if (row.type === 'INT') return field('Int domain', numberInput(ctx, 'intMin', 'min', '', { 'data-edit': 'intRange', 'data-field': 'min' }), numberInput(ctx, 'intMax', 'max', '', { 'data-edit': 'intRange', 'data-field': 'max' }), observed(rangeObserved(o)));
      if (row.type === 'FLOAT') return field('Float domain', numberInput(ctx, 'floatMin', 'min', '', { 'data-edit': 'floatRange', 'data-field': 'min' }), numberInput(ctx, 'floatMax', 'max', '', { 'data-edit': 'floatRange', 'data-field': 'max' }), observed(rangeObserved(o)));
      return field('Domain', h('span', { class: 'se-text muted' }, 'none'), observed(o?.unique !== undefined ? `observed ${formatCount(o.unique)} distinct values` : undefined));
    default: {
      const never: never = d;
      return never;
    }
  }
}

function environmentsView(ctx: Ctx, form: SchemaForm): ViewElement {
  const { row, readOnly } = ctx;
  const names = [...new Set([...form.defaultEnvironment, ...row.inEnvironment, ...row.notInEnvironment])];
  if (names.length === 0) return field('Environments', h('span', { class: 'se-text muted' }, 'none defined (add a default environment above)'));
  return field(
    'Environments',
    names.map((env, i) => {
      const value = row.inEnvironment.includes(env) ? 'in' : row.notInEnvironment.includes(env) ? 'notIn' : 'default';
      return h(
        'label',
        { class: 'se-env' },
        h('span', { class: 'se-label' }, env),
        h(
          'select',
          { id: id(ctx, `env${i}`), 'data-edit': 'environment', 'data-feature': row.key, 'data-environment': env, 'data-current': value, disabled: readOnly, 'aria-label': `${row.name} in environment ${env}` },
          h('option', { value: 'default', selected: value === 'default' }, 'default'),
          h('option', { value: 'in', selected: value === 'in' }, 'in'),
          h('option', { value: 'notIn', selected: value === 'notIn' }, 'not in'),
        ),
      );
    }),
  );
}

function lifecycleView(ctx: Ctx): ViewElement {
  const { row, readOnly } = ctx;
  return field(
    'Lifecycle',
    h(
      'select',
      { id: id(ctx, 'lifecycle'), 'data-edit': 'lifecycle', 'data-feature': row.key, disabled: readOnly, 'aria-label': `Lifecycle stage of ${row.name}` },
      h('option', { value: '', selected: row.lifecycle === undefined }, '(unset)'),
      LIFECYCLE_STAGES.map((s) => h('option', { value: s, selected: row.lifecycle === s }, s)),
    ),
    row.deprecated ? h('span', { class: 'se-badge' }, 'not validated') : null,
  );
}

function comparatorView(ctx: Ctx, kind: ComparatorName): ViewElement {
  const t = kind === 'skew' ? ctx.row.skew : ctx.row.drift;
  return field(
    kind === 'skew' ? 'Skew comparator' : 'Drift comparator',
    COMPARATOR_METRICS.map((m) => numberInput(ctx, `${kind}-${m}`, METRIC_LABELS[m], numberText(t[m]), { 'data-edit': 'comparator', 'data-comparator': kind, 'data-metric': m })),
  );
}

function field(label: string, ...children: ViewChild[]): ViewElement {
  return h('div', { class: 'se-field' }, h('div', { class: 'se-field-label' }, label), h('div', { class: 'se-field-body' }, children));
}

/**
 * The anomaly type's severity: TFDV's severity_overrides are a validation option per type (every feature's
 * anomaly of that type), kept in the facetwise.severityOverrides setting rather than in the schema.
 */
function severityView(a: AnomalyRow, readOnly: boolean, controlId: string): ViewElement {
  const shown = a.severity === 'warning' ? 'WARNING' : 'ERROR';
  return h(
    'label',
    { class: 'se-severity-field', title: `Severity of every ${a.type} anomaly (facetwise.severityOverrides setting, as TFDV's severity_overrides)` },
    'Severity of this type: ',
    h(
      'select',
      { id: controlId, class: 'se-severity', 'data-anomaly-type': a.type, disabled: readOnly, 'aria-label': `Severity of ${a.type} anomalies` },
      h('option', { value: 'ERROR', selected: shown === 'ERROR' }, 'Error'),
      h('option', { value: 'WARNING', selected: shown === 'WARNING' }, 'Warning'),
      h('option', { value: 'default' }, "TFDV's default"),
    ),
  );
}

/** `controlId`: the id of the severity select (ids keep focus across a re-render). */
export function anomalyView(a: AnomalyRow, feature: string | undefined, readOnly: boolean, controlId: string): ViewElement {
  return h(
    'div',
    { class: classes('se-anomaly', `se-${a.severity}`), role: 'note' },
    h('div', { class: 'se-anomaly-text' }, h('strong', null, a.short), a.description ? ` — ${a.description}` : '', h('span', { class: 'se-code muted' }, ` ${a.type}`)),
    severityView(a, readOnly, controlId),
    feature !== undefined && a.fixes.length > 0
      ? h(
          'div',
          { class: 'se-fixes' },
          a.fixes.map((f) => h('button', { type: 'button', class: 'button secondary', 'data-fix': String(f.index), 'data-feature': feature, disabled: readOnly }, f.title)),
        )
      : null,
  );
}

export function featureView(row: FeatureRow, index: number, form: SchemaForm, readOnly: boolean): ViewElement {
  const ctx: Ctx = { readOnly, index, row };
  const typeSelect = h(
    'select',
    { id: id(ctx, 'type'), class: 'se-type', 'data-edit': 'type', 'data-feature': row.key, disabled: readOnly, 'aria-label': `Type of ${row.name}` },
    row.type === undefined ? h('option', { value: '', selected: true, disabled: true }, '(unset)') : null,
    FEATURE_TYPES.map((t) => h('option', { value: t, selected: row.type === t }, t)),
  );
  return h(
    'section',
    { class: classes('se-feature', row.anomalies.length > 0 && 'has-anomaly', row.deprecated && 'deprecated'), 'data-feature': row.key, 'aria-label': `Feature ${row.key}` },
    h('header', { class: 'se-feature-head' }, h('h2', { class: 'se-name', 'data-depth': String(row.depth) }, row.key), typeSelect),
    row.anomalies.map((a, i) => anomalyView(a, row.key, readOnly, id(ctx, `severity${i}`))),
    h('div', { class: 'se-fields' }, presenceView(ctx), valencyView(ctx), domainView(ctx), environmentsView(ctx, form), lifecycleView(ctx), comparatorView(ctx, 'skew'), comparatorView(ctx, 'drift')),
  );
}

export function defaultEnvironmentsView(form: SchemaForm, readOnly: boolean): ViewElement {
  return h(
    'div',
    { class: 'se-default-env' },
    h('span', { class: 'se-label' }, 'default_environment: '),
    form.defaultEnvironment.length === 0 ? h('span', { class: 'muted' }, 'none ') : null,
    form.defaultEnvironment.map((env) =>
      h('span', { class: 'se-chip static' }, env, h('button', { type: 'button', class: 'se-icon', 'data-edit': 'defaultEnvironment', 'data-environment': env, disabled: readOnly, 'aria-label': `Remove environment ${env}`, title: 'Remove' }, '×')),
    ),
    h('input', { id: 'se-default-env-add', type: 'text', class: 'se-add-input', placeholder: 'e.g. SERVING', disabled: readOnly, 'aria-label': 'New default environment' }),
    h('button', { type: 'button', class: 'button', 'data-edit': 'defaultEnvironmentAdd', disabled: readOnly }, 'Add environment'),
  );
}

/** The summary line under the title. */
export function summaryText(state: EditorState): string {
  const parts: string[] = [];
  if (state.form) parts.push(`${formatCount(state.form.features.length)} features`);
  if (state.dataset) {
    const anomalies = state.form ? state.form.features.filter((f) => f.anomalies.length > 0).length : 0;
    parts.push(`against ${state.dataset.name} (${formatExact(state.dataset.numExamples)} examples${state.dataset.environment ? `, environment ${state.dataset.environment}` : ''})`);
    parts.push(`${anomalies} feature${anomalies === 1 ? '' : 's'} with anomalies`);
    if (state.dataset.note) parts.push(state.dataset.note);
  } else parts.push('pick a dataset to see what the data has');
  return parts.join(' · ');
}

export function parseErrorView(state: EditorState): ViewChild {
  const e = state.parseError;
  if (!e) return state.readOnlyReason ? h('div', { class: 'se-readonly', role: 'status' }, state.readOnlyReason) : null;
  const where = e.line !== undefined ? `Line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}: ` : '';
  return h(
    'div',
    { class: 'se-parse-error', role: 'alert' },
    h('strong', null, 'The schema text does not parse. '),
    h('span', { class: 'se-parse-position' }, where),
    h('span', { class: 'se-parse-message' }, e.message),
    h('div', { class: 'muted' }, 'The form is read-only until the text is fixed.'),
  );
}

/** The features whose key contains `filter` (case-insensitive), with their index in the form. */
export function visibleFeatures(form: SchemaForm, filter: string): Array<{ row: FeatureRow; index: number }> {
  const f = filter.trim().toLowerCase();
  return form.features.map((row, index) => ({ row, index })).filter(({ row }) => f === '' || row.key.toLowerCase().includes(f));
}
