/**
 * Reader issues after which the rest of a file was not read: the statistics then describe only a prefix (often
 * nothing), so a command must not report them as the dataset's. Other issues (a ragged row, one bad record)
 * skip a row and reading carries on.
 */
import type { DataIssue } from '../data/issues.js';

const READ_ENDING_CODES: ReadonlySet<string> = new Set([
  'TFRECORD_LENGTH_CRC_MISMATCH',
  'TFRECORD_RECORD_TOO_LARGE',
  'TFRECORD_DECOMPRESSION_ERROR',
  'TFRECORD_READ_ERROR',
  'CSV_UNTERMINATED_QUOTE',
]);

export function endsReadEarly(issue: DataIssue): boolean {
  return issue.severity === 'error' && READ_ENDING_CODES.has(issue.code);
}
