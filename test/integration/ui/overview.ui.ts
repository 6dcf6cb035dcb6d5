// The dataset overview as a user sees it: opened from the Explorer, read inside VS Code's nested webview frames,
// validated with its own button, filtered by typing, in the dark and the light theme; and a TFRecord shard that
// opens in the overview editor by default.
import * as assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { TAXI_WORKSPACE } from '../harness/sampleWorkspace.js';
import type { UiTest } from '../harness/uiTest.js';
import {
  closeAllEditors,
  explorerContextMenu,
  explorerRow,
  parkMouse,
  visibleWebview,
  waitForNoNotification,
  waitForWebviewTheme,
  waitUntil,
} from '../harness/uiActions.js';
import { contrastRatio, sameColor } from './colors.js';
import { featureRow, shownFeatures, waitForActiveTab, waitForSummary } from './overviewView.js';
import { countTfRecords, formatCount, taxiFacts } from './taxiFacts.js';

interface RowColors {
  anomalyText: string;
  /** `--vscode-errorForeground` as the webview resolves it. */
  errorForeground: string;
  bodyText: string;
  background: string;
  featureName: string;
  marker: string | null;
}

/** Computed colours of a feature row with an anomaly, and of the page, inside the webview. */
async function rowColors(row: Locator): Promise<RowColors> {
  // No helper functions inside the page function: tsx's keepNames would wrap them in a `__name` call that the
  // webview does not define.
  return row.locator('.anomaly-short').first().evaluate((el) => {
    const doc = el.ownerDocument;
    const view = doc.defaultView;
    // A probe element resolves the theme variable to the colour the browser paints.
    const probe = doc.createElement('span');
    probe.style.color = 'var(--vscode-errorForeground)';
    doc.body.append(probe);
    const errorForeground = view.getComputedStyle(probe).color;
    probe.remove();
    const feature = el.closest('.feature');
    return {
      anomalyText: view.getComputedStyle(el).color,
      errorForeground,
      bodyText: view.getComputedStyle(doc.body).color,
      background: view.getComputedStyle(doc.body).backgroundColor,
      featureName: view.getComputedStyle(feature.querySelector('.feature-name')).color,
      marker: feature.querySelector('.anomaly-marker')?.getAttribute('aria-label') ?? null,
    };
  }) as Promise<RowColors>;
}

/** `--vscode-editor-background` of the workbench (what the webview's background must be). */
async function workbenchEditorBackground(page: Page): Promise<string> {
  return page.locator('.monaco-workbench').first().evaluate((w) => w.ownerDocument.defaultView.getComputedStyle(w).getPropertyValue('--vscode-editor-background').trim() as string);
}

/** The payment_type row shows its anomaly in the error colour, readable on the webview's (workbench's) background. */
async function assertAnomalyStyle(page: Page, view: FrameLocator, theme: string): Promise<void> {
  const c = await rowColors(featureRow(view, 'payment_type'));
  assert.equal(c.marker, 'Error', `${theme}: the error marker before payment_type`);
  assert.ok(sameColor(c.anomalyText, c.errorForeground), `${theme}: anomaly text ${c.anomalyText} is not errorForeground ${c.errorForeground}`);
  assert.ok(sameColor(c.featureName, c.errorForeground), `${theme}: the feature name ${c.featureName} is not in the error colour`);
  assert.ok(!sameColor(c.anomalyText, c.bodyText), `${theme}: the anomaly text looks like normal text (${c.bodyText})`);
  const editorBackground = await workbenchEditorBackground(page);
  assert.ok(sameColor(c.background, editorBackground), `${theme}: webview background ${c.background} is not the editor background ${editorBackground}`);
  const text = contrastRatio(c.bodyText, c.background);
  assert.ok(text >= 4.5, `${theme}: body text contrast ${text.toFixed(2)} < 4.5 (${c.bodyText} on ${c.background})`);
  const anomaly = contrastRatio(c.anomalyText, c.background);
  assert.ok(anomaly >= 3, `${theme}: anomaly text contrast ${anomaly.toFixed(2)} < 3 (${c.anomalyText} on ${c.background})`);
}

/** Types into the overview's filter box like a user and waits until the count line says `expected`. */
async function typeFilter(view: FrameLocator, text: string, expectedCount: string): Promise<void> {
  const input = view.locator('#ov-filter input');
  await input.click();
  await input.pressSequentially(text);
  const count = view.locator('#ov-count');
  await waitUntil(`the filter count "${expectedCount}"`, async () => ((await count.innerText()).trim() === expectedCount ? true : undefined), 10_000, () => count.innerText());
}


/** Numeric shares computed from the CSV itself: missing over rows, zeros over values present. */
function columnShares(file: { header: string[]; rows: string[][] }, name: string): { missing: number; zeros: number; present: string[] } {
  const i = file.header.indexOf(name);
  const present = file.rows.map((r) => r[i] ?? '').filter((v) => v !== '');
  return { missing: 1 - present.length / file.rows.length, zeros: present.filter((v) => Number(v) === 0).length / present.length, present };
}

/** The text the expanded chart's data tip line shows now. */
async function dataTip(detail: Locator): Promise<string> {
  return (await detail.locator('.data-tip').first().innerText()).trim();
}

/** The count inside a data tip ("[0, 11.2]: 2,345 (46.9%)" → 2345). */
function tipCount(tip: string): number {
  const m = /: ([\d,]+) \(/.exec(tip);
  assert.ok(m, `a count in the data tip "${tip}"`);
  return Number(m[1].replace(/,/g, ''));
}

export const overviewUiTests: readonly UiTest[] = [
  {
    name: 'overview: Explorer → Open Dataset Overview on eval.csv shows its features and 5,000 examples; Validate marks payment_type; the filter narrows the rows; dark and light',
    timeoutMs: 150_000,
    async run({ page, workspaceFolder, screenshot, setTheme }) {
      const facts = taxiFacts(workspaceFolder);
      const { header, rows } = facts.evalCsv;
      await closeAllEditors(page);
      await explorerContextMenu(page, TAXI_WORKSPACE.eval, 'Open Dataset Overview');
      await waitForActiveTab(page, `Overview: ${basename(TAXI_WORKSPACE.eval)}`);
      const view = visibleWebview(page);
      await waitForWebviewTheme(page, 'dark');
      const summary = await waitForSummary(view, `${formatCount(rows.length)} examples`);
      assert.equal((await view.locator('#ov-title').innerText()).trim(), basename(TAXI_WORKSPACE.eval));
      assert.ok(summary.includes(`${header.length} features`), summary);
      // This window has not validated eval.csv yet: the overview says so rather than showing no anomalies.
      assert.ok(summary.includes('Not validated'), summary);
      await waitUntil('every feature row', async () => ((await shownFeatures(view)).length === header.length ? true : undefined), 20_000);
      assert.deepEqual([...(await shownFeatures(view))].sort(), [...header].sort());
      for (const name of ['payment_type', 'company', 'fare']) assert.ok((await shownFeatures(view)).includes(name), name);
      assert.equal(await view.locator('.ov-table .feature.has-anomaly').count(), 0, 'no anomaly before validating');

      // The overview's own Validate button: eval.csv against taxi/schema.pbtxt (inferred from train.csv).
      await view.locator('#ov-validate').click();
      const paymentType = featureRow(view, 'payment_type');
      await paymentType.locator('.anomaly-short').waitFor({ state: 'visible', timeout: 60_000 });
      assert.match(await paymentType.getAttribute('class') ?? '', /\bhas-anomaly\b.*\bseverity-error\b/);
      assert.equal((await paymentType.locator('.anomaly-short').innerText()).trim(), 'Unexpected string values');
      const description = await paymentType.locator('.anomaly-description').innerText();
      for (const value of facts.unexpected('payment_type').keys()) assert.ok(description.includes(value), `${value} in "${description}"`);
      assert.equal((await featureRow(view, 'company').locator('.anomaly-short').innerText()).trim(), 'Unexpected string values');
      // Exactly the two features whose values train.csv never has.
      const flagged = await view.locator('.ov-table .feature.has-anomaly .name-text').allInnerTexts();
      assert.deepEqual(flagged.sort(), ['company', 'payment_type']);
      await waitForSummary(view, '2 anomalies', 10_000);
      await assertAnomalyStyle(page, view, 'dark');

      // Typing in the filter box keeps the features whose name contains the text.
      const trip = header.filter((n) => n.includes('trip'));
      assert.ok(trip.length > 1 && trip.length < header.length);
      await typeFilter(view, 'trip', `${trip.length} of ${header.length} features`);
      assert.deepEqual([...(await shownFeatures(view))].sort(), [...trip].sort());
      await view.locator('#ov-filter input').press('Escape');
      await waitUntil('all features back after Escape', async () => ((await shownFeatures(view)).length === header.length ? true : undefined), 10_000);
      assert.equal((await view.locator('#ov-count').innerText()).trim(), '');

      // The statistics and validation progress notifications linger a moment after the jobs end.
      await waitForNoNotification(page, 'Facetwise: ');
      await parkMouse(page);
      await screenshot('overview-eval-dark');
      await typeFilter(view, 'pay', `1 of ${header.length} features`);
      assert.deepEqual(await shownFeatures(view), ['payment_type']);
      await parkMouse(page);
      await screenshot('overview-eval-anomaly-dark');

      try {
        await setTheme('light');
        await waitForWebviewTheme(page, 'light');
        await assertAnomalyStyle(page, view, 'light');
        await parkMouse(page);
        await screenshot('overview-eval-anomaly-light');
        await view.locator('#ov-filter input').press('Escape');
        await waitUntil('all features back after Escape', async () => ((await shownFeatures(view)).length === header.length ? true : undefined), 10_000);
        await parkMouse(page);
        await screenshot('overview-eval-light');
      } finally {
        await setTheme('dark');
      }
      await waitForWebviewTheme(page, 'dark');
    },
  },
  {
    name: 'overview charts: eval.csv rows marked as Facets marks them (missing > 2%, zeros > 10%); fare expands to an axis histogram whose bars sum to its values, with tips on hover and arrow keys; payment_type to its counted values; dark and light',
    timeoutMs: 120_000,
    async run({ page, workspaceFolder, screenshot, setTheme }) {
      const file = taxiFacts(workspaceFolder).evalCsv;
      await closeAllEditors(page);
      await explorerContextMenu(page, TAXI_WORKSPACE.eval, 'Open Dataset Overview');
      await waitForActiveTab(page, `Overview: ${basename(TAXI_WORKSPACE.eval)}`);
      const view = visibleWebview(page);
      await waitForSummary(view, `${formatCount(file.rows.length)} examples`);
      await waitUntil('every feature row', async () => ((await shownFeatures(view)).length === file.header.length ? true : undefined), 20_000);

      // The header's Change… is a link (not a native button), and Compare Dataset with… sits beside Validate.
      const change = await view.locator('#ov-schema .ov-schema-change').evaluate((el) => {
        const cs = el.ownerDocument.defaultView.getComputedStyle(el);
        return { background: cs.backgroundColor, border: cs.borderTopStyle };
      }) as { background: string; border: string };
      assert.deepEqual(change, { background: 'rgba(0, 0, 0, 0)', border: 'none' }, 'Change… is styled as a link');
      const compareBox = await view.locator('#ov-compare').boundingBox();
      const validateBox = await view.locator('#ov-validate').boundingBox();
      assert.ok(compareBox && validateBox && validateBox.x - (compareBox.x + compareBox.width) < 40, `Compare (${JSON.stringify(compareBox)}) beside Validate (${JSON.stringify(validateBox)})`);

      // Facets' marks, from the CSV: the Missing cell (3rd) of every feature and the Zeros cell (4th) of the numeric ones.
      const numeric = await view.locator('#ov-section-numeric .feature .name-text').allInnerTexts();
      assert.ok(numeric.includes('fare') && numeric.includes('trip_miles'), JSON.stringify(numeric));
      let marked = 0;
      for (const name of file.header) {
        const shares = columnShares(file, name);
        const cells = featureRow(view, name).locator('.feature-row > .cell');
        const missing = (await cells.nth(2).getAttribute('class')) ?? '';
        assert.equal(/\bfacets-mark-missing\b/.test(missing), shares.missing > 0.02, `${name}: missing ${shares.missing} marked? (${missing})`);
        if (shares.missing > 0.02) {
          marked++;
          assert.match((await cells.nth(2).getAttribute('title')) ?? '', /Facets highlights this/);
        }
        if (!numeric.includes(name)) continue;
        const zeros = (await cells.nth(3).getAttribute('class')) ?? '';
        assert.equal(/\bfacets-mark-zeros\b/.test(zeros), shares.zeros > 0.1, `${name}: zeros ${shares.zeros} marked? (${zeros})`);
        if (shares.zeros > 0.1) marked++;
      }
      assert.ok(marked >= 3, `eval.csv has columns over both thresholds (${marked} marked)`);

      // The expander (not the name, which reveals the column in the file) opens fare's full-width histogram.
      const fare = featureRow(view, 'fare');
      const expander = fare.locator('button.feature-expander');
      assert.equal(await expander.getAttribute('aria-expanded'), 'false');
      await expander.click();
      await waitUntil('fare expanded', async () => ((await expander.getAttribute('aria-expanded')) === 'true' ? true : undefined), 10_000);
      const detail = view.locator(`#${(await expander.getAttribute('aria-controls')) ?? 'none'}`);
      await detail.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match((await detail.locator('.detail-title').first().innerText()).trim(), /^Histogram of fare: 10 buckets from 0 to /);
      assert.ok((await detail.locator('.chart .axis-label').count()) >= 4, 'value and count labels on the axes');
      const box = await detail.boundingBox();
      const table = await view.locator('#ov-section-numeric').boundingBox();
      assert.ok(box && table && box.width > table.width * 0.8, `the charts are full width (${box?.width} of ${table?.width})`);
      const bars = detail.locator('.tip-target .bar[data-tip]');
      const tips = await bars.evaluateAll((els) => els.map((e) => e.getAttribute('data-tip') ?? ''));
      assert.equal(tips.length, 10, JSON.stringify(tips));
      const fareValues = columnShares(file, 'fare').present.length;
      assert.equal(tips.reduce((sum, t) => sum + tipCount(t), 0), fareValues, `bars sum to fare's ${fareValues} values: ${JSON.stringify(tips)}`);
      assert.match(tips[0] ?? '', /^\[0, /, 'the first bucket includes its low bound');
      // Hover: the tip line names the bar; the arrow keys step to the next one.
      await bars.nth(0).hover();
      await waitUntil('the hovered bar in the tip', async () => ((await dataTip(detail)) === tips[0] ? true : undefined), 5_000, () => dataTip(detail));
      await detail.locator('.tip-target').first().focus();
      await detail.locator('.tip-target').first().press('ArrowRight');
      await waitUntil('the next bar in the tip', async () => ((await dataTip(detail)) === tips[1] ? true : undefined), 5_000, () => dataTip(detail));
      await parkMouse(page);
      await screenshot('overview-expanded-fare-dark');
      // The toggle switches to the quantiles histogram.
      await detail.locator('.detail-chart-toggle[data-chart="quantiles"]').click();
      const expandedTitle = view.locator('.feature-detail .detail-title').first();
      await waitUntil('the quantiles chart', async () => ((await expandedTitle.innerText()).startsWith('Quantiles of fare') ? true : undefined), 5_000, () => expandedTitle.innerText());

      // payment_type: its values as a labelled list, each counted as the CSV counts it, most frequent first.
      const counts = new Map<string, number>();
      const col = file.header.indexOf('payment_type');
      for (const r of file.rows) counts.set(r[col] ?? '', (counts.get(r[col] ?? '') ?? 0) + 1);
      const payment = featureRow(view, 'payment_type');
      await payment.locator('button.feature-expander').click();
      const list = payment.locator('.feature-detail .paired-row');
      await list.first().waitFor({ state: 'visible', timeout: 10_000 });
      const rowTips = await list.evaluateAll((els) => els.map((e) => e.getAttribute('data-tip') ?? ''));
      assert.equal(rowTips.length, counts.size, JSON.stringify(rowTips));
      const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
      assert.ok(rowTips[0]?.startsWith(`${sorted[0]?.[0] ?? ''}: `), `${JSON.stringify(rowTips)} starts with the most frequent value`);
      for (const [value, n] of counts) assert.ok(rowTips.some((t) => t.startsWith(`${value}: ${formatCount(n)} (`)), `${value}: ${n} in ${JSON.stringify(rowTips)}`);
      await payment.scrollIntoViewIfNeeded();
      await parkMouse(page);
      await screenshot('overview-expanded-payment-dark');
      try {
        await setTheme('light');
        await waitForWebviewTheme(page, 'light');
        await parkMouse(page);
        await screenshot('overview-expanded-payment-light');
      } finally {
        await setTheme('dark');
      }
      await waitForWebviewTheme(page, 'dark');

      // Collapsing puts both rows back (expanded rows are saved; later tests expect none).
      for (const name of ['payment_type', 'fare']) {
        const e = featureRow(view, name).locator('button.feature-expander');
        await e.click();
        await waitUntil(`${name} collapsed`, async () => ((await e.getAttribute('aria-expanded')) === 'false' ? true : undefined), 5_000);
      }
      assert.equal(await view.locator('.feature-detail').count(), 0);
      await closeAllEditors(page);
    },
  },
  {
    name: 'overview: a TFRecord shard clicked in the Explorer opens in the Facetwise overview editor by default',
    timeoutMs: 90_000,
    async run({ page, workspaceFolder, screenshot }) {
      const shard = TAXI_WORKSPACE.shard;
      const records = countTfRecords(join(workspaceFolder, shard));
      await closeAllEditors(page);
      await (await explorerRow(page, shard)).click();
      await waitForActiveTab(page, basename(shard));
      // The editor's title area names the editor it opened with (a custom editor, not the text/binary editor).
      const editorType = page.locator('.editor-group-container.active .breadcrumbs-editor-type .label');
      await editorType.waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal((await editorType.innerText()).trim(), 'Facetwise Dataset Overview');
      const view = visibleWebview(page);
      const summary = await waitForSummary(view, `${formatCount(records)} examples`);
      assert.equal((await view.locator('#ov-title').innerText()).trim(), basename(shard));
      assert.ok(summary.includes('18 features'), summary);
      const names = await shownFeatures(view);
      assert.deepEqual([...names].sort(), [...taxiFacts(workspaceFolder).evalCsv.header].sort());
      await waitForNoNotification(page, 'Facetwise: ');
      await parkMouse(page);
      await screenshot('overview-tfrecord-dark');
      await closeAllEditors(page);
    },
  },
];
