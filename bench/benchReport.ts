/**
 * What the benchmarks that race `facetwise stats` against DuckDB (bench/stats.ts, bench/wide.ts) share besides
 * running a measured child (bench/peakRss.ts): the DuckDB peer's script, a failed run's reason, medians and
 * maxima over runs, and the number formats of their tables. Progress goes to standard error; the table and the
 * last line of JSON to standard output.
 */
import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { MeasuredRun } from './peakRss.js';

/** `node bench/duckdbSummarize.mjs <file> <threads>`: DuckDB's SUMMARIZE of a CSV, in its own process. */
export const duckdbChild = join(__dirname, 'duckdbSummarize.mjs');

/** Why a measured run failed (exit code or signal and the first line it wrote on stderr), or undefined. */
export function failureOf(m: MeasuredRun): string | undefined {
  if (m.exitCode === 0) return undefined;
  const why = m.signal !== null ? `killed by ${m.signal}` : `exit code ${m.exitCode}`;
  // The first line is what the program said went wrong; a usage text may follow it.
  const said = m.stderrTail.trim().split('\n')[0]?.trim() ?? '';
  return `${why}${said ? `: ${said}` : ''}`;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function maxOf(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length === 0 ? undefined : Math.max(...known);
}

export function round(v: number): number;
export function round(v: number | undefined): number | undefined;
export function round(v: number | undefined): number | undefined {
  return v === undefined ? undefined : Math.round(v * 1000) / 1000;
}

/** MB of 2^20 bytes, rounded. */
export const mb = (bytes: number | undefined): number | undefined => (bytes === undefined ? undefined : Math.round(bytes / 2 ** 20));
export const mbText = (bytes: number | undefined): string => (bytes === undefined ? '?' : `${mb(bytes)} MB`);
export const secondsText = (s: number | undefined): string => (s === undefined ? '—' : `${s.toFixed(2)} s`);
export const loadText = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

export function log(line: string): void {
  process.stderr.write(line + '\n');
}

export function out(line: string): void {
  process.stdout.write(line + '\n');
}
