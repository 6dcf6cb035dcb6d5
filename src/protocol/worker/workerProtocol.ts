/**
 * Messages between a thread that wants engine work done (CLI, extension host) and a worker_threads worker that
 * does it. One request kind per job; every reply names the request it answers.
 */
import type { DataIssue, SourcePosition } from '../../core/data/issues.js';
import type { Progress } from '../../core/data/job.js';
import type { DatasetInfo } from '../../core/io/dataset.js';
import type { MessagePort } from 'node:worker_threads';
import type { CsvBlock } from '../../core/io/csv/csvOptions.js';
import type { CsvBlockLaneParams, LaneResult, ParsedBlock } from '../../core/stats/csvBlockLane.js';
import type { StatsChunkParams, StatsChunkResult } from '../../core/stats/statisticsJob.js';
import type { ExampleValidationResult } from '../../core/validate/exampleValidation.js';
import type { FilterScanResult } from '../../core/io/rowFilter/index.js';
import type { CompareModelsParams, CompareModelsResult } from '../models/compareJobProtocol.js';
import type { EvaluateModelParams, EvaluateModelResult } from '../models/evaluateJobProtocol.js';

/** Row-level validation of a whole dataset (src/worker/jobs/validateExamplesJob.ts). */
export interface ValidateExamplesParams {
  readonly dataset: DatasetInfo;
  /** The schema, serialized as a binary `tensorflow.metadata.v0.Schema`. */
  readonly schema: Uint8Array;
  readonly environment?: string;
  /** Rows kept per (feature, reason). */
  readonly samplesPerReason: number;
  /** CSV: the delimiter, when not sniffed. */
  readonly delimiter?: string;
  /** CSV: also return the text of the lines listed (to underline their cells). */
  readonly withLineTexts?: boolean;
}

export interface ValidateExamplesResult extends ExampleValidationResult {
  /** 1-based line → text, for the CSV lines listed in the samples (when asked for). */
  readonly lineTexts: ReadonlyArray<readonly [number, string]>;
}

/** A CSV/TSV file's header (src/worker/jobs/csvHeaderJob.ts). */
export interface CsvHeaderParams {
  readonly file: string;
  readonly delimiter?: string;
}

export interface CsvHeaderResult {
  readonly columnNames: readonly string[];
  /** The delimiter as one character (sniffed unless given). */
  readonly delimiter: string;
  /** The quote character, or null when quoting is off. */
  readonly quote: string | null;
  readonly hasHeaderRow: boolean;
  /** The header record's text (BOM and line break removed; it may span lines when a quoted name holds one). */
  readonly headerText: string;
  /** 0-based line where the header record starts (blank lines before it are skipped). */
  readonly headerLine: number;
}

/** Files, folders and globs → the dataset's shards and format (src/core/io/dataset.ts resolveDataset). */
export interface ResolveDatasetParams {
  readonly inputs: readonly string[];
}

/** The rows grid's filter over a whole dataset (src/worker/jobs/filterRowsJob.ts); progress text = matches so far. */
export interface FilterRowsParams {
  readonly dataset: DatasetInfo;
  readonly expression: string;
  /** Matches whose cells come back (all matches' row numbers do). */
  readonly keepCells: number;
}

/**
 * A lane of a compressed CSV's fan-out (src/worker/jobs/csvBlockLaneJob.ts): blocks arrive on `port` as
 * CsvBlockLaneMessage, each answered by a CsvBlockLaneReply in order; after `end`, the job's result is the state.
 */
export interface CsvBlockLaneJobParams extends CsvBlockLaneParams {
  readonly port: MessagePort;
}

export type CsvBlockLaneMessage = { readonly kind: 'block'; readonly block: CsvBlock } | { readonly kind: 'end' };

export type CsvBlockLaneReply = { readonly kind: 'parsed'; readonly parsed: ParsedBlock };

/** The jobs a worker can run: their parameters and results (both structured-clone-able). */
export interface WorkerJobs {
  statsChunk: { params: StatsChunkParams; result: StatsChunkResult };
  csvBlockLane: { params: CsvBlockLaneJobParams; result: LaneResult };
  validateExamples: { params: ValidateExamplesParams; result: ValidateExamplesResult };
  csvHeader: { params: CsvHeaderParams; result: CsvHeaderResult };
  resolveDataset: { params: ResolveDatasetParams; result: DatasetInfo };
  filterRows: { params: FilterRowsParams; result: FilterScanResult };
  compareModels: { params: CompareModelsParams; result: CompareModelsResult };
  evaluateModel: { params: EvaluateModelParams; result: EvaluateModelResult };
}
export type WorkerJobName = keyof WorkerJobs;

export type WorkerRequest = {
  [K in WorkerJobName]: { readonly kind: 'run'; readonly id: number; readonly job: K; readonly params: WorkerJobs[K]['params'] };
}[WorkerJobName];

export interface WorkerFailure {
  readonly code: string;
  readonly message: string;
  readonly position?: SourcePosition;
}

export type WorkerReply =
  | { readonly kind: 'progress'; readonly id: number; readonly progress: Progress }
  | { readonly kind: 'issue'; readonly id: number; readonly issue: DataIssue }
  | { readonly kind: 'done'; readonly id: number; readonly result: unknown }
  | { readonly kind: 'failed'; readonly id: number; readonly error: WorkerFailure };
