/**
 * Statistics of a whole dataset: cut it into chunks (byte ranges of a CSV, groups of TFRecord shards), accumulate
 * each chunk — in this thread or on worker threads through `runChunk` — and merge in order. A compressed CSV, which
 * cannot be entered midway, is decompressed here and its blocks fanned out to lanes instead (csvBlockFanOut.ts).
 * One pass over the data in the common case; a second, narrower pass only for CSV columns that looked numeric for
 * a long time and then turned out to be strings (see StatsOptions.numericStringSideLimit).
 */
import { stat } from 'node:fs/promises';
import type { DatasetFeatureStatistics } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { DataIssue } from '../data/issues.js';
import type { RowBatch } from '../data/rowBatch.js';
import type { JobOptions, Progress } from '../data/job.js';
import { throwIfAborted } from '../data/job.js';
import { planCsvRanges, readCsv, readCsvHeader } from '../io/csv/index.js';
import type { CsvReadSummary } from '../io/csv/index.js';
import type { DatasetInfo, DatasetReadOptions } from '../io/dataset.js';
import { planParquetChunks, readParquetParts } from '../io/parquet/index.js';
import type { ParquetPart } from '../io/parquet/index.js';
import { readTfRecordDataset } from '../io/tfrecord/index.js';
import { CheckpointList, csvIndexOf, DEFAULT_CHECKPOINT_EVERY, fileIdentity } from '../io/rowIndex/index.js';
import type { CsvRowIndex } from '../io/rowIndex/index.js';
import { DEFAULT_CSV_BLOCK_BYTES, MAX_CSV_BLOCK_BYTES, runCsvBlocks } from './csvBlockFanOut.js';
import type { CsvBlockPlan, CsvBlockRun } from './csvBlockFanOut.js';
import { localBlockLane } from './csvBlockLane.js';
import type { CsvBlockLaneOpener } from './csvBlockLane.js';
import { DatasetAccumulator } from './datasetAccumulator.js';
import type { DatasetAccumulatorState } from './datasetAccumulator.js';
import type { StatsOptions } from './statsOptions.js';

/** One unit of work, plain data so it can be posted to a worker thread. */
export type StatsChunk =
  | {
      readonly kind: 'csv';
      readonly file: string;
      readonly columnNames: readonly string[];
      readonly delimiter: number;
      /** Absent: the whole file, header included. */
      readonly range?: { readonly start: number; readonly end: number; readonly firstLine: number };
    }
  | { readonly kind: 'tfrecord'; readonly shards: readonly string[]; readonly firstShardIndex: number }
  | { readonly kind: 'parquet'; readonly parts: readonly ParquetPart[] };

export interface StatsChunkParams {
  readonly chunk: StatsChunk;
  readonly stats: StatsOptions;
  readonly compression?: DatasetReadOptions['compression'];
  readonly batchRows?: number;
}

export interface StatsChunkResult {
  readonly state: DatasetAccumulatorState;
  readonly issues: readonly DataIssue[];
  /** For CSV ranges: where reading stopped, to check the next range started at a true record start. */
  readonly csv?: { readonly stopOffset: number; readonly stopLine: number; readonly rows?: number; readonly checkpoints?: ReturnType<CheckpointList['toArrays']> };
}

export type ChunkRunner = (
  params: StatsChunkParams,
  options: { readonly signal?: AbortSignal; readonly onProgress?: (p: Progress) => void },
) => Promise<StatsChunkResult>;

export interface StatisticsJobOptions extends JobOptions {
  readonly read?: Omit<DatasetReadOptions, 'signal' | 'onProgress' | 'onIssue'>;
  readonly stats?: StatsOptions;
  /** Chunks to cut the dataset into (default 1); useful up to the number of worker threads. */
  readonly parallelism?: number;
  /**
   * CSV: bytes a chunk should hold per column at least (default 0: none). Every chunk keeps every feature's
   * accumulator, and its state crosses to the main thread to be merged, so a wide file split finely costs more
   * memory and merging than it saves: 10,000 columns × 8 KiB means ≥ 80 MB per chunk.
   */
  readonly minChunkBytesPerColumn?: number;
  /**
   * A compressed CSV: decompressed bytes per block (default DEFAULT_CSV_BLOCK_BYTES; for a wide file
   * minChunkBytesPerColumn × columns, up to MAX_CSV_BLOCK_BYTES). A compressed CSV is cut into blocks for
   * `parallelism` lanes when openCsvBlockLane is given (worker threads) or this is (lanes in this thread);
   * otherwise one reader reads it front to back.
   */
  readonly csvBlockBytes?: number;
  /** Opens a lane that parses a compressed CSV's blocks, e.g. on a worker thread (csvBlockFanOut.ts). */
  readonly openCsvBlockLane?: CsvBlockLaneOpener;
  /** Called once the dataset is cut, with the number of chunks about to run (e.g. to stop surplus workers). */
  readonly onPlanned?: (chunks: number) => void;
  /** Runs one chunk, e.g. on a worker thread. Default: in this thread. */
  readonly runChunk?: ChunkRunner;
  /** Reader and engine findings, in file order, with positions. */
  readonly onIssue?: (issue: DataIssue) => void;
  /** The name written into the statistics (default: the dataset's name). */
  readonly name?: string;
}

export interface StatisticsResult extends Omit<AccumulatedStatistics, 'accumulator' | 'name'> {
  readonly statistics: DatasetFeatureStatistics;
}

/** What computeStatistics has before it builds the proto: the merged accumulator (finish or finishBinary it). */
export interface AccumulatedStatistics {
  readonly accumulator: DatasetAccumulator;
  /** The name to give the statistics. */
  readonly name: string;
  readonly numExamples: number;
  /** Counts of issues per code, including those not reported one by one. */
  readonly issueCounts: Readonly<Record<string, number>>;
  /** CSV: the sparse row index, from the same pass (checkpoints of every range, stitched). */
  readonly rowIndex?: CsvRowIndex;
}

/** Accumulates one chunk in this thread: what a worker runs. Issues are returned with the result, in order. */
export async function runStatsChunk(
  params: StatsChunkParams,
  options: { readonly signal?: AbortSignal; readonly onProgress?: (p: Progress) => void } = {},
): Promise<StatsChunkResult> {
  const acc = new DatasetAccumulator(params.stats);
  const issues: DataIssue[] = [];
  const onIssue = (issue: DataIssue): void => {
    issues.push(issue);
  };
  const chunk = params.chunk;
  if (chunk.kind === 'csv') {
    const checkpoints = new CheckpointList();
    const reader = readCsv(chunk.file, {
      rowCheckpoints: { every: DEFAULT_CHECKPOINT_EVERY, add: (row, offset, line) => checkpoints.add(row, offset, line) },
      delimiter: chunk.delimiter,
      columnNames: chunk.range ? chunk.columnNames : undefined,
      range: chunk.range,
      batchRows: params.batchRows,
      reuseBatches: true, // the accumulator copies what it keeps
      onIssue,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    const totalBytes = chunk.range ? chunk.range.end - chunk.range.start : (await stat(chunk.file)).size;
    let hinted = false;
    for await (const batch of reader) {
      acc.add(batch);
      if (!hinted) {
        hinted = true;
        acc.expectRows(expectedRowsOf(batch, totalBytes, params.stats.sampleRate ?? 1));
      }
    }
    const summary = reader.summary as CsvReadSummary;
    issues.push(...acc.issues());
    const csv = { stopOffset: summary.stopOffset, stopLine: summary.stopLine, rows: summary.rows, checkpoints: checkpoints.toArrays() };
    return { state: acc.takeState(), issues, csv };
  }
  if (chunk.kind === 'parquet') {
    for await (const batch of readParquetParts(chunk.parts, { batchRows: params.batchRows, onIssue, signal: options.signal, onProgress: options.onProgress })) acc.add(batch);
    issues.push(...acc.issues());
    return { state: acc.takeState(), issues };
  }
  const batches = readTfRecordDataset(chunk.shards, {
    compression: params.compression,
    batchRows: params.batchRows,
    onIssue,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  for await (const batch of batches) {
    // Shard indices are dataset-wide, not chunk-local.
    acc.add(chunk.firstShardIndex === 0 ? batch : { ...batch, shardIndex: batch.shardIndex + chunk.firstShardIndex });
  }
  issues.push(...acc.issues());
  return { state: acc.takeState(), issues };
}

/** Rows a CSV chunk of `totalBytes` should hold, at the bytes per row of its first batch (0: no estimate). */
function expectedRowsOf(batch: RowBatch, totalBytes: number, sampleRate: number): number {
  const first = batch.columns[0];
  if (first === undefined || first.kind !== 'text' || first.data.length === 0) return 0;
  return (batch.rowCount * totalBytes * sampleRate) / first.data.length;
}

/** Statistics of the dataset as TFDV's DatasetFeatureStatistics. */
export async function computeStatistics(info: DatasetInfo, options: StatisticsJobOptions = {}): Promise<StatisticsResult> {
  const { accumulator, name, ...rest } = await accumulateStatistics(info, options);
  return { statistics: accumulator.finish(name), ...rest };
}

/** The dataset read and merged into one accumulator, not yet turned into statistics (see computeStatistics). */
export async function accumulateStatistics(info: DatasetInfo, options: StatisticsJobOptions = {}): Promise<AccumulatedStatistics> {
  const signal = options.signal;
  const runChunk: ChunkRunner = options.runChunk ?? runStatsChunk;
  const statsOptions = options.stats ?? {};
  const issueCounts: Record<string, number> = {};
  const emit = (issue: DataIssue): void => {
    issueCounts[issue.code] = (issueCounts[issue.code] ?? 0) + 1;
    options.onIssue?.(issue);
  };
  const progress = new ProgressSum(info.totalBytes, options.onProgress);
  throwIfAborted(signal);

  const base = (chunk: StatsChunk, stats: StatsOptions = statsOptions): StatsChunkParams => ({
    chunk,
    stats,
    compression: options.read?.compression,
    batchRows: options.read?.batchRows,
  });

  let acc: DatasetAccumulator;
  let csvPlan: CsvPlan | undefined;
  let rowIndex: CsvRowIndex | undefined;
  if (info.format === 'csv') {
    csvPlan = await planCsv(info.shards[0], options);
    options.onPlanned?.(csvPlan.blocks ? Math.max(1, options.parallelism ?? 1) : csvPlan.compressed ? 1 : csvPlan.ranges.length);
    if (csvPlan.blocks) {
      acc = await runCsvBlocks(csvPlan.blocks, blockRun(statsOptions, csvPlan.headerIssues, emit, options.onProgress));
    } else if (csvPlan.compressed) {
      // No lanes (no workers): one reader front to back. Compressed either way: no row index (no byte offsets).
      acc = await runWholeCsv(csvPlan, statsOptions, base, runChunk, progress, emit, signal);
    } else {
      const identity = await fileIdentity(info.shards[0]);
      const index = { list: new CheckpointList(), rows: 0, stopOffset: csvPlan.ranges[0]?.start ?? 0, stopLine: csvPlan.firstDataLine };
      acc = await runCsvChunks(csvPlan, statsOptions, base, runChunk, progress, emit, signal, index);
      rowIndex = csvIndexOf(info.shards[0], identity, index.list, index);
    }
  } else if (info.format === 'parquet') {
    const chunks = await planParquetChunks(info.shards, options.parallelism ?? 1);
    options.onPlanned?.(chunks.length);
    acc = mergeInOrder(await Promise.all(chunks.map((parts, i) => runChunk(base({ kind: 'parquet', parts }), { signal, onProgress: progress.part(i) }))), statsOptions, emit);
  } else {
    const groups = groupShards(info.shards, await shardSizes(info.shards), options.parallelism ?? 1);
    options.onPlanned?.(groups.length);
    const results = await Promise.all(
      groups.map((g, i) => runChunk(base({ kind: 'tfrecord', shards: g.shards, firstShardIndex: g.first }), { signal, onProgress: progress.part(i) })),
    );
    acc = mergeInOrder(results, statsOptions, emit);
  }

  /** How a compressed CSV's blocks are run: a lane per worker. */
  function blockRun(
    stats: StatsOptions,
    headerIssues: readonly DataIssue[],
    onIssue: (issue: DataIssue) => void,
    onProgress: ((p: Progress) => void) | undefined,
  ): CsvBlockRun {
    return {
      stats,
      batchRows: options.read?.batchRows,
      openLane: options.openCsvBlockLane ?? localBlockLane,
      lanes: Math.max(1, options.parallelism ?? 1),
      headerIssues,
      emit: onIssue,
      onProgress,
      total: info.totalBytes,
      signal,
    };
  }

  // Columns that looked numeric past the string-side limit and then held text: read them again as strings.
  const rescan = acc.featuresNeedingRescan();
  if (rescan.length > 0 && csvPlan) {
    throwIfAborted(signal);
    const rescanOptions: StatsOptions = { ...statsOptions, onlyColumns: rescan, forceStringColumns: rescan };
    const again = csvPlan.blocks
      ? await runCsvBlocks(csvPlan.blocks, blockRun(rescanOptions, [], () => undefined, options.onProgress))
      : await (csvPlan.compressed ? runWholeCsv : runCsvChunks)(csvPlan, rescanOptions, (c) => base(c, rescanOptions), runChunk, new ProgressSum(info.totalBytes, options.onProgress), () => undefined, signal);
    acc.replaceFeatures(again, rescan);
  }
  return { accumulator: acc, name: options.name ?? info.name, numExamples: acc.numExamples, issueCounts, ...(rowIndex ? { rowIndex } : {}) };
}

/** Merges chunk results in order, letting go of each one once merged (a wide dataset's states are large). */
function mergeInOrder(results: Array<StatsChunkResult | undefined>, stats: StatsOptions, emit: (issue: DataIssue) => void): DatasetAccumulator {
  const acc = new DatasetAccumulator(stats);
  for (let i = 0; i < results.length; i++) {
    const r = results[i] as StatsChunkResult;
    results[i] = undefined;
    r.issues.forEach(emit);
    acc.merge(DatasetAccumulator.fromState(r.state, stats));
  }
  return acc;
}

interface CsvPlan {
  readonly file: string;
  readonly columnNames: readonly string[];
  readonly delimiter: number;
  readonly firstDataLine: number;
  readonly ranges: readonly { start: number; end: number }[];
  /** A compressed file: read whole by one reader (its header issues are that reader's to report)… */
  readonly compressed: boolean;
  /** …or cut into blocks for the lanes by this thread, which reports the header's issues. */
  readonly blocks?: CsvBlockPlan;
  readonly headerIssues: readonly DataIssue[];
}

async function planCsv(file: string, options: StatisticsJobOptions): Promise<CsvPlan> {
  const headerIssues: DataIssue[] = [];
  const header = await readCsvHeader(file, { ...headerOptionsOf(options), onIssue: (issue) => headerIssues.push(issue) });
  const perColumn = minChunkBytesOf(header, options);
  if (header.compression !== 'none') {
    const plan = { file, columnNames: header.columnNames, delimiter: header.delimiter, firstDataLine: header.firstDataLine, ranges: [], compressed: true, headerIssues };
    if (options.openCsvBlockLane === undefined && options.csvBlockBytes === undefined) return plan;
    const blockBytes = options.csvBlockBytes ?? Math.min(MAX_CSV_BLOCK_BYTES, Math.max(DEFAULT_CSV_BLOCK_BYTES, perColumn));
    const blocks: CsvBlockPlan = { file, compression: header.compression, columnNames: header.columnNames, delimiter: header.delimiter, quote: header.quote, dataStart: header.dataStart, firstDataLine: header.firstDataLine, blockBytes };
    return { ...plan, blocks };
  }
  if (options.onIssue) headerIssues.forEach(options.onIssue);
  const ranges = await planCsvRanges(file, csvChunkCount(header, options), header.dataStart);
  return { file, columnNames: header.columnNames, delimiter: header.delimiter, firstDataLine: header.firstDataLine, ranges, compressed: false, headerIssues: [] };
}

/** The header options of the read options (what planCsv and plannedCsvChunks both read the header with). */
function headerOptionsOf(options: Pick<StatisticsJobOptions, 'read'>): { delimiter?: string; header?: boolean; columnNames?: readonly string[] } {
  const read = options.read ?? {};
  return { delimiter: read.delimiter, header: read.header, columnNames: read.columnNames };
}

/** The least bytes a chunk (or a compressed CSV's block) should hold: minChunkBytesPerColumn for each column. */
function minChunkBytesOf(header: { readonly columnNames: readonly string[] }, options: Pick<StatisticsJobOptions, 'minChunkBytesPerColumn'>): number {
  return (options.minChunkBytesPerColumn ?? 0) * header.columnNames.length;
}

/** Ranges a CSV is cut into: one per worker, fewer when a chunk would hold under minChunkBytesPerColumn a column. */
function csvChunkCount(header: { readonly fileSize: number; readonly dataStart: number; readonly columnNames: readonly string[] }, options: StatisticsJobOptions): number {
  const perColumn = minChunkBytesOf(header, options);
  const byWidth = perColumn > 0 ? Math.max(1, Math.floor((header.fileSize - header.dataStart) / perColumn)) : Infinity;
  return Math.max(1, Math.min(options.parallelism ?? 1, byWidth));
}

/**
 * How many chunks accumulateStatistics will run for a single uncompressed CSV (reads its header), or undefined
 * for other inputs: lets a caller skip starting workers a wide file would not use.
 */
export async function plannedCsvChunks(info: DatasetInfo, options: Pick<StatisticsJobOptions, 'read' | 'parallelism' | 'minChunkBytesPerColumn'>): Promise<number | undefined> {
  if (info.format !== 'csv' || info.shards.length !== 1) return undefined;
  const header = await readCsvHeader(info.shards[0], headerOptionsOf(options));
  return header.compression === 'none' ? csvChunkCount(header, options) : undefined;
}

/** A compressed CSV read front to back by one reader (a gzip/zstd/bzip2 stream cannot be entered midway). */
async function runWholeCsv(
  plan: CsvPlan,
  stats: StatsOptions,
  base: (chunk: StatsChunk) => StatsChunkParams,
  runChunk: ChunkRunner,
  progress: ProgressSum,
  emit: (issue: DataIssue) => void,
  signal: AbortSignal | undefined,
): Promise<DatasetAccumulator> {
  const result = await runChunk(base({ kind: 'csv', file: plan.file, columnNames: plan.columnNames, delimiter: plan.delimiter }), { signal, onProgress: progress.part(0) });
  result.issues.forEach(emit);
  const acc = new DatasetAccumulator(stats);
  acc.merge(DatasetAccumulator.fromState(result.state, stats));
  return acc;
}

/**
 * Runs the planned ranges (in parallel through runChunk) and merges them in file order. A range whose predecessor
 * did not stop exactly at its start began inside a quoted field; it is read again from where the predecessor
 * stopped, so every record is counted once. Line numbers of a range's issues are shifted once the lines before
 * it are known.
 */
async function runCsvChunks(
  plan: CsvPlan,
  stats: StatsOptions,
  base: (chunk: StatsChunk) => StatsChunkParams,
  runChunk: ChunkRunner,
  progress: ProgressSum,
  emit: (issue: DataIssue) => void,
  signal: AbortSignal | undefined,
  index?: { list: CheckpointList; rows: number; stopOffset: number; stopLine: number },
): Promise<DatasetAccumulator> {
  const acc = new DatasetAccumulator(stats);
  const chunkOf = (start: number, end: number, firstLine: number): StatsChunk => ({
    kind: 'csv',
    file: plan.file,
    columnNames: plan.columnNames,
    delimiter: plan.delimiter,
    range: { start, end, firstLine },
  });
  // Line numbers of later ranges are unknown until earlier ones finish: read each from "line 1" and shift.
  const pending: Array<Promise<StatsChunkResult> | undefined> = plan.ranges.map((r, i) =>
    runChunk(base(chunkOf(r.start, r.end, i === 0 ? plan.firstDataLine : 1)), { signal, onProgress: progress.part(i) }),
  );
  let expectedStart = plan.ranges.length > 0 ? plan.ranges[0].start : 0;
  let line = plan.firstDataLine;
  for (let i = 0; i < plan.ranges.length; i++) {
    const range = plan.ranges[i];
    let result = await (pending[i] as Promise<StatsChunkResult>);
    pending[i] = undefined; // merged below: nothing else holds it
    let shift = i === 0 ? 0 : line - 1;
    if (range.start !== expectedStart) {
      if (expectedStart >= range.end) continue; // the previous range's last record covered all of this one
      result = await runChunk(base(chunkOf(expectedStart, range.end, line)), { signal });
      shift = 0;
    }
    for (const issue of result.issues) emit(shift === 0 || issue.position.line === undefined ? issue : shiftLine(issue, shift));
    acc.merge(DatasetAccumulator.fromState(result.state, stats));
    const csv = result.csv;
    if (!csv) throw new Error('CSV chunk result without its stop offset');
    if (index && csv.checkpoints) index.list.append(csv.checkpoints, index.rows, shift);
    if (index) Object.assign(index, { rows: index.rows + (csv.rows ?? 0), stopOffset: csv.stopOffset, stopLine: csv.stopLine + shift });
    expectedStart = csv.stopOffset;
    line = csv.stopLine + shift;
  }
  return acc;
}

function shiftLine(issue: DataIssue, shift: number): DataIssue {
  return { ...issue, position: { ...issue.position, line: (issue.position.line ?? 0) + shift } };
}

async function shardSizes(shards: readonly string[]): Promise<number[]> {
  return Promise.all(shards.map(async (s) => (await stat(s)).size));
}

/** Contiguous groups of shards of roughly equal size, at most `n`. */
export function groupShards(shards: readonly string[], sizes: readonly number[], n: number): Array<{ shards: string[]; first: number }> {
  const total = sizes.reduce((a, b) => a + b, 0);
  const groups: Array<{ shards: string[]; first: number }> = [];
  const parts = Math.max(1, Math.min(n, shards.length));
  let current: { shards: string[]; first: number } = { shards: [], first: 0 };
  let acc = 0;
  for (let i = 0; i < shards.length; i++) {
    current.shards.push(shards[i]);
    acc += sizes[i];
    const boundary = (total * (groups.length + 1)) / parts;
    if (acc >= boundary && groups.length < parts - 1 && i < shards.length - 1) {
      groups.push(current);
      current = { shards: [], first: i + 1 };
    }
  }
  if (current.shards.length > 0) groups.push(current);
  return groups;
}

/** Adds up the byte progress of chunks running at once into one figure for the whole dataset. */
class ProgressSum {
  private readonly done: number[] = [];
  constructor(
    private readonly total: number,
    private readonly onProgress: ((p: Progress) => void) | undefined,
  ) {}

  part(index: number): ((p: Progress) => void) | undefined {
    if (!this.onProgress) return undefined;
    const report = this.onProgress;
    return (p) => {
      this.done[index] = p.done;
      let sum = 0;
      for (const d of this.done) sum += d ?? 0;
      report({ done: Math.min(sum, this.total), total: this.total, unit: 'bytes', message: p.message });
    };
  }
}
