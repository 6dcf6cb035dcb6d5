// The comparison panel as a user drives it: Explorer → serving.csv → Compare with… → train.csv; the features
// sorted by distance, the terms that make up payment_type's L-infinity, Set threshold writing the skew comparator
// into schema.pbtxt (its comment kept) and the skew anomaly in the Problems pane; a stored TFDV statistics file as
// the baseline of eval.csv; the CLI's offline HTML report in Chromium with the network blocked. Dark and light.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TAXI_WORKSPACE } from '../harness/sampleWorkspace.js';
import type { UiTest } from '../harness/uiTest.js';
import { closeAllEditors, explorerContextMenu, openProblems, parkMouse, problemMarkers, runCommand, visibleWebview, waitForNoNotification, waitForProblemMarkers, waitForWebviewTheme, waitUntil } from '../harness/uiActions.js';
import { repoRoot } from '../harness/paths.js';
import { waitForActiveTab } from './overviewView.js';
import { comparedFeature, comparedFeatures, expandFeature, pickQuickItem, termsOf, waitForComparedFeatures } from './compareView.js';

const SCHEMA_COMMENT = '# Inferred from train.csv; thresholds below are reviewed by hand.';

/** The order the panel listed serving vs train in (the first test), which the HTML report must show too. */
let panelOrder: string[] | undefined;

export const compareUiTests: readonly UiTest[] = [
  {
    name: 'compare: Explorer → serving.csv → Compare with… train.csv: sorted by distance, tips only in training, payment_type’s terms sum to its L∞; Set threshold 0.01 writes the skew comparator and Problems shows the skew; dark and light',
    timeoutMs: 240_000,
    async run({ page, workspaceFolder, screenshot, setTheme }) {
      const schemaFile = join(workspaceFolder, TAXI_WORKSPACE.schema);
      // A comment a user wrote, which Set threshold must keep.
      const original = readFileSync(schemaFile, 'utf8');
      if (!original.includes(SCHEMA_COMMENT)) writeFileSync(schemaFile, `${SCHEMA_COMMENT}\n${original}`);
      await runCommand(page, 'Facetwise: Clear Problems');
      await closeAllEditors(page);
      const started = Date.now();
      await explorerContextMenu(page, TAXI_WORKSPACE.serving, 'Compare Dataset with\u2026');
      await pickQuickItem(page, 'train.csv');
      await waitForActiveTab(page, 'Compare: serving.csv vs train.csv');
      const view = visibleWebview(page);
      const names = await waitForComparedFeatures(view, 18);
      panelOrder = names;
      // Time to first paint of the panel from the menu click (statistics computed, not cached, in this window).
      console.log(`    compare panel first paint (train vs serving, from the menu): ${Date.now() - started} ms`);
      assert.equal(names[0], 'tips');
      assert.equal((await comparedFeature(view, 'tips').locator('.presence').innerText()).trim(), 'only in train.csv');
      assert.ok(names.indexOf('payment_type') >= 0 && names.indexOf('payment_type') < names.length / 2, names.join(', '));
      // Sorted: each feature's shown distance is no larger than the one above it (tips, one side only, first).
      const values = (await view.locator('.feature-list .feature .distance-value').allInnerTexts()).map(Number);
      assert.deepEqual(values, [...values].sort((a, b) => b - a), values.join(', '));
      assert.equal((await view.locator('#cmp-title').innerText()).trim(), 'serving.csv vs train.csv');

      const details = await expandFeature(view, 'payment_type');
      const linf = Number(await comparedFeature(view, 'payment_type').locator('.distance-value').getAttribute('title').then((t) => (t ?? '').replace(/,/g, '')));
      const { terms, sum, caption } = await termsOf(details);
      assert.ok(caption.startsWith('What makes up L\u221e (TFDV)'), caption);
      assert.ok(Math.abs(terms.reduce((s, t) => s + t, 0) - linf) < 1e-12, `${terms.join(' + ')} vs ${linf}`);
      assert.ok(Math.abs(sum - linf) < 1e-12, `${sum} vs ${linf}`);
      await waitForNoNotification(page, 'Facetwise: ');
      await parkMouse(page);
      await screenshot('compare-serving-train-dark');

      // Set threshold 0.01 (skew, infinity_norm) on payment_type.
      await details.locator('[data-role="threshold"]').fill('0.01');
      await details.locator('[data-role="comparator"]').selectOption('skew');
      await details.locator('[data-action="set-threshold"]').click();
      await waitUntil('the schema to gain payment_type’s skew comparator', async () => (/skew_comparator\s*\{\s*infinity_norm\s*\{\s*threshold:\s*0\.01\s*\}\s*\}/.test(readFileSync(schemaFile, 'utf8')) ? true : undefined), 20_000);
      const text = readFileSync(schemaFile, 'utf8');
      assert.ok(text.startsWith(SCHEMA_COMMENT), 'the comment at the top survives');
      const payment = comparedFeature(view, 'payment_type');
      await payment.locator('.anomaly-short').waitFor({ state: 'visible', timeout: 20_000 });
      assert.match(await payment.locator('.anomaly-short').innerText(), /^Skew: High Linfty distance between training and serving/);
      assert.match(await payment.getAttribute('class') ?? '', /\bhas-anomaly\b/);
      await openProblems(page);
      const markers = await waitForProblemMarkers(page, 'the skew anomaly of payment_type', (ms) => ms.some((m) => m.code === 'COMPARATOR_L_INFTY_HIGH' && m.message.startsWith('payment_type: ')));
      const skew = markers.find((m) => m.code === 'COMPARATOR_L_INFTY_HIGH');
      assert.equal(skew?.source, 'Facetwise');
      assert.match(skew?.message ?? '', /The Linfty distance between training and serving is 0\.0225/);
      await parkMouse(page);
      await screenshot('compare-set-threshold-dark');

      // "Only over threshold" keeps payment_type alone.
      await view.locator('#cmp-over').check();
      await waitUntil('only payment_type over its threshold', async () => ((await comparedFeatures(view)).join() === 'payment_type' ? true : undefined), 10_000, async () => (await comparedFeatures(view)).join());
      await view.locator('#cmp-over').uncheck();
      await waitForComparedFeatures(view, 18);
      try {
        await setTheme('light');
        await waitForWebviewTheme(page, 'light');
        await parkMouse(page);
        await screenshot('compare-serving-train-light');
      } finally {
        await setTheme('dark');
      }
      await waitForWebviewTheme(page, 'dark');
      void problemMarkers;
    },
  },
  {
    name: 'compare: eval.csv against a stored train_FeatureStats.pb (no training data): TFDV’s distances, the fine ones unavailable',
    timeoutMs: 150_000,
    async run({ page, screenshot }) {
      await closeAllEditors(page);
      await explorerContextMenu(page, TAXI_WORKSPACE.eval, 'Compare Dataset with\u2026');
      await pickQuickItem(page, 'train_FeatureStats.pb');
      await waitForActiveTab(page, 'Compare: eval.csv vs train_FeatureStats.pb');
      const view = visibleWebview(page);
      const names = await waitForComparedFeatures(view);
      assert.ok(names.includes('payment_type') && names.includes('trip_seconds'), names.join(', '));
      const trip = comparedFeature(view, 'trip_seconds');
      // Without fine quantiles on the TFDV side the numeric sort key is TFDV's JSD, labelled as TFDV's.
      assert.equal((await trip.locator('.metric-name').innerText()).trim(), 'JSD (TFDV)');
      const details = await expandFeature(view, 'trip_seconds');
      const ks = details.locator('.all-distances dt', { hasText: 'KS (Facetwise)' });
      assert.equal((await ks.locator('xpath=following-sibling::dd[1]').innerText()).trim(), 'unavailable');
      await waitForNoNotification(page, 'Facetwise: ');
      await parkMouse(page);
      await screenshot('compare-eval-tfdv-stats-dark');
      await closeAllEditors(page);
    },
  },
  {
    name: 'compare: facetwise compare --html writes a report that opens in Chromium with the network blocked and lists the features sorted as the panel does',
    timeoutMs: 90_000,
    async run({ page, workspaceFolder, screenshot }) {
      const out = join(workspaceFolder, 'report.html');
      const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'compare', join(workspaceFolder, TAXI_WORKSPACE.train), join(workspaceFolder, TAXI_WORKSPACE.serving), '--html', out], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const browser = page.context().browser();
      assert.ok(browser);
      const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
      const requested: string[] = [];
      await context.route('**/*', async (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        requested.push(url);
        return route.abort();
      });
      try {
        const report = await context.newPage();
        const errors: string[] = [];
        report.on('pageerror', (e) => errors.push(String(e)));
        await report.goto(`file://${out}`);
        const names = await waitForComparedFeatures(report, 18, 20_000);
        // The same features in the same order as the panel (when the panel's test ran in this window).
        if (panelOrder) assert.deepEqual(names, panelOrder);
        assert.equal(names[0], 'tips');
        assert.ok(names.indexOf('payment_type') < names.length / 2, names.join(', '));
        const values = (await report.locator('.feature-list .feature .distance-value').allInnerTexts()).map(Number);
        assert.deepEqual(values, [...values].sort((a, b) => b - a));
        assert.deepEqual(requested, [], 'the report loads nothing');
        assert.deepEqual(errors, []);
        const file = join(repoRoot, 'test-results', 'integration', 'compare-html-report-dark.png');
        await report.screenshot({ path: file });
        void screenshot;
      } finally {
        await context.close();
      }
    },
  },
];
