/**
 * Test fixtures: writes CSV rows as Parquet (hyparquet-writer), each column typed as the CSV's statistics typed it
 * (INT → INT64, FLOAT → DOUBLE, STRING → UTF8), empty cells as nulls.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer';
import { FeatureNameStatistics_Type } from '../../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';

/** Header and rows of a CSV without quoted fields (checked). */
export function readPlainCsv(path: string): { names: string[]; rows: string[][] } {
  const text = readFileSync(path, 'utf8');
  assert.ok(!text.includes('"'), 'the naive split needs a file without quotes');
  const [header, ...lines] = text.trimEnd().split(/\r?\n/);
  return { names: header.split(','), rows: lines.map((l) => l.split(',')) };
}

export function csvToParquetColumns(names: readonly string[], rows: readonly string[][], types: ReadonlyMap<string, FeatureNameStatistics_Type>): ColumnSource[] {
  return names.map((name, c) => {
    const type = types.get(name);
    const cells = rows.map((r) => r[c] ?? '');
    if (type === FeatureNameStatistics_Type.INT) return { name, type: 'INT64', data: cells.map((v) => (v === '' ? null : BigInt(v))) };
    if (type === FeatureNameStatistics_Type.FLOAT) return { name, type: 'DOUBLE', data: cells.map((v) => (v === '' ? null : Number(v))) };
    return { name, type: 'STRING', data: cells.map((v) => (v === '' ? null : v)) };
  });
}

export function writeParquet(path: string, columnData: ColumnSource[], rowGroupSize: number): void {
  writeFileSync(path, new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize })));
}
