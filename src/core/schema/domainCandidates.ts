/**
 * Which domain TFDV infers for a feature from its statistics (bool, int-as-string, string enum), and the value
 * ranges (intervals) the domain checks compare against.
 */
import { create } from '@bufbuild/protobuf';
import type { BoolDomain } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { BoolDomainSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureNameStatistics_Type } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { FeatureStatsView } from './statsView.js';
import { parseFloatText, parseInt64 } from './valueParsing.js';

/** Strings TFDV reads as true / false (their intersection is empty). */
export const BOOL_TRUE_VALUES: ReadonlySet<string> = new Set(['TRUE', 'true', 'SET', 'set', '1', '']);
export const BOOL_FALSE_VALUES: ReadonlySet<string> = new Set(['FALSE', 'false', 'CLEAR', 'clear', '0']);

const INT64_MIN = -9223372036854775808;
const INT64_MAX = 9223372036854775807;

export type IntInterval = { readonly kind: 'interval'; readonly min: bigint; readonly max: bigint } | { readonly kind: 'notInt'; readonly example: string };

/**
 * TFDV's GetIntInterval: the range of an INT feature (from num_stats, or from its values when the statistics
 * are categorical strings) or of a string feature whose values all spell integers; `notInt` names a value that
 * does not; undefined when there is nothing to range over (FLOAT, STRUCT, no values).
 */
export function intInterval(view: FeatureStatsView): IntInterval | undefined {
  const values = view.stringValues();
  switch (view.type) {
    case FeatureNameStatistics_Type.STRUCT:
    case FeatureNameStatistics_Type.FLOAT:
      return undefined;
    case FeatureNameStatistics_Type.INT: {
      const num = view.numStats();
      if (values.length === 0) {
        if (!num) return undefined;
        if (num.min < INT64_MIN || Number.isNaN(num.min)) return { kind: 'notInt', example: String(num.min) };
        if (num.max > INT64_MAX || Number.isNaN(num.max)) return { kind: 'notInt', example: String(num.max) };
        return { kind: 'interval', min: BigInt(Math.trunc(num.min)), max: BigInt(Math.trunc(num.max)) };
      }
      return intervalOfStrings(values);
    }
    default:
      return intervalOfStrings(values);
  }
}

function intervalOfStrings(values: readonly string[]): IntInterval | undefined {
  let min: bigint | undefined;
  let max: bigint | undefined;
  for (const s of values) {
    const v = parseInt64(s);
    if (v === undefined) return { kind: 'notInt', example: s };
    if (min === undefined || v < min) min = v;
    if (max === undefined || v > max) max = v;
  }
  return min !== undefined && max !== undefined ? { kind: 'interval', min, max } : undefined;
}

export type FloatInterval = { readonly kind: 'interval'; readonly min: number; readonly max: number } | { readonly kind: 'notFloat'; readonly example: string };

/** TFDV's GetFloatInterval: num_stats min/max of a FLOAT feature, or the range of float-spelling strings. */
export function floatInterval(view: FeatureStatsView): FloatInterval | undefined {
  switch (view.type) {
    case FeatureNameStatistics_Type.FLOAT: {
      const num = view.numStats();
      return num ? { kind: 'interval', min: num.min, max: num.max } : undefined;
    }
    case FeatureNameStatistics_Type.STRING:
    case FeatureNameStatistics_Type.BYTES: {
      let min: number | undefined;
      let max: number | undefined;
      for (const s of view.stringValues()) {
        const v = parseFloatText(s);
        if (v === undefined) return { kind: 'notFloat', example: s };
        if (min === undefined || v < min) min = v;
        if (max === undefined || v > max) max = v;
      }
      return min !== undefined && max !== undefined ? { kind: 'interval', min, max } : undefined;
    }
    default:
      return undefined;
  }
}

/** INT features within [0, 1] with max 1; STRING features with one or two values out of the true/false words. */
export function isBoolDomainCandidate(view: FeatureStatsView): boolean {
  if (view.type === FeatureNameStatistics_Type.INT) {
    const num = view.numStats();
    return num !== undefined && num.min >= 0 && num.max === 1;
  }
  if (view.type !== FeatureNameStatistics_Type.STRING) return false;
  const tokens = view.stringValues();
  if (tokens.length === 0 || tokens.length > 2) return false;
  let trueSeen = false;
  let falseSeen = false;
  for (const t of tokens) {
    if (!trueSeen && BOOL_TRUE_VALUES.has(t)) {
      trueSeen = true;
      continue;
    }
    if (!falseSeen && BOOL_FALSE_VALUES.has(t)) {
      falseSeen = true;
      continue;
    }
    return false;
  }
  return true;
}

/** The bool domain TFDV writes: empty for INT; for strings the true and false spellings seen. */
export function boolDomainFromStats(view: FeatureStatsView): BoolDomain {
  const domain = create(BoolDomainSchema);
  if (view.type === FeatureNameStatistics_Type.STRING || view.type === FeatureNameStatistics_Type.BYTES) {
    const values = view.stringValues();
    const t = values.find((v) => BOOL_TRUE_VALUES.has(v));
    const f = values.find((v) => BOOL_FALSE_VALUES.has(v));
    if (t !== undefined) domain.trueValue = t;
    if (f !== undefined) domain.falseValue = f;
  }
  return domain;
}

/** STRING features whose values all spell int64s get an (empty) int_domain. */
export function isIntDomainCandidate(view: FeatureStatsView): boolean {
  if (view.type !== FeatureNameStatistics_Type.STRING || view.hasInvalidUtf8Strings()) return false;
  return intInterval(view)?.kind === 'interval';
}

/**
 * 1..maxDomainSize distinct valid-UTF-8 values. Facetwise also checks string_stats.unique, so a rank histogram
 * cut short by the statistics writer cannot make a high-cardinality feature look like an enum.
 */
export function isStringDomainCandidate(view: FeatureStatsView, maxDomainSize: number): boolean {
  if (view.hasInvalidUtf8Strings()) return false;
  const n = view.stringValues().length;
  const unique = view.numUnique() ?? 0;
  return n > 0 && n <= maxDomainSize && unique <= maxDomainSize;
}
