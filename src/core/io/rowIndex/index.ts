/** Random access to a dataset's rows: the sparse row index, its cache, and readers of row windows. */
export type { CsvRowIndex, RowIndex, TfRecordRowIndex, TfRecordShardIndex, Checkpoint } from './rowIndex.js';
export { CheckpointList, DEFAULT_CHECKPOINT_EVERY, checkpointAtOrBefore, checkpointAtOrBeforeLine } from './rowIndex.js';
export type { FileIdentity } from './fileIdentity.js';
export { fileIdentity, sameIdentity } from './fileIdentity.js';
export { buildCsvRowIndex, csvIndexOf } from './csvIndexBuilder.js';
export { scanCsvRowIndex } from './csvIndexScanner.js';
export { buildTfRecordIndex } from './tfrecordIndex.js';
export { nextRecordStart } from './csvResync.js';
export type { CsvResyncLayout, ResyncResult } from './csvResync.js';
export { RowIndexCache } from './rowIndexCache.js';
export { encodeRowIndex, decodeRowIndex } from './indexFile.js';
export type { RowWindow } from './rowWindow.js';
export { openCsvRows, csvRowsAt, csvRowsAtByte, csvRowsAtLine } from './csvRows.js';
export type { CsvRowSource } from './csvRows.js';
export { tfRecordRowsAt } from './tfrecordRows.js';
export { exampleCells, bytesText } from './exampleCells.js';
export { columnCellText, float32Text } from './cellText.js';
export { DatasetRows } from './datasetRows.js';
