/**
 * TFRecord files and tf.train.Example: the public surface of this folder.
 *
 * - readTfRecords(path, options): the raw records of one file (any payload, e.g. serialized statistics);
 *   readTfRecordGroups: the same, one array per input chunk, for tight consumer loops.
 * - readTfRecordShard(path, shardIndex, options) / readTfRecordDataset(shards, options): tf.Examples as
 *   RowBatches (NumberColumn for int64/float lists, BytesColumn, EmptyColumn), positions = record index.
 * - writeTfRecords / frameTfRecord / encodeExample: the inverse, for fixtures and for writing record files.
 *
 * Mapping choices (see exampleDecoder.ts / featureColumnBuilder.ts):
 * - A Feature with no list set is a missing value for that row, as in tfx_bsl's decoder (TFDV): `present = 0`
 *   in the feature's typed column. If no row of a batch gives the feature a list and its kind is not yet known,
 *   the batch carries an EmptyColumn whose `present` marks the rows where the key occurred.
 * - A feature's kind is the first one seen in the dataset; values of another kind are dropped (row missing)
 *   with a TFRECORD_FEATURE_KIND_CONFLICT issue.
 * - Columns are ordered by first appearance in the dataset.
 */
export type { TfRecordCompression } from './compression.js';
export { detectCompression } from './compression.js';
export { crc32c, maskCrc, maskedCrc32c } from './crc32c.js';
export type { ExampleFeatureValue, ExampleEncodeOptions } from './exampleEncoder.js';
export { encodeExample } from './exampleEncoder.js';
export type { ExampleReadOptions } from './exampleReader.js';
export { DEFAULT_BATCH_ROWS, readTfRecordDataset, readTfRecordShard } from './exampleReader.js';
export type { TfRecord, TfRecordReadOptions } from './recordReader.js';
export { readTfRecordGroups, readTfRecords } from './recordReader.js';
export type { TfRecordWriteOptions } from './recordWriter.js';
export { frameTfRecord, writeTfRecords } from './recordWriter.js';
