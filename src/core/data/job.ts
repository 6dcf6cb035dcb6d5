/** What every long-running engine function takes: a way to stop it and a way to hear how far it got. */

export interface Progress {
  /** Work done and total, in the job's unit (bytes read, rows predicted…); total is undefined when unknown. */
  readonly done: number;
  readonly total: number | undefined;
  readonly unit: 'bytes' | 'rows' | 'records' | 'steps';
  /** Short human text, e.g. "train.csv". */
  readonly message?: string;
}

export interface JobOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
}

/** Throws the signal's reason (an AbortError) when the job was cancelled; call it between units of work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    throw reason instanceof Error ? reason : new DOMException('The operation was aborted', 'AbortError');
  }
}
