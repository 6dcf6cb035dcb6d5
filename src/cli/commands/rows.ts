/** `facetwise rows`: rows by number (or the matches of a filter) through the sparse row index, built or reused. */
import { resolveDataset } from '../../core/io/dataset.js';
import { FilterSyntaxError, parseFilter, scanFilter } from '../../core/io/rowFilter/index.js';
import { DatasetRows, RowIndexCache, DEFAULT_CHECKPOINT_EVERY } from '../../core/io/rowIndex/index.js';
import type { CliCommand, CliIo } from '../cliIo.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { parseCommandArgs } from '../commandArgs.js';
import { datasetOptionSpecs, datasetOptionsUsage, intOption, readOptionsFrom } from '../datasetArgs.js';
import { rowsAsCsv, rowsAsJson } from '../format/rowsOutput.js';
import type { PrintedRow } from '../format/rowsOutput.js';
import { progressLine } from '../progressLine.js';

const usage = `Usage: facetwise rows <file|folder|glob> --at <n> [options]

Prints rows by number: 1-based data rows (the header is not a row); for a folder of TFRecord shards, across the
dataset in shard order. Rows are reached through the dataset's sparse row index, reused from the cache when the
file is unchanged (size, mtime, head/tail hash) and built on the first jump past the first ${DEFAULT_CHECKPOINT_EVERY} rows.

Options:
  --at <n>                 First row to print (1-based; default 1). With --filter: the n-th matching row
  --count <k>              Rows to print (default 10, at most 100000)
  --filter <expr>          Only rows matching, e.g. 'fare > 100 and payment_type = "Cash"'
                           (= != < <= > >= contains, in (…), is [not] missing, and/or/not, parentheses;
                           \`quoted column\` names). Parsed, never evaluated as code
  --format <csv|json>      Output format (default csv)
  --cache-dir <dir>        Where indexes are kept (default $FACETWISE_CACHE_DIR, else ~/.cache/facetwise)
  --no-cache               Neither read nor write the index cache
${datasetOptionsUsage}

Exit codes: 0 ok, 1 an input could not be read, 2 usage error (a bad --filter included).`;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    at: { type: 'string' },
    count: { type: 'string' },
    filter: { type: 'string' },
    format: { type: 'string' },
    'cache-dir': { type: 'string' },
    'no-cache': { type: 'boolean' },
    ...datasetOptionSpecs,
  });
  if (positionals.length === 0) throw new UsageError('give a dataset');
  const at = intOption('at', values.at, 1) ?? 1;
  const count = intOption('count', values.count, 0, 100_000) ?? 10;
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new UsageError(`--format must be csv or json, got '${format}'`);
  let filter;
  try {
    filter = values.filter === undefined ? undefined : parseFilter(values.filter);
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw new UsageError(`--filter: ${err.message}`);
    throw err;
  }
  const read = readOptionsFrom(values);
  const info = await resolveDataset(positionals, read);
  const positionName = info.format === 'csv' ? 'line' : 'record';
  const print = (columns: readonly string[], rows: PrintedRow[]): void => {
    io.stdout.write(format === 'csv' ? rowsAsCsv(columns, rows) : rowsAsJson(columns, rows, positionName));
  };

  if (filter) {
    const progress = progressLine(io, `${info.name}: filtering`);
    try {
      const result = await scanFilter(info, filter, {
        read,
        signal: io.signal,
        skipMatches: at - 1,
        keepCells: count,
        stopAfter: count,
        onProgress: (p) => progress.update({ ...p, message: `${p.matches} matching rows so far` }),
      });
      progress.clear();
      print(result.columnNames, result.cells.map((cells, i) => ({ row: result.cellRows[i] + 1, position: result.positions[i], shard: 0, cells })));
      if (result.complete) io.stderr.write(`facetwise rows: ${result.rows.length} matching rows\n`);
    } finally {
      progress.clear();
    }
    return ExitCode.ok;
  }

  const cache = values['no-cache'] ? undefined : values['cache-dir'] ? new RowIndexCache(values['cache-dir']) : RowIndexCache.forCli();
  const rows = await DatasetRows.open(info, { cache, format: { delimiter: read.delimiter, header: read.header, columnNames: read.columnNames } });
  if (!rows.index && at > DEFAULT_CHECKPOINT_EVERY) {
    const progress = progressLine(io, `${info.name}: indexing`);
    try {
      const built = await rows.ensureIndex({ signal: io.signal, onProgress: progress.update });
      progress.clear();
      if (built.savedTo) io.stderr.write(`facetwise rows: indexed ${built.index.rows} rows (kept in ${built.savedTo})\n`);
    } finally {
      progress.clear();
    }
  }
  const window = await rows.rowsAt(at - 1, count, { signal: io.signal });
  if (rows.index && at - 1 >= rows.index.rows && count > 0) {
    io.stderr.write(`facetwise rows: the dataset has ${rows.index.rows} rows; --at ${at} is past the end\n`);
    return ExitCode.inputError;
  }
  if (window.rows.length === 0 && count > 0) {
    io.stderr.write(`facetwise rows: no row ${at}: the dataset has fewer rows\n`);
    return ExitCode.inputError;
  }
  const first = window.firstRow;
  print(
    window.columnNames,
    window.rows.map((cells, i) => ({ row: first === undefined ? undefined : first + i + 1, position: window.positions[i], shard: window.shards[i], cells })),
  );
  return ExitCode.ok;
}

export const rowsCommand: CliCommand = {
  name: 'rows',
  summary: 'Print rows by number or by filter, through the sparse row index',
  usage,
  run,
};
