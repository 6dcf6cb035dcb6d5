// Runs scripts/installCodeServer.mjs (a no-op once installed) and reads where code-server is from its JSON line.
import { spawnSync } from 'node:child_process';
import { installScript, repoRoot } from './paths.js';

export interface CodeServerInstall {
  nodePath: string;
  entryPath: string;
  installDir: string;
  codeServerVersion: string;
  vscodeVersion: string;
}

function isInstall(value: unknown): value is CodeServerInstall {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['nodePath', 'entryPath', 'installDir', 'codeServerVersion', 'vscodeVersion'].every((k) => typeof v[k] === 'string');
}

export function ensureCodeServerInstalled(): CodeServerInstall {
  const result = spawnSync(process.execPath, [installScript, '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`installing code-server failed (exit ${String(result.status)})`);
  const lastLine = result.stdout.trim().split('\n').pop() ?? '';
  const parsed: unknown = JSON.parse(lastLine);
  if (!isInstall(parsed)) throw new Error(`unexpected output from ${installScript}: ${lastLine}`);
  return parsed;
}
