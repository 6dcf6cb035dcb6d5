// What a user does in the workbench, as reusable steps for UI tests: run a command from the palette, read
// notifications, read the Problems pane, switch theme, take a screenshot.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { testResultsDir } from './paths.js';
import { THEME_IDS, type ThemeKind } from './userSettings.js';

/**
 * F1, type the command's title as the palette shows it ("Category: Title"), wait for that exact entry and run it.
 * Retries opening the palette while the extension's contributions are still being registered.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // The palette row's label; `exact` so "Facetwise: Hello" does not pick "Facetwise: Hello World".
  const row = page.locator('.quick-input-widget .monaco-list-row', { has: page.getByText(title, { exact: true }) });
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    try {
      await row.first().waitFor({ state: 'visible', timeout: 3_000 });
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`command "${title}" is not in the command palette: ${String(error)}`);
      await page.waitForTimeout(1_000);
    }
  }
  await row.first().click();
  // The palette closes, or (for commands that ask something) turns into another quick pick.
  const until = Date.now() + 10_000;
  while ((await input.isVisible()) && (await input.inputValue()).startsWith('>')) {
    if (Date.now() > until) throw new Error(`the command palette stayed open after choosing "${title}"`);
    await page.waitForTimeout(100);
  }
}

/** The messages of the notification toasts currently shown. */
export async function visibleNotificationMessages(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-toast .notification-list-item-message').allInnerTexts();
}

/** Waits for a notification toast whose message contains `text`; returns the full message. */
export async function waitForNotification(page: Page, text: string, timeoutMs = 15_000): Promise<string> {
  // Only toasts whose fade-in animation has ended, so a screenshot taken next shows them fully drawn.
  const toast = page.locator('.notifications-toasts .notification-toast.notification-fade-in-done .notification-list-item-message', {
    hasText: text,
  });
  await toast.first().waitFor({ state: 'visible', timeout: timeoutMs });
  return toast.first().innerText();
}

/** Closes every notification toast (so the next screenshot or assertion starts clean). */
export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
}

/** Rows of the Problems pane (open it first, e.g. with runCommand(page, 'View: Focus Problems')). */
export async function problemsRows(page: Page): Promise<string[]> {
  return page.locator('.markers-panel .monaco-list-row').allInnerTexts();
}

/** 'dark' or 'light', read from the class VS Code puts on the workbench for the active theme's kind. */
export async function themeKind(page: Page): Promise<'dark' | 'light' | 'high-contrast'> {
  const classes = (await page.locator('.monaco-workbench').first().getAttribute('class')) ?? '';
  const list = classes.split(/\s+/);
  if (list.includes('hc-black') || list.includes('hc-light')) return 'high-contrast';
  return list.includes('vs-dark') ? 'dark' : 'light';
}

export async function waitForThemeKind(page: Page, kind: 'dark' | 'light', timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await themeKind(page)) !== kind) {
    if (Date.now() > deadline) throw new Error(`theme did not become ${kind}`);
    await page.waitForTimeout(200);
  }
}

/**
 * Picks a color theme the way a user does (Preferences: Color Theme, then the theme's label) and waits until the
 * workbench shows a theme of that kind.
 */
export async function setColorTheme(page: Page, kind: ThemeKind, timeoutMs = 45_000): Promise<void> {
  const label = THEME_IDS[kind];
  const applied = page.locator(`.monaco-workbench.${themeClass(label)}`);
  if ((await applied.count()) > 0) return;
  const deadline = Date.now() + timeoutMs;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { has: page.getByText(label, { exact: true }) });
  // The picker lists only the themes registered so far; right after start-up the built-in theme extension may
  // not be, so retry until it is.
  for (;;) {
    await runCommand(page, 'Preferences: Color Theme', Math.max(5_000, deadline - Date.now()));
    await page.locator('.quick-input-widget .quick-input-box input[placeholder^="Select Color Theme"]').waitFor({ timeout: 10_000 });
    await input.fill(label);
    try {
      await row.first().waitFor({ state: 'visible', timeout: 3_000 });
      await row.first().click();
      await applied.waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`could not pick the color theme "${label}": ${String(error)}`);
      await page.waitForTimeout(1_000);
    }
  }
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
  await waitForThemeKind(page, kind);
}

/** The class VS Code puts on the workbench for a built-in theme (from its file name, e.g. dark_modern.json). */
function themeClass(label: string): string {
  return `vscode-theme-defaults-themes-${label.toLowerCase().replace(/ /g, '_')}-json`;
}

/** Saves a full-page PNG under test-results/integration/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = join(testResultsDir, `${name.replace(/[^a-zA-Z0-9._-]+/g, '-')}.png`);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}
