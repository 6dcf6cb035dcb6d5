/**
 * Runs one target over `count` inputs (mutated seeds, and random bytes one time in ten) and returns what broke the
 * property: a throw that is not one of ours (isOurs), an input taking longer than `hangMs`, or RSS past `maxRssBytes`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mutate, Random, randomBytes } from './mutate.js';
import type { FuzzTarget } from './targets.js';
import { isOurs } from './targets.js';

export interface FuzzFinding {
  readonly kind: 'crash' | 'hang' | 'memory';
  readonly input: Uint8Array;
  readonly message: string;
}

export interface FuzzReport {
  readonly target: string;
  readonly inputs: number;
  /** Inputs the parser accepted, and inputs it rejected with one of our errors. */
  readonly accepted: number;
  readonly rejected: number;
  readonly findings: readonly FuzzFinding[];
  readonly slowestMs: number;
}

export interface FuzzRunOptions {
  readonly count: number;
  readonly seed?: number;
  readonly hangMs?: number;
  readonly maxRssBytes?: number;
  readonly maxLength?: number;
  /** Stop after this many findings (default 20). */
  readonly maxFindings?: number;
}

export async function fuzzTarget(target: FuzzTarget, options: FuzzRunOptions): Promise<FuzzReport> {
  const seeds = await target.seeds();
  const random = new Random(options.seed ?? 1);
  const scratch = mkdtempSync(join(tmpdir(), `facetwise-fuzz-${target.name}-`));
  const findings: FuzzFinding[] = [];
  const hangMs = options.hangMs ?? 1000;
  const maxRss = options.maxRssBytes ?? 1.5 * 1024 ** 3;
  const maxLength = options.maxLength ?? 96 * 1024;
  let accepted = 0;
  let rejected = 0;
  let slowest = 0;
  try {
    for (let i = 0; i < options.count && findings.length < (options.maxFindings ?? 20); i++) {
      const input =
        i < seeds.length
          ? seeds[i]
          : random.below(10) === 0
            ? randomBytes(random, maxLength)
            : mutate(seeds[random.below(seeds.length)], seeds[random.below(seeds.length)], random, { dictionary: target.dictionary, maxLength });
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      // A promise that never settles would otherwise end the run silently (an empty event loop exits).
      const watchdog = new Promise<'stuck'>((resolve) => {
        timer = setTimeout(() => resolve('stuck'), hangMs * 5);
      });
      try {
        const outcome = await Promise.race([target.run(input, scratch).then(() => 'done' as const), watchdog]);
        if (outcome === 'stuck') findings.push({ kind: 'hang', input, message: `did not finish within ${hangMs * 5} ms` });
        else accepted++;
      } catch (err) {
        if (isOurs(err)) rejected++;
        else findings.push({ kind: 'crash', input, message: err instanceof Error ? `${err.name}: ${err.message}\n${(err.stack ?? '').split('\n').slice(1, 4).join('\n')}` : String(err) });
      }
      clearTimeout(timer);
      const ms = performance.now() - started;
      slowest = Math.max(slowest, ms);
      if (ms > hangMs && findings[findings.length - 1]?.input !== input) findings.push({ kind: 'hang', input, message: `took ${ms.toFixed(0)} ms` });
      if (i % 256 === 0 && process.memoryUsage().rss > maxRss) findings.push({ kind: 'memory', input, message: `RSS ${process.memoryUsage().rss} bytes` });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { target: target.name, inputs: accepted + rejected + findings.filter((f) => f.kind === 'crash').length, accepted, rejected, findings, slowestMs: slowest };
}
