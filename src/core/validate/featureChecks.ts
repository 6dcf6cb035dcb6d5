/**
 * Feature-level checks other than domains and comparators, as TFDV's feature_util.cc / schema.cc do them:
 * the schema's own consistency, valency (value_count / value_counts / shape), presence, unique-value constraints.
 * Each relaxes the feature so that it would accept the data, and returns why.
 */
import { clearField, isFieldSet } from '@bufbuild/protobuf';
import { AnomalyInfo_Type } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Feature, FeaturePresence, Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import {
  FeaturePresenceSchema,
  FeatureSchema,
  FeatureType,
  ValueCountSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import {
  deprecateFeature,
  findStringDomain,
  hasMinCount,
  hasMinFraction,
  hasType,
  hasValueCountMax,
  hasValueCountMin,
  isFeatureDeprecated,
} from '../schema/schemaModel.js';
import type { FeatureStatsView } from '../schema/statsView.js';
import { initValueCount } from '../schema/valueCounts.js';
import type { Description } from './description.js';
import { describe } from './description.js';
import { updateBoolDomainSelf, updateStringDomainSelf } from './domainChecks.js';
import { fixedSix, sixDigits } from './tfdvFormat.js';

export const COLUMN_DROPPED = 'Column dropped';
const MISSING_VALUES = 'Missing values';
const SUPERFLUOUS_VALUES = 'Superfluous values';
const NESTEDNESS_MISMATCH = 'Mismatched value nest level';

function allowedTypes(domainCase: Feature['domainInfo']['case']): readonly FeatureType[] {
  switch (domainCase) {
    case 'domain':
    case 'stringDomain':
      return [FeatureType.BYTES];
    case 'boolDomain':
      return [FeatureType.INT, FeatureType.BYTES, FeatureType.FLOAT];
    case 'intDomain':
      return [FeatureType.INT, FeatureType.BYTES];
    case 'floatDomain':
      return [FeatureType.FLOAT, FeatureType.BYTES];
    case 'structDomain':
      return [FeatureType.STRUCT];
    case 'naturalLanguageDomain':
      return [FeatureType.BYTES, FeatureType.INT];
    case 'imageDomain':
    case 'midDomain':
    case 'urlDomain':
      return [FeatureType.BYTES];
    case 'timeDomain':
      return [FeatureType.INT, FeatureType.BYTES];
    default:
      return [FeatureType.INT, FeatureType.FLOAT, FeatureType.BYTES, FeatureType.STRUCT];
  }
}

/** The .proto name of the domain_info field that is set, as TFDV's GetDomainInfoName prints it. */
function domainFieldName(feature: Feature): string {
  const name = feature.domainInfo.case;
  if (name === undefined) return 'UNSET';
  return FeatureSchema.fields.find((f) => f.localName === name)?.name ?? name;
}

/** TFDV's UpdateFeatureSelf: a feature that contradicts itself is fixed (or deprecated) before it is used. */
export function updateFeatureSelf(schema: Schema, feature: Feature): Description[] {
  const out: Description[] = [];
  if (isFeatureDeprecated(feature)) return out;
  if (!isFieldSet(feature, FeatureSchema.field.name)) {
    out.push(
      describe(
        AnomalyInfo_Type.FEATURE_MISSING_NAME,
        'unspecified name (maybe meant to be the empty string): find name rather than deprecating.',
      ),
    );
    deprecateFeature(feature);
    return out;
  }
  if (!hasType(feature)) {
    if (feature.domainInfo.case === 'domain' || feature.domainInfo.case === 'stringDomain') {
      out.push(describe(AnomalyInfo_Type.FEATURE_MISSING_TYPE, 'unspecified type: inferring the type to be BYTES, given the domain specified.'));
      feature.type = FeatureType.BYTES;
    } else {
      out.push(describe(AnomalyInfo_Type.FEATURE_MISSING_TYPE, 'unspecified type: determine the type and set it, rather than deprecating.'));
      deprecateFeature(feature);
      return out;
    }
  }
  const presence = feature.presenceConstraints.case === 'presence' ? feature.presenceConstraints.value : undefined;
  if (presence && presence.minFraction < 0) {
    clearField(presence, FeaturePresenceSchema.field.minFraction);
    out.push(describe(AnomalyInfo_Type.INVALID_SCHEMA_SPECIFICATION, 'min_fraction should not be negative: clear is equal to zero'));
  }
  if (presence && presence.minFraction > 1) {
    presence.minFraction = 1;
    out.push(describe(AnomalyInfo_Type.INVALID_SCHEMA_SPECIFICATION, 'min_fraction should not greater than 1'));
  }
  if (feature.shapeType.case === 'valueCount') {
    const vc = feature.shapeType.value;
    if (vc.min < 0n) {
      clearField(vc, ValueCountSchema.field.min);
      out.push(describe(AnomalyInfo_Type.INVALID_SCHEMA_SPECIFICATION, 'ValueCount.min should not be negative'));
    }
    if (hasValueCountMax(vc) && vc.max < vc.min) {
      out.push(describe(AnomalyInfo_Type.INVALID_SCHEMA_SPECIFICATION, 'ValueCount.max should not be less than min'));
      vc.max = vc.min;
    }
  }
  if (feature.shapeType.case === 'valueCounts') {
    feature.shapeType.value.valueCount.forEach((vc, i) => {
      if (vc.min < 0n) {
        clearField(vc, ValueCountSchema.field.min);
        out.push(
          describe(AnomalyInfo_Type.INVALID_SCHEMA_SPECIFICATION, 'ValueCounts.min should not be negative', `ValueCounts.min at level ${i} should not be negative.`),
        );
      }
      if (hasValueCountMax(vc) && vc.max < vc.min) {
        vc.max = vc.min;
        out.push(
          describe(
            AnomalyInfo_Type.INVALID_SCHEMA_SPECIFICATION,
            'ValueCounts.max should not be less than min',
            `ValueCounts.max at level ${i} should not be less than min.`,
          ),
        );
      }
    });
  }
  if (feature.shapeType.case === 'shape' && feature.shapeType.value.dim.some((d) => d.size <= 0n)) {
    feature.shapeType = { case: undefined };
    out.push(describe(AnomalyInfo_Type.INVALID_SCHEMA_SPECIFICATION, 'Shape.dim.size must be a positive integer'));
  }
  if (!allowedTypes(feature.domainInfo.case).includes(feature.type)) {
    out.push(
      describe(
        AnomalyInfo_Type.DOMAIN_INVALID_FOR_TYPE,
        'The domain does not match the type',
        `The domain "${domainFieldName(feature)}" does not match the type: ${FeatureType[feature.type] ?? feature.type}`,
      ),
    );
    feature.domainInfo = { case: undefined };
  }
  const noDistribution = (what: string): void => {
    if (!feature.distributionConstraints) return;
    feature.distributionConstraints = undefined;
    out.push(describe(AnomalyInfo_Type.INVALID_SCHEMA_SPECIFICATION, what));
  };
  switch (feature.domainInfo.case) {
    case 'domain':
      if (!findStringDomain(schema, feature.domainInfo.value)) {
        const name = feature.domainInfo.value;
        feature.domainInfo = { case: undefined };
        out.push(describe(AnomalyInfo_Type.INVALID_DOMAIN_SPECIFICATION, `missing domain: ${name}`));
      }
      break;
    case 'boolDomain':
      noDistribution('distribution constraints not supported for bool domains.');
      // TFDV fixes the domain but drops the reason (schema.cc UpdateFeatureSelf ignores UpdateBoolDomainSelf's).
      updateBoolDomainSelf(feature.domainInfo.value);
      break;
    case 'intDomain':
      noDistribution('distribution constraints not supported for int domains.');
      break;
    case 'floatDomain':
      noDistribution('distribution constraints not supported for float domains.');
      break;
    case 'stringDomain':
      // As for bool domains, repeated values are dropped without a reason (schema.cc UpdateFeatureSelf).
      updateStringDomainSelf(feature.domainInfo.value);
      break;
    case 'structDomain':
      noDistribution('distribution constraints not supported for struct domains.');
      break;
    case 'naturalLanguageDomain':
    case 'imageDomain':
    case 'midDomain':
    case 'urlDomain':
    case 'timeDomain':
      noDistribution('distribution constraints not supported for semantic domains.');
      break;
    case undefined:
      noDistribution('distribution constraints require domain or string domain.');
      break;
    default:
      // audio, video, content-chunk and time-of-day domains: TFDV 1.21's validator does not know them yet.
      out.push(describe(AnomalyInfo_Type.INVALID_DOMAIN_SPECIFICATION, 'internal issue: unknown domain_info type'));
      feature.domainInfo = { case: undefined };
  }
  return out;
}

/** value_count / value_counts against the observed values per example (TFDV's UpdateFeatureValueCounts). */
export function updateValueCounts(view: FeatureStatsView, feature: Feature): Description[] {
  const minMax = view.minMaxNumValues();
  const out: Description[] = [];
  if (feature.shapeType.case === 'valueCount') {
    const vc = feature.shapeType.value;
    if (minMax.length > 1) {
      out.push(
        describe(
          AnomalyInfo_Type.VALUE_NESTEDNESS_MISMATCH,
          NESTEDNESS_MISMATCH,
          'This feature has a value_count, but the nestedness level of the feature > 1. For features with nestedness levels greater than 1, value_counts, not value_count, should be specified.',
        ),
      );
      feature.shapeType = { case: undefined };
      initValueCount(view, feature);
      return out;
    }
    const [min, max] = minMax[0] as readonly [number, number];
    if (hasValueCountMin(vc) && min < Number(vc.min)) {
      out.push(describe(AnomalyInfo_Type.FEATURE_TYPE_LOW_NUMBER_VALUES, MISSING_VALUES, 'Some examples have fewer values than expected.'));
      if (min === 0) clearField(vc, ValueCountSchema.field.min);
      else vc.min = BigInt(min);
    }
    if (hasValueCountMax(vc) && max > Number(vc.max)) {
      out.push(describe(AnomalyInfo_Type.FEATURE_TYPE_HIGH_NUMBER_VALUES, SUPERFLUOUS_VALUES, 'Some examples have more values than expected.'));
      vc.max = BigInt(max);
    }
    return out;
  }
  if (feature.shapeType.case === 'valueCounts') {
    const list = feature.shapeType.value.valueCount;
    if (list.length !== minMax.length) {
      out.push(
        describe(
          AnomalyInfo_Type.VALUE_NESTEDNESS_MISMATCH,
          NESTEDNESS_MISMATCH,
          'The values have a different nest level than expected. Value counts will not be checked.',
        ),
      );
      feature.shapeType = { case: undefined };
      initValueCount(view, feature);
      return out;
    }
    list.forEach((vc, i) => {
      const [min, max] = minMax[i] as readonly [number, number];
      if (hasValueCountMin(vc) && min < Number(vc.min)) {
        out.push(
          describe(AnomalyInfo_Type.FEATURE_TYPE_LOW_NUMBER_VALUES, MISSING_VALUES, `Some examples have fewer values than expected at nestedness level ${i}.`),
        );
        if (min === 0) clearField(vc, ValueCountSchema.field.min);
        else vc.min = BigInt(min);
      }
      if (hasValueCountMax(vc) && max > Number(vc.max)) {
        out.push(
          describe(AnomalyInfo_Type.FEATURE_TYPE_HIGH_NUMBER_VALUES, SUPERFLUOUS_VALUES, `Some examples have more values than expected at nestedness level ${i}.`),
        );
        vc.max = BigInt(max);
      }
    });
  }
  return out;
}


/**
 * A fixed shape needs the feature present everywhere with a constant number of values matching the shape's
 * size. TFDV drops the shape otherwise (INVALID_FEATURE_SHAPE, feature_util.cc UpdateFeatureShape).
 */
export function updateShape(view: FeatureStatsView, feature: Feature): Description[] {
  if (feature.shapeType.case !== 'shape') return [];
  const expected = feature.shapeType.value.dim.reduce((p, d) => p * Number(d.size), 1);
  let actual = 1;
  for (const [min, max] of view.minMaxNumValues()) {
    if (min === max && min !== 0) actual *= min;
    else {
      actual = -1;
      break;
    }
  }
  const hasMissing = view.numMissingNested().some((m) => m !== 0);
  if (actual <= 0 || hasMissing) {
    feature.shapeType = { case: undefined };
    return [
      describe(
        AnomalyInfo_Type.INVALID_FEATURE_SHAPE,
        'Feature shape dropped',
        "The feature has a shape, but it's not always present (if the feature is nested, then it should always be present at each nested level) or its value lengths vary.",
      ),
    ];
  }
  if (actual !== expected) {
    feature.shapeType = { case: undefined };
    return [describe(AnomalyInfo_Type.INVALID_FEATURE_SHAPE, 'Feature shape dropped', `The feature has fixed value length ${actual} but it's not compatible with the specified shape.`)];
  }
  return [];
}

/** min_count and min_fraction against how often the feature occurs (TFDV's UpdatePresence). */
export function updatePresence(view: FeatureStatsView, presence: FeaturePresence): Description[] {
  const out: Description[] = [];
  const numPresent = view.numPresent();
  if (hasMinCount(presence) && numPresent < Number(presence.minCount)) {
    const original = presence.minCount;
    presence.minCount = BigInt(Math.trunc(numPresent));
    out.push(
      describe(
        AnomalyInfo_Type.FEATURE_TYPE_LOW_NUMBER_PRESENT,
        COLUMN_DROPPED,
        `The feature was present in fewer examples than expected: minimum count = ${original}, actual = ${presence.minCount}`,
      ),
    );
  }
  const fraction = view.fractionPresent();
  if (hasMinFraction(presence) && fraction !== undefined) {
    if (fraction < presence.minFraction) {
      // TFDV holds the original in a C++ float before printing it with %f.
      const original = Math.fround(presence.minFraction);
      presence.minFraction = fraction;
      out.push(
        describe(
          AnomalyInfo_Type.FEATURE_TYPE_LOW_FRACTION_PRESENT,
          COLUMN_DROPPED,
          `The feature was present in fewer examples than expected: minimum fraction = ${fixedSix(original)}, actual = ${fixedSix(fraction)}`,
        ),
      );
    }
    if (presence.minFraction === 1 && view.numMissing() !== 0) {
      // So few examples miss the feature that the fraction rounds to 1.
      presence.minFraction = 0.9999;
      out.push(
        describe(
          AnomalyInfo_Type.FEATURE_TYPE_LOW_FRACTION_PRESENT,
          COLUMN_DROPPED,
          `The feature was expected everywhere, but was missing in ${sixDigits(view.numMissing())} examples.`,
        ),
      );
    }
  }
  return out;
}

/** unique_constraints against string_stats.unique. */
export function updateUniqueConstraints(view: FeatureStatsView, feature: Feature): Description[] {
  const uc = feature.uniqueConstraints;
  if (!uc) return [];
  const unique = view.numUnique();
  if (unique === undefined) {
    feature.uniqueConstraints = undefined;
    return [
      describe(
        AnomalyInfo_Type.FEATURE_TYPE_NO_UNIQUE,
        'No unique values',
        'UniqueConstraints specified for the feature, but unique values were not counted (i.e., feature is not string or categorical).',
      ),
    ];
  }
  const out: Description[] = [];
  // Unset bounds read as 0, as in TFDV: a constraint needs both min and max to be useful.
  if (unique < Number(uc.min)) {
    out.push(
      describe(AnomalyInfo_Type.FEATURE_TYPE_LOW_UNIQUE, 'Low number of unique values', `Expected at least ${uc.min} unique values but found only ${unique}.`),
    );
    uc.min = BigInt(unique);
  }
  if (unique > Number(uc.max)) {
    out.push(
      describe(AnomalyInfo_Type.FEATURE_TYPE_HIGH_UNIQUE, 'High number of unique values', `Expected no more than ${uc.max} unique values but found ${unique}.`),
    );
    uc.max = BigInt(unique);
  }
  return out;
}
