#!/usr/bin/env node
// Runs Facetwise's integration tests in a real VS Code (code-server) — see main.ts. A .mjs entry so it runs
// with plain `node`; the TypeScript harness runs in a child `node --import tsx` (the way the unit tests run).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', cli, ...process.argv.slice(2)], { stdio: 'inherit' });
// Ctrl-C reaches the child through the terminal's process group; the child cleans up and exits. Other signals
// sent to this process only are passed on.
process.on('SIGINT', () => undefined);
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
