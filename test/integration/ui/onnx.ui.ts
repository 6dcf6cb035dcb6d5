// An ONNX model as a user meets it: the workspace's models/taxi_onnx (the taxi MLP written as model.onnx, v2 damaged
// on payment_type = Cash; harness/onnxModel.ts) appears in the Models view as format ONNX; v2 Compare with… v1 on
// eval.csv gives ROLL BACK with a payment_type slice worse; v1 and v2 selected → Open in Datapoint Editor… →
// eval.csv (offered first: the last one used) → a row opens the editor on both ONNX versions, each predicting and
// explained on onnxruntime-web inside the webview, the backend that ran and why the others did not named, and Cash
// moves v2's score more than v1's; dark and light.
import * as assert from 'node:assert/strict';
import { TAXI_WORKSPACE } from '../harness/sampleWorkspace.js';
import type { UiTest } from '../harness/uiTest.js';
import { closeAllEditors, parkMouse, quickPickRows, visibleWebview, waitForNoNotification, waitUntil } from '../harness/uiActions.js';
import { answerDatasetAndRow, datapointBackends, datapointScore, editFeature, inLightTheme, openModelsView, pickQuickItem, versionLabel, versionMenu, waitForDatapointEditor, waitForRescore } from './modelSteps.js';
import { taxiFacts } from './taxiFacts.js';

const MODEL = 'taxi_onnx';

export const onnxUiTests: readonly UiTest[] = [
  {
    name: 'onnx: taxi_onnx appears in the Models view as ONNX; v2 Compare with… v1 on eval.csv shows ROLL BACK with payment_type worse; Open in Datapoint Editor… on v1+v2 predicts and explains both ONNX versions in the webview and names the backend; dark and light',
    timeoutMs: 300_000,
    async run({ page, workspaceFolder, screenshot, setTheme }) {
      await closeAllEditors(page);
      await openModelsView(page, MODEL, 2);
      for (const v of [1, 2]) {
        const label = await versionLabel(page, MODEL, v);
        // 24×12 + 12 + 12 + 1 weights in the initializers; the spec's inputs; size and date.
        assert.match(label, new RegExp(`^taxi_onnx v${v}, ONNX · \\d+ inputs · binary · 313 params · [\\d.]+ KB · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`), label);
      }
      await parkMouse(page);
      await screenshot('onnx-models-tree-dark');

      // Compare v2 with v1 on eval.csv, from the tree's context menu as for tfjs.
      await versionMenu(page, MODEL, [2], 'Compare with Another Version…');
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
      await inLightTheme({ page, setTheme }, () => screenshot('onnx-compare-light'));
      await closeAllEditors(page);

      // The datapoint editor on the two ONNX versions, from the Models view: both selected, Open in Datapoint Editor….
      const { header, rows } = taxiFacts(workspaceFolder).evalCsv;
      const pay = header.indexOf('payment_type');
      const dataRow = rows.findIndex((r) => r[pay] === 'Credit Card') + 1;
      assert.ok(dataRow > 0, 'eval.csv has a Credit Card row');
      await openModelsView(page, MODEL, 2);
      await versionMenu(page, MODEL, [1, 2], 'Open in Datapoint Editor…');
      const offered = await waitUntil('the dataset quick pick', async () => {
        const shown = await quickPickRows(page);
        return shown.some((r) => r.label.includes('Browse')) ? shown : undefined;
      }, 20_000, async () => JSON.stringify(await quickPickRows(page)));
      assert.match(offered[0]?.label ?? '', /eval\.csv/, `the dataset the comparison used is offered first: ${JSON.stringify(offered)}`);
      await answerDatasetAndRow(page, TAXI_WORKSPACE.eval, dataRow);
      const dp = await waitForDatapointEditor(page, `eval.csv:${dataRow + 1}`);
      const backends = await datapointBackends(dp);
      assert.match(backends.line, /^Inference: edits on (webgpu|wasm), batches on (webgpu|wasm) \(parity reference: wasm\)$/);
      // WebGPU went through the gate (headless Chromium has no adapter: unavailable, with the reason); onnxruntime-web has no WebGL here.
      const webgpu = backends.rows.get('webgpu');
      assert.ok(['unavailable', 'ready', 'used', 'refused'].includes(webgpu?.status ?? ''), webgpu?.text);
      if (webgpu?.status === 'unavailable') assert.match(webgpu.text, /navigator\.gpu|adapter|execution provider/, `why WebGPU was not used: ${webgpu.text}`);
      assert.match(backends.rows.get('webgl')?.text ?? '', /onnxruntime-web runs ONNX versions on WebGPU or wasm only/);
      assert.match(backends.rows.get('cpu')?.text ?? '', /onnxruntime-web runs ONNX versions on WebGPU or wasm only/);
      await dp.locator('.dp-attr[data-version="taxi_onnx/2"]').first().waitFor({ state: 'attached', timeout: 60_000 });
      const before1 = await datapointScore(dp, 'taxi_onnx/1');
      const before2 = await datapointScore(dp, 'taxi_onnx/2');
      assert.ok(before1 > 0 && before1 < 1 && before2 > 0 && before2 < 1, `${before1} ${before2}`);
      assert.match(await dp.locator('#dp-gradient-note').innerText(), /central differences, step 0\.001/);
      assert.match(await dp.locator('.dp-version-block[data-version="taxi_onnx/1"] .dp-completeness').innerText(), /completeness residual/);

      // Credit Card → Cash: v2 was damaged on Cash, so its score jumps further than v1's.
      assert.equal(await dp.locator('input.dp-input[data-feature="payment_type"]').inputValue(), 'Credit Card');
      await editFeature(dp, 'payment_type', 'Cash');
      const after2 = await waitForRescore(dp, 'taxi_onnx/2', before2);
      const after1 = await datapointScore(dp, 'taxi_onnx/1');
      assert.ok(after2 - before2 > after1 - before1, `v1 ${before1} → ${after1}, v2 ${before2} → ${after2}`);
      console.log(`    onnx datapoint: ${backends.line}; v1 ${before1} → ${after1}; v2 ${before2} → ${after2}`);
      console.log(`    backends:\n${backends.table.split('\n').map((l) => '      ' + l).join('\n')}`);
      await dp.locator('.dp-attr[data-version="taxi_onnx/2"]').first().waitFor({ state: 'attached', timeout: 30_000 });
      await parkMouse(page);
      await dp.locator('#dp-title').scrollIntoViewIfNeeded();
      await screenshot('onnx-datapoint-dark');
      await inLightTheme({ page, setTheme }, () => screenshot('onnx-datapoint-light'));
      await closeAllEditors(page);
    },
  },
];
