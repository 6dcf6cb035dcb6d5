// The packaged extension as a user gets it: facetwise.vsix (`npm run package`, built here when missing or older
// than what it packs) installed with code-server's own CLI into a fresh extensions folder, then a second
// code-server started on that folder with no development override, driven through the UI.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newIsolatedContext } from '../harness/browser.js';
import { installExtension, startCodeServer } from '../harness/codeServer.js';
import { ensureCodeServerInstalled } from '../harness/codeServerInstall.js';
import { repoRoot, testResultsDir } from '../harness/paths.js';
import { createTaxiWorkspace, TAXI_WORKSPACE } from '../harness/sampleWorkspace.js';
import type { UiTest } from '../harness/uiTest.js';
import {
  explorerContextMenu,
  openProblems,
  parkMouse,
  screenshot,
  setColorTheme,
  visibleWebview,
  waitForNoNotification,
  waitForProblemMarkers,
} from '../harness/uiActions.js';
import { testUserSettings } from '../harness/userSettings.js';
import { openWorkbench, waitForWorkbenchReady } from '../harness/workbench.js';
import { featureRow, waitForActiveTab, waitForSummary } from './overviewView.js';

const vsixPath = join(repoRoot, 'facetwise.vsix');

/** Files of `dir` (recursively), or none when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** Newest modification time of what the .vsix packs (see .vscodeignore). */
function newestPackedInput(): number {
  const inputs = [
    ...['package.json', 'README.md', 'LICENSE', '.vscodeignore'].map((f) => join(repoRoot, f)),
    ...filesUnder(join(repoRoot, 'dist')).filter((f) => !f.includes(`${join('dist', 'test')}`) && !f.endsWith('.map')),
    ...filesUnder(join(repoRoot, 'media')),
  ].filter((f) => existsSync(f));
  return Math.max(...inputs.map((f) => statSync(f).mtimeMs));
}

function runNpm(args: readonly string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', [...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      appendFileSync(logFile, `$ npm ${args.join(' ')}\n${output}\n`);
      if (code === 0) resolve();
      else reject(new Error(`npm ${args.join(' ')} failed (exit ${String(code)}):\n${output.slice(-3000)}`));
    });
  });
}

/** facetwise.vsix, made with `npm run package` when it is missing or older than anything it packs. */
async function ensureVsix(logFile: string): Promise<void> {
  if (existsSync(vsixPath) && statSync(vsixPath).mtimeMs >= newestPackedInput()) return;
  await runNpm(['run', 'package'], logFile);
  if (!existsSync(vsixPath)) throw new Error(`npm run package did not write ${vsixPath}`);
}

export const vsixInstallUiTests: readonly UiTest[] = [
  {
    name: 'vsix: facetwise.vsix installed with code-server --install-extension works with no development override (Explorer → Validate Dataset → Problems; overview renders styled)',
    // Packaging runs a full build first (gen + esbuild + vsce): minutes on a busy 2-core machine.
    timeoutMs: 480_000,
    async run({ page }) {
      const logFile = join(testResultsDir, 'code-server-vsix.log');
      await ensureVsix(logFile);
      const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
      const install = ensureCodeServerInstalled();
      const extensionsDir = mkdtempSync(join(tmpdir(), 'facetwise-vsix-extensions-'));
      const workspace = createTaxiWorkspace();
      const browser = page.context().browser();
      assert.ok(browser, 'the UI page belongs to a launched browser');
      try {
        installExtension(install, vsixPath, extensionsDir, logFile);
        // Installed where VS Code puts a gallery or .vsix install: <publisher>.<name>-<version>.
        const installed = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
        for (const file of ['package.json', 'dist/extension.js', 'dist/worker.js', 'dist/webview/overview.js', 'media/overview.css']) {
          assert.ok(existsSync(join(installed, file)), `${file} is not in the installed extension (${installed})`);
        }

        const server = await startCodeServer({
          install,
          workspaceFolder: workspace.folder,
          userSettings: testUserSettings('dark'),
          logFile,
          extensionsDir,
        });
        const context = await newIsolatedContext(browser);
        try {
          // No extensionFolder: the workbench loads only what is installed in extensionsDir.
          const { page: user } = await openWorkbench(context, { server });
          await waitForWorkbenchReady(user);
          await setColorTheme(user, 'dark');
          assert.ok(!(await user.title()).includes('Extension Development Host'), await user.title());

          await explorerContextMenu(user, TAXI_WORKSPACE.eval, 'Validate Dataset');
          await openProblems(user);
          const markers = await waitForProblemMarkers(user, 'the payment_type row from the installed extension', (ms) =>
            ms.some((m) => m.code === 'ENUM_TYPE_UNEXPECTED_STRING_VALUES' && m.message.startsWith('payment_type: ') && m.source === 'Facetwise'),
          60_000);
          assert.ok(markers.some((m) => m.message.startsWith('company: ')), JSON.stringify(markers));
          await waitForNoNotification(user, 'Facetwise: ');
          await parkMouse(user);
          await screenshot(user, 'vsix-problems-dark');

          await explorerContextMenu(user, TAXI_WORKSPACE.eval, 'Open Dataset Overview');
          await waitForActiveTab(user, 'Overview: eval.csv');
          const view = visibleWebview(user);
          await waitForSummary(view, '5,000 examples');
          await waitForSummary(view, '2 anomalies', 20_000);
          assert.equal((await featureRow(view, 'payment_type').locator('.anomaly-short').innerText()).trim(), 'Unexpected string values');
          // media/overview.css made it into the package and loads under the webview's CSP (the title is 20px).
          const titleSize = await view.locator('#ov-title').evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).fontSize as string);
          assert.equal(titleSize, '20px');
          await waitForNoNotification(user, 'Facetwise: ');
          await parkMouse(user);
          await screenshot(user, 'vsix-overview-dark');
        } finally {
          await context.close();
          await server.stop();
        }
      } finally {
        workspace.dispose();
        rmSync(extensionsDir, { recursive: true, force: true });
      }
    },
  },
];
