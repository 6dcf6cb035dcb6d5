#!/usr/bin/env node
/** `facetwise <command> …`: the headless entry over the engine. Each command lives in ./commands. */
import { ExitCode, UsageError } from './cliIo.js';
import type { CliIo } from './cliIo.js';
import { commands } from './commands/index.js';
import type { CommandEntry } from './commands/index.js';

const mainUsage = (): string =>
  [
    'Usage: facetwise <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`),
    '',
    'Run `facetwise <command> --help` for a command\'s options.',
    'Exit codes: 0 ok, 1 input could not be read, 2 usage error, 3 anomalies found.',
  ].join('\n');

/** The first line of a command's help: `Usage: facetwise … [options]`. */
function usageLine(usage: string): string {
  return usage.split('\n', 1)[0] ?? usage;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainUsage() + '\n');
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version') {
    io.stdout.write('facetwise 0.1.0\n');
    return ExitCode.ok;
  }
  // Two-word commands (`model init`) are registered with their space.
  const entry: CommandEntry | undefined =
    commands.find((c) => rest.length > 0 && c.name === `${name} ${rest[0]}`) ?? commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`facetwise: unknown command '${name}'\n\n${mainUsage()}\n`);
    return ExitCode.usage;
  }
  const command = await entry.load();
  const args = entry.name.includes(' ') ? rest.slice(1) : rest;
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(command.usage + '\n');
    return ExitCode.ok;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      // The mistake and the usage line, not the whole help (that is one --help away).
      io.stderr.write(`facetwise ${command.name}: ${err.message}\n${usageLine(command.usage)}\nRun 'facetwise ${command.name} --help' for every option.\n`);
      return ExitCode.usage;
    }
    if (io.signal.aborted) {
      io.stderr.write(`facetwise ${command.name}: cancelled\n`);
      return 130;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`facetwise ${command.name}: ${message}\n`);
    return ExitCode.inputError;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), signal: controller.signal };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`facetwise: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = ExitCode.inputError;
    },
  );
}
