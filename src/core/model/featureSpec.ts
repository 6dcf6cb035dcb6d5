/**
 * The feature spec: the one description of how dataset columns become a model's input tensor, shared by training
 * and every kind of serving (batch, real time, explanation, evaluation) so they cannot drift apart
 * (training-serving skew). Stored as `feature_spec.json` in each version folder, since versions may read
 * different features; a spec in the model's root folder serves versions that have none of their own.
 */
import { promises as fs } from 'node:fs';
import { FacetwiseError } from '../data/issues.js';
import { parseJsonWithPosition } from './jsonWithPosition.js';
import { parseExpression } from './labelExpression.js';

export { FEATURE_SPEC_FILE, FEATURE_SPEC_FORMAT } from './featureSpecTypes.js';
import { FEATURE_SPEC_FORMAT } from './featureSpecTypes.js';
export type { ModelTask, NumericTransform, VocabularyTransform, OneHotTransform, BucketizeTransform, FeatureTransformSpec, FeatureSpecEntry, LabelSpec, FeatureSpec } from './featureSpecTypes.js';
import type { FeatureTransformSpec, FeatureSpecEntry, LabelSpec, FeatureSpec } from './featureSpecTypes.js';

class SpecProblem extends Error {}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finite(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new SpecProblem(`${at} must be a finite number`);
  return v;
}

function strings(v: unknown, at: string): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new SpecProblem(`${at} must be a list of strings`);
  const list = v as string[];
  const seen = new Set<string>();
  for (const s of list) {
    if (seen.has(s)) throw new SpecProblem(`${at} lists "${s}" twice`);
    seen.add(s);
  }
  return list;
}

function transformOf(v: unknown, at: string): FeatureTransformSpec {
  if (!isRecord(v)) throw new SpecProblem(`${at} must be an object with a 'kind'`);
  switch (v.kind) {
    case 'numeric': {
      const stdDev = finite(v.stdDev, `${at}.stdDev`);
      if (stdDev < 0) throw new SpecProblem(`${at}.stdDev must not be negative`);
      return { kind: 'numeric', mean: finite(v.mean, `${at}.mean`), stdDev };
    }
    case 'vocabulary': {
      const oov = v.oovBuckets ?? 1;
      if (!Number.isInteger(oov) || (oov as number) < 1) throw new SpecProblem(`${at}.oovBuckets must be an integer >= 1`);
      const encoding = v.encoding ?? 'oneHot';
      if (encoding !== 'oneHot' && encoding !== 'index') throw new SpecProblem(`${at}.encoding must be "oneHot" or "index"`);
      return { kind: 'vocabulary', vocabulary: strings(v.vocabulary, `${at}.vocabulary`), oovBuckets: oov as number, encoding };
    }
    case 'oneHot':
      return { kind: 'oneHot', values: strings(v.values, `${at}.values`) };
    case 'bucketize': {
      if (!Array.isArray(v.boundaries) || v.boundaries.length === 0) throw new SpecProblem(`${at}.boundaries must be a non-empty list`);
      const b = v.boundaries.map((x, i) => finite(x, `${at}.boundaries[${i}]`));
      for (let i = 1; i < b.length; i++) {
        if (!(b[i]! > b[i - 1]!)) throw new SpecProblem(`${at}.boundaries must be strictly ascending`);
      }
      return { kind: 'bucketize', boundaries: b };
    }
    default:
      throw new SpecProblem(`${at}.kind must be one of numeric, vocabulary, oneHot, bucketize`);
  }
}

/** Checks a parsed JSON value and returns it as a FeatureSpec; throws MODEL_SPEC_INVALID naming the field. */
export function validateFeatureSpec(value: unknown, file: string): FeatureSpec {
  try {
    if (!isRecord(value)) throw new SpecProblem('the spec must be a JSON object');
    if (value.format !== FEATURE_SPEC_FORMAT) throw new SpecProblem(`format must be ${FEATURE_SPEC_FORMAT}`);
    const task = value.task;
    if (task !== 'binary' && task !== 'multiclass' && task !== 'regression') {
      throw new SpecProblem('task must be "binary", "multiclass" or "regression"');
    }
    if (!Array.isArray(value.features) || value.features.length === 0) throw new SpecProblem('features must be a non-empty list');
    const names = new Set<string>();
    const features = value.features.map((f, i): FeatureSpecEntry => {
      const at = `features[${i}]`;
      if (!isRecord(f) || typeof f.name !== 'string' || f.name === '') throw new SpecProblem(`${at}.name must be a column name`);
      if (names.has(f.name)) throw new SpecProblem(`${at}: feature "${f.name}" is listed twice`);
      names.add(f.name);
      const missing = f.missing ?? 'impute';
      if (missing !== 'impute' && missing !== 'error') throw new SpecProblem(`${at}.missing must be "impute" or "error"`);
      return { name: f.name, transform: transformOf(f.transform, `${at}.transform`), missing };
    });
    let label: LabelSpec | undefined;
    if (value.label !== undefined) {
      const l = value.label;
      if (!isRecord(l) || typeof l.expression !== 'string') throw new SpecProblem('label.expression must be a string');
      try {
        parseExpression(l.expression);
      } catch (err) {
        throw new SpecProblem(`label.expression: ${(err as Error).message}`);
      }
      const classes = l.classes === undefined ? undefined : strings(l.classes, 'label.classes');
      if (task === 'multiclass' && (!classes || classes.length < 2)) throw new SpecProblem('a multiclass label needs classes (at least 2)');
      if (task === 'binary' && classes && classes.length !== 2) throw new SpecProblem('binary label.classes must name exactly 2 classes');
      label = classes ? { expression: l.expression, classes } : { expression: l.expression };
    }
    const output = value.output ?? 'probability';
    if (output !== 'probability' && output !== 'logit') throw new SpecProblem('output must be "probability" or "logit"');
    if (value.unknownString !== undefined && typeof value.unknownString !== 'string') throw new SpecProblem('unknownString must be a string');
    const unknownString = value.unknownString as string | undefined;
    return { format: FEATURE_SPEC_FORMAT, task, features, output, ...(label ? { label } : {}), ...(unknownString !== undefined ? { unknownString } : {}) };
  } catch (err) {
    if (err instanceof SpecProblem) throw new FacetwiseError('MODEL_SPEC_INVALID', `feature spec: ${err.message}`, { file });
    throw err;
  }
}

export async function readFeatureSpec(file: string): Promise<FeatureSpec> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new FacetwiseError(
      missing ? 'MODEL_SPEC_MISSING' : 'MODEL_SPEC_UNREADABLE',
      missing ? 'no feature spec: every model needs a feature_spec.json (see `facetwise model init`)' : (err as Error).message,
      { file },
    );
  }
  return validateFeatureSpec(parseJsonWithPosition(text, file, 'MODEL_SPEC_INVALID'), file);
}

export async function writeFeatureSpec(file: string, spec: FeatureSpec): Promise<void> {
  await fs.writeFile(file, JSON.stringify(spec, null, 2) + '\n');
}
