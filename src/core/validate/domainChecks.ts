/**
 * Domain checks: statistics against a feature's string / int / float / bool domain, as TFDV's *_domain_util.cc
 * do it — the reasons they give and the way they relax the domain so that it would accept the data (the
 * relaxed copy is what update_schema returns).
 */
import { clearField, isFieldSet } from '@bufbuild/protobuf';
import { AnomalyInfo_Type } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { BoolDomain, Feature, FloatDomain, IntDomain, StringDomain } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { BoolDomainSchema, FeatureType } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureNameStatistics_Type, Histogram_HistogramType } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { floatInterval, intInterval } from '../schema/domainCandidates.js';
import { hasFloatMax, hasFloatMin, hasIntMax, hasIntMin, setFloatDomainRange, setIntDomainRange } from '../schema/schemaModel.js';
import type { FeatureStatsView } from '../schema/statsView.js';
import { parseFloatText } from '../schema/valueParsing.js';
import type { Description } from './description.js';
import { describe } from './description.js';
import { compareUtf8, percentageAsString, sixDigits, utf8SafeCEscape } from './tfdvFormat.js';

export interface UpdateSummary {
  readonly descriptions: Description[];
  /** The domain no longer makes sense for the data and should be removed. */
  readonly clearField: boolean;
}

const OUT_OF_RANGE = 'Out-of-range values';
const INVALID_VALUES = 'Invalid values';
const NON_BOOLEAN = 'Non-boolean values';

/**
 * Values the statistics hold that the string domain lacks. Reported when their share of all values exceeds
 * 1 − min_domain_mass (any at all when min_domain_mass is unset), and then added to the domain.
 */
export function updateStringDomain(view: FeatureStatsView, maxOffDomain: number, domain: StringDomain, enumDeleteThreshold?: number): UpdateSummary {
  if (view.hasInvalidUtf8Strings()) {
    return {
      descriptions: [describe(AnomalyInfo_Type.ENUM_TYPE_INVALID_UTF8, 'Invalid UTF8 strings', 'Found strings that were not valid UTF8 strings.')],
      clearField: true,
    };
  }
  const valid = new Set(domain.value);
  const missing = new Map<string, number>();
  for (const [value, count] of view.stringValuesWithCounts()) if (!valid.has(value)) missing.set(value, count);
  let missingCount = 0;
  for (const c of missing.values()) missingCount += c;
  const total = view.totalValueCount();
  const descriptions: Description[] = [];
  if (missingCount / total > maxOffDomain || (maxOffDomain === 0 && missing.size > 0)) {
    const listed = [...missing.keys()]
      .sort(compareUtf8)
      .map((v) => `${utf8SafeCEscape(v)} (${percentageAsString(Math.trunc(missing.get(v) as number), total)})`);
    descriptions.push(
      describe(
        AnomalyInfo_Type.ENUM_TYPE_UNEXPECTED_STRING_VALUES,
        'Unexpected string values',
        `Examples contain values missing from the schema: ${listed.join(', ')}. `,
      ),
    );
    for (const v of [...missing.keys()].sort(compareUtf8)) domain.value.push(v);
  }
  // FeatureStatisticsToProtoConfig.enum_delete_threshold: a domain this big is no domain (string_domain_util.cc).
  if (enumDeleteThreshold !== undefined && enumDeleteThreshold <= domain.value.length) {
    descriptions.push(
      describe(AnomalyInfo_Type.INVALID_DOMAIN_SPECIFICATION, 'String domain has too many values', `String domain has too many values (${domain.value.length}).`),
    );
    return { descriptions, clearField: true };
  }
  return { descriptions, clearField: false };
}

/** Repeated values in a string domain are dropped (INVALID_DOMAIN_SPECIFICATION, string_domain_util.cc). */
export function updateStringDomainSelf(domain: StringDomain): Description[] {
  const seen = new Set<string>();
  const repeats: string[] = [];
  domain.value = domain.value.filter((v) => {
    if (seen.has(v)) {
      repeats.push(v);
      return false;
    }
    seen.add(v);
    return true;
  });
  if (repeats.length === 0) return [];
  return [describe(AnomalyInfo_Type.INVALID_DOMAIN_SPECIFICATION, 'Malformed StringDomain', `Repeated values in StringDomain:${repeats.join(', ')}`)];
}

export function updateIntDomain(view: FeatureStatsView, domain: IntDomain): UpdateSummary {
  const interval = intInterval(view);
  if (!interval) return { descriptions: [], clearField: false };
  if (interval.kind === 'notInt') {
    const featureType = view.featureType();
    if (featureType === FeatureType.BYTES) {
      return {
        descriptions: [
          describe(AnomalyInfo_Type.INT_TYPE_NOT_INT_STRING, INVALID_VALUES, `String values that were not ints were found, such as "${interval.example}".`),
        ],
        clearField: true,
      };
    }
    if (featureType === FeatureType.INT) {
      if (hasIntMin(domain) || hasIntMax(domain)) {
        return {
          descriptions: [
            describe(AnomalyInfo_Type.DOMAIN_INVALID_FOR_TYPE, INVALID_VALUES, `Integer had values that were not valid Int64, such as "${interval.example}".`),
          ],
          clearField: true,
        };
      }
      return { descriptions: [], clearField: false };
    }
    return {
      descriptions: [describe(AnomalyInfo_Type.DOMAIN_INVALID_FOR_TYPE, INVALID_VALUES, `IntDomain incompatible with feature type ${featureType}`)],
      clearField: true,
    };
  }
  const descriptions: Description[] = [];
  if (hasIntMin(domain) && domain.min > interval.min) {
    descriptions.push(describe(AnomalyInfo_Type.INT_TYPE_SMALL_INT, OUT_OF_RANGE, `Unexpectedly small value: ${interval.min}.`));
    domain.min = interval.min;
  }
  if (hasIntMax(domain) && domain.max < interval.max) {
    descriptions.push(describe(AnomalyInfo_Type.INT_TYPE_BIG_INT, OUT_OF_RANGE, `Unexpectedly large value: ${interval.max}.`));
    domain.max = interval.max;
  }
  return { descriptions, clearField: false };
}

function hasNan(view: FeatureStatsView): boolean {
  if (view.type === FeatureNameStatistics_Type.FLOAT) return view.numNan() > 0;
  if (view.type === FeatureNameStatistics_Type.STRING) return view.stringValues().some((s) => Number.isNaN(parseFloatText(s)));
  return false;
}

/**
 * Range, NaN and infinity checks. The domain's bounds are float32 in the proto, so both sides are rounded to
 * float32 before comparing (as TFDV's C++ does); otherwise a bound written as 0.1 would reject the value 0.1.
 */
export function updateFloatDomain(view: FeatureStatsView, domain: FloatDomain): UpdateSummary {
  const descriptions: Description[] = [];
  if (domain.disallowNan && hasNan(view)) {
    descriptions.push(describe(AnomalyInfo_Type.FLOAT_TYPE_HAS_NAN, INVALID_VALUES, 'Float feature has NaN values.'));
    domain.disallowNan = false;
  }
  const interval = floatInterval(view);
  if (!interval) return { descriptions, clearField: false };
  if (interval.kind === 'notFloat') {
    descriptions.push(
      describe(AnomalyInfo_Type.FLOAT_TYPE_STRING_NOT_FLOAT, INVALID_VALUES, `String values that were not floats were found, such as "${interval.example}".`),
    );
    return { descriptions, clearField: true };
  }
  const min = Math.fround(interval.min);
  const max = Math.fround(interval.max);
  if (hasFloatMin(domain) && min < Math.fround(domain.min)) {
    descriptions.push(
      describe(
        AnomalyInfo_Type.FLOAT_TYPE_SMALL_FLOAT,
        OUT_OF_RANGE,
        `Unexpectedly low values: ${sixDigits(min)}<${sixDigits(Math.fround(domain.min))}(upto six significant digits)`,
      ),
    );
    domain.min = min;
  }
  if (hasFloatMax(domain) && max > Math.fround(domain.max)) {
    descriptions.push(
      describe(
        AnomalyInfo_Type.FLOAT_TYPE_BIG_FLOAT,
        OUT_OF_RANGE,
        `Unexpectedly high value: ${sixDigits(max)}>${sixDigits(Math.fround(domain.max))}(upto six significant digits)`,
      ),
    );
    domain.max = max;
  }
  if (domain.disallowInf && (!Number.isFinite(min) && !Number.isNaN(min) || !Number.isFinite(max) && !Number.isNaN(max))) {
    descriptions.push(describe(AnomalyInfo_Type.FLOAT_TYPE_HAS_INF, INVALID_VALUES, 'Float feature has Inf values.'));
    domain.disallowInf = false;
  }
  return { descriptions, clearField: false };
}

function boolValidStrings(domain: BoolDomain): string[] {
  const valid = new Set<string>();
  if (isFieldSet(domain, BoolDomainSchema.field.trueValue)) valid.add(domain.trueValue);
  if (isFieldSet(domain, BoolDomainSchema.field.falseValue)) valid.add(domain.falseValue);
  return [...valid].sort(compareUtf8);
}

/** A bool domain whose true and false spellings coincide loses its false spelling. */
export function updateBoolDomainSelf(domain: BoolDomain): Description[] {
  if (
    isFieldSet(domain, BoolDomainSchema.field.trueValue) &&
    isFieldSet(domain, BoolDomainSchema.field.falseValue) &&
    domain.trueValue === domain.falseValue
  ) {
    clearField(domain, BoolDomainSchema.field.falseValue);
    return [
      describe(
        AnomalyInfo_Type.INVALID_DOMAIN_SPECIFICATION,
        'Malformed BoolDomain',
        `True and false value equal for BoolDomain:${domain.trueValue}. The suggested change is to clear the false_value, but a domain expert should review this change.`,
      ),
    ];
  }
  return [];
}

/**
 * Data against a bool domain: INT outside {0, 1} turns the domain into an int_domain, FLOAT outside {0, 1} into a
 * float_domain, an unexpected string removes it.
 */
export function updateBoolDomain(view: FeatureStatsView, feature: Feature): Description[] {
  const num = view.numStats();
  switch (view.type) {
    case FeatureNameStatistics_Type.INT: {
      if (!num) return [];
      if (num.min < 0) {
        setIntDomainRange(feature, BigInt(Math.trunc(num.min)), BigInt(Math.trunc(num.max)));
        return [describe(AnomalyInfo_Type.BOOL_TYPE_SMALL_INT, NON_BOOLEAN, `Integers (such as ${sixDigits(num.min)}) not in {0, 1}: converting to an integer.`)];
      }
      if (num.max > 1) {
        setIntDomainRange(feature, BigInt(Math.trunc(num.min)), BigInt(Math.trunc(num.max)));
        return [describe(AnomalyInfo_Type.BOOL_TYPE_BIG_INT, NON_BOOLEAN, `Integers (such as ${sixDigits(num.max)}) not in {0, 1}: converting to an integer.`)];
      }
      return [];
    }
    case FeatureNameStatistics_Type.FLOAT: {
      if (!num) return [];
      const toFloat = (): void => setFloatDomainRange(feature, num.min, num.max);
      const unexpected = (text: string): Description[] => {
        toFloat();
        return [describe(AnomalyInfo_Type.BOOL_TYPE_UNEXPECTED_FLOAT, NON_BOOLEAN, text)];
      };
      if (num.min !== 0 && num.min !== 1) return unexpected(`Floats (such as ${sixDigits(num.min)}) not in {0, 1}: converting to float_domain.`);
      if (num.max !== 0 && num.max !== 1) return unexpected(`Floats (such as ${sixDigits(num.max)}) not in {0, 1}: converting to float_domain.`);
      for (const h of num.histograms) {
        if (h.numNan > 0n) return unexpected('Floats (such as NaN) not in {0, 1}: converting to float_domain.');
        for (const b of h.buckets) {
          if (b.sampleCount <= 0) continue;
          if (b.highValue < 0) return unexpected('Float values < 0 not in {0, 1}: converting to float_domain.');
          if (b.lowValue > 1) return unexpected('Float values > 1 not in {0, 1}: converting to float_domain.');
          // Only an equal-count bucket proves a value strictly inside (0, 1); an equal-width bucket such as
          // [0.1, 0.2] may hold no value at all between its bounds (bool_domain_util.cc).
          if (h.type === Histogram_HistogramType.QUANTILES && b.highValue < 1 && b.lowValue > 0) {
            return unexpected('Float values falling between 0 and 1: converting to float_domain.');
          }
        }
      }
      return [];
    }
    case FeatureNameStatistics_Type.STRING: {
      if (feature.domainInfo.case !== 'boolDomain') return [];
      const domain = feature.domainInfo.value;
      const valid = boolValidStrings(domain);
      for (const s of view.stringValues()) {
        if (!valid.includes(s)) {
          const desc = valid.length === 0 ? '{}' : `{"${valid.join('", "')}"}`;
          feature.domainInfo = { case: undefined };
          return [describe(AnomalyInfo_Type.BOOL_TYPE_UNEXPECTED_STRING, NON_BOOLEAN, `Saw unexpected value "${s}" instead of ${desc}.`)];
        }
      }
      return [];
    }
    default:
      return [];
  }
}
