/**
 * Turns the reasons found for one feature (or for the dataset) into an AnomalyInfo the way TFDV does: several
 * "New column" reasons collapse into one, the short description is the reason's own or "Multiple errors", and
 * the description joins the reasons' sentences.
 */
import { create } from '@bufbuild/protobuf';
import type { AnomalyInfo, AnomalyInfo_Severity } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { AnomalyInfo_ReasonSchema, AnomalyInfo_Type, AnomalyInfoSchema } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { PathSchema } from '../proto/gen/tensorflow_metadata/proto/v0/path_pb.js';
import type { FeaturePath } from '../schema/featurePath.js';
import type { Description } from './description.js';

export const MULTIPLE_ERRORS = 'Multiple errors';

/** Several SCHEMA_NEW_COLUMN reasons (a new struct and its children) count as one. */
export function filterDescriptions(descriptions: readonly Description[]): Description[] {
  if (descriptions.length > 0 && descriptions.every((d) => d.type === AnomalyInfo_Type.SCHEMA_NEW_COLUMN)) {
    return [descriptions[0] as Description];
  }
  return [...descriptions];
}

/** TFDV's UnifyDescriptions: reasons without a long description only count when nothing else has one. */
export function unifyDescriptions(descriptions: readonly Description[]): Description {
  let acc: Description = { type: AnomalyInfo_Type.UNKNOWN_TYPE, shortDescription: '', longDescription: '' };
  for (const d of descriptions) {
    if (acc.longDescription === '') acc = d;
    else if (d.longDescription === '') continue;
    else {
      // schema_anomalies.cc: the aggregate's type is MULTIPLE_REASONS (and is not written anywhere).
      acc = {
        type: AnomalyInfo_Type.MULTIPLE_REASONS,
        shortDescription: MULTIPLE_ERRORS,
        longDescription: `${acc.longDescription} ${d.longDescription}`,
      };
    }
  }
  return acc;
}

export function buildAnomalyInfo(descriptions: readonly Description[], severity: AnomalyInfo_Severity, path?: FeaturePath): AnomalyInfo {
  const filtered = filterDescriptions(descriptions);
  const unified = unifyDescriptions(filtered);
  const info = create(AnomalyInfoSchema, {
    severity,
    description: unified.longDescription,
    shortDescription: unified.shortDescription,
    reason: filtered.map((d) => create(AnomalyInfo_ReasonSchema, { type: d.type, shortDescription: d.shortDescription, description: d.longDescription })),
  });
  if (path) info.path = create(PathSchema, { step: [...path] });
  return info;
}
