// Reading and driving the comparison panel as a user sees it (shared by the compare UI tests).
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { waitUntil } from '../harness/uiActions.js';

/** Picks `label` in the open quick pick by typing it, as a user would. */
export async function pickQuickItem(page: Page, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(label);
  const row = page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
  await row.first().waitFor({ state: 'visible', timeout: 10_000 });
  await row.first().click();
}

/** The features the panel lists now, in order. */
export function comparedFeatures(view: FrameLocator | Page): Promise<string[]> {
  return view.locator('.feature-list .feature .name-text').allInnerTexts();
}

export function comparedFeature(view: FrameLocator | Page, name: string): Locator {
  return view.locator(`.feature-list .feature[data-feature="${name}"]`);
}

/** Waits until the panel lists `count` features (or any, when undefined). */
export async function waitForComparedFeatures(view: FrameLocator | Page, count?: number, timeoutMs = 90_000): Promise<string[]> {
  let last: string[] = [];
  return waitUntil(
    'the comparison panel to list its features',
    async () => {
      last = await comparedFeatures(view);
      return last.length > 0 && (count === undefined || last.length === count) ? last : undefined;
    },
    timeoutMs,
    () => last.join(', '),
  );
}

/** Expands a feature's row (its name button) and waits for its details. */
export async function expandFeature(view: FrameLocator | Page, name: string): Promise<Locator> {
  const row = comparedFeature(view, name);
  if ((await row.locator('.details').count()) === 0) await row.locator('.expander').click();
  const details = row.locator('.details');
  await details.waitFor({ state: 'visible', timeout: 10_000 });
  return details;
}

/** The terms table of an expanded feature: each term, the sum line, the caption. */
export async function termsOf(details: Locator): Promise<{ terms: number[]; sum: number; caption: string }> {
  const terms = (await details.locator('.terms td.term').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-term'))))) as number[];
  const sum = Number(await details.locator('.terms .term-sum').getAttribute('data-sum'));
  const caption = await details.locator('.terms caption').innerText();
  return { terms, sum, caption };
}
