/**
 * One reason for an anomaly, as TFDV's validator produces it before it lands in an AnomalyInfo: a type, a short
 * description (the UI's label) and a long one (the sentence).
 */
import { AnomalyInfo_Severity, AnomalyInfo_Type } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';

export interface Description {
  readonly type: AnomalyInfo_Type;
  readonly shortDescription: string;
  readonly longDescription: string;
}

/** Some TFDV reasons have a short description only; their long one stays empty, as in TFDV. */
export function describe(type: AnomalyInfo_Type, shortDescription: string, longDescription = ''): Description {
  return { type, shortDescription, longDescription };
}

/** A severity override, as TFDV's ValidationOptions.severity_overrides. */
export interface SeverityOverride {
  readonly type: AnomalyInfo_Type;
  readonly severity: AnomalyInfo_Severity;
}

export interface SeverityPolicy {
  readonly severityOverrides?: readonly SeverityOverride[];
  /** New columns are warnings rather than errors (TFDV's deprecated new_features_are_warnings). */
  readonly newFeaturesAreWarnings?: boolean;
}

function rank(s: AnomalyInfo_Severity): number {
  switch (s) {
    case AnomalyInfo_Severity.ERROR:
      return 2;
    case AnomalyInfo_Severity.WARNING:
      return 1;
    default:
      return 0;
  }
}

export function maxSeverity(a: AnomalyInfo_Severity, b: AnomalyInfo_Severity): AnomalyInfo_Severity {
  return rank(a) >= rank(b) ? a : b;
}

/** TFDV's UpdateSeverityForAnomaly: every anomaly is an ERROR unless an override says otherwise. */
export function severityFor(descriptions: readonly Description[], policy: SeverityPolicy = {}): AnomalyInfo_Severity {
  let severity = AnomalyInfo_Severity.UNKNOWN;
  for (const d of descriptions) {
    let s = AnomalyInfo_Severity.ERROR;
    if (policy.newFeaturesAreWarnings && d.type === AnomalyInfo_Type.SCHEMA_NEW_COLUMN) s = AnomalyInfo_Severity.WARNING;
    for (const o of policy.severityOverrides ?? []) if (o.type === d.type) s = o.severity;
    severity = maxSeverity(severity, s);
  }
  return severity;
}
