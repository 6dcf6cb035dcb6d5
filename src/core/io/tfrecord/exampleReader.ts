/**
 * Reads TFRecord files of serialized tf.train.Example into RowBatches of the shared columnar model: one row per
 * example, positions = record index within the shard, one column per feature in first-seen order.
 */
import { stat } from 'node:fs/promises';
import type { DataIssue } from '../../data/issues.js';
import { FacetwiseError } from '../../data/issues.js';
import type { JobOptions, Progress } from '../../data/job.js';
import { throwIfAborted } from '../../data/job.js';
import type { RowBatch } from '../../data/rowBatch.js';
import { ExampleBatchBuilder } from './exampleBatchBuilder.js';
import { ExampleDecoder } from './exampleDecoder.js';
import { FeatureRegistry } from './featureRegistry.js';
import { WireFormatError } from './protoWire.js';
import type { TfRecordReadOptions } from './recordReader.js';
import { readTfRecordGroups } from './recordReader.js';

export interface ExampleReadOptions extends TfRecordReadOptions {
  /** Examples per batch (default 4096). */
  readonly batchRows?: number;
}

export const DEFAULT_BATCH_ROWS = 4096;

/**
 * The examples of one shard as RowBatches. `shardIndex` is copied into every batch. Errors in the file
 * (see readTfRecords) and malformed examples / kind conflicts are reported through `onIssue`; a malformed
 * example is skipped (its record index is then missing from `positions`).
 */
export function readTfRecordShard(
  path: string,
  shardIndex: number,
  options: ExampleReadOptions & JobOptions = {},
): AsyncGenerator<RowBatch, void, undefined> {
  return readShard(path, shardIndex, options, new FeatureRegistry());
}

/**
 * The examples of several shards read as one dataset, in the given order (shardIndex = position in `shards`).
 * Column order and each feature's kind are decided dataset-wide by first appearance. Progress covers all
 * shards, in bytes as stored.
 */
export async function* readTfRecordDataset(
  shards: readonly string[],
  options: ExampleReadOptions & JobOptions = {},
): AsyncGenerator<RowBatch, void, undefined> {
  const sizes: number[] = [];
  for (const shard of shards) sizes.push(await fileSize(shard));
  const total = sizes.reduce((a, b) => a + b, 0);
  const registry = new FeatureRegistry();
  const outer = options.onProgress;
  let base = 0;
  for (let i = 0; i < shards.length; i++) {
    const shardBase = base;
    const onProgress =
      outer === undefined
        ? undefined
        : (p: Progress): void => outer({ done: shardBase + p.done, total, unit: 'bytes', message: p.message });
    yield* readShard(shards[i], i, { ...options, onProgress }, registry);
    base += sizes[i];
  }
}

async function* readShard(
  path: string,
  shardIndex: number,
  options: ExampleReadOptions & JobOptions,
  registry: FeatureRegistry,
): AsyncGenerator<RowBatch, void, undefined> {
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  if (!Number.isInteger(batchRows) || batchRows < 1) throw new RangeError(`batchRows must be a positive integer, got ${batchRows}`);
  const onIssue = options.onIssue;
  const decoder = new ExampleDecoder();
  const newBuilder = (): ExampleBatchBuilder => new ExampleBatchBuilder(batchRows, registry, path, onIssue);
  let builder = newBuilder();

  for await (const group of readTfRecordGroups(path, options)) {
    for (const record of group) {
      builder.beginRow(record.index, record.offset);
      try {
        decoder.decode(record.payload, builder);
      } catch (err) {
        if (!(err instanceof WireFormatError)) throw err;
        builder.rollbackRow();
        onIssue?.(badExample(path, record.index, record.offset, err));
        continue;
      }
      builder.commitRow();
      if (builder.full) {
        yield builder.finish(path, shardIndex);
        throwIfAborted(options.signal);
        builder = newBuilder();
      }
    }
  }
  if (builder.rows > 0) yield builder.finish(path, shardIndex);
}

function badExample(file: string, record: number, offset: number, err: WireFormatError): DataIssue {
  return {
    code: 'TFRECORD_BAD_EXAMPLE',
    severity: 'error',
    message: `Record ${record} is not a valid tf.train.Example (${err.message} at byte ${err.at} of the record's data); it is skipped.`,
    position: { file, record, offset },
  };
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new FacetwiseError('FILE_UNREADABLE', `Cannot open the file: ${reason}`, { file: path });
  }
}
