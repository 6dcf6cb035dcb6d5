/** The CSV/TSV reader's public surface. */
export { readCsv, CsvReader, DEFAULT_BATCH_ROWS, DEFAULT_BATCH_BYTES } from './csvReader.js';
export { readCsvHeader, delimiterForPath } from './header.js';
export { planCsvRanges } from './ranges.js';
export type { PlannedRange } from './ranges.js';
export { sniffDialect } from './dialect.js';
export type { CsvDialect, SniffOptions } from './dialect.js';
export type {
  CsvByteRange,
  CsvFormatOptions,
  CsvHeader,
  CsvHeaderOptions,
  CsvIssueOptions,
  CsvReadOptions,
  CsvReadSummary,
} from './csvOptions.js';
