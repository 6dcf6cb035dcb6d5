/**
 * Runs one target over `count` inputs (mutated seeds, and random bytes one time in ten) and returns what broke the
 * property: a throw that is not one of ours (isOursFor), an input taking longer than `hangMs`, or memory past the
 * bound. Each input runs on a worker thread (fuzzWorker.ts) with a heap limit; a worker that does not answer within
 * `hangMs` × 3 is terminated (a synchronous loop blocks its timers) and a fresh one takes over.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FuzzReply } from './fuzzWorker.js';
import { mutate, Random, randomBytes } from './mutate.js';
import type { FuzzTarget } from './targets.js';

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
  /** The worker's heap limit (default 512 MiB); exceeding it is a 'memory' finding. */
  readonly maxHeapMb?: number;
  readonly maxLength?: number;
  /** Stop after this many findings (default 20). */
  readonly maxFindings?: number;
  /** Called every 1,000 inputs (the on-demand run prints progress). */
  readonly onProgress?: (done: number) => void;
}

type Outcome = FuzzReply | { readonly outcome: 'hang' | 'memory'; readonly message: string; readonly ms: number };

/** One worker and the reply it owes. */
class TargetWorker {
  private worker: Worker | undefined;
  private pending: ((outcome: Outcome) => void) | undefined;
  private nextId = 0;

  constructor(
    private readonly target: string,
    private readonly maxHeapMb: number,
  ) {}

  async run(input: Uint8Array, timeoutMs: number): Promise<Outcome> {
    const worker = this.worker ?? (await this.start());
    const id = this.nextId++;
    const started = performance.now();
    return new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        this.stop();
        resolve({ outcome: 'hang', message: `did not finish within ${timeoutMs} ms (worker terminated)`, ms: performance.now() - started });
      }, timeoutMs);
      this.pending = (outcome) => {
        clearTimeout(timer);
        this.pending = undefined;
        resolve(outcome);
      };
      worker.postMessage({ id, input });
    });
  }

  /** Ends a stuck worker at once. */
  stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
  }

  /** Ends a healthy worker by letting it exit, so that it writes its coverage (NODE_V8_COVERAGE); 5 s at most. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('exit');
    const timer = setTimeout(() => void worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }

  private start(): Promise<Worker> {
    // Node 20 does not carry tsx's loader hooks into workers: the worker registers tsx's CommonJS hook itself.
    const entry = `require('tsx/cjs/api').register(); require(${JSON.stringify(join(__dirname, 'fuzzWorker.ts'))});`;
    const worker = new Worker(entry, {
      eval: true,
      workerData: { target: this.target },
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    // Parsers that log (none should) stay quiet; the reply carries what matters.
    worker.stdout.resume();
    worker.stderr.resume();
    return new Promise<Worker>((resolve, reject) => {
      worker.on('message', (message: FuzzReply | 'ready') => {
        if (message === 'ready') {
          this.worker = worker;
          resolve(worker);
        } else this.pending?.(message);
      });
      worker.on('error', (err: Error & { code?: string }) => {
        if (this.worker === worker) this.worker = undefined;
        const memory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
        if (this.pending) this.pending({ outcome: memory ? 'memory' : 'crash', id: -1, message: `${memory ? 'heap limit exceeded' : 'uncaught in the worker'}: ${err.message}`, ms: 0 });
        else reject(err);
      });
      worker.on('exit', () => {
        if (this.worker === worker) this.worker = undefined;
        this.pending?.({ outcome: 'crash', id: -1, message: 'the worker exited', ms: 0 });
      });
    });
  }
}

/**
 * An input that finished but took over `hangMs` runs again: on a loaded machine (2 cores, many processes, the run
 * niced) a 10 ms input sometimes takes a second; a slow parser is slow both times. The second run's time, or
 * undefined when the first was not slow.
 */
async function rerunIfSlow(worker: TargetWorker, input: Uint8Array, first: Outcome, hangMs: number): Promise<number | undefined> {
  if ((first.outcome !== 'accepted' && first.outcome !== 'rejected') || first.ms <= hangMs) return undefined;
  return (await worker.run(input, hangMs * 3)).ms;
}

/** Replays saved inputs on a worker, as the fuzz run does: the findings (hangs are over `hangMs`). */
export async function replayInputs(target: FuzzTarget, inputs: readonly Uint8Array[], hangMs = 1000): Promise<FuzzFinding[]> {
  const worker = new TargetWorker(target.name, 512);
  const findings: FuzzFinding[] = [];
  try {
    for (const input of inputs) {
      const result = await worker.run(input, hangMs * 3);
      if (result.outcome === 'crash' || result.outcome === 'hang' || result.outcome === 'memory') findings.push({ kind: result.outcome, input, message: result.message ?? '' });
      const again = await rerunIfSlow(worker, input, result, hangMs);
      if (again !== undefined && again > hangMs) findings.push({ kind: 'hang', input, message: `took ${result.ms.toFixed(0)} ms, then ${again.toFixed(0)} ms` });
    }
  } finally {
    await worker.close();
  }
  return findings;
}

export async function fuzzTarget(target: FuzzTarget, options: FuzzRunOptions): Promise<FuzzReport> {
  const seeds = await target.seeds();
  const random = new Random(options.seed ?? 1);
  const findings: FuzzFinding[] = [];
  const hangMs = options.hangMs ?? 1000;
  const maxLength = options.maxLength ?? 96 * 1024;
  const worker = new TargetWorker(target.name, options.maxHeapMb ?? 512);
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
      const result = await worker.run(input, hangMs * 3);
      if (result.outcome === 'accepted') accepted++;
      else if (result.outcome === 'rejected') rejected++;
      else findings.push({ kind: result.outcome, input, message: result.message ?? '' });
      const again = await rerunIfSlow(worker, input, result, hangMs);
      slowest = Math.max(slowest, again ?? result.ms);
      if (again !== undefined && again > hangMs) findings.push({ kind: 'hang', input, message: `took ${result.ms.toFixed(0)} ms, then ${again.toFixed(0)} ms` });
      if ((i + 1) % 1000 === 0) options.onProgress?.(i + 1);
    }
  } finally {
    await worker.close();
  }
  return { target: target.name, inputs: accepted + rejected + findings.filter((f) => !f.message.startsWith('took')).length, accepted, rejected, findings, slowestMs: slowest };
}
