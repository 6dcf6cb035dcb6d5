// A minimal runner for UI tests: each test drives one workbench page like a user. Tests run in order, each with
// a timeout; a failing test leaves a screenshot named after it in test-results/integration/.
import type { Page } from 'playwright-core';
import type { CodeServer } from './codeServer.js';
import { screenshot, setColorTheme } from './uiActions.js';
import type { ThemeKind } from './userSettings.js';

export interface UiTestContext {
  page: Page;
  server: CodeServer;
  workspaceFolder: string;
  /** Saves a screenshot as test-results/integration/<name>.png and returns the path. */
  screenshot(name: string): Promise<string>;
  /** Switches to the built-in theme of this kind (userSettings.THEME_IDS) and waits until the workbench shows it. */
  setTheme(theme: ThemeKind): Promise<void>;
}

export interface UiTest {
  name: string;
  timeoutMs?: number;
  run(ctx: UiTestContext): Promise<void>;
}

export interface UiTestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
  screenshots: string[];
}

export function makeContext(page: Page, server: CodeServer, workspaceFolder: string, shots: string[]): UiTestContext {
  return {
    page,
    server,
    workspaceFolder,
    screenshot: async (name) => {
      const file = await screenshot(page, name);
      shots.push(file);
      return file;
    },
    setTheme: (theme) => setColorTheme(page, theme),
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runUiTests(
  tests: readonly UiTest[],
  contextFor: (shots: string[]) => UiTestContext,
  report: (line: string) => void,
): Promise<UiTestResult[]> {
  const results: UiTestResult[] = [];
  for (const test of tests) {
    const shots: string[] = [];
    const ctx = contextFor(shots);
    const started = Date.now();
    try {
      await withTimeout(test.run(ctx), test.timeoutMs ?? 60_000, test.name);
      results.push({ name: test.name, ok: true, ms: Date.now() - started, screenshots: shots });
      report(`  ✓ ${test.name} (${Date.now() - started} ms)`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      try {
        await ctx.screenshot(`FAILED-${test.name}`);
      } catch {
        // the page may be gone
      }
      results.push({ name: test.name, ok: false, ms: Date.now() - started, error: message, screenshots: shots });
      report(`  ✗ ${test.name}\n${message.replace(/^/gm, '      ')}`);
    }
  }
  return results;
}
