// The Models side bar as a user drives it: the Facetwise icon → Models → right-click v2 → Compare with Another
// Version… → v1 → eval.csv → the comparison panel (verdict, slices, attribution bars, read inside the webview),
// a slice that filters the charts, dark and light → Roll Back to v1 → the diff → confirm both steps → the tree
// shows v1 served as stable.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TAXI_WORKSPACE } from '../harness/sampleWorkspace.js';
import type { UiTest } from '../harness/uiTest.js';
import { closeAllEditors, editorTabs, parkMouse, visibleWebview, waitForNoNotification, waitForWebviewTheme, waitUntil } from '../harness/uiActions.js';
import { inLightTheme, openModelsView, pickQuickItem, versionLabel, versionMenu } from './modelSteps.js';

const MODEL = 'taxi_model';

export const modelsUiTests: readonly UiTest[] = [
  {
    name: 'models: Facetwise → Models → v2 Compare with… v1 on eval.csv shows ROLL BACK, slices and attribution bars; Roll Back to v1 through the diff; the tree shows v1 served',
    timeoutMs: 240_000,
    async run({ page, workspaceFolder, screenshot, setTheme }) {
      await closeAllEditors(page);
      await openModelsView(page, MODEL, 2);
      assert.match(await versionLabel(page, MODEL, 2), /served \(stable\)/);
      await parkMouse(page);
      await screenshot('models-tree-dark');

      await versionMenu(page, MODEL, [2], 'Compare with Another Version…');
      await pickQuickItem(page, 'v1', 'v1');
      await pickQuickItem(page, 'eval.csv', 'eval.csv');
      const pickedAt = Date.now();
      const view = visibleWebview(page);
      const decision = view.locator('#cmp-verdict-decision');
      await decision.waitFor({ state: 'visible', timeout: 90_000 });
      const firstPaintMs = Date.now() - pickedAt;
      console.log(`[models.ui] dataset picked → panel painted: ${firstPaintMs} ms`);
      assert.equal((await decision.innerText()).trim(), 'ROLL BACK');
      assert.match(await view.locator("#cmp-verdict-reason").innerText(), /taxi_model\/2 .*logLoss/);
      assert.match(await view.locator('#cmp-verdict-gate').innerText(), /^Decided by: /);
      // Slices where v2 is worse: payment_type among them, sorted by delta.
      const sliceRows = view.locator('#cmp-slices .cmp-slice-table').first().locator('.slice-row');
      const names = await sliceRows.locator('.slice-feature').allInnerTexts();
      assert.ok(names.includes('payment_type'), names.join(', '));
      const deltas = (await sliceRows.locator('td:nth-child(5)').allInnerTexts()).map((t) => Number(t.replace('+', '').replace('\u2212', '-')));
      assert.deepEqual(deltas, [...deltas].sort((a, b) => b - a), `slice deltas not sorted: ${deltas.join(', ')}`);
      // Attribution bars: one row per feature of either version, with two bars each; payment_type only in v1.
      const spec1 = JSON.parse(readFileSync(join(workspaceFolder, TAXI_WORKSPACE.model, '1', 'feature_spec.json'), 'utf8')) as { features: Array<{ name: string }> };
      const attrFeatures = await view.locator('#cmp-attributions .attr-row .attr-feature').allInnerTexts();
      for (const f of spec1.features) assert.ok(attrFeatures.includes(f.name), `${f.name} in ${attrFeatures.join(', ')}`);
      const payment = view.locator('#cmp-attributions .attr-row[data-feature="payment_type"]');
      assert.ok(Number(await payment.locator('rect.series-base').getAttribute('width')) > 0, 'v1 uses payment_type');
      assert.equal(await payment.locator('.attr-candidate').innerText(), '(absent)');
      await view.locator('#cmp-roc path.curve').first().waitFor({ state: 'attached' });
      await waitForNoNotification(page, 'Facetwise: comparing', 20_000);
      await parkMouse(page);
      await screenshot('models-compare-dark');

      // Choosing a slice (keyboard) filters the charts to it.
      const paymentSlice = sliceRows.filter({ has: view.locator('.slice-feature', { hasText: /^payment_type$/ }) }).first();
      await paymentSlice.focus();
      await paymentSlice.press('Enter');
      await waitUntil('the charts filtered to the slice', async () => ((await view.locator('#cmp-chart-filter').innerText()).includes('payment_type') ? true : undefined), 10_000);
      assert.equal(await view.locator('#cmp-slices .slice-row.selected').first().getAttribute('aria-pressed'), 'true');
      await parkMouse(page);
      await screenshot('models-compare-slice-dark');
      await view.locator('#cmp-charts').scrollIntoViewIfNeeded();
      await screenshot('models-charts-slice-dark');
      await inLightTheme({ page, setTheme }, async () => {
        await screenshot('models-charts-slice-light');
        await view.locator('#cmp-attributions').scrollIntoViewIfNeeded();
        await screenshot('models-attributions-light');
        await view.locator('#cmp-verdict').scrollIntoViewIfNeeded();
        await screenshot('models-compare-slice-light');
      });
      await waitForWebviewTheme(page, 'dark');

      // Roll Back to v1: the diff first, then the confirmation (two steps: v1 is not loaded yet).
      await view.locator('#cmp-rollback').click();
      await waitUntil('the diff editor of models.config', async () => ((await editorTabs(page)).some((t) => t.active && t.label.startsWith('models.config')) ? true : undefined), 20_000, async () => JSON.stringify(await editorTabs(page)));
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 15_000 });
      assert.match(await dialog.innerText(), /Step 1: load version 1/);
      await page.locator('.monaco-workbench .monaco-diff-editor').first().waitFor({ state: 'visible', timeout: 10_000 });
      await screenshot('models-rollback-diff-dark');
      await dialog.locator('.monaco-button', { hasText: 'Write Step 1' }).click();
      const moveLabel = page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: 'Move Label to v1' });
      await moveLabel.waitFor({ state: 'visible', timeout: 15_000 });
      await moveLabel.click();
      await openModelsView(page, MODEL, 2);
      await waitUntil('v1 shown as served (stable)', async () => (/^taxi_model v1, served \(stable\)/.test(await versionLabel(page, MODEL, 1)) ? true : undefined), 20_000, () => versionLabel(page, MODEL, 1));
      assert.doesNotMatch(await versionLabel(page, MODEL, 2), /served/);
      const written = readFileSync(join(workspaceFolder, TAXI_WORKSPACE.servingConfig), 'utf8');
      assert.match(written, /fraud_model/);
      assert.match(written, /# What TF Serving serves here/);
      await parkMouse(page);
      await screenshot('models-tree-after-rollback-dark');
      await closeAllEditors(page);
    },
  },
];
