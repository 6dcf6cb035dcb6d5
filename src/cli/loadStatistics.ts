/**
 * A command's input as statistics: a statistics file is read (TFDV's binary / text / JSON / StatisticsGen
 * TFRecord), a dataset gets its statistics computed. This is how statistics TFDV computed on Beam for data too
 * big for one machine enter Facetwise.
 */
import { basename, extname } from 'node:path';
import type { DatasetFeatureStatistics, DatasetFeatureStatisticsList } from '../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { FacetwiseError, formatIssue } from '../core/data/issues.js';
import { readStatistics } from '../core/proto/protoFiles.js';
import { ALL_EXAMPLES_SLICE } from '../core/stats/slicedStatistics.js';
import type { CliIo } from './cliIo.js';
import { statisticsOf } from './engine.js';
import type { EngineOptions } from './engine.js';
import { progressLine } from './progressLine.js';
import { readGuard } from './readGuard.js';

const STATS_EXTENSIONS = new Set(['.pb', '.bin', '.binpb', '.pbtxt', '.textproto', '.txtpb', '.prototxt', '.json']);

/** Whether an input names a statistics file rather than data (by extension, `.gz` aside). */
export function isStatisticsFile(input: string): boolean {
  return STATS_EXTENSIONS.has(extname(input.toLowerCase().replace(/\.gz$/, ''))) || /featurestats/i.test(input);
}

export type LoadStatisticsOptions = Omit<EngineOptions, 'signal' | 'onProgress' | 'onIssue'> & {
  /** Accept a dataset with no records (validation reports TFDV's "data missing" instead); default: exit 1. */
  readonly allowEmpty?: boolean;
};

/**
 * Datasets of a statistics file that carry no name (TFDV writes '' for an unsliced dataset) get the file's
 * name, so text output never reads ": 10036 examples".
 */
export function nameUnnamedDatasets(list: DatasetFeatureStatisticsList, input: string): DatasetFeatureStatisticsList {
  const file = basename(input);
  list.datasets.forEach((d, i) => {
    if (d.name === '') d.name = list.datasets.length === 1 ? file : `${file} #${i + 1}`;
  });
  return list;
}

/** The first dataset of a statistics file, or the statistics of a dataset; reader warnings go to stderr. */
export async function loadStatistics(input: string, options: LoadStatisticsOptions, io: CliIo): Promise<DatasetFeatureStatistics> {
  if (isStatisticsFile(input)) {
    const list = nameUnnamedDatasets(await readStatistics(input, { signal: io.signal }), input);
    // TFDV's _get_default_dataset_statistics: the only dataset, or the "All Examples" slice among several.
    const first = list.datasets.find((d) => d.name === ALL_EXAMPLES_SLICE) ?? list.datasets[0];
    if (!first) throw new FacetwiseError('STATS_EMPTY', 'The statistics file holds no dataset.', { file: input });
    if (list.datasets.length > 1) io.stderr.write(`facetwise: warning: ${input} holds ${list.datasets.length} datasets (slices); using '${first.name}'\n`);
    return first;
  }
  const progress = progressLine(io, input);
  const guard = readGuard();
  try {
    const { allowEmpty, ...engine } = options;
    const result = await statisticsOf([input], {
      ...engine,
      signal: io.signal,
      onProgress: progress.update,
      onIssue: (issue) => {
        progress.clear();
        guard.onIssue(issue);
        io.stderr.write(formatIssue(issue) + '\n');
      },
    });
    guard.check(input, result.statistics.numExamples, { allowEmpty });
    return result.statistics;
  } finally {
    progress.clear();
  }
}
