/**
 * Wide-dataset benchmark: `facetwise stats` against DuckDB's SUMMARIZE on files with many features, in the same
 * run, alternating, each run in its own child process (wall time and peak RSS per run, bench/peakRss.ts).
 *
 *   npx tsx bench/wide.ts [--runs 1] [--cases csv10kx1k,csv10kx10,csv100kx100,tfrecord10k] [--threads 2] [--workers N]
 *
 * Cases (files generated once into .bench-data/, bench/wideData.ts):
 *  - csv10kx1k:   10,000 numeric columns × 1,000 rows (the issue's 17.8 s / 1.97 GB case; targets < 3 s, < 300 MB)
 *  - csv10kx10:   10,000 columns × 10 rows (was 960 MB)
 *  - csv100kx100: 100,000 columns × 100 rows (target < 1 GB)
 *  - tfrecord10k: 20,000 tf.Examples over 10,000 sparse features, 5 per example; DuckDB reads no TFRecord, so its
 *                 peer run summarizes the same rows as a CSV (empty cells where an example lacks a feature).
 * Prints a table, then one line of JSON with every number. See bench/README.md.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runMeasuredNode } from './peakRss.js';
import { duckdbChild, failureOf, log, loadText, maxOf, mb, mbText, median, out, round } from './benchReport.js';
import { ensureSparseTfRecord, ensureWideCsv } from './wideData.js';

const repoRoot = resolve(__dirname, '..');
const dataDir = join(repoRoot, '.bench-data');
const cliPath = join(repoRoot, 'dist', 'cli.js');

interface Case {
  readonly id: string;
  readonly label: string;
  /** What Facetwise reads, and what DuckDB reads (the same rows). */
  readonly facetwiseFile: string;
  readonly duckdbFile: string;
  readonly bytes: number;
  readonly targetSeconds?: number;
  readonly targetRssMB: number;
}

interface Measured {
  seconds: number[];
  rss: (number | undefined)[];
  error?: string;
}

const CASES = ['csv10kx1k', 'csv10kx10', 'csv100kx100', 'tfrecord10k'] as const;

async function prepare(id: string): Promise<Case> {
  switch (id) {
    case 'csv10kx1k': {
      const f = await ensureWideCsv(dataDir, 10_000, 1_000);
      return { id, label: 'CSV 10,000 × 1,000', facetwiseFile: f.path, duckdbFile: f.path, bytes: f.bytes, targetSeconds: 3, targetRssMB: 300 };
    }
    case 'csv10kx10': {
      const f = await ensureWideCsv(dataDir, 10_000, 10);
      return { id, label: 'CSV 10,000 × 10', facetwiseFile: f.path, duckdbFile: f.path, bytes: f.bytes, targetRssMB: 300 };
    }
    case 'csv100kx100': {
      const f = await ensureWideCsv(dataDir, 100_000, 100);
      return { id, label: 'CSV 100,000 × 100', facetwiseFile: f.path, duckdbFile: f.path, bytes: f.bytes, targetRssMB: 1024 };
    }
    case 'tfrecord10k': {
      const f = await ensureSparseTfRecord(dataDir, 10_000, 20_000, 5);
      return { id, label: 'TFRecord 10,000 sparse × 20,000', facetwiseFile: f.tfrecord.path, duckdbFile: f.csv.path, bytes: f.tfrecord.bytes, targetSeconds: 3, targetRssMB: 300 };
    }
    default:
      throw new RangeError(`unknown case '${id}' (known: ${CASES.join(', ')})`);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '1' },
      cases: { type: 'string', default: CASES.join(',') },
      threads: { type: 'string', default: '2' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('Usage: npx tsx bench/wide.ts [--runs 1] [--cases ' + CASES.join(',') + '] [--threads 2] [--workers N]\n');
    return 0;
  }
  const runs = Number(values.runs);
  const threads = Number(values.threads);
  if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(threads) || threads < 1) throw new RangeError('--runs and --threads must be positive integers');
  if (!existsSync(cliPath)) {
    log(`${cliPath} does not exist: run \`npm run build\` first.`);
    return 1;
  }
  log(`Wide datasets: facetwise stats vs DuckDB SUMMARIZE, ${runs} run(s) each, alternating. node ${process.version}, ` +
    `${cpus().length} cores, load average ${loadText()}, DuckDB threads=${threads}.`);
  const cases: Case[] = [];
  for (const id of values.cases.split(',').map((s) => s.trim()).filter(Boolean)) {
    const started = performance.now();
    const c = await prepare(id);
    log(`${c.label}: ${(c.bytes / 1e6).toFixed(1)} MB (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    cases.push(c);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'facetwise-wide-bench-'));
  const results: Array<{ c: Case; facetwise: Measured; duckdb: Measured }> = [];
  try {
    for (const c of cases) {
      const r = { c, facetwise: { seconds: [], rss: [] } as Measured, duckdb: { seconds: [], rss: [] } as Measured };
      results.push(r);
      for (let run = 0; run < runs; run++) {
        for (const tool of run % 2 === 0 ? (['facetwise', 'duckdb'] as const) : (['duckdb', 'facetwise'] as const)) {
          const target = r[tool];
          if (target.error !== undefined) continue;
          const outPath = join(scratch, 'out.pb');
          rmSync(outPath, { force: true });
          const args =
            tool === 'facetwise'
              ? [cliPath, 'stats', c.facetwiseFile, '-o', outPath, ...(values.workers !== undefined ? ['--workers', values.workers] : [])]
              : [duckdbChild, c.duckdbFile, String(threads)];
          const m = await runMeasuredNode(args, { cwd: repoRoot, scratchDir: scratch });
          const failure = failureOf(m) ?? (tool === 'facetwise' && !(existsSync(outPath) && statSync(outPath).size > 0) ? 'wrote no output file' : undefined);
          if (failure !== undefined) {
            target.error = failure;
            log(`  ${c.label} run ${run + 1}: ${tool} FAILED: ${failure}`);
            continue;
          }
          target.seconds.push(m.wallSeconds);
          target.rss.push(m.peakRssBytes);
          log(`  ${c.label} run ${run + 1}: ${tool.padEnd(9)} ${m.wallSeconds.toFixed(2)} s, peak RSS ${mbText(m.peakRssBytes)}`);
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const rows = results.map(({ c, facetwise, duckdb }) => {
    const fs = median(facetwise.seconds);
    const ds = median(duckdb.seconds);
    const fr = maxOf(facetwise.rss);
    const dr = maxOf(duckdb.rss);
    return {
      case: c.id,
      label: c.label,
      bytes: c.bytes,
      facetwiseSeconds: round(fs),
      duckdbSeconds: round(ds),
      timeRatio: fs !== undefined && ds !== undefined ? round(fs / ds) : undefined,
      facetwisePeakRssMB: mb(fr),
      duckdbPeakRssMB: mb(dr),
      rssRatio: fr !== undefined && dr !== undefined ? round(fr / dr) : undefined,
      targetSeconds: c.targetSeconds,
      targetRssMB: c.targetRssMB,
      facetwiseError: facetwise.error,
      duckdbError: duckdb.error,
    };
  });
  const table = [
    ['case', 'facetwise', 'duckdb', 'time ratio', 'facetwise RSS', 'duckdb RSS', 'RSS ratio', 'targets'],
    ...rows.map((r) => [
      r.label,
      r.facetwiseSeconds === undefined ? (r.facetwiseError ? 'failed' : '—') : `${r.facetwiseSeconds.toFixed(2)} s`,
      r.duckdbSeconds === undefined ? (r.duckdbError ? 'failed' : '—') : `${r.duckdbSeconds.toFixed(2)} s`,
      r.timeRatio === undefined ? '—' : r.timeRatio.toFixed(2),
      r.facetwisePeakRssMB === undefined ? '—' : `${r.facetwisePeakRssMB} MB`,
      r.duckdbPeakRssMB === undefined ? '—' : `${r.duckdbPeakRssMB} MB`,
      r.rssRatio === undefined ? '—' : r.rssRatio.toFixed(2),
      `${r.targetSeconds !== undefined ? `< ${r.targetSeconds} s, ` : ''}< ${r.targetRssMB} MB`,
    ]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  out('');
  out(`Median wall time of ${runs} run(s); peak RSS the largest. Load average at the end: ${loadText()} (${cpus().length} cores).`);
  for (const row of table) out(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  for (const r of rows) {
    if (r.facetwiseError) out(`${r.label}: facetwise failed: ${r.facetwiseError}`);
    if (r.duckdbError) out(`${r.label}: duckdb failed: ${r.duckdbError}`);
  }
  process.stdout.write(JSON.stringify({ bench: 'wide', date: new Date().toISOString(), node: process.version, cores: cpus().length, loadAverageAtEnd: loadavg().map(round), runs, threads, cases: rows }) + '\n');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench/wide: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
