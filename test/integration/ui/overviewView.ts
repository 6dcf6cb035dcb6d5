// Reading the dataset overview webview as a user sees it (shared by the overview and the .vsix UI tests).
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { editorTabs, waitUntil } from '../harness/uiActions.js';

/** Waits until the active editor tab is `label`. */
export async function waitForActiveTab(page: Page, label: string): Promise<void> {
  await waitUntil(
    `the active editor tab "${label}"`,
    async () => ((await editorTabs(page)).some((t) => t.active && t.label === label) ? true : undefined),
    20_000,
    async () => JSON.stringify(await editorTabs(page)),
  );
}

/** Waits until the overview's summary line contains `text`; returns the line. */
export async function waitForSummary(view: FrameLocator, text: string, timeoutMs = 60_000): Promise<string> {
  const summary = view.locator('#ov-summary');
  let last = '';
  return waitUntil(
    `the overview summary to say "${text}"`,
    async () => {
      last = (await summary.count()) > 0 ? await summary.innerText() : '';
      return last.includes(text) ? last : undefined;
    },
    timeoutMs,
    () => last,
  );
}

/** The feature names the overview's tables show now, in order. */
export function shownFeatures(view: FrameLocator): Promise<string[]> {
  return view.locator('.ov-table .feature .feature-name .name-text').allInnerTexts();
}

export function featureRow(view: FrameLocator, name: string): Locator {
  return view.locator('.ov-table .feature', { has: view.locator('.name-text', { hasText: new RegExp(`^${name}$`) }) });
}
