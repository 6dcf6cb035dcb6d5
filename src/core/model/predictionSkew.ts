/**
 * Prediction skew: does the model behave the same on serving data as on training data? Compares the distribution of
 * its outputs on the two with L-infinity and Jensen–Shannon distances over a histogram (10 buckets by default):
 * binary → P(positive) over [0, 1]; regression → the predictions over their joint range; multiclass → the
 * predicted class.
 */
import type { JobOptions } from '../data/job.js';
import type { RowSource } from './batchPrediction.js';
import { predictRows } from './batchPrediction.js';
import { equalWidthHistogram, jensenShannonDivergence, lInfinityDistance } from './histogramDistance.js';
import { predictedClass } from './metrics.js';
import type { OpenedModel } from './openModel.js';
import { modelLabel } from './openModel.js';

export interface OutputHistogram {
  readonly rows: number;
  /** Bucket labels: `(low, high]` ranges (the first closed) or class names. */
  readonly buckets: readonly string[];
  readonly counts: readonly number[];
}

export interface PredictionSkewReport {
  readonly model: string;
  readonly training: OutputHistogram;
  readonly serving: OutputHistogram;
  readonly lInfinity: number;
  readonly jensenShannon: number;
}

export interface PredictionSkewOptions extends JobOptions {
  readonly buckets?: number;
}

async function collectScores(model: OpenedModel, source: RowSource, options: JobOptions): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  let total = 0;
  const k = model.outputs.width;
  for await (const chunk of predictRows(model, source, options)) {
    const rows = chunk.batch.rowCount;
    const kept = new Float32Array(rows * k);
    let n = 0;
    for (let r = 0; r < rows; r++) {
      if (!chunk.valid[r]) continue;
      kept.set(chunk.scores.subarray(r * k, (r + 1) * k), n * k);
      n++;
    }
    parts.push(kept.subarray(0, n * k));
    total += n * k;
  }
  const out = new Float32Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function predictionSkew(model: OpenedModel, training: RowSource, serving: RowSource, options: PredictionSkewOptions = {}): Promise<PredictionSkewReport> {
  const job: JobOptions = { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
  const a = await collectScores(model, training, job);
  const b = await collectScores(model, serving, job);
  const k = model.outputs.width;
  const task = model.spec.task;
  let hist: (s: Float32Array) => OutputHistogram;
  if (task === 'multiclass') {
    hist = (s) => {
      const rows = s.length / k;
      const counts = new Array<number>(k).fill(0);
      for (let r = 0; r < rows; r++) counts[predictedClass(task, s, k, r)] += 1;
      return { rows, buckets: model.outputs.names, counts };
    };
  } else {
    const buckets = options.buckets ?? 10;
    let low = 0;
    let high = 1;
    if (task === 'regression') {
      low = Infinity;
      high = -Infinity;
      for (const s of [a, b]) {
        for (const v of s) {
          if (!Number.isFinite(v)) continue;
          low = Math.min(low, v);
          high = Math.max(high, v);
        }
      }
      if (!(high > low)) high = low + 1;
    }
    const width = (high - low) / buckets;
    // Low bounds are exclusive except the first bucket's (TFDV's convention).
    const labels = Array.from({ length: buckets }, (_, i) => `${i === 0 ? '[' : '('}${(low + i * width).toPrecision(4)}, ${(low + (i + 1) * width).toPrecision(4)}]`);
    hist = (s) => ({ rows: s.length, buckets: labels, counts: equalWidthHistogram(s, low, high, buckets) });
  }
  const training_ = hist(a);
  const serving_ = hist(b);
  return {
    model: modelLabel(model),
    training: training_,
    serving: serving_,
    lInfinity: lInfinityDistance(training_.counts, serving_.counts),
    jensenShannon: jensenShannonDivergence(training_.counts, serving_.counts),
  };
}
