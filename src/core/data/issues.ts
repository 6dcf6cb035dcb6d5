/**
 * Errors as values: what a reader or job found wrong with its input, with a position a user can go to.
 * Readers report these and carry on where they sensibly can; only an unreadable input stops a job.
 */

export type IssueSeverity = 'error' | 'warning';

export interface SourcePosition {
  /** The file (shard) concerned. */
  readonly file: string;
  /** 1-based line, for text formats. */
  readonly line?: number;
  /** 1-based column (in characters of the line), for text formats. */
  readonly column?: number;
  /** 0-based record index within the file, for TFRecord. */
  readonly record?: number;
  /** 0-based byte offset within the (decompressed) file, where known. */
  readonly offset?: number;
}

export interface DataIssue {
  /** Stable machine-readable code, e.g. `CSV_RAGGED_ROW`, `TFRECORD_CRC_MISMATCH`. */
  readonly code: string;
  readonly severity: IssueSeverity;
  /** A sentence a user understands, without the position (that is in `position`). */
  readonly message: string;
  readonly position: SourcePosition;
}

/** Thrown only when an input cannot be read at all (missing file, not a dataset); carries the same fields. */
export class FacetwiseError extends Error {
  readonly code: string;
  readonly position: SourcePosition | undefined;

  constructor(code: string, message: string, position?: SourcePosition) {
    super(position ? `${formatPosition(position)}: ${message}` : message);
    this.name = 'FacetwiseError';
    this.code = code;
    this.position = position;
  }
}

/** `file:line:column`, `file: record N`, or `file`, the way compilers print positions. */
export function formatPosition(p: SourcePosition): string {
  if (p.line !== undefined) return p.column !== undefined ? `${p.file}:${p.line}:${p.column}` : `${p.file}:${p.line}`;
  if (p.record !== undefined) return `${p.file}: record ${p.record}`;
  if (p.offset !== undefined) return `${p.file}: byte ${p.offset}`;
  return p.file;
}

export function formatIssue(issue: DataIssue): string {
  return `${formatPosition(issue.position)}: ${issue.severity}: ${issue.message} [${issue.code}]`;
}
