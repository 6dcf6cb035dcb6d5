/**
 * The nearest counterfactual, as the What-If Tool defines it: among candidate rows whose predicted class differs
 * from the example's, the one at the smallest distance, where distance = L1 over numeric features standardised by
 * their standard deviation in the candidates + the number of categorical features whose values differ.
 * A feature missing on one side only counts as 1 (a standardised unit, or one mismatch); missing on both, 0.
 */
import type { FeatureSpec, ModelTask } from './featureSpecTypes.js';
import type { ExampleRecord, RecordValue } from './featureTransform.js';

export interface CounterfactualResult {
  /** Index into the candidate rows. */
  readonly index: number;
  readonly distance: number;
  /** The L1 part (standardised numerics). */
  readonly numericDistance: number;
  /** Categorical features that differ. */
  readonly mismatches: number;
  readonly predictedClass: number;
  /** Features whose value differs from the example's, in spec order. */
  readonly changed: readonly string[];
}

/** The predicted class of row r from scores (`width` per row): binary → score ≥ 0.5; multiclass → argmax. */
export function predictedClass(task: ModelTask, scores: Float32Array | readonly number[], width: number, r: number): number {
  if (task === 'binary') return scores[r * width]! >= 0.5 ? 1 : 0;
  if (task === 'multiclass') {
    let best = 0;
    for (let j = 1; j < width; j++) if (scores[r * width + j]! > scores[r * width + best]!) best = j;
    return best;
  }
  return NaN;
}

function isMissing(v: RecordValue): boolean {
  return v === null || v === undefined || v === '';
}

function asNumber(v: RecordValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') return Number(v.trim());
  return NaN;
}

/** Which features the distance treats as numbers (numeric and bucketized) and as categories. */
export function featureKinds(spec: FeatureSpec): ReadonlyMap<string, 'numeric' | 'categorical'> {
  return new Map(spec.features.map((f) => [f.name, f.transform.kind === 'numeric' || f.transform.kind === 'bucketize' ? 'numeric' : 'categorical']));
}

/** Population standard deviation of each numeric feature over the candidates (1 where it is 0 or unknown). */
export function numericScales(spec: FeatureSpec, rows: readonly ExampleRecord[]): ReadonlyMap<string, number> {
  const scales = new Map<string, number>();
  for (const [name, kind] of featureKinds(spec)) {
    if (kind !== 'numeric') continue;
    let n = 0;
    let mean = 0;
    let m2 = 0;
    for (const row of rows) {
      const v = asNumber(row[name]);
      if (!Number.isFinite(v)) continue;
      n++;
      const d = v - mean;
      mean += d / n;
      m2 += d * (v - mean);
    }
    const sd = n > 0 ? Math.sqrt(m2 / n) : 0;
    scales.set(name, sd > 0 ? sd : 1);
  }
  return scales;
}

export interface CounterfactualInput {
  readonly spec: FeatureSpec;
  readonly example: ExampleRecord;
  /** The example's predicted class (see predictedClass). */
  readonly exampleClass: number;
  readonly candidates: readonly ExampleRecord[];
  /** Predicted class per candidate. */
  readonly candidateClasses: ArrayLike<number>;
  /** Standard deviations per numeric feature; default numericScales(spec, candidates). */
  readonly scales?: ReadonlyMap<string, number>;
}

/** The closest candidate of another class, or undefined when every candidate has the example's class. */
export function nearestCounterfactual(input: CounterfactualInput): CounterfactualResult | undefined {
  const { spec, example, candidates, candidateClasses } = input;
  if (Number.isNaN(input.exampleClass)) return undefined;
  const kinds = featureKinds(spec);
  const scales = input.scales ?? numericScales(spec, candidates);
  let best: CounterfactualResult | undefined;
  for (let i = 0; i < candidates.length; i++) {
    if (candidateClasses[i] === input.exampleClass || Number.isNaN(candidateClasses[i]!)) continue;
    const row = candidates[i]!;
    let numeric = 0;
    let mismatches = 0;
    for (const [name, kind] of kinds) {
      const a = example[name];
      const b = row[name];
      const ma = isMissing(a);
      const mb = isMissing(b);
      if (ma || mb) {
        if (ma !== mb) {
          if (kind === 'numeric') numeric += 1;
          else mismatches += 1;
        }
        continue;
      }
      if (kind === 'numeric') {
        const d = Math.abs(asNumber(a) - asNumber(b));
        numeric += Number.isFinite(d) ? d / scales.get(name)! : 1;
      } else if (String(a) !== String(b)) mismatches += 1;
      if (best !== undefined && numeric + mismatches >= best.distance) break;
    }
    const distance = numeric + mismatches;
    if (best === undefined || distance < best.distance) {
      best = { index: i, distance, numericDistance: numeric, mismatches, predictedClass: candidateClasses[i]!, changed: [] };
    }
  }
  if (!best) return undefined;
  const row = candidates[best.index]!;
  const changed = spec.features
    .map((f) => f.name)
    .filter((name) => {
      const a = example[name];
      const b = row[name];
      if (isMissing(a) || isMissing(b)) return isMissing(a) !== isMissing(b);
      return kinds.get(name) === 'numeric' ? asNumber(a) !== asNumber(b) : String(a) !== String(b);
    });
  return { ...best, changed };
}
