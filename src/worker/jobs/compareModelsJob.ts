/**
 * Worker job: compares two model versions on a dataset for the comparison panel. The report is the engine's
 * (compareVersions: deltas, bootstrap intervals, slices, attributions); beside it, one more pass keeps per row
 * the two versions' scores, the label, the row's position in the file and its slicing values, which the panel
 * draws its curves, distributions and disagreement table from (filtered by the slice a user picks).
 */
import type { Progress } from '../../core/data/job.js';
import { throwIfAborted } from '../../core/data/job.js';
import { readDataset } from '../../core/io/dataset.js';
import type { RowSource } from '../../core/model/batchPrediction.js';
import { PredictionBuffers, predictBatch } from '../../core/model/batchPrediction.js';
import { cellValue, findColumn } from '../../core/model/cellValues.js';
import { compareVersions } from '../../core/model/compareVersions.js';
import { LabelReader } from '../../core/model/labels.js';
import { predictedClass } from '../../core/model/metrics.js';
import type { OpenedModel } from '../../core/model/openModel.js';
import { openModel } from '../../core/model/openModel.js';
import type { ChartRows, CompareModelsParams, CompareModelsResult, RowSliceColumn } from '../../protocol/models/compareJobProtocol.js';

export interface JobRunOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: Progress) => void;
}

/** Features to slice by when none are given: every categorical (vocabulary / one-hot) feature of either version. */
function categoricalFeatures(models: readonly OpenedModel[]): string[] {
  const names = new Set<string>();
  for (const m of models) for (const f of m.spec.features) if (f.transform.kind === 'vocabulary' || f.transform.kind === 'oneHot') names.add(f.name);
  return [...names];
}

class Grow<T extends Float32Array | Float64Array | Int32Array> {
  length = 0;
  constructor(
    private data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(1024, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  result(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** The chart pass: like scoredRows.scoreRows, but it also keeps where each row is, and stops at `maxRows`. */
export async function chartRows(models: readonly [OpenedModel, OpenedModel], source: RowSource, sliceBy: readonly string[], maxRows: number, options: JobRunOptions = {}): Promise<ChartRows> {
  const spec = models.find((m) => m.spec.label)?.spec ?? models[0].spec;
  const labels = new LabelReader(spec);
  const task = spec.task;
  const buffers = [new PredictionBuffers(), new PredictionBuffers()];
  const f32 = (n: number): Float32Array => new Float32Array(n);
  const scores = [new Grow(f32(0), f32), new Grow(f32(0), f32)];
  const labelOut = new Grow(new Float64Array(0), (n) => new Float64Array(n));
  const positions = new Grow(new Float64Array(0), (n) => new Float64Array(n));
  const shards = new Grow(new Int32Array(0), (n) => new Int32Array(n));
  const dicts = sliceBy.map(() => new Map<string, number>());
  const codes = sliceBy.map(() => new Grow(new Int32Array(0), (n) => new Int32Array(n)));
  const sources: string[] = [];
  let positionKind: 'line' | 'record' = 'line';
  let truncated = false;
  for await (const batch of source()) {
    throwIfAborted(options.signal);
    if (labelOut.length >= maxRows) {
      truncated = true;
      break;
    }
    positionKind = batch.positionKind;
    let shard = sources.indexOf(batch.source);
    if (shard < 0) shard = sources.push(batch.source) - 1;
    const n = batch.rowCount;
    const chunks = [await predictBatch(models[0], batch, buffers[0]!), await predictBatch(models[1], batch, buffers[1]!)];
    const labelValues = new Float64Array(n);
    const labelValid = new Uint8Array(n);
    labels.readBatch(batch, labelValues, labelValid);
    const columns = sliceBy.map((f) => findColumn(batch, f));
    for (let r = 0; r < n; r++) {
      if (!labelValid[r] || !chunks[0]!.valid[r] || !chunks[1]!.valid[r]) continue;
      if (labelOut.length >= maxRows) {
        truncated = true;
        break;
      }
      for (let m = 0; m < 2; m++) {
        const k = models[m]!.outputs.width;
        const s = chunks[m]!.scores;
        scores[m]!.push(task === 'multiclass' ? s[r * k + predictedClass(task, s, k, r)]! : s[r * k]!);
      }
      labelOut.push(labelValues[r]!);
      positions.push(batch.positions[r]!);
      shards.push(shard);
      columns.forEach((col, i) => {
        const v = cellValue(col, r);
        const key = v === undefined ? '(missing)' : Array.isArray(v) ? v.join('|') : String(v);
        const dict = dicts[i]!;
        let code = dict.get(key);
        if (code === undefined) {
          // The engine keeps 20 values per slicing feature and pools later ones as (other); so does this pass.
          if (dict.size < 20) {
            code = dict.size;
            dict.set(key, code);
          } else {
            code = dict.get('(other)') ?? dict.size;
            dict.set('(other)', code);
          }
        }
        codes[i]!.push(code);
      });
    }
  }
  const slices: RowSliceColumn[] = sliceBy.map((feature, i) => {
    const values: string[] = [];
    for (const [key, code] of dicts[i]!) if (values[code] === undefined) values[code] = key;
    return { feature, values, codes: codes[i]!.result() };
  });
  return {
    count: labelOut.length,
    base: scores[0]!.result(),
    candidate: scores[1]!.result(),
    labels: labelOut.result(),
    positions: positions.result(),
    shards: shards.result(),
    sources,
    positionKind,
    slices,
    truncated,
  };
}

export async function runCompareModels(params: CompareModelsParams, options: JobRunOptions = {}): Promise<CompareModelsResult> {
  // Progress: the first pass (both versions scored) is shown as the first 30% in bytes read; the bootstrap and the
  // attributions after it report no progress of their own (on 1M rows they take most of the time), so the message
  // says what runs, and the chart pass is the last step.
  const total = params.dataset.totalBytes;
  const say = (fraction: number, message: string): void => options.onProgress?.({ done: Math.round(fraction * total), total, unit: 'bytes', message });
  let pass = 0;
  const source: RowSource = () => {
    const first = pass++ === 0;
    const rows = readDataset(params.dataset, {
      signal: options.signal,
      ...(first && options.onProgress ? { onProgress: (p: Progress) => say(0.3 * Math.min(1, p.done / (p.total ?? total)), 'scoring both versions') } : {}),
    });
    if (!first) return rows;
    return (async function* () {
      yield* rows;
      say(0.3, `bootstrap intervals (${params.replicates ?? 200} replicates) and attributions`);
    })();
  };
  const open = (ref: CompareModelsParams['base']): Promise<OpenedModel> => openModel(ref.root, ref.version !== null ? { version: ref.version } : {});
  const base = await open(params.base);
  try {
    const candidate = await open(params.candidate);
    try {
      const sliceBy = params.sliceBy ?? categoricalFeatures([base, candidate]);
      const specFeatures = [...new Set([...base.spec.features, ...candidate.spec.features].map((f) => f.name))];
      const report = await compareVersions(base, candidate, source, {
        sliceBy,
        ...(params.metric ? { metric: params.metric } : {}),
        ...(params.minSliceRows !== undefined ? { minSliceRows: params.minSliceRows } : {}),
        ...(params.replicates !== undefined ? { replicates: params.replicates } : {}),
        ...(params.attributionRows !== undefined ? { attributionRows: params.attributionRows } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      say(0.95, 'preparing the charts');
      const rows = await chartRows([base, candidate], source, sliceBy, params.maxChartRows ?? 200_000, options.signal ? { signal: options.signal } : {});
      return { report, rows, specFeatures, sliceBy };
    } finally {
      candidate.dispose();
    }
  } finally {
    base.dispose();
  }
}
