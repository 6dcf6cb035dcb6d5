/**
 * Which features' anomalies per-row validation (exampleValidation.ts) can point at rows for: exactly the types
 * its findings are reported as (required presence, value counts, domains, ranges, NaN/Inf and type). The CLI's
 * `validate --examples` and the extension's Problems pane both decide from this one list whether to read rows,
 * and which features to check (a 1M-row file with no anomaly needs no second pass).
 */
import type { Anomalies } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { AnomalyInfo_Type } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';

export const ROW_TRACEABLE_TYPES: ReadonlySet<AnomalyInfo_Type> = new Set([
  AnomalyInfo_Type.FEATURE_TYPE_LOW_FRACTION_PRESENT,
  AnomalyInfo_Type.FEATURE_TYPE_LOW_NUMBER_VALUES,
  AnomalyInfo_Type.FEATURE_TYPE_HIGH_NUMBER_VALUES,
  AnomalyInfo_Type.ENUM_TYPE_UNEXPECTED_STRING_VALUES,
  AnomalyInfo_Type.BOOL_TYPE_UNEXPECTED_STRING,
  AnomalyInfo_Type.BOOL_TYPE_UNEXPECTED_FLOAT,
  AnomalyInfo_Type.BOOL_TYPE_SMALL_INT,
  AnomalyInfo_Type.BOOL_TYPE_BIG_INT,
  AnomalyInfo_Type.INT_TYPE_SMALL_INT,
  AnomalyInfo_Type.INT_TYPE_BIG_INT,
  AnomalyInfo_Type.FLOAT_TYPE_SMALL_FLOAT,
  AnomalyInfo_Type.FLOAT_TYPE_BIG_FLOAT,
  AnomalyInfo_Type.FLOAT_TYPE_HAS_NAN,
  AnomalyInfo_Type.FLOAT_TYPE_HAS_INF,
  AnomalyInfo_Type.INT_TYPE_NOT_INT_STRING,
  AnomalyInfo_Type.FLOAT_TYPE_STRING_NOT_FLOAT,
  AnomalyInfo_Type.UNEXPECTED_DATA_TYPE,
]);

/** The keys of `anomaly_info` (feature names for top-level features) with at least one row-traceable reason. */
export function rowTraceableFeatures(anomalies: Anomalies): Set<string> {
  const out = new Set<string>();
  for (const [name, info] of Object.entries(anomalies.anomalyInfo)) {
    if (info.reason.some((r) => ROW_TRACEABLE_TYPES.has(r.type))) out.add(name);
  }
  return out;
}

/** Whether a row-level pass can add anything to these anomalies. */
export function needsRowValidation(anomalies: Anomalies): boolean {
  return Object.values(anomalies.anomalyInfo).some((info) => info.reason.some((r) => ROW_TRACEABLE_TYPES.has(r.type)));
}
