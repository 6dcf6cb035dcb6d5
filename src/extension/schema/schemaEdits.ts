/**
 * The schema edits behind the Problems pane's quick fixes, as pure functions over the Schema message: each
 * returns an edited copy (made with cloneSchema, so comments and fields Facetwise does not know survive when the
 * copy is printed back to text format) and leaves its input alone. No `vscode` import.
 */
import type { Feature, Schema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FacetwiseError } from '../../core/data/issues.js';
import { parsePath } from '../../core/schema/featurePath.js';
import { cloneSchema } from '../../core/schema/schemaClone.js';
import { addDomainValues, getFeature, setMinDomainMass, setNotInEnvironment, stringDomainOf } from '../../core/schema/schemaModel.js';

/** A schema change a quick fix makes. `feature` is the serialized path TFDV keys anomalies by (usually the name). */
export type SchemaFix =
  | { readonly kind: 'addDomainValues'; readonly feature: string; readonly values: readonly string[] }
  | { readonly kind: 'notInEnvironment'; readonly feature: string; readonly environment: string }
  | { readonly kind: 'minDomainMass'; readonly feature: string; readonly mass: number };

function quoted(value: string): string {
  const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `'${short}'`;
}

/** The title of the quick fix, as the lightbulb menu shows it. */
export function schemaFixTitle(fix: SchemaFix): string {
  switch (fix.kind) {
    case 'addDomainValues':
      return fix.values.length === 1
        ? `Add ${quoted(fix.values[0] as string)} to the schema's domain of ${fix.feature}`
        : `Add all ${fix.values.length} unexpected values to the schema's domain of ${fix.feature}`;
    case 'notInEnvironment':
      return `Mark ${fix.feature} as not in ${fix.environment}`;
    case 'minDomainMass':
      return `Relax min_domain_mass of ${fix.feature} to ${fix.mass}`;
    default: {
      const never: never = fix;
      throw new Error(`unknown schema fix ${JSON.stringify(never)}`);
    }
  }
}

function featureOf(schema: Schema, name: string): Feature {
  const path = parsePath(name) ?? [name];
  const feature = getFeature(schema, path);
  if (!feature) throw new FacetwiseError('SCHEMA_FEATURE_NOT_FOUND', `The schema has no feature ${name}.`);
  return feature;
}

/** Applies a fix to a copy of `schema`. Throws FacetwiseError when the schema does not have what the fix edits. */
export function applySchemaFix(schema: Schema, fix: SchemaFix): Schema {
  const copy = cloneSchema(schema);
  const feature = featureOf(copy, fix.feature);
  switch (fix.kind) {
    case 'addDomainValues': {
      // A schema-level domain (`domain: "company"`) may be shared by several features: adding to it is what TFDV
      // users do too (`tfdv.get_domain(schema, 'company').value.append(...)`).
      const domain = stringDomainOf(copy, feature);
      if (!domain) throw new FacetwiseError('SCHEMA_NO_STRING_DOMAIN', `${fix.feature} has no string domain in the schema.`);
      addDomainValues(domain, fix.values);
      return copy;
    }
    case 'notInEnvironment':
      setNotInEnvironment(copy, feature, fix.environment);
      return copy;
    case 'minDomainMass': {
      if (!(fix.mass >= 0 && fix.mass <= 1)) throw new FacetwiseError('SCHEMA_BAD_VALUE', `min_domain_mass must be between 0 and 1, got ${fix.mass}.`);
      setMinDomainMass(feature, fix.mass);
      return copy;
    }
    default: {
      const never: never = fix;
      throw new Error(`unknown schema fix ${JSON.stringify(never)}`);
    }
  }
}

/** The min_domain_mass that lets data with this in-domain fraction pass: rounded down to two decimals. */
export function relaxedDomainMass(inDomainFraction: number): number {
  return Math.max(0, Math.floor(inDomainFraction * 100 + 1e-9) / 100);
}
