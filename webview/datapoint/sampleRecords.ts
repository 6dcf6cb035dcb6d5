/** The dataset sample as examples (one record per row) from the columns the host sent. Pure. */
import type { ExampleRecord, RecordValue } from '../../src/core/model/featureTransform.js';
import type { SampleColumn, SampleValue } from '../../src/protocol/datapoint/datapointProtocol.js';

export function sampleRecords(rows: number, columns: readonly SampleColumn[]): ExampleRecord[] {
  const out: Record<string, RecordValue>[] = Array.from({ length: rows }, () => ({}));
  for (const c of columns) {
    for (let r = 0; r < rows; r++) {
      const v = c.values[r];
      out[r]![c.name] = typeof v === 'number' ? (Number.isNaN(v) ? null : v) : (v ?? null);
    }
  }
  return out;
}

/** A row value from the host as an example value (numbers stay numbers; null is missing). */
export function recordOf(values: Readonly<Record<string, SampleValue>>, features: readonly string[]): ExampleRecord {
  const out: Record<string, RecordValue> = {};
  for (const f of features) out[f] = values[f] ?? null;
  return out;
}
