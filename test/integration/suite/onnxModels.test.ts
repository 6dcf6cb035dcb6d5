/// <reference types="mocha" />
// ONNX versions through the Models surface in the extension host: the workspace's models/taxi_onnx (the taxi MLP
// as model.onnx, v2 damaged on payment_type = Cash; harness/onnxModel.ts) is discovered as ONNX, v1 vs v2 on
// eval.csv says ROLL BACK with Cash the worst slice (and comes from the cache the second time, keyed on the
// model.onnx files), and Roll Back to v1 writes models.config as for a tfjs model.
import * as assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readServingConfig, servedVersions } from '../../../src/core/model/servingConfig.js';
import { activateFacetwise, scratch } from './facetwiseKit.js';
import type { Scratch } from './facetwiseKit.js';

interface Summary {
  decision: string;
  reason: string;
  worseSlices: Array<{ feature: string; value: string; rows: number }>;
  cached: boolean;
}
interface ModelsApi {
  tree(): Promise<Array<{ name: string; root: string; versions: Array<{ version: number | null; label: string; description: string; error?: string }> }>>;
  compare(request: { base: { root: string; version: number | null }; candidate: { root: string; version: number | null }; dataset: string }, options?: { showPanel?: boolean }): Promise<Summary | undefined>;
}

function workspaceFile(rel: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder');
  return join(folder.uri.fsPath, rel);
}

describe('Facetwise: ONNX models (extension host)', function () {
  this.timeout(120_000);
  let models: ModelsApi;
  let dir: Scratch;
  let root: string;

  before(async () => {
    const activated = await activateFacetwise();
    models = (activated.api as unknown as { models: ModelsApi }).models;
    dir = scratch('facetwise-onnx-models-');
    root = workspaceFile('models/taxi_onnx');
  });
  after(() => dir.dispose());

  it('ONNX: discovery lists taxi_onnx v1 and v2 as ONNX with their inputs and parameter count', async () => {
    const onnx = (await models.tree()).find((m) => m.name === 'taxi_onnx');
    assert.ok(onnx, 'taxi_onnx discovered');
    assert.deepEqual(onnx.versions.map((v) => v.version), [1, 2]);
    for (const v of onnx.versions) {
      assert.equal(v.error, undefined, v.error);
      assert.match(v.description, /^ONNX · 6 inputs · binary · 313 params · /, v.description);
    }
  });

  it('ONNX: v1 vs v2 on eval.csv says ROLL BACK with payment_type = Cash the worst slice; the second run comes from the cache', async () => {
    const request = { base: { root, version: 1 }, candidate: { root, version: 2 }, dataset: workspaceFile('taxi/eval.csv') };
    const summary = await models.compare(request, { showPanel: false });
    assert.equal(summary?.decision, 'ROLL BACK', summary?.reason);
    assert.deepEqual([summary.worseSlices[0]?.feature, summary.worseSlices[0]?.value], ['payment_type', 'Cash'], JSON.stringify(summary.worseSlices));
    assert.ok(!summary.worseSlices.some((s) => s.feature === 'payment_type' && s.value === 'Credit Card'), 'the undamaged slice is not worse');
    const again = await models.compare(request, { showPanel: false });
    assert.equal(again?.cached, true);
  });

  it('ONNX: Roll Back to v1 writes models.config (specific { versions: 1 }, stable → 1) as for tfjs', async () => {
    const copy = join(dir.root, 'models', 'taxi_onnx');
    cpSync(root, copy, { recursive: true });
    const config = join(dir.root, 'models', 'models.config');
    writeFileSync(
      config,
      `model_config_list {
  config {
    name: "taxi_onnx"
    base_path: ${JSON.stringify(copy)}
    model_platform: "onnx"
    model_version_policy { specific { versions: 2 } }
    version_labels { key: "stable" value: 2 }
  }
}
`,
    );
    const result = await vscode.commands.executeCommand<{ configPath: string; written: string }>('facetwise.models.rollBack', { root: copy, version: 1, confirm: true });
    assert.equal(result?.configPath, config);
    assert.equal(result?.written, 'done');
    const served = servedVersions(readServingConfig(readFileSync(config, 'utf8'), config), 'taxi_onnx');
    assert.deepEqual(served?.policy, { kind: 'specific', versions: [1] });
    assert.deepEqual(served?.labels, [{ label: 'stable', version: 1 }]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
