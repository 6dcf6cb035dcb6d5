/**
 * Runs a Node script in its own child process and measures its wall time and peak memory.
 *
 * Peak RSS comes from two places, and the larger is reported:
 *  - the child itself reports getrusage's ru_maxrss at exit (bench/reportMaxRss.cjs, preloaded): exact, covers
 *    native allocations (DuckDB's) and worker threads, but not processes the child spawns;
 *  - the parent polls /proc every 50 ms and sums VmRSS over the child and its descendants: covers spawned
 *    processes, may miss a peak shorter than the poll interval.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface MeasuredRun {
  readonly wallSeconds: number;
  /** Bytes; undefined when neither source produced a figure (not Linux and the child died before exiting). */
  readonly peakRssBytes: number | undefined;
  readonly selfReportedRssBytes: number | undefined;
  readonly polledRssBytes: number | undefined;
  /** CPU time of the child (user + system, all its threads), as it reported at exit; a busy machine inflates wall time, not this. */
  readonly cpuSeconds: number | undefined;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  /** The last 8 kB of standard error, for failure messages. */
  readonly stderrTail: string;
}

const preload = join(__dirname, 'reportMaxRss.cjs');
const pollMs = 50;

export async function runMeasuredNode(
  args: readonly string[],
  options: { readonly cwd: string; readonly scratchDir: string },
): Promise<MeasuredRun> {
  const rssFile = join(options.scratchDir, `rss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--require', preload, ...args], {
    cwd: options.cwd,
    env: { ...process.env, FACETWISE_BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => stdout.push(c));
  child.stderr.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-8192);
  });

  let polledMax = 0;
  const poll = (): void => {
    if (child.pid !== undefined) polledMax = Math.max(polledMax, treeRssBytes(child.pid));
  };
  const timer = setInterval(poll, pollMs);
  poll();

  // The clock stops at 'exit'; the output is complete only at 'close', which follows.
  let ended = started;
  child.once('exit', () => {
    ended = process.hrtime.bigint();
    clearInterval(timer);
  });
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', (err) => {
      clearInterval(timer);
      reject(err);
    });
    child.once('close', (code, sig) => resolve([code, sig]));
  });
  const wallSeconds = Number(ended - started) / 1e9;

  let selfReported: number | undefined;
  let cpuSeconds: number | undefined;
  try {
    const [kb, cpuMicros] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
    if (Number.isFinite(kb) && kb > 0) selfReported = kb * 1024;
    if (Number.isFinite(cpuMicros)) cpuSeconds = cpuMicros / 1e6;
  } catch {
    selfReported = undefined;
  }
  rmSync(rssFile, { force: true });
  const polled = polledMax > 0 ? polledMax : undefined;
  const peak = selfReported === undefined && polled === undefined ? undefined : Math.max(selfReported ?? 0, polled ?? 0);
  return {
    wallSeconds,
    peakRssBytes: peak,
    selfReportedRssBytes: selfReported,
    polledRssBytes: polled,
    cpuSeconds,
    exitCode,
    signal,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderrTail: stderr,
  };
}

/** VmRSS of a process plus all its descendants, in bytes; 0 when /proc is unavailable or the process is gone. */
function treeRssBytes(pid: number): number {
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const p = pending.pop() as number;
    try {
      const status = readFileSync(`/proc/${p}/status`, 'latin1');
      const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
      if (m) total += Number(m[1]) * 1024;
      for (const tid of readdirOrEmpty(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${tid}/children`, 'latin1').trim();
        if (children !== '') pending.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // The process ended between two reads: it holds no memory any more.
    }
  }
  return total;
}

function readdirOrEmpty(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
