/** Command-line parsing shared by every command: strict options, mistakes reported as usage errors (exit 2). */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { UsageError } from './cliIo.js';

export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, options, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** `--format json|text` (default json). */
export function outputFormat(values: { readonly format?: string }): 'json' | 'text' {
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'text') throw new UsageError(`--format must be json or text, got '${format}'`);
  return format;
}
