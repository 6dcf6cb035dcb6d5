/**
 * A lane of the compressed-CSV fan-out (csvBlockFanOut.ts): one accumulator that parses the blocks given to it, one
 * after another, and hands its state over once, at the end. A lane per worker thread means the calling thread
 * merges as many states as for a plain file's byte ranges, not one per block (merging a block's sketches costs
 * about a third of parsing it). `localBlockLane` is the lane itself; a worker runs one (src/worker/jobs) and the
 * calling thread talks to it through `CsvBlockLane`.
 */
import type { DataIssue } from '../data/issues.js';
import { DEFAULT_BATCH_ROWS, readCsv } from '../io/csv/index.js';
import type { CsvBlock } from '../io/csv/csvOptions.js';
import type { IssueTally } from '../io/csv/issueLog.js';
import { DatasetAccumulator } from './datasetAccumulator.js';
import type { DatasetAccumulatorState } from './datasetAccumulator.js';
import type { StatsOptions } from './statsOptions.js';

/** What a lane needs to parse blocks of one file: plain data, so it can be posted to a worker thread. */
export interface CsvBlockLaneParams {
  readonly file: string;
  readonly columnNames: readonly string[];
  readonly delimiter: number;
  /** Quote byte, or -1 when quoting is off. */
  readonly quote: number;
  readonly stats: StatsOptions;
  readonly batchRows?: number;
}

/** One block's reader issues: those reported, in order, and its tally per code (for the file-wide issue log). */
export interface ParsedBlock {
  readonly issues: readonly DataIssue[];
  readonly issueTally: readonly IssueTally[];
}

export interface LaneResult {
  readonly state: DatasetAccumulatorState;
  /** The accumulator's own findings (type conflicts), known only at the end. */
  readonly issues: readonly DataIssue[];
}

export interface CsvBlockLane {
  /** Parses the block after those given before (its bytes may be transferred: do not use them afterwards). */
  parse(block: CsvBlock): Promise<ParsedBlock>;
  /** Once every block given is parsed: the lane's state. No block may be given afterwards. */
  finish(): Promise<LaneResult>;
}

export type CsvBlockLaneOpener = (params: CsvBlockLaneParams, options: { readonly signal?: AbortSignal }) => CsvBlockLane;

/** A lane in this thread. */
export function localBlockLane(params: CsvBlockLaneParams, options: { readonly signal?: AbortSignal } = {}): CsvBlockLane {
  const acc = new DatasetAccumulator(params.stats);
  let last: Promise<unknown> = Promise.resolve();
  return {
    parse(block) {
      const parsed = last.then(() => parseBlock(acc, params, block, options.signal));
      last = parsed.catch(() => undefined);
      return parsed;
    },
    async finish() {
      await last;
      const issues = acc.issues();
      return { state: acc.takeState(), issues };
    },
  };
}

async function parseBlock(acc: DatasetAccumulator, params: CsvBlockLaneParams, block: CsvBlock, signal: AbortSignal | undefined): Promise<ParsedBlock> {
  const issues: DataIssue[] = [];
  const reader = readCsv(params.file, {
    block,
    columnNames: params.columnNames,
    delimiter: params.delimiter,
    quote: params.quote < 0 ? null : String.fromCharCode(params.quote),
    // A block holds at most a record per byte: no need for a full batch's arrays (columns × 8192 cells) for a small one.
    batchRows: Math.min(params.batchRows ?? DEFAULT_BATCH_ROWS, block.length + 1),
    summarizeIssues: false,
    reuseBatches: true, // the accumulator copies what it keeps
    onIssue: (issue) => issues.push(issue),
    signal,
  });
  for await (const batch of reader) acc.add(batch);
  return { issues, issueTally: reader.summary?.issueTally ?? [] };
}
