/** `facetwise schema edit` flags → SchemaEdit values, in the order TFDV's lab makes them; malformed ones are usage errors. */
import type { ComparatorMetric, SchemaEdit } from '../core/schema/schemaEdits.js';
import { UsageError } from './cliIo.js';

/** The comparator metrics by their schema.proto names (and the camelCase Facetwise uses elsewhere). */
const METRICS: Readonly<Record<string, ComparatorMetric>> = {
  infinity_norm: 'infinityNorm',
  jensen_shannon_divergence: 'jensenShannonDivergence',
  normalized_abs_difference: 'normalizedAbsDifference',
  infinityNorm: 'infinityNorm',
  jensenShannonDivergence: 'jensenShannonDivergence',
  normalizedAbsDifference: 'normalizedAbsDifference',
};

export interface SchemaEditArgValues {
  readonly 'default-environment'?: readonly string[];
  readonly 'not-in-environment'?: readonly string[];
  readonly skew?: readonly string[];
  readonly drift?: readonly string[];
  readonly 'domain-add'?: readonly string[];
  readonly 'min-domain-mass'?: readonly string[];
}

/** `feature=value`, split at the first `=`: a feature name holds none, a domain value might. */
function pair(flag: string, spec: string, what: string): [string, string] {
  const at = spec.indexOf('=');
  if (at <= 0 || at === spec.length - 1) throw new UsageError(`--${flag} takes feature=${what}, got '${spec}'`);
  return [spec.slice(0, at), spec.slice(at + 1)];
}

function number(flag: string, text: string, spec: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${flag}: '${text}' is not a number (in '${spec}')`);
  return n;
}

function comparator(flag: 'skew' | 'drift', spec: string): SchemaEdit {
  const m = /^(.+):([A-Za-z_]+)=(.+)$/.exec(spec);
  if (!m) throw new UsageError(`--${flag} takes feature:metric=threshold (e.g. payment_type:infinity_norm=0.01), got '${spec}'`);
  const metric = METRICS[m[2]];
  if (!metric) throw new UsageError(`--${flag}: unknown metric '${m[2]}'; use infinity_norm, jensen_shannon_divergence or normalized_abs_difference`);
  return { kind: 'comparator', comparator: flag, feature: m[1], metric, threshold: number(flag, m[3], spec) };
}

/** The edits in a fixed order: environments first (so not-in-environment finds them declared), then features. */
export function schemaEditsFrom(values: SchemaEditArgValues): SchemaEdit[] {
  const edits: SchemaEdit[] = [];
  for (const environment of values['default-environment'] ?? []) {
    if (environment.trim() === '') throw new UsageError('--default-environment takes a name, e.g. SERVING');
    edits.push({ kind: 'defaultEnvironment', environment });
  }
  for (const spec of values['not-in-environment'] ?? []) {
    const [feature, environment] = pair('not-in-environment', spec, 'ENVIRONMENT');
    edits.push({ kind: 'notInEnvironment', feature, environment });
  }
  for (const spec of values.skew ?? []) edits.push(comparator('skew', spec));
  for (const spec of values.drift ?? []) edits.push(comparator('drift', spec));
  for (const spec of values['domain-add'] ?? []) {
    const [feature, value] = pair('domain-add', spec, 'value');
    edits.push({ kind: 'domainAdd', feature, value });
  }
  for (const spec of values['min-domain-mass'] ?? []) {
    const [feature, mass] = pair('min-domain-mass', spec, 'mass');
    edits.push({ kind: 'minDomainMass', feature, mass: number('min-domain-mass', mass, spec) });
  }
  return edits;
}
