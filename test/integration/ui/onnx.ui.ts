// An ONNX model as a user meets it: the workspace's models/taxi_onnx (the taxi MLP written as model.onnx, v2 damaged
// on payment_type = Cash; harness/onnxModel.ts) appears in the Models view as format ONNX; v2 Compare with… v1 on
// eval.csv gives ROLL BACK with a payment_type slice worse; the datapoint editor opens on both ONNX versions, each
// predicting and explained on onnxruntime-web inside the webview, and Cash moves v2's score more than v1's;
// dark and light.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { TAXI_WORKSPACE } from '../harness/sampleWorkspace.js';
import type { UiTest } from '../harness/uiTest.js';
import { chooseContextMenuItem, closeAllEditors, parkMouse, quickPickRows, runCommand, visibleWebview, waitForNoNotification, waitForWebviewTheme, waitUntil } from '../harness/uiActions.js';
import { waitForActiveTab } from './overviewView.js';
import { taxiFacts } from './taxiFacts.js';

function onnxRow(page: Page, version: number): Locator {
  return page.locator(`.part.sidebar .monaco-list-row[aria-label^="taxi_onnx v${version},"]`).first();
}

async function openModelsView(page: Page): Promise<void> {
  const icon = page.locator('.part.activitybar .action-item .action-label[aria-label^="Facetwise"]').first();
  await icon.waitFor({ state: 'visible', timeout: 30_000 });
  if (!(await onnxRow(page, 2).isVisible())) await icon.click();
  await onnxRow(page, 2).waitFor({ state: 'visible', timeout: 30_000 });
}

async function pickQuickItem(page: Page, filter: string, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(filter);
  const row = page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

async function score(page: Page, version: string): Promise<number> {
  const text = await visibleWebview(page).locator(`.dp-score-row[data-version="${version}"]`).getAttribute('data-score');
  return text === null || text === '' ? NaN : Number(text);
}

export const onnxUiTests: readonly UiTest[] = [
  {
    name: 'onnx: taxi_onnx appears in the Models view as ONNX; v2 Compare with… v1 on eval.csv shows ROLL BACK with payment_type worse; the datapoint editor predicts and explains both ONNX versions in the webview; dark and light',
    timeoutMs: 300_000,
    async run({ page, workspaceFolder, screenshot, setTheme }) {
      await closeAllEditors(page);
      await openModelsView(page);
      for (const v of [1, 2]) {
        const label = (await onnxRow(page, v).getAttribute('aria-label')) ?? '';
        // 24×12 + 12 + 12 + 1 weights in the initializers; the spec's inputs; size and date.
        assert.match(label, new RegExp(`^taxi_onnx v${v}, ONNX · \\d+ inputs · binary · 313 params · [\\d.]+ KB · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`), label);
      }
      await parkMouse(page);
      await screenshot('onnx-models-tree-dark');

      // Compare v2 with v1 on eval.csv, from the tree's context menu as for tfjs.
      await onnxRow(page, 2).click({ button: 'right' });
      await chooseContextMenuItem(page, 'Compare with Another Version…');
      await pickQuickItem(page, 'v1', 'v1');
      await pickQuickItem(page, 'eval.csv', 'eval.csv');
      const view = visibleWebview(page);
      const decision = view.locator('#cmp-verdict-decision');
      await decision.waitFor({ state: 'visible', timeout: 120_000 });
      assert.equal((await decision.innerText()).trim(), 'ROLL BACK');
      assert.match(await view.locator('#cmp-verdict-reason').innerText(), /taxi_onnx\/2 /);
      const sliceRows = view.locator('#cmp-slices .cmp-slice-table').first().locator('.slice-row');
      const worse = await sliceRows.evaluateAll((rows) => rows.map((r) => `${r.querySelector('.slice-feature')?.textContent ?? ''}=${r.querySelector('.slice-value')?.textContent ?? ''}`));
      assert.equal(worse[0], 'payment_type=Cash', `the damaged slice is the worst: ${worse.join(', ')}`);
      assert.ok(!worse.includes('payment_type=Credit Card'), `the undamaged slice is not worse: ${worse.join(', ')}`);
      console.log(`    onnx compare: ${(await view.locator('#cmp-verdict-reason').innerText()).trim()}; worse slices ${worse.slice(0, 4).join(', ')}`);
      await waitForNoNotification(page, 'Facetwise: comparing', 20_000);
      await parkMouse(page);
      await screenshot('onnx-compare-dark');
      try {
        await setTheme('light');
        await waitForWebviewTheme(page, 'light');
        await parkMouse(page);
        await screenshot('onnx-compare-light');
      } finally {
        await setTheme('dark');
      }
      await closeAllEditors(page);

      // The datapoint editor on the two ONNX versions (the tfjs ones, preselected, unticked), a Credit Card row.
      const { header, rows } = taxiFacts(workspaceFolder).evalCsv;
      const pay = header.indexOf('payment_type');
      const dataRow = rows.findIndex((r) => r[pay] === 'Credit Card') + 1;
      assert.ok(dataRow > 0, 'eval.csv has a Credit Card row');
      await runCommand(page, 'Facetwise: Open Datapoint Editor');
      await waitUntil('the model versions quick pick', async () => {
        const shown = await quickPickRows(page);
        return shown.some((r) => r.label.includes('taxi_onnx/2')) ? true : undefined;
      }, 30_000, async () => JSON.stringify(await quickPickRows(page)));
      for (const label of ['taxi_model/1', 'taxi_model/2', 'taxi_onnx/1', 'taxi_onnx/2']) {
        await page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first().click();
      }
      const ticked = await page.locator('.quick-input-widget .monaco-list-row').evaluateAll((rs) =>
        rs.filter((r) => r.getAttribute('aria-checked') === 'true' || (r.querySelector('input[type=checkbox]') as { checked?: boolean } | null)?.checked === true || r.querySelector('.monaco-custom-toggle.checked') !== null).map((r) => r.getAttribute('aria-label') ?? ''),
      );
      assert.ok(ticked.length === 2 && ticked.every((l) => l.includes('taxi_onnx')), `ticked: ${ticked.join(' | ')}`);
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.press('Enter');
      await waitUntil('the dataset quick pick', async () => ((await quickPickRows(page)).some((r) => r.label.includes('eval.csv')) ? true : undefined), 20_000, async () => JSON.stringify(await quickPickRows(page)));
      await input.fill(TAXI_WORKSPACE.eval);
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'eval.csv' }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await input.press('Enter');
      await waitUntil('the row input box', async () => ((await input.isVisible()) && (await input.inputValue()) === '1' ? true : undefined), 10_000);
      await input.fill(String(dataRow));
      await input.press('Enter');
      const source = `eval.csv:${dataRow + 1}`;
      await waitForActiveTab(page, `Explain: ${source}`);
      const dp = visibleWebview(page);
      await waitForWebviewTheme(page, 'dark');
      await dp.locator('#dp-backends').waitFor({ state: 'visible', timeout: 120_000 });
      const backendLine = await dp.locator('#dp-backend').innerText();
      assert.match(backendLine, /^Inference: edits on (webgpu|wasm), batches on (webgpu|wasm) \(parity reference: wasm\)$/);
      // WebGPU went through the gate (headless Chromium has no adapter: unavailable, with the reason); onnxruntime-web has no WebGL here.
      const webgpu = dp.locator('.dp-backend-row[data-backend="webgpu"]');
      const webgpuText = await webgpu.innerText();
      assert.ok(['unavailable', 'ready', 'used', 'refused'].includes((await webgpu.getAttribute('data-status')) ?? ''), webgpuText);
      assert.match(await dp.locator('.dp-backend-row[data-backend="webgl"]').innerText(), /onnxruntime-web runs ONNX versions on WebGPU or wasm only/);
      await dp.locator('.dp-attr[data-version="taxi_onnx/2"]').first().waitFor({ state: 'attached', timeout: 60_000 });
      const before1 = await score(page, 'taxi_onnx/1');
      const before2 = await score(page, 'taxi_onnx/2');
      assert.ok(before1 > 0 && before1 < 1 && before2 > 0 && before2 < 1, `${before1} ${before2}`);
      assert.match(await dp.locator('#dp-gradient-note').innerText(), /central differences, step 0\.001/);
      assert.match(await dp.locator('.dp-version-block[data-version="taxi_onnx/1"] .dp-completeness').innerText(), /completeness residual/);

      // Credit Card → Cash: v2 was damaged on Cash, so its score jumps further than v1's.
      const payInput = dp.locator('input.dp-input[data-feature="payment_type"]');
      assert.equal(await payInput.inputValue(), 'Credit Card');
      await payInput.fill('');
      await payInput.pressSequentially('Cash');
      await payInput.press('Enter');
      const after2 = await waitUntil('version 2 rescored', async () => {
        const s = await score(page, 'taxi_onnx/2');
        return Number.isFinite(s) && Math.abs(s - before2) > 1e-6 ? s : undefined;
      }, 30_000);
      const after1 = await score(page, 'taxi_onnx/1');
      assert.ok(after2 - before2 > after1 - before1, `v1 ${before1} → ${after1}, v2 ${before2} → ${after2}`);
      console.log(`    onnx datapoint: ${backendLine}; v1 ${before1} → ${after1}; v2 ${before2} → ${after2}`);
      console.log(`    backends:\n${(await dp.locator('#dp-backends').innerText()).split('\n').map((l) => '      ' + l).join('\n')}`);
      await dp.locator('.dp-attr[data-version="taxi_onnx/2"]').first().waitFor({ state: 'attached', timeout: 30_000 });
      await parkMouse(page);
      await dp.locator('#dp-title').scrollIntoViewIfNeeded();
      await screenshot('onnx-datapoint-dark');
      try {
        await setTheme('light');
        await waitForWebviewTheme(page, 'light');
        await parkMouse(page);
        await screenshot('onnx-datapoint-light');
      } finally {
        await setTheme('dark');
      }
      await closeAllEditors(page);
    },
  },
];
