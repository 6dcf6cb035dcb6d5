/** Runs CLI commands in-process with captured stdout/stderr, as a user's shell would see them. */
import { Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/cliIo.js';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** A command's io with captured output (for running one command built with test dependencies). */
export function captureIo(cwd = process.cwd()): { readonly io: CliIo; result(code: number): CliRun } {
  const stdout = new Capture();
  const stderr = new Capture();
  return { io: { stdout, stderr, cwd, signal: new AbortController().signal }, result: (code) => ({ code, stdout: stdout.text, stderr: stderr.text }) };
}

export async function runCli(args: readonly string[], cwd = process.cwd()): Promise<CliRun> {
  const { io, result } = captureIo(cwd);
  return result(await main(args, io));
}
