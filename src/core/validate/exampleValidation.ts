/**
 * Row-level validation: which rows break the schema, and why — the rows behind a dataset-level anomaly, so the
 * Problems pane and `facetwise validate --examples` can point at lines (CSV) or records (TFRecord). One pass
 * over the batches; memory stays bounded by keeping the first N rows per (feature, reason) plus counts.
 */
import type { FeatureColumn, RowBatch } from '../data/rowBatch.js';
import type { JobOptions } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import { AnomalyInfo_Type } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Feature, Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureType } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { BoolDomainSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { isFieldSet } from '@bufbuild/protobuf';
import {
  boolDomainOf,
  floatDomainOf,
  hasFloatMax,
  hasFloatMin,
  hasIntMax,
  hasIntMin,
  hasMinFraction,
  hasValueCountMax,
  hasValueCountMin,
  intDomainOf,
  isFeatureDeprecated,
  isFeatureInEnvironment,
  presenceOf,
  shapeDims,
  stringDomainOf,
  valueCountOf,
} from '../schema/schemaModel.js';
import { parseFloatText, parseInt64 } from '../schema/valueParsing.js';
import type { CellValues } from './cellValues.js';
import { cellValues, valueCount } from './cellValues.js';

export type RowReason = 'missing' | 'valueCount' | 'notInDomain' | 'outOfRange' | 'nan' | 'inf' | 'wrongType';

/** Where a row is: a CSV line or a record of a TFRecord shard. */
export interface RowRef {
  readonly source: string;
  readonly shardIndex: number;
  readonly positionKind: 'line' | 'record';
  /** 1-based line (CSV) or 0-based record index (TFRecord). */
  readonly position: number;
  /** The offending value as text (absent for missing / valency findings), at most 200 characters. */
  readonly value?: string;
}

export interface ExampleAnomaly {
  /** The feature's name (top-level features). */
  readonly feature: string;
  readonly reason: RowReason;
  /** The dataset-level anomaly type this corresponds to. */
  readonly anomalyType: AnomalyInfo_Type;
  readonly shortDescription: string;
  readonly description: string;
  /** Rows with this finding (too-low and too-high findings are counted apart). */
  readonly count: number;
  /** The first rows with it, in reading order. */
  readonly samples: readonly RowRef[];
}

export interface ExampleValidationResult {
  readonly rowsRead: number;
  /** Sorted by feature, then reason. */
  readonly anomalies: ExampleAnomaly[];
}

export interface ExampleValidationOptions extends JobOptions {
  /** Rows kept per (feature, reason); default 10. */
  readonly samplesPerReason?: number;
  /** Checks follow the schema's environment rules (features not in it are skipped). */
  readonly environment?: string;
  /** Check only these features (e.g. those with a row-traceable anomaly, rowTraceable.ts); default every one. */
  readonly features?: ReadonlySet<string>;
}

const MAX_VALUE_TEXT = 200;

interface Rule {
  readonly name: string;
  readonly type: FeatureType;
  readonly required: boolean;
  readonly minValues?: number;
  readonly maxValues?: number;
  readonly domain?: ReadonlySet<string>;
  /** Bool domain on strings: the accepted spellings; on numbers: {0, 1}. */
  readonly boolStrings?: ReadonlySet<string>;
  readonly boolNumbers?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly disallowNan: boolean;
  readonly disallowInf: boolean;
}

function ruleFor(schema: Schema, feature: Feature): Rule {
  const presence = presenceOf(feature);
  const required = presence !== undefined && hasMinFraction(presence) && presence.minFraction >= 1;
  let minValues: number | undefined;
  let maxValues: number | undefined;
  const vc = valueCountOf(feature);
  if (vc) {
    if (hasValueCountMin(vc)) minValues = Number(vc.min);
    if (hasValueCountMax(vc)) maxValues = Number(vc.max);
  }
  const dims = shapeDims(feature);
  if (dims) minValues = maxValues = dims.reduce((p, d) => p * d, 1);
  const stringDomain = stringDomainOf(schema, feature);
  const bool = boolDomainOf(feature);
  const intDomain = intDomainOf(feature);
  const floatDomain = floatDomainOf(feature);
  let boolStrings: Set<string> | undefined;
  if (bool && feature.type === FeatureType.BYTES) {
    boolStrings = new Set<string>();
    if (isFieldSet(bool, BoolDomainSchema.field.trueValue)) boolStrings.add(bool.trueValue);
    if (isFieldSet(bool, BoolDomainSchema.field.falseValue)) boolStrings.add(bool.falseValue);
  }
  return {
    name: feature.name,
    type: feature.type,
    required,
    ...(minValues !== undefined ? { minValues } : {}),
    ...(maxValues !== undefined ? { maxValues } : {}),
    ...(stringDomain ? { domain: new Set(stringDomain.value) } : {}),
    ...(boolStrings ? { boolStrings } : {}),
    ...(bool && feature.type !== FeatureType.BYTES ? { boolNumbers: true } : {}),
    ...(intDomain && hasIntMin(intDomain) ? { min: Number(intDomain.min) } : {}),
    ...(intDomain && hasIntMax(intDomain) ? { max: Number(intDomain.max) } : {}),
    ...(floatDomain && hasFloatMin(floatDomain) ? { min: Math.fround(floatDomain.min) } : {}),
    ...(floatDomain && hasFloatMax(floatDomain) ? { max: Math.fround(floatDomain.max) } : {}),
    disallowNan: floatDomain?.disallowNan ?? false,
    disallowInf: floatDomain?.disallowInf ?? false,
  };
}

interface Tally {
  count: number;
  readonly samples: RowRef[];
}

const REASON_TEXT: Record<RowReason, { short: string; long: string }> = {
  missing: { short: 'Column dropped', long: 'The feature is missing from rows where the schema requires it (min_fraction 1).' },
  valueCount: { short: 'Unexpected number of values', long: 'Rows hold fewer or more values than the schema allows.' },
  notInDomain: { short: 'Unexpected string values', long: "Rows hold values missing from the schema's domain." },
  outOfRange: { short: 'Out-of-range values', long: "Rows hold values outside the schema's min/max." },
  nan: { short: 'Invalid values', long: 'Rows hold NaN where the schema disallows it.' },
  inf: { short: 'Invalid values', long: 'Rows hold Inf where the schema disallows it.' },
  wrongType: { short: 'Unexpected data type', long: "Rows hold values that are not of the schema's type." },
};

function anomalyTypeFor(reason: RowReason, rule: Rule, detail: 'low' | 'high' | undefined): AnomalyInfo_Type {
  switch (reason) {
    case 'missing':
      return AnomalyInfo_Type.FEATURE_TYPE_LOW_FRACTION_PRESENT;
    case 'valueCount':
      return detail === 'high' ? AnomalyInfo_Type.FEATURE_TYPE_HIGH_NUMBER_VALUES : AnomalyInfo_Type.FEATURE_TYPE_LOW_NUMBER_VALUES;
    case 'notInDomain':
      if (rule.boolStrings) return AnomalyInfo_Type.BOOL_TYPE_UNEXPECTED_STRING;
      if (rule.boolNumbers) {
        if (rule.type === FeatureType.FLOAT) return AnomalyInfo_Type.BOOL_TYPE_UNEXPECTED_FLOAT;
        return detail === 'low' ? AnomalyInfo_Type.BOOL_TYPE_SMALL_INT : AnomalyInfo_Type.BOOL_TYPE_BIG_INT;
      }
      return AnomalyInfo_Type.ENUM_TYPE_UNEXPECTED_STRING_VALUES;
    case 'outOfRange':
      if (rule.type === FeatureType.INT) return detail === 'low' ? AnomalyInfo_Type.INT_TYPE_SMALL_INT : AnomalyInfo_Type.INT_TYPE_BIG_INT;
      return detail === 'low' ? AnomalyInfo_Type.FLOAT_TYPE_SMALL_FLOAT : AnomalyInfo_Type.FLOAT_TYPE_BIG_FLOAT;
    case 'nan':
      return AnomalyInfo_Type.FLOAT_TYPE_HAS_NAN;
    case 'inf':
      return AnomalyInfo_Type.FLOAT_TYPE_HAS_INF;
    case 'wrongType':
      if (rule.type === FeatureType.INT) return AnomalyInfo_Type.INT_TYPE_NOT_INT_STRING;
      if (rule.type === FeatureType.FLOAT) return AnomalyInfo_Type.FLOAT_TYPE_STRING_NOT_FLOAT;
      return AnomalyInfo_Type.UNEXPECTED_DATA_TYPE;
  }
}

type Finding = { reason: RowReason; value?: string; detail?: 'low' | 'high' };

/** Typed numbers of a cell per the schema type, or a wrong-type finding. */
function numbersOf(cell: CellValues, rule: Rule): { numbers: ArrayLike<number> } | Finding | undefined {
  switch (cell.kind) {
    case 'text': {
      if (rule.type === FeatureType.INT) {
        const v = parseInt64(cell.text);
        return v === undefined ? { reason: 'wrongType', value: cell.text } : { numbers: [Number(v)] };
      }
      const v = parseFloatText(cell.text);
      return v === undefined ? { reason: 'wrongType', value: cell.text } : { numbers: [v] };
    }
    case 'int':
      return rule.type === FeatureType.INT ? { numbers: cell.values } : { reason: 'wrongType', value: String(cell.values[0] ?? '') };
    case 'float':
      return rule.type === FeatureType.FLOAT ? { numbers: cell.values } : { reason: 'wrongType', value: String(cell.values[0] ?? '') };
    case 'bytes':
      return { reason: 'wrongType', value: cell.values[0] ?? '' };
    default:
      return undefined;
  }
}

function checkCell(cell: CellValues, rule: Rule, out: Finding[]): void {
  if (cell.kind === 'missing') {
    if (rule.required) out.push({ reason: 'missing' });
    return;
  }
  const n = valueCount(cell);
  if (rule.minValues !== undefined && n < rule.minValues) out.push({ reason: 'valueCount', detail: 'low' });
  else if (rule.maxValues !== undefined && n > rule.maxValues) out.push({ reason: 'valueCount', detail: 'high' });

  if (rule.type === FeatureType.BYTES) {
    const strings = cell.kind === 'text' ? [cell.text] : cell.kind === 'bytes' ? cell.values : undefined;
    if (!strings) {
      if (cell.kind === 'int' || cell.kind === 'float') out.push({ reason: 'wrongType', value: String(cell.values[0] ?? '') });
      return;
    }
    const accepted = rule.boolStrings ?? rule.domain;
    if (accepted) {
      const bad = strings.find((s) => !accepted.has(s));
      if (bad !== undefined) out.push({ reason: 'notInDomain', value: bad });
    }
    return;
  }
  if (rule.type !== FeatureType.INT && rule.type !== FeatureType.FLOAT) return;
  const parsed = numbersOf(cell, rule);
  if (!parsed) return;
  if ('reason' in parsed) {
    out.push(parsed);
    return;
  }
  let nan = false;
  let inf: number | undefined;
  let low: number | undefined;
  let high: number | undefined;
  let notBool: number | undefined;
  for (let i = 0; i < parsed.numbers.length; i++) {
    const v = parsed.numbers[i] as number;
    if (Number.isNaN(v)) {
      nan = true;
      continue;
    }
    if (!Number.isFinite(v) && inf === undefined) inf = v;
    const compared = rule.type === FeatureType.FLOAT ? Math.fround(v) : v;
    if (rule.min !== undefined && compared < rule.min && low === undefined) low = v;
    if (rule.max !== undefined && compared > rule.max && high === undefined) high = v;
    if (rule.boolNumbers && v !== 0 && v !== 1 && notBool === undefined) notBool = v;
  }
  if (nan && rule.disallowNan) out.push({ reason: 'nan', value: 'nan' });
  if (inf !== undefined && rule.disallowInf) out.push({ reason: 'inf', value: String(inf) });
  if (low !== undefined) out.push({ reason: 'outOfRange', value: String(low), detail: 'low' });
  else if (high !== undefined) out.push({ reason: 'outOfRange', value: String(high), detail: 'high' });
  if (notBool !== undefined) out.push({ reason: 'notInDomain', value: String(notBool), detail: notBool < 0 ? 'low' : 'high' });
}

/**
 * Checks every row of `batches` against `schema` (top-level features in the environment, not deprecated),
 * returning per feature and reason the number of rows and the first `samplesPerReason` of them.
 */
export async function validateExamples(
  schema: Schema,
  batches: AsyncIterable<RowBatch>,
  options: ExampleValidationOptions = {},
): Promise<ExampleValidationResult> {
  const limit = options.samplesPerReason ?? 10;
  const rules = schema.feature
    .filter((f) => !isFeatureDeprecated(f) && isFeatureInEnvironment(schema, f, options.environment))
    .filter((f) => !options.features || options.features.has(f.name))
    .map((f) => ruleFor(schema, f));
  const tallies = new Map<string, { rule: Rule; reason: RowReason; detail: 'low' | 'high' | undefined; tally: Tally }>();
  let rowsRead = 0;
  const findings: Finding[] = [];

  for await (const batch of batches) {
    throwIfAborted(options.signal);
    const columns = new Map<string, FeatureColumn>();
    for (const c of batch.columns) columns.set(c.name, c);
    for (const rule of rules) {
      const column = columns.get(rule.name);
      for (let r = 0; r < batch.rowCount; r++) {
        findings.length = 0;
        checkCell(cellValues(column, r), rule, findings);
        for (const f of findings) {
          const key = `${rule.name}\u0000${f.reason}\u0000${f.detail ?? ''}`;
          let entry = tallies.get(key);
          if (!entry) {
            entry = { rule, reason: f.reason, detail: f.detail, tally: { count: 0, samples: [] } };
            tallies.set(key, entry);
          }
          entry.tally.count++;
          if (entry.tally.samples.length < limit) {
            entry.tally.samples.push({
              source: batch.source,
              shardIndex: batch.shardIndex,
              positionKind: batch.positionKind,
              position: batch.positions[r] as number,
              ...(f.value !== undefined ? { value: f.value.length > MAX_VALUE_TEXT ? `${f.value.slice(0, MAX_VALUE_TEXT)}…` : f.value } : {}),
            });
          }
        }
      }
    }
    rowsRead += batch.rowCount;
    options.onProgress?.({ done: rowsRead, total: undefined, unit: 'rows', message: batch.source });
  }

  const anomalies = [...tallies.values()]
    .map(({ rule, reason, detail, tally }) => ({
      feature: rule.name,
      reason,
      anomalyType: anomalyTypeFor(reason, rule, detail),
      shortDescription: REASON_TEXT[reason].short,
      description: REASON_TEXT[reason].long,
      count: tally.count,
      samples: tally.samples,
    }))
    .sort((a, b) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  return { rowsRead, anomalies };
}
