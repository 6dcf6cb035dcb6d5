/**
 * Test-only statistics for the taxi CSVs, computed by a tiny independent counter until the real statistics engine
 * (src/core/stats) is wired into these tests. It follows TFDV's conventions where validation reads them: INT if
 * every non-empty cell is an integer, FLOAT if a number, else STRING; an empty cell is a missing value; a full
 * rank histogram of string values; 10-bucket STANDARD and QUANTILES histograms; population std_dev.
 * The taxi files have no quoted fields (checked by the tests that use them), so a line split on "," is a row.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { create } from '@bufbuild/protobuf';
import type {
  DatasetFeatureStatistics,
  FeatureNameStatistics,
  Histogram,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import {
  CommonStatisticsSchema,
  DatasetFeatureStatisticsSchema,
  FeatureNameStatistics_Type,
  FeatureNameStatisticsSchema,
  Histogram_BucketSchema,
  Histogram_HistogramType,
  HistogramSchema,
  NumericStatisticsSchema,
  RankHistogram_BucketSchema,
  RankHistogramSchema,
  StringStatistics_FreqAndValueSchema,
  StringStatisticsSchema,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';

export const repoRoot = resolve(__dirname, '../../..');
export const taxiPath = (file: 'train' | 'eval' | 'serving'): string => resolve(repoRoot, '../shared/data/taxi', `${file}.csv`);

export interface CsvTable {
  readonly header: string[];
  readonly rows: string[][];
}

export function readCsv(path: string): CsvTable {
  const text = readFileSync(path, 'utf8');
  if (text.includes('"')) throw new Error(`${path} has quoted fields; this test reader cannot read it`);
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines[0] ?? '').split(',');
  return { header, rows: lines.slice(1).map((l) => l.split(',')) };
}

/** Counts of each distinct non-empty value of a column. */
export function countValues(table: CsvTable, column: string): Map<string, number> {
  const i = table.header.indexOf(column);
  if (i < 0) throw new Error(`no column ${column}`);
  const counts = new Map<string, number>();
  for (const row of table.rows) {
    const v = row[i] ?? '';
    if (v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return counts;
}

const intText = /^[+-]?\d+$/;

function columnType(values: readonly string[]): FeatureNameStatistics_Type {
  const present = values.filter((v) => v !== '');
  if (present.length === 0) return FeatureNameStatistics_Type.STRING;
  if (present.every((v) => intText.test(v))) return FeatureNameStatistics_Type.INT;
  if (present.every((v) => v.trim() !== '' && !Number.isNaN(Number(v)) || /^[+-]?(nan|inf|infinity)$/i.test(v))) {
    return FeatureNameStatistics_Type.FLOAT;
  }
  return FeatureNameStatistics_Type.STRING;
}

function toNumber(v: string): number {
  const t = v.trim().toLowerCase();
  if (t === 'nan' || t === '+nan' || t === '-nan') return NaN;
  if (/^\+?inf(inity)?$/.test(t)) return Infinity;
  if (/^-inf(inity)?$/.test(t)) return -Infinity;
  return Number(v);
}

/** 10 equal-width buckets over [min, max]; a bucket's low bound is exclusive except the first one's. */
export function standardHistogram(values: readonly number[], numNan: number, buckets = 10): Histogram {
  const finite = values.filter((v) => Number.isFinite(v));
  const h = create(HistogramSchema, { type: Histogram_HistogramType.STANDARD, numNan: BigInt(numNan) });
  if (values.length === 0) return h;
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (!Number.isFinite(min) || !Number.isFinite(max) || min === max) {
    h.buckets.push(create(Histogram_BucketSchema, { lowValue: min, highValue: max, sampleCount: values.length }));
    return h;
  }
  const width = (max - min) / buckets;
  const counts = new Array<number>(buckets).fill(0);
  for (const v of finite) {
    const i = Math.min(buckets - 1, Math.max(0, Math.ceil((v - min) / width) - 1));
    counts[i] = (counts[i] as number) + 1;
  }
  for (let i = 0; i < buckets; i++) {
    h.buckets.push(
      create(Histogram_BucketSchema, {
        lowValue: min + i * width,
        highValue: i === buckets - 1 ? max : min + (i + 1) * width,
        sampleCount: counts[i] as number,
      }),
    );
  }
  return h;
}

function quantilesHistogram(values: readonly number[], numNan: number, buckets = 10): Histogram {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const h = create(HistogramSchema, { type: Histogram_HistogramType.QUANTILES, numNan: BigInt(numNan) });
  if (sorted.length === 0) return h;
  const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] as number;
  for (let i = 0; i < buckets; i++) {
    h.buckets.push(create(Histogram_BucketSchema, { lowValue: q(i / buckets), highValue: q((i + 1) / buckets), sampleCount: sorted.length / buckets }));
  }
  return h;
}

function featureStats(name: string, cells: readonly string[], type?: FeatureNameStatistics_Type): FeatureNameStatistics {
  const t = type ?? columnType(cells);
  const present = cells.filter((v) => v !== '');
  const common = create(CommonStatisticsSchema, {
    numNonMissing: BigInt(present.length),
    numMissing: BigInt(cells.length - present.length),
    minNumValues: present.length > 0 ? 1n : 0n,
    maxNumValues: present.length > 0 ? 1n : 0n,
    avgNumValues: present.length > 0 ? 1 : 0,
    totNumValues: BigInt(present.length),
  });
  const f = create(FeatureNameStatisticsSchema, { fieldId: { case: 'name', value: name }, type: t });
  if (t === FeatureNameStatistics_Type.INT || t === FeatureNameStatistics_Type.FLOAT) {
    const values = present.map(toNumber);
    const numbers = values.filter((v) => !Number.isNaN(v));
    const nan = values.length - numbers.length;
    const mean = numbers.reduce((s, v) => s + v, 0) / (numbers.length || 1);
    const variance = numbers.reduce((s, v) => s + (v - mean) ** 2, 0) / (numbers.length || 1);
    const sorted = [...numbers].sort((a, b) => a - b);
    f.stats = {
      case: 'numStats',
      value: create(NumericStatisticsSchema, {
        commonStats: common,
        mean,
        stdDev: Math.sqrt(variance),
        numZeros: BigInt(numbers.filter((v) => v === 0).length),
        min: sorted.length > 0 ? (sorted[0] as number) : 0,
        max: sorted.length > 0 ? (sorted[sorted.length - 1] as number) : 0,
        median: sorted.length > 0 ? (sorted[Math.floor(sorted.length / 2)] as number) : 0,
        histograms: [standardHistogram(numbers, nan), quantilesHistogram(numbers, nan)],
      }),
    };
  } else {
    const counts = new Map<string, number>();
    for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    f.stats = {
      case: 'stringStats',
      value: create(StringStatisticsSchema, {
        commonStats: common,
        unique: BigInt(counts.size),
        avgLength: present.length > 0 ? present.reduce((s, v) => s + v.length, 0) / present.length : 0,
        topValues: ranked.slice(0, 20).map(([value, frequency]) => create(StringStatistics_FreqAndValueSchema, { value, frequency })),
        rankHistogram: create(RankHistogramSchema, {
          buckets: ranked.map(([label, sampleCount], i) =>
            create(RankHistogram_BucketSchema, { lowRank: BigInt(i), highRank: BigInt(i), label, sampleCount }),
          ),
        }),
      }),
    };
  }
  return f;
}

/** Statistics of a table of cells (one value per cell, "" missing); `types` pins a column's type. */
export function statsFromTable(
  table: CsvTable,
  name = 'test',
  types: Readonly<Record<string, FeatureNameStatistics_Type>> = {},
): DatasetFeatureStatistics {
  return create(DatasetFeatureStatisticsSchema, {
    name,
    numExamples: BigInt(table.rows.length),
    features: table.header.map((column, i) => featureStats(column, table.rows.map((r) => r[i] ?? ''), types[column])),
  });
}

export function statsFromCsv(path: string, name?: string): DatasetFeatureStatistics {
  return statsFromTable(readCsv(path), name ?? path);
}
