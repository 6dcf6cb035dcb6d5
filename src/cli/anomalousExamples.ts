/**
 * Per-example validation grouped the way TFDV's IdentifyAnomalousExamples keys its output: one group per
 * anomaly reason, named `<feature>_<AnomalyInfo.Type name>` (anomalies_util.get_anomalies_slicer), holding the
 * rows that have it. Facetwise lists where each row is (file:line or record) and the offending value, not the
 * whole example, and keeps at most --examples rows per group beside the full count.
 */
import { AnomalyInfo_Type } from '../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { ExampleValidationResult, RowRef } from '../core/validate/exampleValidation.js';

export interface AnomalousExampleGroup {
  readonly feature: string;
  readonly type: string;
  readonly shortDescription: string;
  /** Rows with this reason, all of them. */
  count: number;
  readonly examples: Array<{ readonly row: string; readonly value?: string }>;
}

function rowText(ref: RowRef): string {
  return ref.positionKind === 'line' ? `${ref.source}:${ref.position}` : `${ref.source}: record ${ref.position}`;
}

export function anomalousExamplesJson(result: ExampleValidationResult): { rowsRead: number; anomalousExamples: Record<string, AnomalousExampleGroup> } {
  const groups: Record<string, AnomalousExampleGroup> = {};
  for (const a of result.anomalies) {
    const type = AnomalyInfo_Type[a.anomalyType] ?? String(a.anomalyType);
    const key = `${a.feature}_${type}`;
    const group = (groups[key] ??= { feature: a.feature, type, shortDescription: a.shortDescription, count: 0, examples: [] });
    group.count += a.count;
    for (const s of a.samples) group.examples.push(s.value !== undefined ? { row: rowText(s), value: s.value } : { row: rowText(s) });
  }
  return { rowsRead: result.rowsRead, anomalousExamples: groups };
}
