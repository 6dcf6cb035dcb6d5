// Starts code-server (a real VS Code server + web workbench) isolated from the machine: fresh user-data,
// extensions and config dirs, a private TMPDIR/XDG_*, no gallery, no telemetry, bound to a free loopback port,
// in its own process group so stopping it stops the extension host and every helper it spawned.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup.js';
import type { CodeServerInstall } from './codeServerInstall.js';
import { freePort } from './freePort.js';
import { writeUserSettings, type UserSettings } from './userSettings.js';

export interface CodeServerOptions {
  install: CodeServerInstall;
  /** The folder VS Code opens. */
  workspaceFolder: string;
  /** Settings written to the user settings.json before start (e.g. the color theme). */
  userSettings: UserSettings;
  /** code-server's stdout/stderr go here. */
  logFile: string;
  /** Extra environment for the server and, through it, the extension host. */
  env?: Record<string, string>;
  /** Keep the private state folder after stop (for debugging). */
  keepState?: boolean;
  /**
   * Extensions folder to start with (e.g. one a .vsix was installed into with installExtension()). Default: an
   * empty private one. A given folder is the caller's: it is not deleted on stop.
   */
  extensionsDir?: string;
}

export interface CodeServer {
  port: number;
  /** e.g. http://127.0.0.1:43123 */
  origin: string;
  /** The workbench URL with the workspace folder open. */
  workbenchUrl: string;
  /** The authority VS Code uses in vscode-remote:// URIs for files on the server. */
  remoteAuthority: string;
  /** Holds User/settings.json (written before start; see userSettings.ts). */
  userDataDir: string;
  stop(): Promise<void>;
}

/** Environment variables from an enclosing VS Code / Electron that would confuse a nested server. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (key.startsWith('VSCODE_') || key.startsWith('ELECTRON_') || key === 'PORT' || key === 'PASSWORD') continue;
    env[key] = value;
  }
  return env;
}

async function waitUntilHealthy(origin: string, exited: () => string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    const exit = exited();
    if (exit !== undefined) throw new Error(`code-server exited before it was ready (${exit})`);
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server was not ready after ${timeoutMs} ms (${lastError})`);
}

/** The private state a code-server process gets: user data, extensions, config, TMPDIR and XDG_* folders. */
interface IsolatedState {
  stateDir: string;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
  /** The environment that points the process at those folders (on top of the inherited one). */
  env: Record<string, string>;
}

function createIsolatedState(): IsolatedState {
  const stateDir = mkdtempSync(join(tmpdir(), 'facetwise-code-server-'));
  const userDataDir = join(stateDir, 'user-data');
  const extensionsDir = join(stateDir, 'extensions');
  const privateTmp = join(stateDir, 'tmp');
  const xdg = { XDG_CONFIG_HOME: 'xdg-config', XDG_DATA_HOME: 'xdg-data', XDG_CACHE_HOME: 'xdg-cache', XDG_STATE_HOME: 'xdg-state' };
  for (const dir of [userDataDir, extensionsDir, privateTmp, ...Object.values(xdg).map((d) => join(stateDir, d))]) {
    mkdirSync(dir, { recursive: true });
  }
  const configFile = join(stateDir, 'config.yaml');
  // Our own config so code-server never writes or reads ~/.config/code-server/config.yaml.
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const env: Record<string, string> = {
    ...inheritedEnv(),
    EXTENSIONS_GALLERY: '{}',
    TMPDIR: privateTmp,
    ...Object.fromEntries(Object.entries(xdg).map(([k, d]) => [k, join(stateDir, d)])),
  };
  return { stateDir, userDataDir, extensionsDir, configFile, env };
}

/**
 * Installs a .vsix into `extensionsDir` with code-server's own CLI (`--install-extension`), as a user installs a
 * packaged extension, isolated from the machine like startCodeServer(). Throws with the CLI's output on failure.
 */
export function installExtension(install: CodeServerInstall, vsixPath: string, extensionsDir: string, logFile: string): void {
  const state = createIsolatedState();
  try {
    const result = spawnSync(
      install.nodePath,
      [install.entryPath, '--install-extension', vsixPath, '--extensions-dir', extensionsDir, '--user-data-dir', state.userDataDir, '--config', state.configFile],
      { env: state.env, cwd: state.stateDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
    );
    appendFileSync(logFile, `$ code-server --install-extension ${vsixPath} --extensions-dir ${extensionsDir}\n${result.stdout}${result.stderr}\n`);
    if (result.status !== 0) {
      throw new Error(`code-server --install-extension ${vsixPath} failed (exit ${String(result.status)}): ${result.stderr || result.stdout}`);
    }
  } finally {
    rmSync(state.stateDir, { recursive: true, force: true });
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { stateDir, userDataDir, configFile, env: isolatedEnv } = createIsolatedState();
  const extensionsDir = options.extensionsDir ?? join(stateDir, 'extensions');
  writeUserSettings(userDataDir, options.userSettings);

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = { ...isolatedEnv, ...options.env };
  const args = [
    options.install.entryPath,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-workspace-trust',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', configFile,
    options.workspaceFolder,
  ];
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(options.install.nodePath, args, {
    env,
    cwd: options.workspaceFolder,
    detached: true, // a new process group (setsid), so one signal reaches the whole tree
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exitDescription: string | undefined;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitDescription = `exit code ${String(code)}, signal ${String(signal)}`;
      resolve();
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('code-server did not start');

  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    killGroup('SIGTERM');
    const timedOut = await Promise.race([exitedPromise.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 5000))]);
    // The server may be gone while helpers (extension host, file watcher) linger: always sweep the group.
    killGroup('SIGKILL');
    if (timedOut) await Promise.race([exitedPromise, new Promise((r) => setTimeout(r, 2000))]);
    log.end();
    if (!options.keepState) rmSync(stateDir, { recursive: true, force: true });
  };
  const unregister = onCleanup('code-server', stop, () => {
    killGroup('SIGKILL');
    if (!options.keepState) rmSync(stateDir, { recursive: true, force: true });
  });

  try {
    await waitUntilHealthy(origin, () => exitDescription, 60_000);
  } catch (error) {
    await stop();
    unregister();
    throw new Error(`${String(error)}; see ${options.logFile}`);
  }

  const folderQuery = encodeURIComponent(options.workspaceFolder).replace(/%2F/g, '/');
  return {
    port,
    origin,
    workbenchUrl: `${origin}/?folder=${folderQuery}`,
    remoteAuthority: `127.0.0.1:${port}`,
    userDataDir,
    stop: async () => {
      unregister();
      await stop();
    },
  };
}
