// One place that stops everything the harness started (code-server's process group, the browser), whatever way
// the run ends: normal return, thrown error, Ctrl-C or SIGTERM. Cleanups run in reverse order of registration.
type Cleanup = () => void | Promise<void>;

const cleanups: Array<{ name: string; fn: Cleanup; sync?: () => void }> = [];
let installed = false;
let running: Promise<void> | undefined;

/**
 * Registers a cleanup. `sync` is a last-resort synchronous variant used when the process is already exiting
 * (the 'exit' event cannot await), e.g. killing a process group with a signal.
 */
export function onCleanup(name: string, fn: Cleanup, sync?: () => void): () => void {
  installHandlers();
  const entry = { name, fn, sync };
  cleanups.push(entry);
  return () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

/** Runs every registered cleanup once (later calls wait for the first). */
export function runCleanups(): Promise<void> {
  running ??= (async () => {
    while (cleanups.length > 0) {
      const entry = cleanups.pop();
      if (!entry) break;
      try {
        await entry.fn();
      } catch (error) {
        process.stderr.write(`[cleanup] ${entry.name} failed: ${String(error)}\n`);
        entry.sync?.();
      }
    }
  })();
  return running;
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n[harness] ${signal}: stopping code-server and the browser…\n`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
  process.once('exit', () => {
    for (const entry of cleanups.splice(0).reverse()) entry.sync?.();
  });
}
