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
