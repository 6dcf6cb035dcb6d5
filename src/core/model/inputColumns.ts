/**
 * Guards against the worst training–serving skew trap: inputs a model needs that the data does not have. The
 * feature transform imputes a missing value, so a dataset without a column the spec reads would be predicted and
 * evaluated with every value imputed, silently. Here:
 * - a spec feature absent from the dataset is an error naming the columns and the closest names present
 *   (CSV: from the header, at the first batch; TFRecord: after a full pass in which no record had it);
 * - a column present whose every value is missing is a warning (after a full pass);
 * - an example (`--example`, a real-time request) with a key the spec does not read is an error with a suggestion.
 */
import { closestNames } from '../data/closestNames.js';
import type { DataIssue } from '../data/issues.js';
import { FacetwiseError } from '../data/issues.js';
import type { FeatureColumn, RowBatch } from '../data/rowBatch.js';
import type { RowSource } from './batchPrediction.js';
import { valueCount } from './cellValues.js';
import type { FeatureSpec } from './featureSpec.js';
import { expressionColumns, parseExpression } from './labelExpression.js';

/** What the guard needs of a model: its spec and a name for messages. */
export interface SpecHolder {
  readonly spec: FeatureSpec;
  readonly name: string;
  readonly version: number | null;
}

function labelOf(m: SpecHolder): string {
  return m.version === null ? m.name : `${m.name}/${m.version}`;
}

function presentValues(col: FeatureColumn, rows: number): number {
  switch (col.kind) {
    case 'empty':
      return 0;
    case 'text': {
      let n = 0;
      for (let r = 0; r < rows; r++) if (col.starts[r] !== col.ends[r]) n++;
      return n;
    }
    default: {
      let n = 0;
      for (let r = 0; r < rows; r++) if (valueCount(col, r) > 0) n++;
      return n;
    }
  }
}

function missingColumnsError(missing: Map<string, string[]>, present: readonly string[], file: string): FacetwiseError {
  const parts = [...missing].map(([feature, models]) => {
    const close = closestNames(feature, present);
    return `'${feature}' (read by ${models.join(', ')})${close.length > 0 ? `, closest present: ${close.map((c) => `'${c}'`).join(', ')}` : ''}`;
  });
  const n = missing.size;
  return new FacetwiseError(
    'MODEL_INPUT_COLUMN_MISSING',
    `the dataset has no column${n === 1 ? '' : 's'} ${parts.join('; ')}: the feature spec needs ${n === 1 ? 'it' : 'them'}, and predicting without ${n === 1 ? 'it' : 'them'} would impute every value`,
    { file },
  );
}

/**
 * Wraps a RowSource so that every pass checks the columns the models' specs read. `onIssue` hears the
 * all-missing warnings, once per feature however many passes are made.
 */
export function guardInputColumns(source: RowSource, models: readonly SpecHolder[], onIssue?: (issue: DataIssue) => void): RowSource {
  const needed = new Map<string, string[]>();
  for (const m of models) {
    for (const f of m.spec.features) {
      const list = needed.get(f.name) ?? [];
      if (!list.includes(labelOf(m))) list.push(labelOf(m));
      needed.set(f.name, list);
    }
  }
  const warned = new Set<string>();
  return () => ({
    async *[Symbol.asyncIterator](): AsyncGenerator<RowBatch> {
      const seen = new Set<string>();
      const present = new Map<string, number>();
      let first = true;
      let lastFile = '';
      const allColumns = new Set<string>();
      for await (const batch of source()) {
        lastFile = batch.source;
        for (const c of batch.columns) {
          seen.add(c.name);
          allColumns.add(c.name);
          if (needed.has(c.name)) present.set(c.name, (present.get(c.name) ?? 0) + presentValues(c, batch.rowCount));
        }
        if (first && batch.positionKind === 'line') {
          // A delimited file's header names every column in every batch: an absent feature is known now.
          const missing = new Map([...needed].filter(([f]) => !seen.has(f)));
          if (missing.size > 0) throw missingColumnsError(missing, batch.columns.map((c) => c.name), batch.source);
        }
        first = false;
        yield batch;
      }
      // Only a complete pass can say a column never appears or never has a value.
      if (first) return;
      const missing = new Map([...needed].filter(([f]) => !seen.has(f)));
      if (missing.size > 0) throw missingColumnsError(missing, [...allColumns], lastFile);
      for (const [feature, models] of needed) {
        if ((present.get(feature) ?? 0) > 0 || warned.has(feature)) continue;
        warned.add(feature);
        onIssue?.({
          code: 'MODEL_INPUT_ALL_MISSING',
          severity: 'warning',
          message: `column '${feature}' (read by ${models.join(', ')}) is present but every value is missing: the model saw only imputed values for it`,
          position: { file: lastFile },
        });
      }
    },
  });
}

/**
 * Checks an example's keys against what a spec reads (its features and the columns of its label). A key close to
 * a feature's name is a misspelling and an error with the suggestion: `{"fair": 12}` must not score like `{}`. A
 * key nothing is close to (a column this version does not read, e.g. one an older version did) is returned as a
 * sentence for the caller to warn with, so one example can be sent to every version.
 */
export function checkExampleKeys(example: Readonly<Record<string, unknown>>, model: SpecHolder, what = 'the example'): string[] {
  const features = model.spec.features.map((f) => f.name);
  const allowed = new Set(features);
  if (model.spec.label) {
    try {
      for (const c of expressionColumns(parseExpression(model.spec.label.expression))) allowed.add(c);
    } catch {
      // The spec was validated when read; an unparsable label cannot happen here.
    }
  }
  const unknown = Object.keys(example).filter((k) => !allowed.has(k));
  const typos = unknown.map((k) => ({ k, close: closestNames(k, features.filter((f) => !(f in example))) })).filter((u) => u.close.length > 0);
  if (typos.length > 0) {
    const parts = typos.map((u) => `'${u.k}' (did you mean ${u.close.map((c) => `'${c}'`).join(' or ')}?)`);
    throw new FacetwiseError(
      'MODEL_EXAMPLE_UNKNOWN_FEATURE',
      `${what} has ${typos.length === 1 ? 'a key' : 'keys'} ${labelOf(model)} does not read: ${parts.join(', ')}; its features are ${features.join(', ')}`,
    );
  }
  const ignored = unknown.filter((k) => !typos.some((u) => u.k === k));
  return ignored.length === 0 ? [] : [`${what}: ${labelOf(model)} does not read ${ignored.map((k) => `'${k}'`).join(', ')}; ignored`];
}
