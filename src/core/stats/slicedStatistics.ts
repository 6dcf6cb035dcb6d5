/**
 * Statistics per slice, as TFDV's feature-value slicing computes them (utils/slicing_util.py
 * get_feature_value_slicer): a row belongs to one slice per combination of the distinct values its slicing
 * features hold (a row lacking one of them is in no slice), and a slice is named by the features in sorted order
 * with their values, `feature_value[_feature_value…]`. The overall statistics are the "All Examples" slice.
 */
import type { RowBatch, FeatureColumn } from '../data/rowBatch.js';
import type { JobOptions } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import { compareUtf8 } from '../data/compareUtf8.js';
import type { DatasetFeatureStatistics } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { formatDoubleLikePython } from '../proto/text/pythonFloat.js';
import { CELL_STRING, classifyCell, parsedCell } from './cellNumber.js';
import { DatasetAccumulator } from './datasetAccumulator.js';
import type { StatsOptions } from './statsOptions.js';

/** TFDV's constants.DEFAULT_SLICE_KEY. */
export const ALL_EXAMPLES_SLICE = 'All Examples';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** The distinct values of a column at row r, as TFDV's slice keys print them (str() of the Python value). */
function rowValues(column: FeatureColumn, r: number): string[] {
  switch (column.kind) {
    case 'text':
      if (column.starts[r] === column.ends[r]) return [];
      return [utf8.decode(column.data.subarray(column.starts[r], column.ends[r]))];
    case 'int':
    case 'float': {
      if (!column.present[r]) return [];
      const out = new Set<string>();
      for (let i = column.offsets[r] as number; i < (column.offsets[r + 1] as number); i++) {
        const v = column.values[i] as number;
        out.add(column.kind === 'int' ? String(v) : formatDoubleLikePython(v));
      }
      return [...out];
    }
    case 'bytes': {
      if (!column.present[r]) return [];
      const out = new Set<string>();
      for (let i = column.offsets[r] as number; i < (column.offsets[r + 1] as number); i++) {
        out.add(utf8.decode(column.data.subarray(column.starts[i], column.ends[i])));
      }
      return [...out];
    }
    case 'empty':
      return [];
  }
}

/** The slice keys of row r: the cartesian product of its slicing features' values, features in sorted order. */
export function sliceKeysOfRow(batch: RowBatch, sliceBy: readonly string[], r: number): string[] {
  let keys = [''];
  for (const name of [...sliceBy].sort(compareUtf8)) {
    const column = batch.columns.find((c) => c.name === name);
    const values = column ? rowValues(column, r) : [];
    if (values.length === 0) return [];
    const next: string[] = [];
    for (const k of keys) for (const v of values) next.push(k === '' ? `${name}_${v}` : `${k}_${name}_${v}`);
    keys = next;
  }
  return keys;
}

function takeColumn(column: FeatureColumn, rows: readonly number[]): FeatureColumn {
  const n = rows.length;
  switch (column.kind) {
    case 'text': {
      const starts = new Int32Array(n);
      const ends = new Int32Array(n);
      rows.forEach((r, i) => {
        starts[i] = column.starts[r] as number;
        ends[i] = column.ends[r] as number;
      });
      return { kind: 'text', name: column.name, data: column.data, starts, ends };
    }
    case 'empty': {
      const present = new Uint8Array(n);
      rows.forEach((r, i) => (present[i] = column.present[r] as number));
      return { kind: 'empty', name: column.name, present };
    }
    case 'int':
    case 'float':
    case 'bytes': {
      const present = new Uint8Array(n);
      const offsets = new Int32Array(n + 1);
      let total = 0;
      rows.forEach((r, i) => {
        present[i] = column.present[r] as number;
        total += (column.offsets[r + 1] as number) - (column.offsets[r] as number);
        offsets[i + 1] = total;
      });
      const pick = (r: number): [number, number] => [column.offsets[r] as number, column.offsets[r + 1] as number];
      if (column.kind === 'bytes') {
        const starts = new Int32Array(total);
        const ends = new Int32Array(total);
        let j = 0;
        for (const r of rows) {
          const [a, b] = pick(r);
          for (let v = a; v < b; v++, j++) {
            starts[j] = column.starts[v] as number;
            ends[j] = column.ends[v] as number;
          }
        }
        return { kind: 'bytes', name: column.name, present, offsets, data: column.data, starts, ends };
      }
      const values = new Float64Array(total);
      let j = 0;
      for (const r of rows) {
        const [a, b] = pick(r);
        values.set(column.values.subarray(a, b), j);
        j += b - a;
      }
      return { kind: column.kind, name: column.name, present, offsets, values };
    }
  }
}

/** The rows `rows` (ascending) of a batch, as a batch of their own. */
export function takeRows(batch: RowBatch, rows: readonly number[]): RowBatch {
  const positions = new Float64Array(rows.length);
  rows.forEach((r, i) => (positions[i] = batch.positions[r] as number));
  return {
    source: batch.source,
    shardIndex: batch.shardIndex,
    rowCount: rows.length,
    positionKind: batch.positionKind,
    positions,
    columns: batch.columns.map((c) => takeColumn(c, rows)),
  };
}

export interface SlicedStatisticsOptions extends JobOptions {
  readonly stats?: StatsOptions;
  /**
   * CSV columns the whole dataset showed to be FLOAT: read as floats in every slice, so a slice holding only
   * whole numbers keeps the column's type (TFDV's CSV decoder types columns once, over all rows).
   */
  readonly floatColumns?: ReadonlySet<string>;
}

/** A text column of numbers as a float column (cells that do not parse as numbers count as missing). */
function textAsFloat(column: FeatureColumn & { kind: 'text' }, rowCount: number): FeatureColumn {
  const present = new Uint8Array(rowCount);
  const offsets = new Int32Array(rowCount + 1);
  const values: number[] = [];
  for (let r = 0; r < rowCount; r++) {
    const a = column.starts[r] as number;
    const b = column.ends[r] as number;
    if (a !== b && classifyCell(column.data, a, b) !== CELL_STRING) {
      present[r] = 1;
      values.push(parsedCell[0] as number);
    }
    offsets[r + 1] = values.length;
  }
  return { kind: 'float', name: column.name, present, offsets, values: Float64Array.from(values) };
}

/**
 * One DatasetFeatureStatistics per slice, sorted by name (the overall statistics, "All Examples", are computed
 * by the caller's usual path so that they match an unsliced run exactly).
 */
export async function computeSliceStatistics(
  rows: AsyncIterable<RowBatch>,
  sliceBy: readonly string[],
  options: SlicedStatisticsOptions = {},
): Promise<DatasetFeatureStatistics[]> {
  const slices = new Map<string, DatasetAccumulator>();
  const floats = options.floatColumns;
  for await (const input of rows) {
    throwIfAborted(options.signal);
    const batch =
      floats && floats.size > 0 && input.columns.some((c) => c.kind === 'text' && floats.has(c.name))
        ? { ...input, columns: input.columns.map((c) => (c.kind === 'text' && floats.has(c.name) ? textAsFloat(c, input.rowCount) : c)) }
        : input;
    const members = new Map<string, number[]>();
    for (let r = 0; r < batch.rowCount; r++) {
      for (const key of sliceKeysOfRow(batch, sliceBy, r)) {
        let list = members.get(key);
        if (!list) members.set(key, (list = []));
        list.push(r);
      }
    }
    for (const [key, list] of members) {
      let acc = slices.get(key);
      if (!acc) slices.set(key, (acc = new DatasetAccumulator(options.stats)));
      acc.add(takeRows(batch, list));
    }
  }
  return [...slices.keys()].sort(compareUtf8).map((key) => (slices.get(key) as DatasetAccumulator).finish(key));
}
