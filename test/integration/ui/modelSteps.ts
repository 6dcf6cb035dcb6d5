// The user steps the model UI tests (models, onnx, datapoint) share: the Facetwise side bar's Models view and its
// version rows, the context menu on a version, the quick picks a model command asks through, the datapoint
// editor's questions (versions, dataset, row) and what its webview shows (scores, backends), and the light-theme
// screenshot each test takes before switching back to dark.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { UiTestContext } from '../harness/uiTest.js';
import { chooseContextMenuItem, parkMouse, quickPickRows, visibleWebview, waitForWebviewTheme, waitUntil } from '../harness/uiActions.js';
import { waitForActiveTab } from './overviewView.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The Models view's row of a version: its accessible label starts with `<model> v<N>,`. */
export function versionRow(page: Page, model: string, version: number): Locator {
  return page.locator(`.part.sidebar .monaco-list-row[aria-label^="${model} v${version},"]`).first();
}

/** The Facetwise activity bar icon → the Models view, until `model` v`version` shows. */
export async function openModelsView(page: Page, model: string, version: number): Promise<void> {
  const icon = page.locator('.part.activitybar .action-item .action-label[aria-label^="Facetwise"]').first();
  await icon.waitFor({ state: 'visible', timeout: 30_000 });
  // The icon toggles the side bar: click it only when the Models view is not showing already.
  if (!(await versionRow(page, model, version).isVisible())) await icon.click();
  // The only view of the container: VS Code shows its title in the side bar's title area.
  await page.locator('.part.sidebar .composite.title', { hasText: /Models/i }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await versionRow(page, model, version).waitFor({ state: 'visible', timeout: 30_000 });
}

/** A version's accessible label (`taxi_model v2, served (stable) · tfjs · …`). */
export async function versionLabel(page: Page, model: string, version: number): Promise<string> {
  return (await versionRow(page, model, version).getAttribute('aria-label')) ?? '';
}

/**
 * Right-clicks `model` v`versions[last]` and chooses `item`; with several versions, the others are Ctrl-clicked into
 * the selection first (VS Code then hands the command the whole selection).
 */
export async function versionMenu(page: Page, model: string, versions: readonly number[], item: string): Promise<void> {
  const [first, ...rest] = versions;
  if (first === undefined) throw new Error('versionMenu: no version');
  await versionRow(page, model, first).click();
  for (const v of rest) await versionRow(page, model, v).click({ modifiers: ['Control'] });
  await versionRow(page, model, versions[versions.length - 1]!).click({ button: 'right' });
  await chooseContextMenuItem(page, item);
}

/** Types into the open quick pick and picks the row whose label is exactly `label`. */
export async function pickQuickItem(page: Page, filter: string, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(filter);
  const row = page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${escape(label)}$`) }) }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget .quick-input-box input');
}

/** The datapoint editor's first question (palette): waits until `expected` are offered, ticks exactly `tick` when given, Enter. */
export async function answerVersionPick(page: Page, expected: readonly string[], tick?: { untick: readonly string[]; tick: readonly string[] }): Promise<Array<{ label: string }>> {
  const shown = await waitUntil('the model versions quick pick', async () => {
    const rows = await quickPickRows(page);
    return expected.every((e) => rows.some((r) => r.label.includes(e))) ? rows : undefined;
  }, 30_000, async () => JSON.stringify(await quickPickRows(page)));
  for (const label of [...(tick?.untick ?? []), ...(tick?.tick ?? [])]) {
    await page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${escape(label)}$`) }) }).first().click();
  }
  await quickInput(page).press('Enter');
  return shown;
}

/** The labels of the ticked rows of the open multi-select quick pick. */
export async function tickedQuickItems(page: Page): Promise<string[]> {
  return page.locator('.quick-input-widget .monaco-list-row').evaluateAll((rs) =>
    rs.filter((r) => r.getAttribute('aria-checked') === 'true' || (r.querySelector('input[type=checkbox]') as { checked?: boolean } | null)?.checked === true || r.querySelector('.monaco-custom-toggle.checked') !== null).map((r) => r.getAttribute('aria-label') ?? ''),
  );
}

/**
 * The dataset quick pick (the datapoint editor's or a model command's): filters by the workspace-relative `dataset`
 * and takes its row; then, when `row` is given, the row box (it starts at 1) gets the 1-based data row.
 */
export async function answerDatasetAndRow(page: Page, dataset: string, row?: number): Promise<void> {
  const input = quickInput(page);
  const name = dataset.split('/').pop() ?? dataset;
  await waitUntil('the dataset quick pick', async () => ((await quickPickRows(page)).some((r) => r.label.includes(name)) ? true : undefined), 20_000, async () => JSON.stringify(await quickPickRows(page)));
  await input.fill(dataset);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await input.press('Enter');
  if (row === undefined) return;
  await waitUntil('the row input box', async () => ((await input.isVisible()) && (await input.inputValue()) === '1' ? true : undefined), 10_000);
  await input.fill(String(row));
  await input.press('Enter');
}

/** Waits for the datapoint editor on `source` (`eval.csv:12`) to be the active tab and to have tried its backends. */
export async function waitForDatapointEditor(page: Page, source: string): Promise<FrameLocator> {
  await waitForActiveTab(page, `Explain: ${source}`);
  const view = visibleWebview(page);
  await waitForWebviewTheme(page, 'dark');
  await view.locator('#dp-backends').waitFor({ state: 'visible', timeout: 120_000 });
  return view;
}

/** A version's score as the datapoint editor shows it (NaN while it has none). */
export async function datapointScore(view: FrameLocator, version: string): Promise<number> {
  const text = await view.locator(`.dp-score-row[data-version="${version}"]`).getAttribute('data-score');
  return text === null || text === '' ? NaN : Number(text);
}

/** Types `value` into a feature's input in the datapoint editor, as a user does, and applies it with Enter. */
export async function editFeature(view: FrameLocator, feature: string, value: string): Promise<void> {
  const input = view.locator(`input.dp-input[data-feature="${feature}"]`);
  await input.fill('');
  await input.pressSequentially(value);
  await input.press('Enter');
}

/** The backend line (`Inference: edits on wasm, …`) and the backend table, each row as status and text. */
export async function datapointBackends(view: FrameLocator): Promise<{ line: string; rows: Map<string, { status: string; text: string }>; table: string }> {
  const line = await view.locator('#dp-backend').innerText();
  const rows = new Map<string, { status: string; text: string }>();
  for (const r of await view.locator('.dp-backend-row').all()) {
    rows.set((await r.getAttribute('data-backend')) ?? '', { status: (await r.getAttribute('data-status')) ?? '', text: await r.innerText() });
  }
  return { line, rows, table: await view.locator('#dp-backends').innerText() };
}

/** Waits until `version`'s score moves away from `before`; the new score. */
export async function waitForRescore(view: FrameLocator, version: string, before: number, timeoutMs = 30_000): Promise<number> {
  return waitUntil(`${version} rescored`, async () => {
    const s = await datapointScore(view, version);
    return Number.isFinite(s) && Math.abs(s - before) > 1e-6 ? s : undefined;
  }, timeoutMs);
}

/** Switches to the light theme, runs `shots` (the webview repainted), and always switches back to dark. */
export async function inLightTheme(ctx: Pick<UiTestContext, 'page' | 'setTheme'>, shots: () => Promise<unknown>): Promise<void> {
  try {
    await ctx.setTheme('light');
    await waitForWebviewTheme(ctx.page, 'light');
    await parkMouse(ctx.page);
    await shots();
  } finally {
    await ctx.setTheme('dark');
  }
}
