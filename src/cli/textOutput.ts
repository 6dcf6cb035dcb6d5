/** Plain-text tables and JSON on stdout, as the model and serving-config commands write them (no model code here). */
import type { CliIo } from './cliIo.js';
import { wholeMilliseconds } from './format/numbers.js';

/** A plain text table, columns padded to their widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** JSON on stdout; durations (`millis`, `…Ms`) as whole milliseconds, as every command writes them. */
export function writeJson(io: CliIo, value: unknown): void {
  const replacer = (key: string, v: unknown): unknown => (typeof v === 'number' && (key === 'millis' || /Ms$/.test(key)) ? wholeMilliseconds(v) : v);
  io.stdout.write(JSON.stringify(value, replacer, 2) + '\n');
}
