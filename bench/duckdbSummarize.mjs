// The peer of the statistics benchmark, run as its own child process so its wall time and peak RSS are its
// own: DuckDB's `SUMMARIZE SELECT * FROM read_csv(<file>)` (per-column min, max, approx_unique, avg, std,
// quartiles, count, null %). Plain JavaScript so that no TypeScript loader sits in the measured process.
// Usage: node bench/duckdbSummarize.mjs <file.csv> <threads>
// Prints one JSON object: DuckDB's version and settings, the query's own time, and the summary rows.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, threadsArg] = process.argv.slice(2);
const threads = Number(threadsArg);
if (!file || !Number.isInteger(threads) || threads < 1) {
  process.stderr.write('usage: node bench/duckdbSummarize.mjs <file.csv> <threads>\n');
  process.exit(2);
}

const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const connection = await instance.connect();
const settings = (
  await connection.runAndReadAll(
    "SELECT version() AS version, current_setting('threads') AS threads, current_setting('memory_limit') AS memory_limit",
  )
).getRowObjectsJson()[0];

const started = performance.now();
const result = await connection.runAndReadAll(`SUMMARIZE SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
const summary = result.getRowObjectsJson();
const querySeconds = (performance.now() - started) / 1000;

process.stdout.write(
  JSON.stringify({
    version: settings.version,
    threads: Number(settings.threads),
    memoryLimit: settings.memory_limit,
    querySeconds,
    summary,
  }) + '\n',
);
