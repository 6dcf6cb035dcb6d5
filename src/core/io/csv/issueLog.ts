/**
 * Where a reader's issues go: every issue is counted, the first `maxPerCode` of each code are passed on in full,
 * and `finish()` adds one issue per code saying how many more were not reported, so a file with a million ragged
 * rows yields 101 issues, not a million.
 */
import type { DataIssue, IssueSeverity, SourcePosition } from '../../data/issues.js';

export const DEFAULT_MAX_ISSUES_PER_CODE = 100;

/** What a log saw of one code: for merging the logs of readers that each read part of a file (IssueLog.merge). */
export interface IssueTally {
  readonly code: string;
  readonly severity: IssueSeverity;
  /** Issues seen, reported or not. */
  readonly count: number;
  /** How the closing summary describes the unreported ones. */
  readonly more: string;
}

export class IssueLog {
  readonly file: string;
  private readonly onIssue: ((issue: DataIssue) => void) | undefined;
  private readonly maxPerCode: number;
  private readonly counts = new Map<string, number>();
  private readonly severities = new Map<string, IssueSeverity>();
  private readonly summaries = new Map<string, string>();

  constructor(
    file: string,
    onIssue: ((issue: DataIssue) => void) | undefined,
    maxPerCode = DEFAULT_MAX_ISSUES_PER_CODE,
  ) {
    this.file = file;
    this.onIssue = onIssue;
    this.maxPerCode = Math.max(0, maxPerCode);
  }

  /**
   * Counts one issue of `code`. True when it is to be reported in full: the caller then builds it (computing a
   * position can cost a scan, so it is done only for issues that are shown) and passes it to `report`.
   * `more` describes the unreported ones in the closing summary, e.g. "rows had too many fields".
   */
  admit(code: string, severity: IssueSeverity, more: string): boolean {
    const count = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, count);
    if (count === 1) {
      this.severities.set(code, severity);
      this.summaries.set(code, more);
    }
    return count <= this.maxPerCode;
  }

  report(issue: DataIssue): void {
    this.onIssue?.(issue);
  }

  /** admit + report, for an issue built already. */
  push(issue: DataIssue, more = issue.message): void {
    if (this.admit(issue.code, issue.severity, more)) this.report(issue);
  }

  /** admit + report, for issues whose position is at hand. */
  add(
    code: string,
    severity: IssueSeverity,
    message: string,
    position: Omit<SourcePosition, 'file'>,
    more = message,
  ): void {
    if (this.admit(code, severity, more))
      this.report({ code, severity, message, position: { file: this.file, ...position } });
  }

  /** Reports, per code past its limit, one issue giving how many were left unreported. Call once, at the end. */
  finish(): void {
    for (const { code, severity, count, more } of this.tally()) {
      const hidden = count - this.maxPerCode;
      if (hidden <= 0) continue;
      this.report({
        code,
        severity,
        message: `${hidden} more issue${hidden === 1 ? '' : 's'} like this were not reported individually (${count} in all): ${more}`,
        position: { file: this.file },
      });
    }
  }

  /** Every code seen, in first-seen order. */
  tally(): IssueTally[] {
    return [...this.counts].map(([code, count]) => ({ code, severity: this.severities.get(code) ?? 'warning', count, more: this.summaries.get(code) ?? code }));
  }

  /**
   * Takes in the issues of a reader of the next part of the file — those it reported, in order, and its tally
   * (it did not finish() its log) — as if this log had seen them: the first `maxPerCode` of each code of the whole
   * file are reported, the rest counted for finish().
   */
  merge(reported: readonly DataIssue[], tally: readonly IssueTally[]): void {
    const described = new Map(tally.map((t) => [t.code, t]));
    const shown = new Map<string, number>();
    for (const issue of reported) {
      shown.set(issue.code, (shown.get(issue.code) ?? 0) + 1);
      this.push(issue, described.get(issue.code)?.more ?? issue.message);
    }
    for (const t of tally) {
      const hidden = t.count - (shown.get(t.code) ?? 0);
      for (let k = 0; k < hidden; k++) this.admit(t.code, t.severity, t.more);
    }
  }

  /** Issues seen per code, reported or not. */
  countsByCode(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
