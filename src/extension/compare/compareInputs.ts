/**
 * The statistics of each compared input: a dataset (file or folder of shards: statistics computed on workers and
 * kept in the statistics cache, so nothing is read twice) or a statistics file (`.pb` from TFDV/Beam or Facetwise,
 * read once per modification). No `vscode` import.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { DatasetFeatureStatistics } from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { readStatistics } from '../../core/proto/protoFiles.js';
import { FacetwiseError } from '../../core/data/issues.js';
import { defaultDatasetStatistics } from '../../core/schema/statsView.js';
import type { DatasetJobOptions, OpenedDataset, ValidationServices } from '../validation/datasetValidation.js';
import { datasetStatistics } from '../validation/datasetValidation.js';
import type { DatasetLocation } from '../schema/schemaLocator.js';

/** Statistics files Facetwise compares without their data: binary `.pb` (TFDV's `FeatureStats.pb`, ours). */
export const STATISTICS_FILE_NAME = /\.pb$/i;

export interface CompareInput {
  readonly path: string;
  readonly name: string;
  readonly statistics: DatasetFeatureStatistics;
  /** Where a schema beside it is looked for. */
  readonly location: DatasetLocation;
  /** The opened dataset (absent for a statistics file). */
  readonly dataset?: OpenedDataset;
  readonly source: 'statistics file' | 'cache' | 'computed';
}

const files = new Map<string, { readonly key: string; readonly statistics: DatasetFeatureStatistics }>();

export function isStatisticsFile(path: string): boolean {
  return STATISTICS_FILE_NAME.test(basename(path));
}

export async function loadCompareInput(path: string, services: ValidationServices, options: DatasetJobOptions): Promise<CompareInput> {
  if (isStatisticsFile(path)) {
    const info = await stat(path).catch(() => undefined);
    if (!info || !info.isFile()) throw new FacetwiseError('INPUT_NOT_FOUND', 'No such statistics file.', { file: path });
    const key = `${info.size}:${info.mtimeMs}`;
    let entry = files.get(path);
    const source = entry?.key === key ? 'cache' : 'statistics file';
    if (entry?.key !== key) {
      const list = await readStatistics(path, options.signal ? { signal: options.signal } : undefined);
      if (list.datasets.length === 0) throw new FacetwiseError('STATISTICS_EMPTY', 'The statistics file holds no dataset.', { file: path });
      entry = { key, statistics: defaultDatasetStatistics(list) };
      files.set(path, entry);
    }
    return { path, name: basename(path), statistics: entry.statistics, location: { path: dirname(path), isFolder: true }, source };
  }
  const before = Date.now();
  const d = await datasetStatistics(path, services, options);
  return { path, name: d.info.name, statistics: d.result.statistics, location: d.location, dataset: d, source: Date.now() - before < 50 ? 'cache' : 'computed' };
}
