/**
 * The edits a TFDV user makes to a schema in Python after `infer_schema` (the TFDV lab's
 * `schema.default_environment.append(…)`, `get_feature(…).not_in_environment.append(…)`, skew and drift
 * comparators, `get_domain(…).value.append(…)`, `distribution_constraints.min_domain_mass`), as data. They edit
 * the message in place, so comments and fields Facetwise does not interpret survive when it is printed back.
 */
import type { Feature, Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { didYouMean } from '../data/closestNames.js';
import { FacetwiseError } from '../data/issues.js';
import { parsePath, serializePath } from './featurePath.js';
import type { ComparatorKind, ComparatorThresholds } from './schemaModel.js';
import {
  addDefaultEnvironment,
  addDomainValues,
  allFeatures,
  getFeature,
  setComparatorThreshold,
  setMinDomainMass,
  setNotInEnvironment,
  stringDomainOf,
} from './schemaModel.js';

export type ComparatorMetric = keyof ComparatorThresholds;

/** schema.proto's field names, as a TFDV user reads them in schema.pbtxt. */
const PROTO_METRIC_NAMES: Readonly<Record<ComparatorMetric, string>> = {
  infinityNorm: 'infinity_norm',
  jensenShannonDivergence: 'jensen_shannon_divergence',
  normalizedAbsDifference: 'normalized_abs_difference',
};

export type SchemaEdit =
  | { readonly kind: 'defaultEnvironment'; readonly environment: string }
  | { readonly kind: 'notInEnvironment'; readonly feature: string; readonly environment: string }
  | {
      readonly kind: 'comparator';
      readonly comparator: ComparatorKind;
      readonly feature: string;
      readonly metric: ComparatorMetric;
      readonly threshold: number;
    }
  | { readonly kind: 'domainAdd'; readonly feature: string; readonly value: string }
  | { readonly kind: 'minDomainMass'; readonly feature: string; readonly mass: number };

function featureOf(schema: Schema, name: string): Feature {
  const feature = getFeature(schema, parsePath(name) ?? [name]);
  if (feature) return feature;
  const known = allFeatures(schema).map((f) => serializePath(f.path));
  throw new FacetwiseError('SCHEMA_FEATURE_NOT_FOUND', `The schema has no feature '${name}'${didYouMean(name, known, (s) => `'${s}'`)}.`);
}

/** Applies the edits in order to `schema` (in place) and returns one line per edit saying what changed. */
export function applySchemaEdits(schema: Schema, edits: readonly SchemaEdit[]): string[] {
  const done: string[] = [];
  for (const edit of edits) {
    switch (edit.kind) {
      case 'defaultEnvironment':
        addDefaultEnvironment(schema, edit.environment);
        done.push(`default_environment ${edit.environment}`);
        break;
      case 'notInEnvironment':
        setNotInEnvironment(schema, featureOf(schema, edit.feature), edit.environment);
        done.push(`${edit.feature}: not_in_environment ${edit.environment}`);
        break;
      case 'comparator': {
        if (!(edit.threshold >= 0) || !Number.isFinite(edit.threshold)) {
          throw new FacetwiseError('SCHEMA_BAD_VALUE', `A ${edit.comparator} threshold must be a number ≥ 0, got ${edit.threshold}.`);
        }
        setComparatorThreshold(featureOf(schema, edit.feature), edit.comparator, edit.metric, edit.threshold);
        done.push(`${edit.feature}: ${edit.comparator}_comparator ${PROTO_METRIC_NAMES[edit.metric]} threshold ${edit.threshold}`);
        break;
      }
      case 'domainAdd': {
        const feature = featureOf(schema, edit.feature);
        const domain = stringDomainOf(schema, feature);
        if (!domain) throw new FacetwiseError('SCHEMA_NO_STRING_DOMAIN', `'${edit.feature}' has no string domain in the schema to add '${edit.value}' to.`);
        const added = addDomainValues(domain, [edit.value]);
        done.push(`${edit.feature}: domain ${added > 0 ? `+ '${edit.value}'` : `already has '${edit.value}'`}`);
        break;
      }
      case 'minDomainMass': {
        if (!(edit.mass >= 0 && edit.mass <= 1)) throw new FacetwiseError('SCHEMA_BAD_VALUE', `min_domain_mass must be between 0 and 1, got ${edit.mass}.`);
        setMinDomainMass(featureOf(schema, edit.feature), edit.mass);
        done.push(`${edit.feature}: min_domain_mass ${edit.mass}`);
        break;
      }
      default: {
        const never: never = edit;
        throw new Error(`unknown schema edit ${JSON.stringify(never)}`);
      }
    }
  }
  return done;
}
