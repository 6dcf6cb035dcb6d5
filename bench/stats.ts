/**
 * Statistics benchmark: `facetwise stats` against DuckDB's SUMMARIZE on the same taxi-like CSVs, measured in the
 * same run, alternating, each run in its own child process (wall time and peak RSS per run).
 *
 *   npx tsx bench/stats.ts [--size 1GB] [--runs 3] [--seed 1] [--threads 2]
 *
 * Sizes: --size and a tenth of it (1 GB and 100 MB by default), so time(big)/time(small) shows linearity.
 * Prints a table, then one line of JSON with every number. See bench/README.md.
 */
import { closeSync, createReadStream, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatByteSize, parseByteSize } from '../scripts/sampleData/byteSize.js';
import { ensureBenchDataset } from './benchData.js';
import type { BenchDataset } from './benchData.js';
import { runMeasuredNode } from './peakRss.js';
import type { MeasuredRun } from './peakRss.js';
import { duckdbChild, failureOf, log, loadText, maxOf, mb, mbText, median, out, round, secondsText } from './benchReport.js';

const repoRoot = resolve(__dirname, '..');
const dataDir = join(repoRoot, '.bench-data');
const cliPath = join(repoRoot, 'dist', 'cli.js');

type Tool = 'facetwise' | 'duckdb';

interface ToolResult {
  readonly seconds: number[];
  readonly peakRssBytes: (number | undefined)[];
  error?: string;
}

interface SizeResult {
  readonly dataset: BenchDataset;
  readonly label: string;
  readonly facetwise: ToolResult;
  readonly duckdb: ToolResult;
  readonly duckdbQuerySeconds: number[];
}

interface DuckdbReport {
  readonly version: string;
  readonly threads: number;
  readonly memoryLimit: string;
  readonly querySeconds: number;
  readonly summary: unknown[];
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '1GB' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      threads: { type: 'string', default: '2' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('Usage: npx tsx bench/stats.ts [--size 1GB] [--runs 3] [--seed 1] [--threads 2]\n');
    return 0;
  }
  const bigBytes = parseByteSize(values.size);
  const runs = positiveInteger('--runs', values.runs);
  const seed = positiveInteger('--seed', values.seed);
  const threads = positiveInteger('--threads', values.threads);
  const sizes = [Math.round(bigBytes / 10), bigBytes];

  log(
    `Facetwise stats vs DuckDB SUMMARIZE: ${runs} run(s) per tool and size, alternating, each in its own process.\n` +
      `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadText()}, ` +
      `DuckDB threads=${threads}.`,
  );

  const datasets: BenchDataset[] = [];
  for (const bytes of sizes) {
    const d = await ensureBenchDataset(dataDir, bytes, seed);
    const rate = formatByteSize(d.bytes / d.generationSeconds);
    log(
      `${d.cached ? 'cached' : 'generated'} ${basename(d.path)}: ${formatByteSize(d.bytes)}, ${d.rows.toLocaleString('en-US')} rows` +
        ` (generation took ${d.generationSeconds.toFixed(1)} s, ${rate}/s)`,
    );
    datasets.push(d);
  }

  const facetwiseBuilt = existsSync(cliPath);
  if (!facetwiseBuilt) {
    log(
      `\n!!! ${cliPath} does not exist: Facetwise is not built (run \`npm run build\`). ` +
        'Only DuckDB is measured in this run; there are no ratios.\n',
    );
  }

  const scratch = mkdtempSync(join(tmpdir(), 'facetwise-bench-'));
  const results: SizeResult[] = [];
  // Fixed cost: each tool on a one-row file of the same columns (process start, bundle evaluation, workers, plan).
  const fixed = { facetwise: [] as number[], duckdb: [] as number[] };
  const oneRow = join(scratch, 'one-row.csv');
  writeFileSync(oneRow, firstLines(datasets[0].path, 2));
  let duckdbInfo: Omit<DuckdbReport, 'summary' | 'querySeconds'> | undefined;
  let facetwiseError: string | undefined = facetwiseBuilt ? undefined : 'dist/cli.js not built';
  try {
    for (let run = 0; run < runs; run++) {
      if (facetwiseError === undefined) {
        const m = await runMeasuredNode([cliPath, 'stats', oneRow, '-o', join(scratch, 'one-row.pb')], { cwd: repoRoot, scratchDir: scratch });
        if (failureOf(m) === undefined) fixed.facetwise.push(m.wallSeconds);
      }
      const d = await runMeasuredNode([duckdbChild, oneRow, String(threads)], { cwd: repoRoot, scratchDir: scratch });
      if (failureOf(d) === undefined) fixed.duckdb.push(d.wallSeconds);
    }
    log(`  fixed cost (one-row file): facetwise ${secondsText(round(median(fixed.facetwise)))}, duckdb ${secondsText(round(median(fixed.duckdb)))}`);
    for (const dataset of datasets) {
      const label = formatByteSize(dataset.bytes);
      const result: SizeResult = {
        dataset,
        label,
        facetwise: { seconds: [], peakRssBytes: [] },
        duckdb: { seconds: [], peakRssBytes: [] },
        duckdbQuerySeconds: [],
      };
      results.push(result);
      await warmPageCache(dataset.path);
      for (let run = 0; run < runs; run++) {
        // Alternate who goes first, so neither always runs on a machine the other just heated up.
        const order: Tool[] = run % 2 === 0 ? ['facetwise', 'duckdb'] : ['duckdb', 'facetwise'];
        for (const tool of order) {
          if (tool === 'facetwise') {
            if (facetwiseError !== undefined) continue;
            const outPath = join(scratch, 'out.pb');
            rmSync(outPath, { force: true });
            const m = await runMeasuredNode([cliPath, 'stats', dataset.path, '-o', outPath], { cwd: repoRoot, scratchDir: scratch });
            const failure = failureOf(m) ?? (existsSync(outPath) && statSync(outPath).size > 0 ? undefined : 'wrote no output file');
            if (failure !== undefined) {
              facetwiseError = failure;
              result.facetwise.error = failure;
              log(`  ${label} run ${run + 1}/${runs}: facetwise FAILED: ${failure}`);
              continue;
            }
            record(result.facetwise, m);
            log(`  ${label} run ${run + 1}/${runs}: facetwise ${m.wallSeconds.toFixed(2)} s, peak RSS ${mbText(m.peakRssBytes)}`);
          } else {
            const m = await runMeasuredNode([duckdbChild, dataset.path, String(threads)], { cwd: repoRoot, scratchDir: scratch });
            const failure = failureOf(m);
            if (failure !== undefined) {
              result.duckdb.error = failure;
              log(`  ${label} run ${run + 1}/${runs}: duckdb FAILED: ${failure}`);
              continue;
            }
            const report = JSON.parse(m.stdout) as DuckdbReport;
            if (report.threads !== threads) throw new Error(`DuckDB ran with ${report.threads} threads, not ${threads}`);
            duckdbInfo ??= { version: report.version, threads: report.threads, memoryLimit: report.memoryLimit };
            if (run === 0) {
              // Kept for cross-checking Facetwise's numbers (counts, null %, means, quartiles) by hand or by test.
              writeFileSync(`${dataset.path.replace(/\.csv$/, '')}.duckdb-summarize.json`, JSON.stringify(report.summary, null, 1) + '\n');
            }
            record(result.duckdb, m);
            result.duckdbQuerySeconds.push(report.querySeconds);
            log(
              `  ${label} run ${run + 1}/${runs}: duckdb    ${m.wallSeconds.toFixed(2)} s (query ${report.querySeconds.toFixed(2)} s), ` +
                `peak RSS ${mbText(m.peakRssBytes)}`,
            );
          }
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  printReport(results, { runs, seed, threads, facetwiseBuilt, facetwiseError, duckdbInfo, fixed });
  return 0;
}

function record(target: ToolResult, m: MeasuredRun): void {
  target.seconds.push(m.wallSeconds);
  target.peakRssBytes.push(m.peakRssBytes);
}

function printReport(
  results: readonly SizeResult[],
  meta: {
    runs: number;
    seed: number;
    threads: number;
    facetwiseBuilt: boolean;
    facetwiseError: string | undefined;
    duckdbInfo: Omit<DuckdbReport, 'summary' | 'querySeconds'> | undefined;
    fixed: { readonly facetwise: readonly number[]; readonly duckdb: readonly number[] };
  },
): void {
  const fixedFacetwise = round(median(meta.fixed.facetwise));
  const fixedDuckdb = round(median(meta.fixed.duckdb));
  const rows = results.map((r) => {
    const fw = median(r.facetwise.seconds);
    const dk = median(r.duckdb.seconds);
    return {
      label: r.label,
      bytes: r.dataset.bytes,
      rows: r.dataset.rows,
      generationSeconds: round(r.dataset.generationSeconds),
      facetwiseSeconds: round(fw),
      duckdbSeconds: round(dk),
      duckdbQuerySeconds: round(median(r.duckdbQuerySeconds)),
      ratio: fw !== undefined && dk !== undefined ? round(fw / dk) : undefined,
      facetwisePeakRssMB: mb(maxOf(r.facetwise.peakRssBytes)),
      duckdbPeakRssMB: mb(maxOf(r.duckdb.peakRssBytes)),
      facetwiseRunsSeconds: r.facetwise.seconds.map(round),
      duckdbRunsSeconds: r.duckdb.seconds.map(round),
      facetwiseError: r.facetwise.error,
      duckdbError: r.duckdb.error,
    };
  });
  const [small, big] = rows;
  const linearity = (a: number | undefined, b: number | undefined): number | undefined =>
    a !== undefined && b !== undefined ? round(b / a) : undefined;
  const facetwiseLinearity = linearity(small?.facetwiseSeconds, big?.facetwiseSeconds);
  const duckdbLinearity = linearity(small?.duckdbSeconds, big?.duckdbSeconds);

  const table = [
    ['size', 'rows', 'facetwise', 'duckdb', 'ratio', 'facetwise RSS', 'duckdb RSS'],
    ...rows.map((r) => [
      r.label,
      r.rows.toLocaleString('en-US'),
      secondsText(r.facetwiseSeconds),
      secondsText(r.duckdbSeconds),
      r.ratio === undefined ? '—' : r.ratio.toFixed(2),
      r.facetwisePeakRssMB === undefined ? '—' : `${r.facetwisePeakRssMB} MB`,
      r.duckdbPeakRssMB === undefined ? '—' : `${r.duckdbPeakRssMB} MB`,
    ]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  out('');
  out(`Median wall time of ${meta.runs} run(s); peak RSS is the largest of the runs. DuckDB threads=${meta.threads}` +
    (meta.duckdbInfo ? `, DuckDB ${meta.duckdbInfo.version}, memory_limit ${meta.duckdbInfo.memoryLimit}.` : '.'));
  for (const row of table) out(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  out(
    `linearity time(${big?.label})/time(${small?.label}): facetwise ${facetwiseLinearity?.toFixed(2) ?? '—'}, ` +
      `duckdb ${duckdbLinearity?.toFixed(2) ?? '—'} (linear ≈ ${big && small ? (big.bytes / small.bytes).toFixed(1) : '?'})`,
  );
  out(`fixed cost (a one-row file of the same columns): facetwise ${secondsText(fixedFacetwise)}, duckdb ${secondsText(fixedDuckdb)}`);
  for (const r of rows) {
    if (r.facetwiseSeconds === undefined || r.duckdbSeconds === undefined || fixedFacetwise === undefined || fixedDuckdb === undefined) continue;
    const perGB = (t: number, f: number): string => `${(((t - f) / r.bytes) * 1e9).toFixed(2)} s/GB`;
    out(`  ${r.label}: beyond the fixed cost, facetwise ${perGB(r.facetwiseSeconds, fixedFacetwise)}, duckdb ${perGB(r.duckdbSeconds, fixedDuckdb)}`);
  }
  if (meta.facetwiseError !== undefined) out(`facetwise not measured: ${meta.facetwiseError}`);
  out('targets (issue 14): ratio ≤ 0.5 at 300 MB and ≤ 0.4 at 1 GB, facetwise peak RSS ≤ 250 MB, time linear in size.');

  const json = {
    bench: 'stats',
    date: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    loadAverageAtEnd: loadavg().map(round),
    runs: meta.runs,
    seed: meta.seed,
    duckdb: meta.duckdbInfo ?? { threads: meta.threads },
    facetwiseBuilt: meta.facetwiseBuilt,
    facetwiseError: meta.facetwiseError,
    fixedSeconds: { facetwise: fixedFacetwise, duckdb: fixedDuckdb },
    sizes: rows,
    linearity: { facetwise: facetwiseLinearity, duckdb: duckdbLinearity },
  };
  process.stdout.write(JSON.stringify(json) + '\n');
}

/** The first `n` lines of a file (read from its first 1 MiB). */
function firstLines(path: string, n: number): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    const got = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, got).toString('utf8').split('\n').slice(0, n).join('\n') + '\n';
  } finally {
    closeSync(fd);
  }
}

/** Reads the file once so that both tools find it in the page cache, not only whoever runs second. */
async function warmPageCache(path: string): Promise<void> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) void chunk;
}

function positiveInteger(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${flag} must be a positive integer, got '${text}'`);
  return n;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench/stats: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
