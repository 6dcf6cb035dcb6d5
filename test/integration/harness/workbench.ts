// Opens the VS Code workbench served by code-server in a page, with the extension under development (and, for
// the mocha phase, the extension-host test runner) injected into its configuration, and VS Code's automation
// hooks (codeAutomationLog / codeAutomationExit) bound to the harness.
import type { BrowserContext, Page } from 'playwright-core';
import type { CodeServer } from './codeServer.js';
import { developmentOptionsInitScript, remoteUri, type DevelopmentOptions } from './workbenchConfig.js';

export interface WorkbenchOptions {
  server: CodeServer;
  /**
   * Folder of the extension under development (the repo root: package.json + dist/extension.js). Omitted (and
   * no extensionTestsPath): the workbench starts as code-server serves it, with only the installed extensions.
   */
  extensionFolder?: string;
  /** Absolute path of a module exporting run(); VS Code runs it in the extension host, then exits it. */
  extensionTestsPath?: string;
  /** Receives every line VS Code logs through codeAutomationLog (extension-host console in test mode). */
  onLog?: (level: string, message: string) => void;
}

export interface Workbench {
  page: Page;
  /** Settles with the extension host's exit code after a test run (only when extensionTestsPath was given). */
  automationExit: Promise<number>;
}

export async function openWorkbench(context: BrowserContext, options: WorkbenchOptions): Promise<Workbench> {
  const page = await context.newPage();
  const { server } = options;
  let resolveExit: (code: number) => void = () => undefined;
  const automationExit = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
  await page.exposeFunction('codeAutomationLog', (level: unknown, message: unknown) => {
    options.onLog?.(String(level), String(message));
  });
  await page.exposeFunction('codeAutomationExit', (code: unknown) => {
    resolveExit(typeof code === 'number' ? code : Number(code));
  });

  const developmentOptions: DevelopmentOptions = {};
  if (options.extensionFolder) developmentOptions.extensions = [remoteUri(server.remoteAuthority, options.extensionFolder)];
  if (options.extensionTestsPath) {
    developmentOptions.extensionTestsPath = remoteUri(server.remoteAuthority, options.extensionTestsPath);
  }
  const inject = Object.keys(developmentOptions).length > 0;
  if (inject) await page.addInitScript({ content: developmentOptionsInitScript(developmentOptions) });
  await page.goto(server.workbenchUrl, { waitUntil: 'domcontentloaded' });
  if (inject) {
    const injected = await page.locator('#vscode-workbench-web-configuration').getAttribute('data-facetwise-injected');
    if (injected !== 'true') throw new Error('could not add developmentOptions to the workbench configuration (has the page changed?)');
  }
  return { page, automationExit };
}

/** Waits until the workbench has laid out its parts (activity bar, editor area, status bar). */
export async function waitForWorkbenchReady(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.activitybar, .monaco-workbench .part.sidebar').first().waitFor({ state: 'visible', timeout: timeoutMs });
}
