/** The outside world of a CLI command, injected so commands are testable without spawning processes. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly cwd: string;
  /** Cancelled on SIGINT. */
  readonly signal: AbortSignal;
}

/** Exit codes shared by every command. */
export const ExitCode = {
  ok: 0,
  /** Input could not be read (missing file, unreadable format). */
  inputError: 1,
  /** The command line was wrong. */
  usage: 2,
  /** The job ran and found ERROR-severity anomalies (validate) or a failing check. */
  anomalies: 3,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A command line mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full `--help` text. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}
