/**
 * The comparator anomalies of a comparison (skew / drift thresholds crossed) in the Problems pane, on the dataset
 * compared with the baseline (e.g. serving.csv): on the feature's header cell for CSV/TSV, at the top of the file
 * otherwise. Kept apart from that dataset's own validation (another key in the diagnostic store), so that
 * validating it again does not drop them and comparing again replaces only them.
 */
import { clone } from '@bufbuild/protobuf';
import type { Anomalies } from '../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { AnomaliesSchema, AnomalyInfo_Type } from '../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { DiagnosticData } from '../validation/diagnostics/anomalyDiagnostics.js';
import { diagnosticsForValidation } from '../validation/diagnostics/anomalyDiagnostics.js';
import type { DatasetLayout } from '../validation/diagnostics/anomalyDiagnostics.js';

const COMPARATOR = new Set([
  AnomalyInfo_Type.COMPARATOR_L_INFTY_HIGH,
  AnomalyInfo_Type.COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH,
  AnomalyInfo_Type.COMPARATOR_CONTROL_DATA_MISSING,
  AnomalyInfo_Type.COMPARATOR_TREATMENT_DATA_MISSING,
  AnomalyInfo_Type.COMPARATOR_LOW_NUM_EXAMPLES,
  AnomalyInfo_Type.COMPARATOR_HIGH_NUM_EXAMPLES,
]);

/** Only the comparator reasons of a validation. */
export function comparatorOnly(anomalies: Anomalies): Anomalies {
  const out = clone(AnomaliesSchema, anomalies);
  out.datasetAnomalyInfo = undefined;
  out.dataMissing = false;
  for (const [key, info] of Object.entries(out.anomalyInfo)) {
    info.reason = info.reason.filter((r) => COMPARATOR.has(r.type));
    if (info.reason.length === 0) delete out.anomalyInfo[key];
  }
  return out;
}

/** The key the diagnostic store keeps a comparison's findings under. */
export function compareDiagnosticsKey(target: string): string {
  return `${target}#compare`;
}

export function comparatorDiagnostics(layout: DatasetLayout, found: ReadonlyArray<Anomalies | undefined>): DiagnosticData[] {
  return found.flatMap((a) => (a ? diagnosticsForValidation({ layout, anomalies: comparatorOnly(a), issues: [] }) : []));
}
