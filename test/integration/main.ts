// The integration run: install code-server if needed, build, start VS Code on a sample workspace, run the mocha
// suite inside its extension host, then the UI tests in the workbench, print a summary and clean up.
// Entry: `node test/integration/run.mjs [--grep <text>] [--only mocha|ui] [--keep-state] [--build-only]`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, newIsolatedContext } from './harness/browser.js';
import { buildForIntegration } from './harness/build.js';
import { onCleanup, runCleanups } from './harness/cleanup.js';
import { startCodeServer } from './harness/codeServer.js';
import { ensureCodeServerInstalled } from './harness/codeServerInstall.js';
import { mochaRunnerPath, repoRoot, testResultsDir } from './harness/paths.js';
import { createTaxiWorkspace } from './harness/sampleWorkspace.js';
import { makeContext, runUiTests, type UiTestResult } from './harness/uiTest.js';
import { testUserSettings } from './harness/userSettings.js';
import { openWorkbench, waitForWorkbenchReady } from './harness/workbench.js';
import { allUiTests } from './ui/index.js';
import { screenshot, setColorTheme } from './harness/uiActions.js';
import type { MochaReport } from './runner/index.js';

interface Args {
  grep?: string;
  only?: 'mocha' | 'ui';
  keepState: boolean;
  buildOnly: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { keepState: false, buildOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--grep') args.grep = argv[++i];
    else if (a === '--only') {
      const v = argv[++i];
      if (v !== 'mocha' && v !== 'ui') throw new Error('--only takes mocha or ui');
      args.only = v;
    } else if (a === '--keep-state') args.keepState = true;
    else if (a === '--build-only') args.buildOnly = true;
    else throw new Error(`unknown argument ${String(a)}`);
  }
  return args;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function readMochaReport(path: string): MochaReport | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as MochaReport;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000}s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.buildOnly) {
    // For desktop VS Code via @vscode/test-cli (.vscode-test.mjs), which runs the built bundles.
    await buildForIntegration();
    say('[harness] built dist/extension.js and dist/test/integration/');
    return 0;
  }
  const started = Date.now();
  const timings: string[] = [];
  const time = async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
    const t = Date.now();
    const result = await fn();
    timings.push(`${label} ${seconds(Date.now() - t)}`);
    return result;
  };

  rmSync(testResultsDir, { recursive: true, force: true });
  mkdirSync(testResultsDir, { recursive: true });
  let passed = 0;
  let failed = 0;
  try {
    const install = await time('install', () => ensureCodeServerInstalled());
    say(`[harness] code-server ${install.codeServerVersion} (VS Code ${install.vscodeVersion})`);
    await time('build', () => buildForIntegration());

    // The taxi lab: taxi/train.csv, taxi/eval.csv, taxi/schema.pbtxt inferred from train, one TFRecord shard.
    const workspace = createTaxiWorkspace();
    onCleanup('workspace', () => workspace.dispose(), () => workspace.dispose());
    const mochaReportPath = join(testResultsDir, 'mocha-report.json');
    const server = await time('start code-server', () =>
      startCodeServer({
        install,
        workspaceFolder: workspace.folder,
        userSettings: testUserSettings('dark'),
        logFile: join(testResultsDir, 'code-server.log'),
        keepState: args.keepState,
        env: { FACETWISE_INTEGRATION_REPORT: mochaReportPath, ...(args.grep ? { FACETWISE_INTEGRATION_GREP: args.grep } : {}) },
      }),
    );
    say(`[harness] code-server at ${server.origin}, workspace ${workspace.folder}`);
    const browser = await launchBrowser();

    if (args.only !== 'ui') {
      say('[harness] mocha suite in the extension host:');
      const workbenchLog = join(testResultsDir, 'workbench-mocha.log');
      await time('mocha', async () => {
        const context = await newIsolatedContext(browser);
        try {
          const wb = await openWorkbench(context, {
            server,
            extensionFolder: repoRoot,
            extensionTestsPath: mochaRunnerPath,
            onLog: (level, message) => {
              appendFileSync(workbenchLog, `[${level}] ${message}\n`);
            },
          });
          const exitCode = await withTimeout(wb.automationExit, 180_000, 'the extension-host test run');
          const report = readMochaReport(mochaReportPath);
          if (!report) {
            failed += 1;
            say(`  ✗ the mocha runner wrote no report (extension host exit code ${exitCode}); see ${workbenchLog} and code-server.log`);
            return;
          }
          passed += report.passed;
          failed += report.failed;
          say(`  ${report.passed} passed, ${report.failed} failed, ${report.pending} pending (extension host exit code ${exitCode})`);
          for (const f of report.failures) say(`  ✗ ${f.title}\n${f.error.replace(/^/gm, '      ')}`);
          if (report.failed === 0 && exitCode !== 0) {
            failed += 1;
            say(`  ✗ the extension host exited with ${exitCode} although every test passed`);
          }
        } finally {
          await context.close();
        }
      });
    }

    if (args.only !== 'mocha') {
      say('[harness] UI tests:');
      // `a|b` runs the tests whose names contain a or b (as mocha's --grep regex reads it).
      const wanted = args.grep?.split('|') ?? [];
      const tests = args.grep ? allUiTests.filter((t) => wanted.some((w) => t.name.includes(w))) : allUiTests;
      const results: UiTestResult[] = await time('ui', async () => {
        const context = await newIsolatedContext(browser);
        try {
          const { page } = await openWorkbench(context, { server, extensionFolder: repoRoot });
          try {
            await waitForWorkbenchReady(page);
            // Every UI test starts in the dark theme (see userSettings.THEME_IDS for why it is set through the UI).
            await setColorTheme(page, 'dark');
          } catch (error) {
            await screenshot(page, 'FAILED-ui-setup').catch(() => undefined);
            throw error;
          }
          return await runUiTests(tests, (shots) => makeContext(page, server, workspace.folder, shots), say);
        } finally {
          await context.close();
        }
      });
      for (const r of results) {
        if (r.ok) passed += 1;
        else failed += 1;
      }
      writeFileSync(join(testResultsDir, 'ui-report.json'), JSON.stringify(results, null, 2));
      const shots = results.flatMap((r) => r.screenshots);
      if (shots.length > 0) say(`[harness] screenshots: ${shots.map((s) => s.slice(repoRoot.length + 1)).join(', ')}`);
    }
  } catch (error) {
    failed += 1;
    say(`[harness] ERROR: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    await time('cleanup', () => runCleanups());
  }
  say(`[harness] timings: ${timings.join(', ')}, total ${seconds(Date.now() - started)}`);
  say(`integration: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}
