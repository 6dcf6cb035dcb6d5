/**
 * TFDV's validation options on the command line: `--new-features-are-warnings`, `--severity-override TYPE=SEVERITY`
 * (repeatable; ValidationOptions.severity_overrides), `--features-needed a,b.c`, `--enum-delete-threshold N`.
 * (`--previous-version`, statistics of the previous version, is read by the validate command itself.)
 */
import { AnomalyInfo_Severity, AnomalyInfo_Type } from '../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { FeaturePath } from '../core/schema/featurePath.js';
import type { SeverityOverride } from '../core/validate/description.js';
import { UsageError } from './cliIo.js';
import { intOption } from './datasetArgs.js';

export const validationOptionSpecs = {
  'new-features-are-warnings': { type: 'boolean' },
  'severity-override': { type: 'string', multiple: true },
  'features-needed': { type: 'string' },
  'enum-delete-threshold': { type: 'string' },
} as const;

export const validationOptionsUsage = `Validation options (TFDV's ValidationOptions):
  --new-features-are-warnings   Features the schema lacks are WARNINGs, not ERRORs.
  --severity-override <T=S>     Report anomaly type T (e.g. ENUM_TYPE_UNEXPECTED_STRING_VALUES) with severity S
                                (WARNING or ERROR). Repeatable; the last one for a type wins.
  --features-needed <a,b.c>     Only these of the features the schema lacks are reported as new columns
                                (a dotted name is a struct path).
  --enum-delete-threshold <N>   A string domain that reaches N values is removed (INVALID_DOMAIN_SPECIFICATION).`;

export interface ValidationOptionValues {
  readonly 'new-features-are-warnings'?: boolean;
  readonly 'severity-override'?: string[];
  readonly 'features-needed'?: string;
  readonly 'enum-delete-threshold'?: string;
}

export interface ParsedValidationOptions {
  readonly newFeaturesAreWarnings?: boolean;
  readonly severityOverrides?: SeverityOverride[];
  readonly featuresNeeded?: FeaturePath[];
  readonly enumDeleteThreshold?: number;
}

/** `TYPE=SEVERITY`, with the type and severity named as in anomalies.proto. */
export function parseSeverityOverride(text: string): SeverityOverride {
  const eq = text.indexOf('=');
  const typeName = (eq < 0 ? text : text.slice(0, eq)).trim();
  const severityName = eq < 0 ? '' : text.slice(eq + 1).trim().toUpperCase();
  const type = (AnomalyInfo_Type as unknown as Record<string, number | undefined>)[typeName];
  if (typeof type !== 'number') throw new UsageError(`--severity-override: '${typeName}' is not an anomaly type (e.g. SCHEMA_NEW_COLUMN)`);
  if (severityName !== 'WARNING' && severityName !== 'ERROR') {
    throw new UsageError(`--severity-override ${typeName}: the severity must be WARNING or ERROR, got '${severityName}'`);
  }
  return { type: type as AnomalyInfo_Type, severity: severityName === 'WARNING' ? AnomalyInfo_Severity.WARNING : AnomalyInfo_Severity.ERROR };
}

/** A comma-separated list of feature names; a dotted name is a path into struct features. */
export function parseFeatureList(option: string, text: string): FeaturePath[] {
  const paths = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => s.split('.'));
  if (paths.length === 0) throw new UsageError(`--${option} needs at least one feature name`);
  return paths;
}

export function validationOptionsFrom(values: ValidationOptionValues): ParsedValidationOptions {
  const overrides = (values['severity-override'] ?? []).map(parseSeverityOverride);
  const threshold = intOption('enum-delete-threshold', values['enum-delete-threshold'], 1);
  return {
    ...(values['new-features-are-warnings'] ? { newFeaturesAreWarnings: true } : {}),
    ...(overrides.length > 0 ? { severityOverrides: overrides } : {}),
    ...(values['features-needed'] !== undefined ? { featuresNeeded: parseFeatureList('features-needed', values['features-needed']) } : {}),
    ...(threshold !== undefined ? { enumDeleteThreshold: threshold } : {}),
  };
}
