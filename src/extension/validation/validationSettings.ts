/**
 * The TFDV validation options among Facetwise's settings (facetwise.newFeaturesAreWarnings, .severityOverrides,
 * .enumDeleteThreshold) as the engine's options. An override naming no anomaly type is reported, not ignored.
 */
import { AnomalyInfo_Severity, AnomalyInfo_Type } from '../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { SeverityOverride } from '../../core/validate/description.js';
import type { FacetwiseConfig } from '../configValues.js';

export interface ValidationSettings {
  readonly newFeaturesAreWarnings?: boolean;
  readonly severityOverrides?: SeverityOverride[];
  readonly enumDeleteThreshold?: number;
  /** Override keys that are not anomaly types, to tell the user. */
  readonly unknownTypes: string[];
}

export function validationSettingsOf(config: FacetwiseConfig): ValidationSettings {
  const overrides: SeverityOverride[] = [];
  const unknownTypes: string[] = [];
  for (const [name, severity] of Object.entries(config.severityOverrides)) {
    const type = (AnomalyInfo_Type as unknown as Record<string, number | undefined>)[name];
    if (typeof type !== 'number') unknownTypes.push(name);
    else overrides.push({ type: type as AnomalyInfo_Type, severity: severity === 'WARNING' ? AnomalyInfo_Severity.WARNING : AnomalyInfo_Severity.ERROR });
  }
  return {
    ...(config.newFeaturesAreWarnings ? { newFeaturesAreWarnings: true } : {}),
    ...(overrides.length > 0 ? { severityOverrides: overrides } : {}),
    ...(config.enumDeleteThreshold > 0 ? { enumDeleteThreshold: config.enumDeleteThreshold } : {}),
    unknownTypes,
  };
}
