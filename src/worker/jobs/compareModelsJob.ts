/**
 * Worker job: compares model versions (one base, any number of candidates) on a dataset for the comparison panel.
 * The report is the engine's (compareManyVersions: deltas, bootstrap intervals, slices, attributions per candidate);
 * beside it, one more pass keeps per row every version's score, the label, the row's position in the file and its slicing values, which the panel
 * draws its curves, distributions and disagreement table from (filtered by the slice a user picks).
 */
import type { Progress } from '../../core/data/job.js';
import { throwIfAborted } from '../../core/data/job.js';
import { readDataset } from '../../core/io/dataset.js';
import type { RowSource } from '../../core/model/batchPrediction.js';
import { PredictionBuffers, predictBatch } from '../../core/model/batchPrediction.js';
import { cellValue, findColumn } from '../../core/model/cellValues.js';
import { compareManyVersions } from '../../core/model/compareVersions.js';
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
export async function chartRows(models: readonly OpenedModel[], source: RowSource, sliceBy: readonly string[], maxRows: number, options: JobRunOptions = {}): Promise<ChartRows> {
  const spec = models.find((m) => m.spec.label)?.spec ?? models[0]!.spec;
  const labels = new LabelReader(spec);
  const task = spec.task;
  const buffers = models.map(() => new PredictionBuffers());
  const f32 = (n: number): Float32Array => new Float32Array(n);
  const scores = models.map(() => new Grow(f32(0), f32));
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
    const chunks = [];
    for (let m = 0; m < models.length; m++) chunks.push(await predictBatch(models[m]!, batch, buffers[m]!));
    const labelValues = new Float64Array(n);
    const labelValid = new Uint8Array(n);
    labels.readBatch(batch, labelValues, labelValid);
    const columns = sliceBy.map((f) => findColumn(batch, f));
    for (let r = 0; r < n; r++) {
      if (!labelValid[r] || chunks.some((c) => !c.valid[r])) continue;
      if (labelOut.length >= maxRows) {
        truncated = true;
        break;
      }
      for (let m = 0; m < models.length; m++) {
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
    scores: scores.map((s) => s.result()),
    labels: labelOut.result(),
    positions: positions.result(),
    shards: shards.result(),
    sources,
    positionKind,
    slices,
    truncated,
  };
}

/** Bootstrap progress (`bootstrap k/N`) is shown between these fractions of the whole job. */
const BOOTSTRAP_FROM = 0.3;
const BOOTSTRAP_TO = 0.9;

export async function runCompareModels(params: CompareModelsParams, options: JobRunOptions = {}): Promise<CompareModelsResult> {
  // Progress: the first pass (every version scored) is the first 30% in bytes read; the paired bootstrap then
  // reports `bootstrap k/N` (30–90%); the attributions and the chart pass are the rest.
  const total = params.dataset.totalBytes;
  const say = (fraction: number, message: string): void => options.onProgress?.({ done: Math.round(fraction * total), total, unit: 'bytes', message });
  const names = params.candidates.length === 1 ? 'both versions' : `${params.candidates.length + 1} versions`;
  let pass = 0;
  const source: RowSource = () => {
    const first = pass++ === 0;
    const rows = readDataset(params.dataset, {
      signal: options.signal,
      ...(first && options.onProgress ? { onProgress: (p: Progress) => say(BOOTSTRAP_FROM * Math.min(1, p.done / (p.total ?? total)), `scoring ${names}`) } : {}),
    });
    if (!first) return rows;
    return (async function* () {
      yield* rows;
      say(BOOTSTRAP_FROM, `bootstrap intervals (${params.replicates ?? 200} replicates)`);
    })();
  };
  // The engine's own progress: only the bootstrap's steps are forwarded (the scoring pass is reported in bytes above).
  const onEngineProgress = (p: Progress): void => {
    if (p.unit !== 'steps' || !p.total) return;
    say(BOOTSTRAP_FROM + (BOOTSTRAP_TO - BOOTSTRAP_FROM) * Math.min(1, p.done / p.total), p.message ?? `bootstrap ${p.done}/${p.total}`);
    if (p.done === p.total) say(BOOTSTRAP_TO, 'attributions');
  };
  const open = (ref: CompareModelsParams['base']): Promise<OpenedModel> => openModel(ref.root, ref.version !== null ? { version: ref.version } : {});
  const models: OpenedModel[] = [];
  try {
    for (const ref of [params.base, ...params.candidates]) {
      throwIfAborted(options.signal);
      models.push(await open(ref));
    }
    const [base, ...candidates] = models as [OpenedModel, ...OpenedModel[]];
    const sliceBy = params.sliceBy ?? categoricalFeatures(models);
    const specFeatures = [...new Set(models.flatMap((m) => m.spec.features.map((f) => f.name)))];
    const report = await compareManyVersions(base, candidates, source, {
      sliceBy,
      ...(params.metric ? { metric: params.metric } : {}),
      ...(params.minSliceRows !== undefined ? { minSliceRows: params.minSliceRows } : {}),
      ...(params.replicates !== undefined ? { replicates: params.replicates } : {}),
      ...(params.attributionRows !== undefined ? { attributionRows: params.attributionRows } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: onEngineProgress } : {}),
    });
    say(0.95, 'preparing the charts');
    const rows = await chartRows(models, source, sliceBy, params.maxChartRows ?? 200_000, options.signal ? { signal: options.signal } : {});
    return { report, rows, specFeatures, sliceBy };
  } finally {
    for (const m of models) m.dispose();
  }
}
