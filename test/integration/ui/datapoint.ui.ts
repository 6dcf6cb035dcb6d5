// The datapoint editor as a user sees it: opened from the palette (model versions, dataset and row asked for),
// both taxi_model versions predicting on a row of eval.csv; payment_type changed from Credit Card to Cash is read
// back inside the webview (scores and version 1's payment_type attribution); the backend table shows WebGL
// (SwiftShader here) checked against wasm; dark and light.
import * as assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { repoRoot } from '../harness/paths.js';
import { TAXI_WORKSPACE } from '../harness/sampleWorkspace.js';
import type { UiTest } from '../harness/uiTest.js';
import { closeAllEditors, parkMouse, runCommand, waitUntil } from '../harness/uiActions.js';
import { answerDatasetAndRow, answerVersionPick, datapointBackends, datapointScore as score, editFeature, inLightTheme, waitForDatapointEditor, waitForRescore } from './modelSteps.js';
import { taxiFacts } from './taxiFacts.js';

async function bar(view: FrameLocator, version: string, feature: string): Promise<number> {
  const g = view.locator(`.dp-attr[data-version="${version}"][data-feature="${feature}"]`);
  await g.waitFor({ state: 'attached', timeout: 30_000 });
  // The value as the bar's label shows it, and exactly as a data attribute.
  assert.ok((await g.locator('.dp-value').textContent())?.trim(), `${version} ${feature}: the bar has a value label`);
  return Number(await g.getAttribute('data-value'));
}

export const datapointUiTests: readonly UiTest[] = [
  {
    name: 'datapoint: open the editor on a Credit Card row of eval.csv with taxi_model 1 and 2; Cash changes v1 score and payment_type bar; backend named, WebGL checked against wasm; dark and light',
    timeoutMs: 240_000,
    async run({ page, workspaceFolder, screenshot, setTheme }) {
      cpSync(join(repoRoot, 'test/fixtures/models/taxi_model'), join(workspaceFolder, 'models/taxi_model'), { recursive: true });
      const { header, rows } = taxiFacts(workspaceFolder).evalCsv;
      const pay = header.indexOf('payment_type');
      const rowIndex = rows.findIndex((r) => r[pay] === 'Credit Card');
      assert.ok(rowIndex >= 0, 'eval.csv has a Credit Card row');
      const dataRow = rowIndex + 1;

      await closeAllEditors(page);
      await runCommand(page, 'Facetwise: Open Datapoint Editor');
      // 1. Model versions: both taxi_model versions offered and preselected; 2. the dataset; 3. the row.
      const versions = await answerVersionPick(page, ['taxi_model/1', 'taxi_model/2']);
      assert.ok(versions.length >= 2);
      await answerDatasetAndRow(page, TAXI_WORKSPACE.eval, dataRow);

      const source = `eval.csv:${dataRow + 1}`;
      const view = await waitForDatapointEditor(page, source);
      assert.equal((await view.locator('#dp-title').innerText()).trim(), `Explain ${source}`);
      assert.match(await view.locator('#dp-source').innerText(), new RegExp(`Row ${dataRow} of eval\\.csv · source ${source.replace('.', '\\.')}`));
      // The panel names its backend, and the table says why each other one was or was not used.
      const backends = await datapointBackends(view);
      const backendLine = backends.line;
      assert.match(backendLine, /^Inference: edits on (webgpu|webgl|wasm|cpu), batches on (webgpu|webgl|wasm|cpu) \(parity reference: wasm\)$/);
      const webgl = view.locator('.dp-backend-row[data-backend="webgl"]');
      const webglStatus = await webgl.getAttribute('data-status');
      const webglText = await webgl.innerText();
      // SwiftShader's WebGL runs the taxi model here: it passed the parity gate (|Δ| ≤ 1e-4 vs wasm) and was timed.
      assert.ok(webglStatus === 'ready' || webglStatus === 'used', `webgl: ${webglText}`);
      const diff = Number((await webgl.locator('td').nth(4).innerText()).trim());
      assert.ok(diff <= 1e-4, `webgl parity ${diff}`);
      assert.match(webglText, /\d/);
      const webgpu = backends.rows.get('webgpu');
      assert.equal(webgpu?.status, 'unavailable', `no WebGPU adapter in headless Chromium: ${webgpu?.text}`);
      assert.match(webgpu.text, /navigator\.gpu/, 'and the row says why');

      // The original row: Credit Card.
      const payInput = view.locator('input.dp-input[data-feature="payment_type"]');
      assert.equal(await payInput.inputValue(), 'Credit Card');
      await view.locator('.dp-attr[data-version="taxi_model/2"]').first().waitFor({ state: 'attached', timeout: 30_000 });
      const before1 = await score(view, 'taxi_model/1');
      const before2 = await score(view, 'taxi_model/2');
      const barBefore = await bar(view, 'taxi_model/1', 'payment_type');
      assert.ok(before1 > 0 && before1 < 1 && before2 > 0 && before2 < 1, `${before1} ${before2}`);
      assert.equal(await view.locator('.dp-attr[data-version="taxi_model/2"][data-feature="payment_type"]').count(), 0, 'version 2 does not read payment_type');
      assert.match(await view.locator('.dp-field[data-feature="payment_type"]').innerText(), /not read by taxi_model\/2/);

      // Credit Card → Cash, applied with Enter, as a user types it.
      await editFeature(view, 'payment_type', 'Cash');
      const after1 = await waitForRescore(view, 'taxi_model/1', before1, 20_000);
      const barAfter = await waitUntil('version 1 payment_type bar recomputed', async () => {
        const b = await bar(view, 'taxi_model/1', 'payment_type');
        return Math.abs(b - barBefore) > 1e-3 ? b : undefined;
      }, 20_000);
      assert.ok(Math.sign(barAfter) !== Math.sign(barBefore) || Math.abs(Math.abs(barAfter) - Math.abs(barBefore)) > 1e-3, `${barBefore} → ${barAfter}`);
      // Version 2 reads no payment_type: its score is exactly what it was (the panel shows both side by side).
      assert.equal(await score(view, 'taxi_model/2'), before2);
      const change = await view.locator('.dp-score-row[data-version="taxi_model/1"] td').nth(3).innerText();
      assert.match(change, /^[+-]/, `change column "${change}"`);
      assert.equal((await view.locator('#dp-history').innerText()).trim(), 'edit 1 of 1');
      assert.match(await view.locator('#dp-latency').innerText(), /p95 [\d.e+-]+ ms/);
      const completeness = view.locator('.dp-version-block[data-version="taxi_model/1"] .dp-completeness');
      assert.match(await completeness.innerText(), /completeness residual/);
      console.log(`    datapoint: ${backendLine}; v1 ${before1} → ${after1}; v1 payment_type bar ${barBefore} → ${barAfter}; v2 ${before2}; ${await view.locator('#dp-latency').innerText()}`);
      console.log(`    backends:\n${backends.table.split('\n').map((l) => '      ' + l).join('\n')}`);

      await view.locator('#dp-pdp-feature').selectOption('payment_type');
      await view.locator('#dp-pdp .dp-pdp-chart rect').first().waitFor({ state: 'attached', timeout: 20_000 });
      await parkMouse(page);
      await view.locator('#dp-title').scrollIntoViewIfNeeded();
      await screenshot('datapoint-editor-dark');
      await view.locator('#dp-pdp').scrollIntoViewIfNeeded();
      await screenshot('datapoint-editor-charts-dark');
      await inLightTheme({ page, setTheme }, async () => {
        await screenshot('datapoint-editor-charts-light');
        await view.locator('#dp-title').scrollIntoViewIfNeeded();
        await screenshot('datapoint-editor-light');
      });
      // Undo brings Credit Card and the original score back.
      await view.locator('#dp-undo').click();
      await waitUntil('undo restores Credit Card', async () => ((await payInput.inputValue()) === 'Credit Card' ? true : undefined), 10_000);
      await waitUntil('undo restores the score', async () => (Math.abs((await score(view, 'taxi_model/1')) - before1) < 1e-9 ? true : undefined), 10_000);
      await closeAllEditors(page);
    },
  },
];
