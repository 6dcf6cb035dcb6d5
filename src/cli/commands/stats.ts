/** `facetwise stats`: TFDV statistics of one or more datasets. */
import { create } from '@bufbuild/protobuf';
import { formatIssue } from '../../core/data/issues.js';
import { toJsonText } from '../../core/proto/jsonFormat.js';
import type { DataIssue } from '../../core/data/issues.js';
import { encodeBinary } from '../../core/proto/binaryFormat.js';
import { readStatistics, statisticsWriteEncoding, writeEncodedStatistics, writeStatistics } from '../../core/proto/protoFiles.js';
import type { EncodedMessage } from '../../core/proto/chunkedBinary.js';
import { DatasetFeatureStatisticsListSchema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { DatasetFeatureStatistics } from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { CliCommand, CliIo } from '../cliIo.js';
import { outputFormat, parseCommandArgs } from '../commandArgs.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { datasetOptionSpecs, datasetOptionsUsage, fractionOption, intOption, readOptionsFrom } from '../datasetArgs.js';
import { datasetGroups } from '../datasetGroups.js';
import { encodedStatisticsOf, statisticsOf } from '../engine.js';
import { formatStatsTable } from '../format/statsTable.js';
import { isStatisticsFile, nameUnnamedDatasets } from '../loadStatistics.js';
import { terminalWidth } from '../format/textTable.js';
import { progressLine } from '../progressLine.js';
import { slicesOf } from '../sliceStatistics.js';
import { parseFeatureList } from '../validationOptionArgs.js';
import { readGuard } from '../readGuard.js';

const usage = `Usage: facetwise stats <file|folder|glob>... [options]

Computes TFDV statistics (a DatasetFeatureStatisticsList) of each input in one streaming pass. Each input is one
dataset: a CSV/TSV file, a TFRecord file of tf.train.Example (GZIP/ZLIB too), or a folder or glob of shards.
A statistics file (.pb, .pbtxt, .json, StatisticsGen's FeatureStats.pb) is read as it is: show it with
--format text, or convert it with -o (e.g. TFDV's binary statistics to text format).

Options:
  -o, --output <file>        Write the statistics: .pb binary (as TFDV's FeatureStats.pb), .pbtxt text, .json
  --format <json|text>       stdout when no -o: canonical proto3 JSON (default) or a readable table
  --top-values <n>           Most frequent values kept per string feature (default 20)
  --histogram-buckets <n>    Buckets of the numeric histograms (default 10)
  --sample-rate <f>          Fraction of rows to use, in (0, 1] (default 1)
  --seed <n>                 Seed of the row sampler (default 0)
  --slice-by <f[,g]>         Also one dataset per slice, named as TFDV names them (feature_value[_feature_value]);
                             the overall statistics come first, named "All Examples"
${datasetOptionsUsage}

Reader warnings (malformed rows, CRC failures) go to stderr with their positions.
Exit codes: 0 ok, 1 an input could not be read, 2 usage error.`;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
      output: { type: 'string', short: 'o' },
      format: { type: 'string' },
      'top-values': { type: 'string' },
      'histogram-buckets': { type: 'string' },
      'sample-rate': { type: 'string' },
      seed: { type: 'string' },
      'slice-by': { type: 'string' },
      ...datasetOptionSpecs,
    });
  if (positionals.length === 0) throw new UsageError('give at least one dataset');
  const format = outputFormat(values);
  const buckets = intOption('histogram-buckets', values['histogram-buckets'], 1, 10_000);
  const stats = {
    numTopValues: intOption('top-values', values['top-values'], 0, 1_000_000),
    numHistogramBuckets: buckets,
    numQuantilesHistogramBuckets: buckets,
    sampleRate: fractionOption('sample-rate', values['sample-rate']),
    seed: intOption('seed', values.seed, 0),
  };
  const read = readOptionsFrom(values);
  const workers = intOption('workers', values.workers, 0, 64);

  const list = create(DatasetFeatureStatisticsListSchema);
  // Binary output without slices is encoded feature by feature and never built as one proto object (a wide
  // dataset's object is several times its file); every other output needs the object.
  const streamed = values.output !== undefined && statisticsWriteEncoding(values.output) === 'binary' && values['slice-by'] === undefined;
  const encoded: Array<EncodedMessage & { readonly name: string; readonly numExamples: number | bigint; readonly featureCount: number }> = [];
  const addDataset = (d: DatasetFeatureStatistics): void => {
    if (streamed) encoded.push({ name: d.name, numExamples: d.numExamples, featureCount: d.features.length, chunks: [encodeBinary(d)] });
    else list.datasets.push(d);
  };
  try {
    let warnings = 0;
    for (const input of positionals) {
      // A statistics file (e.g. TFDV's FeatureStats.pb from a Beam pipeline) is read, not recomputed: `stats` then
      // converts it (-o) or shows it (--format text).
      if (isStatisticsFile(input)) {
        nameUnnamedDatasets(await readStatistics(input, { signal: io.signal }), input).datasets.forEach(addDataset);
        continue;
      }
      // A glob over several split folders is one dataset per folder, never one merged dataset.
      for (const group of await datasetGroups(input)) {
        const progress = progressLine(io, input);
        const guard = readGuard();
        try {
          const engineOptions = {
            read,
            stats,
            workers,
            signal: io.signal,
            onProgress: progress.update,
            onIssue: (issue: DataIssue) => {
              progress.clear();
              warnings++;
              guard.onIssue(issue);
              io.stderr.write(formatIssue(issue) + '\n');
            },
          };
          if (streamed) {
            const result = await encodedStatisticsOf(group, engineOptions);
            guard.check(input, result.numExamples);
            encoded.push(result);
            continue;
          }
          const result = await statisticsOf(group, engineOptions);
          guard.check(input, result.statistics.numExamples);
          list.datasets.push(result.statistics);
          if (values['slice-by'] !== undefined) {
            list.datasets.push(...(await slicesOf(input, result.statistics, parseFeatureList('slice-by', values['slice-by']).map((p) => p.join('.')), { read, stats }, io)));
          }
        } finally {
          progress.clear();
        }
      }
    }
    if (values.output !== undefined) {
      const written = streamed ? encoded : list.datasets.map((d) => ({ name: d.name, numExamples: d.numExamples, featureCount: d.features.length }));
      if (streamed) await writeEncodedStatistics(values.output, encoded, { signal: io.signal });
      else await writeStatistics(values.output, list, { signal: io.signal });
      io.stderr.write(`facetwise stats: wrote ${values.output} (${written.map((d) => `${d.name}: ${d.numExamples} examples, ${d.featureCount} features`).join('; ')})${warnings ? `, ${warnings} warnings` : ''}\n`);
    } else if (format === 'text') {
      io.stdout.write(list.datasets.map((d) => formatStatsTable(d, terminalWidth(io.stdout))).join('\n'));
    } else {
      io.stdout.write(toJsonText(list) + '\n');
    }
  } finally {
    // The encoded datasets' spill files (temporary, already unlinked where the OS allows).
    for (const d of encoded) d.spill?.dispose();
  }
  return ExitCode.ok;
}

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'Compute TFDV statistics of CSV/TSV/TFRecord datasets',
  usage,
  run,
};
