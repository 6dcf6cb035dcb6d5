/**
 * The CLI's rule for data that could not really be read: when a reader error ended the read early (a file that
 * is not TFRecord, a quote that swallowed the rest of a CSV) or no record could be read at all, the command
 * fails (exit 1) with the reason instead of reporting "0 examples" or writing an empty schema as if it were the
 * dataset's. Collects the issues of one read; `check` throws after it.
 */
import type { DataIssue } from '../core/data/issues.js';
import { FacetwiseError, formatPosition } from '../core/data/issues.js';
import { endsReadEarly } from '../core/io/readEndingIssues.js';

export interface ReadGuard {
  /** Pass every reader issue through this. */
  readonly onIssue: (issue: DataIssue) => void;
  /**
   * Throws FacetwiseError when the read ended early or (unless `allowEmpty`, for validation, where TFDV's
   * "data missing" anomaly says it) found no record.
   */
  readonly check: (input: string, numExamples: bigint | number, options?: { readonly allowEmpty?: boolean }) => void;
}

export function readGuard(): ReadGuard {
  let ending: DataIssue | undefined;
  return {
    onIssue(issue) {
      if (!ending && endsReadEarly(issue)) ending = issue;
    },
    check(input, numExamples, options = {}) {
      if (ending) {
        throw new FacetwiseError(
          'INPUT_READ_INCOMPLETE',
          `reading stopped early at ${formatPosition(ending.position)} (${ending.code}, above): nothing is reported for a partly read dataset.`,
          { file: input },
        );
      }
      if (Number(numExamples) === 0 && !options.allowEmpty) {
        throw new FacetwiseError('INPUT_NO_RECORDS', 'no record could be read (the dataset is empty, or a CSV has only its header row).', { file: input });
      }
    },
  };
}
