/**
 * The anomalies of a validation, indexed by feature name, with the text a row shows. Pure: no DOM.
 */
import type { AnomalyInfo, Anomalies } from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { AnomalyInfo_Severity } from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';

export type AnomalySeverity = 'error' | 'warning';

export interface AnomalyLine {
  readonly shortDescription: string;
  readonly description: string;
  /** "short — description", or whichever of the two exists. */
  readonly text: string;
}

export interface FeatureAnomaly {
  /** The feature name as the anomalies name it. */
  readonly feature: string;
  readonly severity: AnomalySeverity;
  /** One per reason (or one for the anomaly itself when it lists no reasons). */
  readonly lines: readonly AnomalyLine[];
}

export interface AnomalyIndex {
  readonly byFeature: ReadonlyMap<string, FeatureAnomaly>;
  /** An anomaly of the whole dataset (e.g. too few examples), if any. */
  readonly dataset: FeatureAnomaly | undefined;
  /** True when validation found the dataset empty. */
  readonly dataMissing: boolean;
}

export const EMPTY_ANOMALIES: AnomalyIndex = { byFeature: new Map(), dataset: undefined, dataMissing: false };

/** An em dash between the two, as TFDV's display_anomalies joins them. */
export function anomalyLineText(shortDescription: string, description: string): string {
  const s = shortDescription.trim();
  const d = description.trim();
  if (s && d && s !== d) return `${s} \u2014 ${d}`;
  return s || d;
}

/** TFDV marks what it cannot classify as UNKNOWN; it fails validation all the same, so it shows as an error. */
export function severityOf(info: AnomalyInfo): AnomalySeverity {
  return info.severity === AnomalyInfo_Severity.WARNING ? 'warning' : 'error';
}

export function featureAnomaly(feature: string, info: AnomalyInfo): FeatureAnomaly {
  const lines: AnomalyLine[] = info.reason
    .map((r) => ({ shortDescription: r.shortDescription, description: r.description, text: anomalyLineText(r.shortDescription, r.description) }))
    .filter((l) => l.text !== '');
  if (lines.length === 0) {
    const text = anomalyLineText(info.shortDescription, info.description) || 'Anomaly';
    lines.push({ shortDescription: info.shortDescription, description: info.description, text });
  }
  return { feature, severity: severityOf(info), lines };
}

/**
 * The feature name an anomaly entry refers to: its `path` when set (steps joined with '.', as rows name
 * features), else the map key — with the parentheses TFDV's serialized paths put around a step that holds a dot
 * removed for a single-step key.
 */
export function anomalyFeatureName(key: string, info: AnomalyInfo): string {
  if (info.path && info.path.step.length > 0) return info.path.step.join('.');
  const wrapped = /^\((.*)\)$/.exec(key);
  return wrapped && !wrapped[1].includes('(') ? wrapped[1] : key;
}

export function indexAnomalies(anomalies: Anomalies): AnomalyIndex {
  const byFeature = new Map<string, FeatureAnomaly>();
  for (const key of Object.keys(anomalies.anomalyInfo).sort()) {
    const info = anomalies.anomalyInfo[key];
    const name = anomalyFeatureName(key, info);
    byFeature.set(name, featureAnomaly(name, info));
  }
  const dataset = anomalies.datasetAnomalyInfo ? featureAnomaly('', anomalies.datasetAnomalyInfo) : undefined;
  return { byFeature, dataset, dataMissing: anomalies.dataMissing };
}

/** How many anomalies the header counts: one per anomalous feature, plus the dataset-level one. */
export function anomalyCount(index: AnomalyIndex): number {
  return index.byFeature.size + (index.dataset ? 1 : 0);
}
