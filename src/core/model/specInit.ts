/**
 * Derives a feature spec from per-feature summaries (`facetwise model init`): numeric features are standardised
 * with the data's mean and std, string features looked up in a vocabulary of their top values.
 */
import { didYouMean } from '../data/closestNames.js';
import { FacetwiseError } from '../data/issues.js';
import type { FeatureSpec, FeatureSpecEntry, FeatureTransformSpec, LabelSpec, ModelTask } from './featureSpec.js';
import { FEATURE_SPEC_FORMAT, validateFeatureSpec } from './featureSpec.js';
import type { FeatureSummary } from './featureSummary.js';
import { compileExpression } from './labelExpression.js';

export type TransformKind = FeatureTransformSpec['kind'];

export interface SpecInitOptions {
  readonly task: ModelTask;
  readonly label?: LabelSpec;
  /** Features to use, in this order; default every summarised feature except those the label reads. */
  readonly features?: readonly string[];
  /** Force a transform kind per feature (e.g. `trip_start_hour: 'bucketize'`). */
  readonly kinds?: Readonly<Record<string, TransformKind>>;
  /** Bucket boundaries per bucketized feature; default 10 equal-width buckets over [min, max]. */
  readonly boundaries?: Readonly<Record<string, readonly number[]>>;
  /** Largest vocabulary (default 100). */
  readonly vocabularySize?: number;
  /** Values rarer than this stay out of the vocabulary (default 1). */
  readonly minFrequency?: number;
  /** Out-of-vocabulary buckets (default 1). */
  readonly oovBuckets?: number;
}

function defaultBoundaries(s: FeatureSummary): number[] {
  if (s.min === undefined || s.max === undefined || !(s.max > s.min)) {
    throw new FacetwiseError('MODEL_SPEC_INIT', `cannot bucketize '${s.name}' without a numeric range; give boundaries`);
  }
  const out: number[] = [];
  for (let i = 1; i < 10; i++) out.push(s.min + ((s.max - s.min) * i) / 10);
  return out;
}

function transformFor(s: FeatureSummary, kind: TransformKind, options: SpecInitOptions): FeatureTransformSpec {
  const vocab = (): string[] =>
    s.topValues
      .filter((t) => t.frequency >= (options.minFrequency ?? 1))
      .slice(0, options.vocabularySize ?? 100)
      .map((t) => t.value);
  switch (kind) {
    case 'numeric':
      if (s.mean === undefined || s.stdDev === undefined) {
        throw new FacetwiseError('MODEL_SPEC_INIT', `'${s.name}' has no mean/std (is it numeric?); choose another transform`);
      }
      return { kind: 'numeric', mean: s.mean, stdDev: s.stdDev };
    case 'vocabulary':
      return { kind: 'vocabulary', vocabulary: vocab(), oovBuckets: options.oovBuckets ?? 1, encoding: 'oneHot' };
    case 'oneHot':
      return { kind: 'oneHot', values: vocab() };
    case 'bucketize':
      return { kind: 'bucketize', boundaries: [...(options.boundaries?.[s.name] ?? defaultBoundaries(s))] };
  }
}

export function deriveFeatureSpec(summaries: readonly FeatureSummary[], options: SpecInitOptions): FeatureSpec {
  const byName = new Map(summaries.map((s) => [s.name, s]));
  let labelColumns = new Set<string>();
  if (options.label) {
    try {
      labelColumns = new Set(compileExpression(options.label.expression).columns);
    } catch (err) {
      throw new FacetwiseError('MODEL_SPEC_INVALID', `feature spec: label.expression: ${(err as Error).message}`);
    }
    // A label over a column the data lacks would also leave its real source among the inputs (label leakage).
    for (const column of labelColumns) {
      if (!byName.has(column)) {
        throw new FacetwiseError(
          'MODEL_SPEC_INVALID',
          `the label reads column '${column}', which the dataset does not have${didYouMean(column, byName.keys(), (n) => `'${n}'`)}`,
        );
      }
    }
  }
  const names = options.features ?? summaries.map((s) => s.name).filter((n) => !labelColumns.has(n));
  const features = names.map((name): FeatureSpecEntry => {
    const s = byName.get(name);
    if (!s) throw new FacetwiseError('MODEL_SPEC_INIT', `no statistics for feature '${name}'`);
    const kind = options.kinds?.[name] ?? (s.type === 'string' ? 'vocabulary' : 'numeric');
    return { name, transform: transformFor(s, kind, options) };
  });
  const spec = { format: FEATURE_SPEC_FORMAT, task: options.task, features, ...(options.label ? { label: options.label } : {}) };
  return validateFeatureSpec(spec, '(derived feature spec)');
}
