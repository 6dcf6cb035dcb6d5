/** A one-line progress display on stderr, only when stderr is a terminal (never in logs or pipes). */
import type { Progress } from '../core/data/job.js';
import type { CliIo } from './cliIo.js';

export interface ProgressLine {
  readonly update: (progress: Progress) => void;
  readonly clear: () => void;
}

export function progressLine(io: CliIo, label: string): ProgressLine {
  if (!io.stderr.isTTY) return { update: () => undefined, clear: () => undefined };
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const seconds = (now - started) / 1000;
      const pct = p.total ? ` ${((100 * p.done) / p.total).toFixed(0).padStart(3)}%` : '';
      const rate = p.unit === 'bytes' && seconds > 0 ? ` ${(p.done / 1e6 / seconds).toFixed(0)} MB/s` : '';
      const done = p.unit === 'bytes' ? `${(p.done / 1e6).toFixed(0)}${p.total ? `/${(p.total / 1e6).toFixed(0)}` : ''} MB` : `${p.done} ${p.unit}`;
      io.stderr.write(`\r${label}${pct}  ${done}${rate}  ${seconds.toFixed(1)} s\x1b[K`);
      shown = true;
    },
    clear() {
      if (shown) io.stderr.write('\r\x1b[K');
    },
  };
}
