// The Rows tab as a user sees it: eval.csv's rows under its overview, Ctrl+G to the last row, Problems → the
// Prcard row → Show in Rows, a payment_type bar → only its rows, and a TFRecord shard's examples; dark and light.
import * as assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { TAXI_WORKSPACE } from '../harness/sampleWorkspace.js';
import type { UiTest } from '../harness/uiTest.js';
import {
  closeAllEditors,
  explorerContextMenu,
  explorerRow,
  filterProblems,
  openProblems,
  parkMouse,
  runCommand,
  visibleWebview,
  waitForNoNotification,
  waitForProblemMarkers,
  waitForWebviewTheme,
  waitUntil,
} from '../harness/uiActions.js';
import { featureRow, waitForActiveTab, waitForSummary } from './overviewView.js';
import { countTfRecords, formatCount, taxiFacts } from './taxiFacts.js';

/** The cells (not the row number) of the grid row showing data row `index` (0-based), once it has loaded. */
async function gridRow(view: FrameLocator, index: number, timeoutMs = 20_000): Promise<{ number: string; cells: string[] }> {
  const row = view.locator(`.rows-row[data-index="${index}"]`);
  return waitUntil(
    `grid row ${index + 1}`,
    async () => {
      if ((await row.count()) === 0) return undefined;
      const cells = await row.locator('.rows-cell[role="gridcell"]').allInnerTexts();
      if (cells.some((c) => c === '…')) return undefined;
      return { number: (await row.locator('.gutter').innerText()).trim(), cells };
    },
    timeoutMs,
    async () => ((await row.count()) > 0 ? (await row.innerText()) : 'no such row'),
  );
}

/** How the grid shows a CSV cell: an empty cell is a missing value. */
const shown = (cell: string): string => (cell === '' ? 'missing' : cell);

async function openRowsTab(view: FrameLocator): Promise<void> {
  await view.locator('.fw-tab', { hasText: 'Rows' }).click();
  await view.locator('.rows-section').waitFor({ state: 'visible', timeout: 10_000 });
}

async function status(view: FrameLocator): Promise<string> {
  return (await view.locator('.rows-status').innerText()).trim();
}

async function waitForStatus(view: FrameLocator, text: string, timeoutMs = 30_000): Promise<string> {
  return waitUntil(`the rows status to say "${text}"`, async () => ((await status(view)).includes(text) ? status(view) : undefined), timeoutMs, () => status(view));
}

async function openEvalOverview(page: Page): Promise<FrameLocator> {
  await closeAllEditors(page);
  await explorerContextMenu(page, TAXI_WORKSPACE.eval, 'Open Dataset Overview');
  await waitForActiveTab(page, `Overview: ${basename(TAXI_WORKSPACE.eval)}`);
  const view = visibleWebview(page);
  await waitForSummary(view, '5,000 examples');
  return view;
}

export const rowsUiTests: readonly UiTest[] = [
  {
    name: 'rows: eval.csv overview → Rows shows line 2 as row 1 (typed header, numbers right-aligned, missing marked); Ctrl+G 5000 → the last line; dark and light',
    timeoutMs: 150_000,
    async run({ page, workspaceFolder, screenshot, setTheme }) {
      const { lines, header } = taxiFacts(workspaceFolder).evalCsv;
      const view = await openEvalOverview(page);
      await waitForWebviewTheme(page, 'dark');
      await openRowsTab(view);
      const first = await gridRow(view, 0);
      assert.equal(first.number, '1');
      assert.deepEqual(first.cells, (lines[1] ?? '').split(',').map(shown));
      await waitForStatus(view, `${formatCount(lines.length - 1)} rows`);
      // The header names each column with its type from the statistics.
      const headerTexts = await view.locator('.rows-hcell').allInnerTexts();
      assert.equal(headerTexts.length, header.length + 1);
      const fareHeader = headerTexts[header.indexOf('fare') + 1] ?? '';
      assert.match(fareHeader, /fare\s+float/);
      assert.match(headerTexts[header.indexOf('payment_type') + 1] ?? '', /payment_type\s+string/);
      // Numbers right-aligned, a missing value distinct from text.
      const fareCell = view.locator('.rows-row[data-index="0"] .rows-cell[role="gridcell"]').nth(header.indexOf('fare'));
      assert.equal(await fareCell.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).textAlign), 'right');
      const missingIndex = (lines[1] ?? '').split(',').indexOf('');
      const missingCell = view.locator('.rows-row[data-index="0"] .rows-cell[role="gridcell"]').nth(missingIndex);
      assert.match((await missingCell.getAttribute('class')) ?? '', /\bmissing\b/);
      await waitForNoNotification(page, 'Facetwise: ');
      await parkMouse(page);
      await screenshot('rows-eval-dark');

      // Ctrl+G asks for a row; the last one is line 5001.
      await view.locator('.rows-scroller').click();
      await view.locator('.rows-scroller').press('Control+g');
      const goto = view.locator('.rows-goto');
      await goto.fill('5000');
      await goto.press('Enter');
      const last = await gridRow(view, 4999);
      assert.equal(last.number, '5,000');
      assert.deepEqual(last.cells, (lines[5000] ?? '').split(',').map(shown));
      await parkMouse(page);
      await screenshot('rows-eval-last-dark');
      try {
        await setTheme('light');
        await waitForWebviewTheme(page, 'light');
        await parkMouse(page);
        await screenshot('rows-eval-last-light');
      } finally {
        await setTheme('dark');
      }
      await waitForWebviewTheme(page, 'dark');
    },
  },
  {
    name: 'rows: Problems → the Prcard row → Show in Rows opens the grid at that row with payment_type highlighted',
    timeoutMs: 150_000,
    async run({ page, workspaceFolder, screenshot }) {
      const facts = taxiFacts(workspaceFolder);
      const [prcardRow] = facts.unexpected('payment_type').get('Prcard') ?? [];
      assert.ok(prcardRow !== undefined);
      await closeAllEditors(page);
      await explorerContextMenu(page, TAXI_WORKSPACE.eval, 'Validate Dataset');
      await openProblems(page);
      await filterProblems(page, 'Prcard');
      await waitForProblemMarkers(page, 'the Prcard row', (ms) => ms.some((m) => m.severity === 'warning' && m.message.startsWith("Row has value 'Prcard'")), 60_000);
      // Open the problem (the editor goes to the cell) and ask for its quick fixes, as a user does.
      await page.locator('.markers-panel .monaco-list-row', { hasText: "Row has value 'Prcard'" }).click();
      await waitForActiveTab(page, basename(TAXI_WORKSPACE.eval));
      // The cursor is on the cell now; the keyboard goes to the editor, where Ctrl+. lists the quick fixes.
      await runCommand(page, 'View: Focus Active Editor Group');
      await page.keyboard.press('Control+.');
      const action = page.locator('.action-widget .monaco-list-row, .context-view .action-item', { hasText: 'Show in Rows' }).first();
      await action.waitFor({ state: 'visible', timeout: 15_000 });
      await action.click();
      await waitUntil('the overview beside the file', async () => ((await page.locator('iframe.webview.ready:visible').count()) > 0 ? true : undefined), 20_000);
      const view = visibleWebview(page);
      await view.locator('.rows-section').waitFor({ state: 'visible', timeout: 20_000 });
      const row = await gridRow(view, prcardRow);
      const highlighted = view.locator(`.rows-row[data-index="${prcardRow}"] .rows-cell.highlight`);
      await highlighted.waitFor({ state: 'visible', timeout: 20_000 });
      assert.equal((await highlighted.innerText()).trim(), 'Prcard');
      assert.equal(await highlighted.getAttribute('data-col'), String(facts.evalCsv.header.indexOf('payment_type')));
      assert.equal(await view.locator('.rows-cell.highlight').count(), 1);
      // Checked against the schema in the visible window: Prcard is outside payment_type's domain.
      assert.match((await highlighted.getAttribute('class')) ?? '', /\banomalous\b/);
      assert.match((await highlighted.getAttribute('title')) ?? '', /'Prcard' is not in the schema's domain of payment_type/);
      // Scrolled into view sideways too: the cell lies within the grid's visible area.
      const cellBox = await highlighted.boundingBox();
      const gridBox = await view.locator('.rows-scroller').boundingBox();
      assert.ok(cellBox && gridBox && cellBox.x >= gridBox.x && cellBox.x + cellBox.width <= gridBox.x + gridBox.width + 1, JSON.stringify({ cellBox, gridBox }));
      assert.equal(row.number, formatCount(prcardRow + 1));
      assert.deepEqual(row.cells, (facts.evalCsv.lines[prcardRow + 1] ?? '').split(',').map(shown));
      await waitForNoNotification(page, 'Facetwise: ');
      await parkMouse(page);
      await screenshot('rows-show-in-rows-dark');
      await filterProblems(page, '');
      await runCommand(page, 'View: Hide Panel');
    },
  },
  {
    name: 'rows: clicking a payment_type bar in the overview shows only the rows with that value',
    timeoutMs: 120_000,
    async run({ page, workspaceFolder, screenshot }) {
      const { header, rows } = taxiFacts(workspaceFolder).evalCsv;
      const column = header.indexOf('payment_type');
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(r[column] ?? '', (counts.get(r[column] ?? '') ?? 0) + 1);
      const [top, topCount] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
      const view = await openEvalOverview(page);
      const chart = featureRow(view, 'payment_type').locator('svg.chart').first();
      const box = await chart.boundingBox();
      assert.ok(box);
      // The first (tallest) bar is the most frequent value.
      await chart.click({ position: { x: 3, y: box.height - 3 } });
      await view.locator('.rows-section').waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await view.locator('.rows-filter').inputValue(), `payment_type = "${top}"`);
      await waitForStatus(view, `${formatCount(topCount)} matching rows`, 30_000);
      for (let i = 0; i < 10; i++) {
        const shownRow = await gridRow(view, i);
        assert.equal(shownRow.cells[column], top, `match ${i + 1}`);
      }
      await parkMouse(page);
      await screenshot('rows-bar-filter-dark');
      // A filter typed by hand: numbers compare as numbers.
      const expected = rows.filter((r) => Number(r[header.indexOf('fare')]) > 50 && r[column] === 'Cash').length;
      const box2 = view.locator('.rows-filter');
      await box2.fill('fare > 50 and payment_type = "Cash"');
      await box2.press('Enter');
      await waitForStatus(view, `${formatCount(expected)} matching rows`, 30_000);
      await parkMouse(page);
      await screenshot('rows-typed-filter-dark');
    },
  },
  {
    name: 'rows: a TFRecord shard\'s Rows tab shows one row per example with its features',
    timeoutMs: 90_000,
    async run({ page, workspaceFolder, screenshot, setTheme }) {
      const shard = TAXI_WORKSPACE.shard;
      const records = countTfRecords(join(workspaceFolder, shard));
      await closeAllEditors(page);
      await (await explorerRow(page, shard)).click();
      await waitForActiveTab(page, basename(shard));
      const view = visibleWebview(page);
      await waitForSummary(view, `${formatCount(records)} examples`);
      await openRowsTab(view);
      const first = await gridRow(view, 0);
      assert.equal(first.number, '1');
      const names = (await view.locator('.rows-hcell .rows-hname').allInnerTexts()).slice(1);
      assert.deepEqual([...names].sort(), [...taxiFacts(workspaceFolder).evalCsv.header].sort());
      const payment = first.cells[names.indexOf('payment_type')] ?? '';
      assert.ok(['Cash', 'Credit Card', 'No Charge', 'Unknown', 'Dispute', 'Prcard', 'Pcard'].includes(payment), payment);
      assert.match(first.cells[names.indexOf('trip_start_timestamp')] ?? '', /^\d{10}$/);
      await waitForStatus(view, `${formatCount(records)} rows`);
      await waitForNoNotification(page, 'Facetwise: ');
      await parkMouse(page);
      await screenshot('rows-tfrecord-dark');
      try {
        await setTheme('light');
        await waitForWebviewTheme(page, 'light');
        await parkMouse(page);
        await screenshot('rows-tfrecord-light');
      } finally {
        await setTheme('dark');
      }
      await closeAllEditors(page);
    },
  },
];
