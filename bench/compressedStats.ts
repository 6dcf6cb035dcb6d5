/**
 * Compressed-CSV benchmark: `facetwise stats x.csv.gz` (this thread decompresses and cuts blocks, the workers parse
 * them) against the plain file, against the same .gz read front to back in one thread (`--workers 0`), against
 * DuckDB's SUMMARIZE of the .gz and against gunzip alone (the floor: node:zlib on one thread). Each run in its own
 * child process, alternating; wall time and peak RSS per run.
 *
 *   npx tsx bench/compressedStats.ts [--size 300MB] [--runs 2] [--seed 1] [--threads 2]
 *
 * The .gz is written once beside the generated CSV in .bench-data/ (gzip level 6, node:zlib). See bench/README.md.
 */
import { createReadStream, createWriteStream, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { formatByteSize, parseByteSize } from '../scripts/sampleData/byteSize.js';
import { ensureBenchDataset } from './benchData.js';
import { duckdbChild, failureOf, loadText, log, maxOf, mb, median, out, round, secondsText } from './benchReport.js';
import { runMeasuredNode } from './peakRss.js';
import type { MeasuredRun } from './peakRss.js';

const repoRoot = resolve(__dirname, '..');
const dataDir = join(repoRoot, '.bench-data');
const cliPath = join(repoRoot, 'dist', 'cli.js');
const gunzipChild = join(__dirname, 'gunzipOnly.mjs');

interface Case {
  readonly name: string;
  readonly args: (scratch: string) => string[];
  readonly seconds: number[];
  readonly rss: (number | undefined)[];
  readonly cpu: number[];
  /** DuckDB's own query time, or gunzip's own time, when the child reports one. */
  readonly inner: number[];
  error?: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '300MB' },
      runs: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      threads: { type: 'string', default: '2' },
    },
    strict: true,
  });
  const runs = Number(values.runs);
  const threads = Number(values.threads);
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run npm run build`);
  const d = await ensureBenchDataset(dataDir, parseByteSize(values.size), Number(values.seed));
  const gz = `${d.path}.gz`;
  if (!existsSync(gz)) {
    const started = performance.now();
    await pipeline(createReadStream(d.path, { highWaterMark: 1 << 20 }), createGzip({ level: 6 }), createWriteStream(`${gz}.partial`));
    renameSync(`${gz}.partial`, gz);
    log(`gzipped ${basename(d.path)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const gzBytes = statSync(gz).size;
  log(
    `${basename(d.path)}: ${formatByteSize(d.bytes)}, ${d.rows.toLocaleString('en-US')} rows; .gz ${formatByteSize(gzBytes)}. ` +
      `node ${process.version}, ${cpus().length} cores, load ${loadText()}, DuckDB threads=${threads}.`,
  );
  const make = (name: string, args: (scratch: string) => string[]): Case => ({ name, args, seconds: [], rss: [], cpu: [], inner: [] });
  const cases: Case[] = [
    make('gunzip alone (node:zlib)', () => [gunzipChild, gz]),
    make('facetwise stats x.csv', (s) => [cliPath, 'stats', d.path, '-o', join(s, 'plain.pb')]),
    make('facetwise stats x.csv.gz (fan-out)', (s) => [cliPath, 'stats', gz, '-o', join(s, 'gz.pb')]),
    make('facetwise stats x.csv.gz --workers 0', (s) => [cliPath, 'stats', gz, '--workers', '0', '-o', join(s, 'gz0.pb')]),
    make('duckdb SUMMARIZE x.csv.gz', () => [duckdbChild, gz, String(threads)]),
    make('duckdb SUMMARIZE x.csv', () => [duckdbChild, d.path, String(threads)]),
  ];
  const scratch = mkdtempSync(join(tmpdir(), 'facetwise-bench-gz-'));
  try {
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? cases : [...cases].reverse();
      for (const c of order) {
        if (c.error) continue;
        const m: MeasuredRun = await runMeasuredNode(c.args(scratch), { cwd: repoRoot, scratchDir: scratch });
        const failure = failureOf(m);
        if (failure !== undefined) {
          c.error = failure;
          log(`  ${c.name}: FAILED ${failure}`);
          continue;
        }
        c.seconds.push(m.wallSeconds);
        c.rss.push(m.peakRssBytes);
        if (m.cpuSeconds !== undefined) c.cpu.push(m.cpuSeconds);
        const inner = innerSeconds(m.stdout);
        if (inner !== undefined) c.inner.push(inner);
        log(`  run ${run + 1}/${runs} ${c.name}: ${m.wallSeconds.toFixed(2)} s (CPU ${m.cpuSeconds?.toFixed(2) ?? '?'} s), peak RSS ${mb(m.peakRssBytes)} MB`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const plain = median(cases[1].seconds);
  out('');
  out(`Median of ${runs} run(s), ${formatByteSize(d.bytes)} taxi-like CSV (${formatByteSize(gzBytes)} gzipped); MB/s of decompressed bytes;`);
  out(`CPU = user + system time of the process, all threads (on a busy machine, the fairer figure). Load now ${loadText()}.`);
  for (const c of cases) {
    const s = median(c.seconds);
    const rate = s === undefined ? '—' : `${Math.round(d.bytes / s / 1e6)} MB/s`;
    const vsPlain = s !== undefined && plain !== undefined ? `${(s / plain).toFixed(2)}× plain` : '';
    const cpu = median(c.cpu);
    out(`  ${c.name.padEnd(40)} ${secondsText(round(s)).padStart(8)}  ${rate.padStart(9)}  CPU ${secondsText(round(cpu)).padStart(8)}  peak RSS ${String(mb(maxOf(c.rss)) ?? '?').padStart(4)} MB  ${vsPlain}${c.error ? `  FAILED: ${c.error}` : ''}`);
  }
  process.stdout.write(
    JSON.stringify({
      bench: 'compressedStats',
      date: new Date().toISOString(),
      node: process.version,
      cores: cpus().length,
      bytes: d.bytes,
      gzBytes,
      rows: d.rows,
      cases: cases.map((c) => ({ name: c.name, seconds: c.seconds.map(round), cpuSeconds: c.cpu.map(round), innerSeconds: c.inner.map(round), peakRssMB: mb(maxOf(c.rss)), error: c.error })),
    }) + '\n',
  );
}

/** The child's own measure of its work: DuckDB's querySeconds, gunzip's seconds. */
function innerSeconds(stdout: string): number | undefined {
  try {
    const parsed = JSON.parse(stdout) as { querySeconds?: number; seconds?: number };
    return parsed.querySeconds ?? parsed.seconds;
  } catch {
    return undefined;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench/compressedStats: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
