/**
 * Long work as VS Code shows it: a cancellable notification with a percentage. The task gets an AbortSignal
 * (cancelling aborts it, which terminates its worker) and a fraction-based reporter turned into the increments
 * `withProgress` expects.
 */
import * as vscode from 'vscode';

export type FractionReporter = (fraction: number, message: string) => void;

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: unknown }).code === 'ABORT_ERR');
}

export function withCancellableProgress<T>(
  title: string,
  task: (signal: AbortSignal, report: FractionReporter) => Promise<T>,
  outer?: AbortSignal,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const abort = (): void => controller.abort(new DOMException('Cancelled', 'AbortError'));
    const subscription = token.onCancellationRequested(abort);
    outer?.addEventListener('abort', abort, { once: true });
    if (outer?.aborted) abort();
    let shown = 0;
    let lastMessage = '';
    const report: FractionReporter = (fraction, message) => {
      const percent = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
      if (percent <= shown && message === lastMessage) return;
      const increment = Math.max(0, percent - shown);
      shown = Math.max(shown, percent);
      lastMessage = message;
      progress.report({ increment, message: `${message} (${shown}%)` });
    };
    try {
      return await task(controller.signal, report);
    } finally {
      subscription.dispose();
      outer?.removeEventListener('abort', abort);
    }
  });
}
