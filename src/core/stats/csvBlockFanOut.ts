/**
 * Statistics of a compressed CSV on several threads. A gzip/zstd/bzip2 stream cannot be entered midway, so this
 * thread decompresses it front to back and cuts it into blocks of whole records (recordBlocks.ts); each block goes
 * to the lane (csvBlockLane.ts, one per worker thread) with the fewest blocks waiting, its bytes transferred, not
 * copied. Lanes hand over their states once, at the end, merged here in lane order; block issues are reported in
 * file order through one file-wide issue log. Throughput is bounded by decompression on this one thread (see
 * README.md); at most `2 × lanes` blocks are cut and not yet parsed, so memory does not grow with the file.
 *
 * Which lane parses which block depends on the workers' speed (so a slow worker never holds the others back, and two
 * fan-outs sharing a pool cannot wait on each other's lanes). The figures that depend on how rows are split —
 * the last bits of a mean or standard deviation, and sketch-based quantiles of a large file, within the sketch's
 * error — may therefore differ from run to run, as they differ between worker counts for a plain file.
 */
import { basename } from 'node:path';
import type { DataIssue } from '../data/issues.js';
import type { Progress } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import { decompressedPieces } from '../io/compression/textCompression.js';
import type { TextCompression } from '../io/compression/textCompression.js';
import { recordBlocks } from '../io/csv/recordBlocks.js';
import { IssueLog } from '../io/csv/issueLog.js';
import type { CsvBlockLane, CsvBlockLaneOpener, ParsedBlock } from './csvBlockLane.js';
import { DatasetAccumulator } from './datasetAccumulator.js';
import type { StatsOptions } from './statsOptions.js';

/** Decompressed bytes per block by default: a few MB, so that the blocks in flight stay small beside the heaps. */
export const DEFAULT_CSV_BLOCK_BYTES = 4 * 1024 * 1024;
/** A wide file's blocks hold more (each block is a reader's setup, sized by the columns), up to this. */
export const MAX_CSV_BLOCK_BYTES = 16 * 1024 * 1024;

/** Blocks a lane may hold not yet parsed: one parsing, one waiting, so a worker never waits for this thread. */
const BLOCKS_PER_LANE = 2;

export interface CsvBlockPlan {
  readonly file: string;
  readonly compression: Exclude<TextCompression, 'none'>;
  readonly columnNames: readonly string[];
  readonly delimiter: number;
  readonly quote: number;
  /** Decompressed offset and line number of the first data record (after the BOM and header row). */
  readonly dataStart: number;
  readonly firstDataLine: number;
  readonly blockBytes: number;
}

export interface CsvBlockRun {
  readonly stats: StatsOptions;
  readonly batchRows?: number;
  readonly openLane: CsvBlockLaneOpener;
  readonly lanes: number;
  /** Issues already found for this file (the header's): reported first, each, as for a plain file. */
  readonly headerIssues: readonly DataIssue[];
  readonly emit: (issue: DataIssue) => void;
  readonly onProgress?: (p: Progress) => void;
  readonly total: number;
  readonly signal: AbortSignal | undefined;
}

interface InFlight {
  readonly parsed: Promise<ParsedBlock>;
  settled: boolean;
}

/** Reads the compressed CSV in blocks through the lanes and merges them; issues come out in file order. */
export async function runCsvBlocks(plan: CsvBlockPlan, run: CsvBlockRun): Promise<DatasetAccumulator> {
  run.headerIssues.forEach(run.emit);
  // One log for the file, so that the per-code limit and its closing summary are the file's, not each block's.
  const log = new IssueLog(plan.file, run.emit);
  // Stops the lanes when one fails, or the stream does.
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(run.signal?.reason);
  run.signal?.addEventListener('abort', onAbort, { once: true });
  const name = basename(plan.file);
  const pieces = decompressedPieces(plan.file, plan.compression, {
    signal: run.signal,
    onCompressedBytes: (done) => run.onProgress?.({ done: Math.min(done, run.total), total: run.total, unit: 'bytes', message: name }),
  });
  const blocks = recordBlocks(pieces, { delimiter: plan.delimiter, quote: plan.quote, blockBytes: plan.blockBytes, start: plan.dataStart, firstLine: plan.firstDataLine });
  const params = { file: plan.file, columnNames: plan.columnNames, delimiter: plan.delimiter, quote: plan.quote, stats: run.stats, batchRows: run.batchRows };
  const lanes: CsvBlockLane[] = Array.from({ length: Math.max(1, run.lanes) }, () => run.openLane(params, { signal: stop.signal }));
  const waiting = lanes.map(() => 0);
  // Blocks given to lanes and not yet reported, in file order.
  const queue: InFlight[] = [];
  const report = async (): Promise<void> => {
    const head = queue[0];
    const parsed = await head.parsed;
    queue.shift();
    log.merge(parsed.issues, parsed.issueTally);
  };
  try {
    for await (const block of blocks) {
      throwIfAborted(run.signal);
      let lane = leastBusy(waiting);
      while (waiting[lane] >= BLOCKS_PER_LANE) {
        await Promise.race(queue.filter((b) => !b.settled).map((b) => b.parsed));
        lane = leastBusy(waiting);
      }
      waiting[lane]++;
      const entry: InFlight = { parsed: lanes[lane].parse(block), settled: false };
      const settle = (): void => {
        entry.settled = true;
        waiting[lane]--;
      };
      entry.parsed.then(settle, settle);
      queue.push(entry);
      while (queue.length > 0 && queue[0].settled) await report();
    }
    while (queue.length > 0) await report();
    const results = await Promise.all(lanes.map((l) => l.finish()));
    const acc = new DatasetAccumulator(run.stats);
    // A type conflict is one per feature in a front-to-back read; each lane would report its own.
    const conflicts = new Set<string>();
    for (const r of results) {
      log.merge(r.issues.filter((i) => !conflicts.has(i.message)), []);
      for (const i of r.issues) conflicts.add(i.message);
      acc.merge(DatasetAccumulator.fromState(r.state, run.stats));
    }
    log.finish();
    return acc;
  } catch (error) {
    stop.abort(error);
    await Promise.allSettled(queue.map((b) => b.parsed));
    throw error;
  } finally {
    run.signal?.removeEventListener('abort', onAbort);
    await blocks.return(undefined);
  }
}

function leastBusy(waiting: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < waiting.length; i++) if (waiting[i] < waiting[best]) best = i;
  return best;
}
