/** `facetwise index`: builds a dataset's sparse row index ahead of time, into the cache `rows` and the editor use. */
import { stat } from 'node:fs/promises';
import { resolveDataset } from '../../core/io/dataset.js';
import { DatasetRows, RowIndexCache } from '../../core/io/rowIndex/index.js';
import type { CliCommand, CliIo } from '../cliIo.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { parseCommandArgs } from '../commandArgs.js';
import { datasetOptionSpecs, datasetOptionsUsage, readOptionsFrom } from '../datasetArgs.js';
import { progressLine } from '../progressLine.js';

const usage = `Usage: facetwise index <file|folder|glob> [options]

Builds the dataset's sparse row index (one byte offset every 1024 rows; per TFRecord shard, every 1024 records)
and keeps it in the cache, so that \`facetwise rows --at N\` reaches any row at once. An index still valid (same
size, mtime and head/tail hash) is reused; --force rebuilds it.

Options:
  --cache-dir <dir>        Where indexes are kept (default $FACETWISE_CACHE_DIR, else ~/.cache/facetwise)
  --force                  Rebuild even when a valid index is cached
${datasetOptionsUsage}`;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'cache-dir': { type: 'string' },
    force: { type: 'boolean' },
    ...datasetOptionSpecs,
  });
  if (positionals.length === 0) throw new UsageError('give a dataset');
  const read = readOptionsFrom(values);
  const info = await resolveDataset(positionals, read);
  const cache = values['cache-dir'] ? new RowIndexCache(values['cache-dir']) : RowIndexCache.forCli();
  const rows = await DatasetRows.open(info, {
    cache: values.force ? undefined : cache,
    format: { delimiter: read.delimiter, header: read.header, columnNames: read.columnNames },
  });
  const started = Date.now();
  const progress = progressLine(io, `${info.name}: indexing`);
  let result;
  try {
    result = await rows.ensureIndex({ signal: io.signal, onProgress: progress.update });
  } finally {
    progress.clear();
  }
  const savedTo = result.savedTo ?? (result.built ? await cache.save(info.shards, result.index) : cache.pathFor(info.shards));
  const bytes = (await stat(savedTo)).size;
  const seconds = (Date.now() - started) / 1000;
  const mbps = info.totalBytes / 1e6 / Math.max(seconds, 1e-3);
  io.stdout.write(
    `${info.name}: ${result.index.rows} rows, ${info.totalBytes} bytes; index ${bytes} bytes in ${savedTo}` +
      (result.built ? ` (built in ${seconds.toFixed(2)} s, ${mbps.toFixed(0)} MB/s)\n` : ' (reused: the data is unchanged)\n'),
  );
  return ExitCode.ok;
}

export const indexCommand: CliCommand = {
  name: 'index',
  summary: 'Build the sparse row index of a dataset ahead of time',
  usage,
  run,
};
