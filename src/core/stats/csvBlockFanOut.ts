/**
 * Statistics of a compressed CSV on several threads. A gzip/zstd/bzip2 stream cannot be entered midway, so this
 * thread decompresses it front to back and cuts it into blocks of whole records (recordBlocks.ts); the blocks go
 * to `runChunk` (worker threads) as they are cut, their bytes transferred, not copied, and the results are merged
 * in file order. Throughput is therefore bounded by decompression on one thread (see README.md). At most
 * `inFlight` blocks are cut and not yet merged, so memory does not grow with the file.
 */
import { basename } from 'node:path';
import type { DataIssue } from '../data/issues.js';
import type { Progress } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import { decompressedPieces } from '../io/compression/textCompression.js';
import type { TextCompression } from '../io/compression/textCompression.js';
import { recordBlocks } from '../io/csv/recordBlocks.js';
import { IssueLog } from '../io/csv/issueLog.js';
import { DatasetAccumulator } from './datasetAccumulator.js';
import type { ChunkRunner, StatsChunk, StatsChunkParams, StatsChunkResult } from './statisticsJob.js';
import type { StatsOptions } from './statsOptions.js';

/** Decompressed bytes per block by default: large enough that merging a block's state costs little beside parsing it. */
export const DEFAULT_CSV_BLOCK_BYTES = 8 * 1024 * 1024;

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
  readonly base: (chunk: StatsChunk) => StatsChunkParams;
  readonly runChunk: ChunkRunner;
  /** Blocks cut and not yet merged, at most (e.g. two per worker: one parsing, one queued). */
  readonly inFlight: number;
  /** Issues already found for this file (the header's), to count against the per-code limit first. */
  readonly headerIssues: readonly DataIssue[];
  readonly emit: (issue: DataIssue) => void;
  readonly onProgress?: (p: Progress) => void;
  readonly total: number;
  readonly signal: AbortSignal | undefined;
}

/** Reads the compressed CSV in blocks through `runChunk` and merges them in order; issues come out in file order. */
export async function runCsvBlocks(plan: CsvBlockPlan, run: CsvBlockRun): Promise<DatasetAccumulator> {
  const acc = new DatasetAccumulator(run.stats);
  // One log for the file, so that the per-code limit and its closing summary are the file's, not each block's.
  const log = new IssueLog(plan.file, run.emit);
  for (const issue of run.headerIssues) log.push(issue);
  const conflicts = new Set<string>();
  // Stops the blocks still running when one fails, or the stream does.
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(run.signal?.reason);
  run.signal?.addEventListener('abort', onAbort, { once: true });
  const name = basename(plan.file);
  const pieces = decompressedPieces(plan.file, plan.compression, {
    signal: run.signal,
    onCompressedBytes: (done) => run.onProgress?.({ done: Math.min(done, run.total), total: run.total, unit: 'bytes', message: name }),
  });
  const blocks = recordBlocks(pieces, {
    delimiter: plan.delimiter,
    quote: plan.quote,
    blockBytes: plan.blockBytes,
    start: plan.dataStart,
    firstLine: plan.firstDataLine,
  });
  const queue: Array<{ readonly result: Promise<StatsChunkResult>; done: boolean }> = [];
  const mergeHead = async (): Promise<void> => {
    const head = queue[0];
    const result = await head.result;
    queue.shift();
    // A type conflict is one per feature in a front-to-back read; each block would report its own.
    const issues = result.issues.filter((i) => i.code !== 'STATS_TYPE_CONFLICT' || !conflicts.has(i.message));
    for (const i of issues) if (i.code === 'STATS_TYPE_CONFLICT') conflicts.add(i.message);
    log.merge(issues, result.csv?.issueTally ?? []);
    acc.merge(DatasetAccumulator.fromState(result.state, run.stats));
  };
  try {
    for await (const block of blocks) {
      throwIfAborted(run.signal);
      const chunk: StatsChunk = { kind: 'csvBlock', file: plan.file, columnNames: plan.columnNames, delimiter: plan.delimiter, quote: plan.quote, block };
      const entry = { result: run.runChunk(run.base(chunk), { signal: stop.signal, transfer: [block.bytes.buffer as ArrayBuffer] }), done: false };
      // Settled results are merged as soon as they lead the queue; a failure is seen when its turn comes.
      entry.result.then(
        () => (entry.done = true),
        () => (entry.done = true),
      );
      queue.push(entry);
      while (queue.length > 0 && (queue[0].done || queue.length >= run.inFlight)) await mergeHead();
    }
    while (queue.length > 0) await mergeHead();
  } catch (error) {
    stop.abort(error);
    await Promise.allSettled(queue.map((e) => e.result));
    throw error;
  } finally {
    run.signal?.removeEventListener('abort', onAbort);
    await blocks.return(undefined);
  }
  log.finish();
  return acc;
}
