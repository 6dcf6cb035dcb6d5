/**
 * Checks single cells against the schema, for the rows grid to mark the anomalous ones in the window it shows
 * (on the fly, not precomputed per row): a value outside the feature's string domain, outside its int/float
 * range, or not of its type (an INT feature holding `1.5` or `abc`, a FLOAT one holding `abc`).
 */
import type { Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureType } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { floatDomainOf, getFeature, hasFloatMax, hasFloatMin, hasIntMax, hasIntMin, intDomainOf, stringDomainOf } from '../schema/schemaModel.js';

/** Why a cell is anomalous, or undefined when it is fine (or the schema says nothing about its column). */
export type CellCheck = (value: string) => string | undefined;

export function cellChecks(schema: Schema, columns: readonly string[]): Array<CellCheck | undefined> {
  return columns.map((name) => {
    const feature = getFeature(schema, [name]);
    if (!feature) return undefined;
    const checks: CellCheck[] = [];
    const domain = stringDomainOf(schema, feature);
    if (domain && domain.value.length > 0) {
      const values = new Set(domain.value);
      checks.push((v) => (values.has(v) ? undefined : `'${v}' is not in the schema's domain of ${name}`));
    }
    if (feature.type === FeatureType.INT) {
      const range = intDomainOf(feature);
      checks.push((v) => {
        const n = Number(v);
        if (v.trim() === '' || !Number.isInteger(n)) return `${name} is INT in the schema, but '${v}' is not an integer`;
        if (range && hasIntMin(range) && n < Number(range.min)) return `${v} is below ${name}'s minimum ${range.min}`;
        if (range && hasIntMax(range) && n > Number(range.max)) return `${v} is above ${name}'s maximum ${range.max}`;
        return undefined;
      });
    } else if (feature.type === FeatureType.FLOAT) {
      const range = floatDomainOf(feature);
      checks.push((v) => {
        const n = Number(v);
        if (v.trim() === '' || Number.isNaN(n)) return `${name} is FLOAT in the schema, but '${v}' is not a number`;
        if (range && hasFloatMin(range) && n < range.min) return `${v} is below ${name}'s minimum ${range.min}`;
        if (range && hasFloatMax(range) && n > range.max) return `${v} is above ${name}'s maximum ${range.max}`;
        return undefined;
      });
    }
    if (checks.length === 0) return undefined;
    return (value: string) => {
      // List cells (TFRecord) are checked element by element.
      const items = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1).split(', ').filter((x) => x !== '') : [value];
      for (const item of items) for (const check of checks) {
        const reason = check(item);
        if (reason) return reason;
      }
      return undefined;
    };
  });
}
