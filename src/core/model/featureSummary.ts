/**
 * The per-feature summary a feature spec is derived from: read off TFDV statistics (`summariesFromStatistics`, what
 * `model init` uses, so a statistics file TFDV wrote works too) or computed from rows in one pass
 * (`summarizeRows`, for callers without the statistics engine).
 */
import type { DatasetFeatureStatistics } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { FeatureNameStatistics_Type } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { JobOptions } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import type { RowSource } from './batchPrediction.js';
import { cellValue, findColumn } from './cellValues.js';

export interface TopValue {
  readonly value: string;
  readonly frequency: number;
}

export interface FeatureSummary {
  readonly name: string;
  readonly type: 'int' | 'float' | 'string';
  /** Non-missing values seen. */
  readonly count: number;
  readonly mean?: number;
  /** Population standard deviation (TFDV's convention). */
  readonly stdDev?: number;
  readonly min?: number;
  readonly max?: number;
  /** Most frequent values first. */
  readonly topValues: readonly TopValue[];
  /** Distinct values seen (capped at the tracking limit). */
  readonly unique: number;
}

interface Acc {
  count: number;
  numeric: boolean;
  integer: boolean;
  n: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
  counts: Map<string, number>;
}

export interface SummarizeOptions extends JobOptions {
  /** Distinct values tracked per feature (default 10000); rarer new values past that are not counted. */
  readonly maxDistinct?: number;
  /** Top values kept per feature (default 100). */
  readonly topK?: number;
}

/** One pass over the rows: type, count, mean/std (Welford, float64), min/max, top values. */
export async function summarizeRows(source: RowSource, options: SummarizeOptions = {}): Promise<FeatureSummary[]> {
  const maxDistinct = options.maxDistinct ?? 10000;
  const accs = new Map<string, Acc>();
  let rows = 0;
  for await (const batch of source()) {
    throwIfAborted(options.signal);
    for (const column of batch.columns) {
      let acc = accs.get(column.name);
      if (!acc) {
        acc = { count: 0, numeric: true, integer: true, n: 0, mean: 0, m2: 0, min: Infinity, max: -Infinity, counts: new Map() };
        accs.set(column.name, acc);
      }
      const col = findColumn(batch, column.name);
      for (let r = 0; r < batch.rowCount; r++) {
        const v = cellValue(col, r);
        if (v === undefined) continue;
        for (const one of Array.isArray(v) ? v : [v]) {
          acc.count++;
          const key = String(one);
          const seen = acc.counts.get(key);
          if (seen !== undefined) acc.counts.set(key, seen + 1);
          else if (acc.counts.size < maxDistinct) acc.counts.set(key, 1);
          const x = typeof one === 'number' ? one : key.trim() === '' ? NaN : Number(key);
          if (Number.isNaN(x)) {
            acc.numeric = false;
            continue;
          }
          if (!Number.isInteger(x) || (typeof one === 'string' && key.includes('.'))) acc.integer = false;
          acc.n++;
          const d = x - acc.mean;
          acc.mean += d / acc.n;
          acc.m2 += d * (x - acc.mean);
          if (x < acc.min) acc.min = x;
          if (x > acc.max) acc.max = x;
        }
      }
    }
    rows += batch.rowCount;
    options.onProgress?.({ done: rows, total: undefined, unit: 'rows', message: batch.source });
  }
  const topK = options.topK ?? 100;
  return [...accs].map(([name, a]): FeatureSummary => {
    const topValues = [...a.counts]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, topK)
      .map(([value, frequency]) => ({ value, frequency }));
    const numeric = a.numeric && a.n > 0;
    return {
      name,
      type: numeric ? (a.integer ? 'int' : 'float') : 'string',
      count: a.count,
      ...(numeric ? { mean: a.mean, stdDev: Math.sqrt(a.m2 / a.n), min: a.min, max: a.max } : {}),
      topValues,
      unique: a.counts.size,
    };
  });
}

/**
 * Summaries from a DatasetFeatureStatistics: numeric features from num_stats (population std dev, as TFDV), string
 * features from string_stats top_values (as many as the statistics kept: compute them with numTopValues at least
 * the vocabulary size wanted).
 */
export function summariesFromStatistics(stats: DatasetFeatureStatistics): FeatureSummary[] {
  const out: FeatureSummary[] = [];
  for (const f of stats.features) {
    const name = f.fieldId.case === 'path' ? f.fieldId.value.step.join('.') : f.fieldId.case === 'name' ? f.fieldId.value : '';
    if (f.stats.case === 'numStats') {
      const s = f.stats.value;
      out.push({
        name,
        type: f.type === FeatureNameStatistics_Type.INT ? 'int' : 'float',
        count: Number(s.commonStats?.numNonMissing ?? 0n),
        mean: s.mean,
        stdDev: s.stdDev,
        min: s.min,
        max: s.max,
        topValues: [],
        unique: 0,
      });
    } else if (f.stats.case === 'stringStats') {
      const s = f.stats.value;
      out.push({
        name,
        type: 'string',
        count: Number(s.commonStats?.numNonMissing ?? 0n),
        topValues: s.topValues.map((t) => ({ value: t.value, frequency: t.frequency })),
        unique: Number(s.unique),
      });
    }
  }
  return out;
}
