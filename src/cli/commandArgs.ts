/** Command-line parsing shared by every command: strict options, mistakes reported as usage errors (exit 2). */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { didYouMean } from '../core/data/closestNames.js';
import { UsageError } from './cliIo.js';

export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, options, strict: true });
  } catch (err) {
    throw new UsageError(parseErrorMessage(err, options));
  }
}

/** Node's parser messages, said the way a user needs them: the option, and the one they probably meant. */
export function parseErrorMessage(err: unknown, options: NonNullable<ParseArgsConfig['options']>): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  const names = Object.keys(options).map((name) => `--${name}`);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /Unknown option '([^']+)'/.exec(message)?.[1] ?? '';
    const flag = option.replace(/=.*$/, '');
    return `unknown option ${flag}${flag.startsWith('--') ? didYouMean(flag, names, (s) => s) : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /Option '(?:-\w, )?(--[^ ']+)/.exec(message)?.[1];
    if (option && /argument missing/.test(message)) return `${option} needs a value`;
    if (option) return `${option} takes no value`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return 'unexpected argument';
  return message;
}

/** `--format json|text` (default json). */
export function outputFormat(values: { readonly format?: string }): 'json' | 'text' {
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'text') throw new UsageError(`--format must be json or text, got '${format}'`);
  return format;
}
