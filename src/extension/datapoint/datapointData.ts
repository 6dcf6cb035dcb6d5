/**
 * What the datapoint editor needs from a dataset, read in one streaming pass that stops as soon as it has it: the
 * row to explain (by 1-based data row, or by the file line a Problems entry points at) with where it is, and the
 * first 1,000 rows as a sample (PDP averages, ICE, baselines, counterfactual candidates). No `vscode` import, so it
 * is unit-tested in Node.
 */
import { basename } from 'node:path';
import { FacetwiseError, formatPosition } from '../../core/data/issues.js';
import type { JobOptions } from '../../core/data/job.js';
import { throwIfAborted } from '../../core/data/job.js';
import { readDataset, resolveDataset } from '../../core/io/dataset.js';
import { cellValue, findColumn, rowPosition } from '../../core/model/cellValues.js';
import type { FeatureSpec } from '../../core/model/featureSpec.js';
import type { FeatureRange, SampleColumn, SampleValue } from '../../protocol/datapoint/datapointProtocol.js';

export const SAMPLE_ROWS = 1000;

export type RowTarget = { readonly row: number } | { readonly line: number };

export interface DatapointRows {
  readonly datasetName: string;
  readonly row: { readonly source: string; readonly index: number; readonly values: Readonly<Record<string, SampleValue>> };
  readonly sample: { readonly rows: number; readonly columns: readonly SampleColumn[]; readonly sources: readonly string[] };
  readonly ranges: readonly FeatureRange[];
}

/** Every feature the versions read, first version's order first; numeric when every spec reads it as a number. */
export function featureUnion(specs: readonly FeatureSpec[]): { readonly names: readonly string[]; readonly numeric: ReadonlySet<string>; readonly means: ReadonlyMap<string, number> } {
  const names: string[] = [];
  const numeric = new Set<string>();
  const categorical = new Set<string>();
  const means = new Map<string, number>();
  for (const spec of specs) {
    for (const f of spec.features) {
      if (!names.includes(f.name)) names.push(f.name);
      const k = f.transform.kind;
      if (k === 'numeric' || k === 'bucketize') numeric.add(f.name);
      else categorical.add(f.name);
      if (f.transform.kind === 'numeric' && !means.has(f.name)) means.set(f.name, f.transform.mean);
    }
  }
  for (const c of categorical) numeric.delete(c);
  return { names, numeric, means };
}

function scalar(v: ReturnType<typeof cellValue>): number | string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export async function readDatapointRows(datasetPath: string, specs: readonly FeatureSpec[], target: RowTarget, options: JobOptions & { readonly sampleRows?: number } = {}): Promise<DatapointRows> {
  const { names, numeric, means } = featureUnion(specs);
  const maxSample = options.sampleRows ?? SAMPLE_ROWS;
  const info = await resolveDataset([datasetPath]);
  const numbers = new Map<string, number[]>();
  const texts = new Map<string, (string | null)[]>();
  for (const n of names) (numeric.has(n) ? numbers.set(n, []) : texts.set(n, []));
  const sources: string[] = [];
  let found: DatapointRows['row'] | undefined;
  let seen = 0;
  const wantRow = 'row' in target ? target.row : undefined;
  if (wantRow !== undefined && (!Number.isInteger(wantRow) || wantRow < 1)) throw new FacetwiseError('ROW_OUT_OF_RANGE', `row ${wantRow} is not a data row number (1, 2, …)`, { file: datasetPath });
  for await (const batch of readDataset(info, options.signal ? { signal: options.signal } : {})) {
    throwIfAborted(options.signal);
    const columns = names.map((n) => findColumn(batch, n));
    for (let r = 0; r < batch.rowCount; r++) {
      const index = seen + r + 1;
      const isTarget = found === undefined && (wantRow !== undefined ? index === wantRow : 'line' in target && batch.positionKind === 'line' && batch.positions[r] === target.line);
      const inSample = index <= maxSample;
      if (!isTarget && !inSample) continue;
      const values: Record<string, SampleValue> = {};
      names.forEach((n, j) => {
        const v = scalar(cellValue(columns[j], r));
        values[n] = v === undefined ? null : v;
      });
      if (inSample) {
        const p = rowPosition(batch, r);
        sources.push(formatPosition({ ...p, file: basename(p.file) }));
        names.forEach((n) => {
          const v = values[n];
          if (numeric.has(n)) numbers.get(n)!.push(v === null ? NaN : typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v));
          else texts.get(n)!.push(v === null ? null : String(v));
        });
      }
      if (isTarget) {
        const p = rowPosition(batch, r);
        found = { source: formatPosition({ ...p, file: basename(p.file) }), index, values };
      }
    }
    seen += batch.rowCount;
    if (found && seen >= maxSample) break;
  }
  if (!found) {
    const what = wantRow !== undefined ? `row ${wantRow}` : `a row starting on line ${'line' in target ? target.line : '?'}`;
    throw new FacetwiseError('ROW_OUT_OF_RANGE', `${what} is not in the dataset (it has ${seen} rows)`, { file: datasetPath });
  }
  const columns: SampleColumn[] = names.map((n) => (numeric.has(n) ? { name: n, kind: 'number', values: Float64Array.from(numbers.get(n)!) } : { name: n, kind: 'text', values: texts.get(n)! }));
  const ranges: FeatureRange[] = names.map((n) => {
    const mean = means.get(n);
    if (!numeric.has(n)) return { name: n };
    let min = Infinity;
    let max = -Infinity;
    for (const v of numbers.get(n)!) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return { name: n, ...(mean !== undefined ? { trainingMean: mean } : {}), ...(min <= max ? { min, max } : {}) };
  });
  return { datasetName: info.name, row: found, sample: { rows: sources.length, columns, sources }, ranges };
}
