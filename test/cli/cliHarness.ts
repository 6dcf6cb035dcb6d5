/** Runs CLI commands in-process with captured stdout/stderr, as a user's shell would see them. */
import { Writable } from 'node:stream';
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

export async function runCli(args: readonly string[], cwd = process.cwd()): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, { stdout, stderr, cwd, signal: new AbortController().signal });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
