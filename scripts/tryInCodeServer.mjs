#!/usr/bin/env node
// Try Facetwise by hand in a real VS Code: starts code-server with the extension installed and a sample
// workspace (copies of ../shared/data/taxi/*.csv), prints the URL, and runs until Ctrl-C.
//   node scripts/tryInCodeServer.mjs [--port 8080] [--host 127.0.0.1] [--no-build]
// The extension is "installed" by linking the repo into a fresh extensions folder (VS Code registers what it
// finds there on first start), so a rebuild (`node test/integration/run.mjs --build-only`) + window reload
// picks up changes. Everything it creates lives in one temp folder that is removed on exit.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from './installCodeServer.mjs';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const host = option('--host') ?? '127.0.0.1';

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const install = ensureCodeServer();
if (!argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [join(repoRoot, 'test', 'integration', 'run.mjs'), '--build-only'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) {
  console.error('dist/extension.js is missing: build first (node test/integration/run.mjs --build-only)');
  process.exit(1);
}

const stateDir = mkdtempSync(join(tmpdir(), 'facetwise-try-'));
const workspace = join(stateDir, 'workspace');
const userDataDir = join(stateDir, 'user-data');
const extensionsDir = join(stateDir, 'extensions');
for (const dir of [workspace, join(userDataDir, 'User'), extensionsDir, join(stateDir, 'tmp')]) mkdirSync(dir, { recursive: true });

const taxiDir = resolve(repoRoot, '..', 'shared', 'data', 'taxi');
if (existsSync(taxiDir)) {
  for (const name of readdirSync(taxiDir).filter((n) => n.endsWith('.csv'))) {
    copyFileSync(join(taxiDir, name), join(workspace, name));
    chmodSync(join(workspace, name), 0o644); // shared data is read-only; the copies are the user's to edit
  }
} else {
  console.warn(`no sample data at ${taxiDir}; the workspace is empty`);
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
symlinkSync(repoRoot, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
writeFileSync(
  join(userDataDir, 'User', 'settings.json'),
  `${JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    },
    null,
    2,
  )}\n`,
);
const configFile = join(stateDir, 'config.yaml');
writeFileSync(configFile, 'auth: none\ncert: false\n');

const port = Number(option('--port') ?? (await freePort()));
const env = { ...process.env, EXTENSIONS_GALLERY: '{}', TMPDIR: join(stateDir, 'tmp') };
for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key.startsWith('ELECTRON_')) delete env[key];
const child = spawn(
  install.nodePath,
  [
    install.entryPath,
    '--auth', 'none',
    '--bind-addr', `${host}:${port}`,
    '--disable-workspace-trust',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', configFile,
    workspace,
  ],
  { env, cwd: workspace, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
);
const logFile = join(stateDir, 'code-server.log');
child.stdout.on('data', (chunk) => writeFileSync(logFile, chunk, { flag: 'a' }));
child.stderr.on('data', (chunk) => writeFileSync(logFile, chunk, { flag: 'a' }));

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(stateDir, { recursive: true, force: true });
    process.exit(code);
  }, 1500);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('SIGHUP', () => stop(0));
child.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`code-server stopped (exit ${code}, signal ${signal}); log: ${logFile}`);
  stop(1);
});

const origin = `http://${host}:${port}`;
for (let i = 0; i < 240; i++) {
  try {
    if ((await fetch(`${origin}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 250));
}
console.log(`\nFacetwise in code-server ${install.codeServerVersion} (VS Code ${install.vscodeVersion})`);
console.log(`  open:      ${origin}/?folder=${workspace}`);
console.log(`  workspace: ${workspace}`);
console.log(`  log:       ${logFile}`);
console.log('Ctrl-C to stop (removes the temp folder).');
