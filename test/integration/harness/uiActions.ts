// What a user does in the workbench, as reusable steps for UI tests: run a command from the palette, read
// notifications, use the Explorer and its context menu, read the Problems pane, look inside a webview, switch
// theme, take a screenshot. Waits are on conditions the user would see, never fixed sleeps.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { testResultsDir } from './paths.js';
import { THEME_IDS, type ThemeKind } from './userSettings.js';

/**
 * F1, type the command's title as the palette shows it ("Category: Title"), wait for that exact entry and run it.
 * Retries opening the palette while the extension's contributions are still being registered.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // The palette row's label; `exact` so "Facetwise: Infer Schema" does not pick a longer title that starts the same.
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

/**
 * Waits until no notification toast containing `text` shows, e.g. a finished job's progress notification, which
 * VS Code keeps on screen a moment after the job ends.
 */
export async function waitForNoNotification(page: Page, text: string, timeoutMs = 15_000): Promise<void> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text });
  await waitUntil(`no notification saying "${text}"`, async () => ((await toast.count()) === 0 ? true : undefined), timeoutMs, async () =>
    (await toast.allInnerTexts()).join(' | '),
  );
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

/**
 * Polls `probe` until it returns something other than undefined and returns that; throws after `timeoutMs`
 * naming `what` and the last value seen by `describe` (for a readable failure).
 */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
  describe?: () => Promise<string> | string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const seen = describe ? ` (last seen: ${await describe()})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Moves the pointer to an empty spot of the title bar, so no hover tooltip covers what a screenshot shows. */
export async function parkMouse(page: Page): Promise<void> {
  const box = await page.locator('.monaco-workbench .part.titlebar').boundingBox();
  await page.mouse.move(box ? box.x + box.width * 0.25 : 1, box ? box.y + box.height / 2 : 1);
}

/** Closes every editor (View: Close All Editors) and waits until the editor area has no tab. */
export async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.monaco-workbench .part.editor .tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
}

function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The Explorer's row of a workspace file, shown: opens the Explorer and expands the folders on the way
 * (`relPath` uses `/`; compact folders such as `tfrecord/Split-eval` are handled). Rows are found by name, so
 * the path should not repeat a file name elsewhere in the visible tree.
 */
export async function explorerRow(page: Page, relPath: string, timeoutMs = 15_000): Promise<Locator> {
  await runCommand(page, 'View: Show Explorer');
  const rows = page.locator('.explorer-folders-view .monaco-list-row');
  const rowNamed = (name: string): Locator => page.locator(`.explorer-folders-view .monaco-list-row[aria-label=${cssString(name)}]`).first();
  const segments = relPath.split('/').filter((s) => s !== '');
  await rows.first().waitFor({ state: 'visible', timeout: timeoutMs });
  for (let i = 0; i < segments.length - 1; i++) {
    const folder = rowNamed(segments[i] ?? '');
    const next = rowNamed(segments[i + 1] ?? '');
    // A folder shown as part of a compact row is labelled by the chain's last name: nothing to expand here.
    if ((await folder.count()) > 0 && (await folder.getAttribute('aria-expanded')) === 'false') await folder.click();
    await next.waitFor({ state: 'visible', timeout: timeoutMs });
  }
  const row = rowNamed(segments[segments.length - 1] ?? '');
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  return row;
}

/**
 * Clicks the context-menu entry labelled `label` in the open context menu and waits for the menu to close.
 * A click that lands while the menu is still settling does nothing in VS Code, so it is repeated until the menu
 * closes (the menu closing is what shows the entry ran).
 */
export async function chooseContextMenuItem(page: Page, label: string, timeoutMs = 10_000): Promise<void> {
  const menu = page.locator('.context-view.monaco-menu-container');
  const item = menu.locator('.action-menu-item', { has: page.locator('.action-label', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
  await item.first().waitFor({ state: 'visible', timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await item.first().click();
    try {
      await menu.waitFor({ state: 'hidden', timeout: 1_500 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`the context menu stayed open after choosing "${label}": ${String(error)}`);
    }
  }
}

/** The labels of the open context menu's entries, in order (separators left out). */
export async function contextMenuLabels(page: Page): Promise<string[]> {
  const labels = await page.locator('.context-view.monaco-menu-container .action-menu-item .action-label').allInnerTexts();
  return labels.map((l) => l.trim()).filter((l) => l !== '');
}

/** Right-clicks a workspace file in the Explorer and chooses `label` from its context menu. */
export async function explorerContextMenu(page: Page, relPath: string, label: string): Promise<void> {
  const row = await explorerRow(page, relPath);
  await row.click({ button: 'right' });
  await chooseContextMenuItem(page, label);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Opens the Problems pane (View: Focus Problems) and waits until it shows. */
export async function openProblems(page: Page): Promise<Locator> {
  await runCommand(page, 'View: Focus Problems');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: 10_000 });
  return panel;
}

/** A problem as the Problems pane shows it on one row. */
export interface ProblemMarker {
  severity: 'error' | 'warning' | 'info';
  message: string;
  source: string;
  code: string;
  /** e.g. `[Ln 1, Col 217]` */
  position: string;
}

/**
 * The problems the Problems pane shows now (its rows are a virtual list: only those scrolled into view; narrow it
 * with filterProblems). File rows and related-information rows are left out.
 */
export async function problemMarkers(page: Page): Promise<ProblemMarker[]> {
  // No helper functions inside the page function: tsx's keepNames would wrap them in a `__name` call that the
  // page does not define.
  return page.locator('.markers-panel .monaco-list-row .marker-message-details-container').evaluateAll((nodes) =>
    nodes.map((node) => {
      const icon = node.parentElement?.querySelector('.marker-icon');
      return {
        severity: icon?.classList.contains('error') ? 'error' : icon?.classList.contains('warning') ? 'warning' : 'info',
        message: node.querySelector('.marker-message')?.textContent?.trim() ?? '',
        source: node.querySelector('.marker-source')?.textContent?.trim() ?? '',
        code: node.querySelector('.marker-code')?.textContent?.trim() ?? '',
        position: node.querySelector('.marker-line')?.textContent?.trim() ?? '',
      };
    }),
  ) as Promise<ProblemMarker[]>;
}

/** Waits until the Problems pane shows problems for which `accept` holds; returns them. */
export async function waitForProblemMarkers(page: Page, what: string, accept: (markers: ProblemMarker[]) => boolean, timeoutMs = 30_000): Promise<ProblemMarker[]> {
  let last: ProblemMarker[] = [];
  return waitUntil(
    what,
    async () => {
      last = await problemMarkers(page);
      return accept(last) ? last : undefined;
    },
    timeoutMs,
    () => JSON.stringify(last, null, 1),
  );
}

/** Types `text` into the Problems pane's filter box (empty: no filter). */
export async function filterProblems(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Filter Problems' });
  await box.fill(text);
}

/** What the status bar's problems item says, e.g. `Errors: 2, Warnings: 11`. */
export async function statusBarProblems(page: Page): Promise<string> {
  return (await page.locator('.statusbar-item#status\\.problems').getAttribute('aria-label')) ?? '';
}

/** The rows of the open quick pick (command palette): their labels and, for commands, the command ids. */
export async function quickPickRows(page: Page): Promise<Array<{ label: string; id: string | undefined }>> {
  return page.locator('.quick-input-widget .monaco-list-row').evaluateAll((rows) =>
    rows.map((row) => ({
      label: row.getAttribute('aria-label') ?? '',
      id: row.querySelector('[data-quick-input-id]')?.getAttribute('data-quick-input-id') ?? undefined,
    })),
  );
}

/** The labels of the editor tabs as shown (name and any suffix VS Code splits off, e.g. `.gz`), the active one marked. */
export async function editorTabs(page: Page): Promise<Array<{ label: string; active: boolean }>> {
  return page.locator('.monaco-workbench .part.editor .tabs-container .tab').evaluateAll((tabs) =>
    tabs.map((tab) => ({
      label: `${tab.querySelector('.monaco-icon-name-container')?.textContent ?? ''}${tab.querySelector('.monaco-icon-suffix-container')?.textContent ?? ''}`.trim(),
      active: tab.classList.contains('active'),
    })),
  );
}

/**
 * The document of the webview the user sees (the visible one): VS Code nests it as an outer `iframe.webview` (its
 * host page) holding `iframe#active-frame` (the extension's HTML).
 */
export function visibleWebview(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready:visible').contentFrame().locator('iframe#active-frame').contentFrame();
}

/**
 * Waits until the visible webview follows the workbench's theme `kind`: VS Code marks the webview's body with
 * `vscode-dark` / `vscode-light` when it passes the theme's colours in.
 */
export async function waitForWebviewTheme(page: Page, kind: ThemeKind, timeoutMs = 15_000): Promise<void> {
  await visibleWebview(page).locator(`body.vscode-${kind}`).waitFor({ state: 'attached', timeout: timeoutMs });
}
