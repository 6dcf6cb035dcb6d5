/// <reference types="mocha" />
// Facetwise's Models surface in the extension host: discovery of the workspace's taxi_model, a comparison of v1
// and v2 on eval.csv (ROLL BACK, worse on payment_type slices), the gate from facetwise.modelGate changing the
// verdict, a roll back that writes a models.config our own parser reads back, and cancelling a comparison.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readServingConfig, servedVersions } from '../../../src/core/model/servingConfig.js';
import { activateFacetwise, scratch } from './facetwiseKit.js';
import type { Scratch } from './facetwiseKit.js';

interface VersionRef {
  root: string;
  version: number | null;
}
interface Summary {
  decision: string;
  reason: string;
  decidedBy: string;
  worseSlices: Array<{ feature: string; value: string; rows: number }>;
  attributionFeatures: string[];
  cached: boolean;
  elapsedMs: number;
}
interface ModelsApi {
  tree(): Promise<Array<{ name: string; root: string; versions: Array<{ version: number | null; label: string; description: string; error?: string }> }>>;
  compare(request: { base: VersionRef; candidate: VersionRef; dataset: string }, options?: { showPanel?: boolean; signal?: AbortSignal }): Promise<Summary | undefined>;
  liveWorkers(): number;
}

function workspaceFile(rel: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder');
  return join(folder.uri.fsPath, rel);
}

/** The taxi_model fixture copied to `<dir>/models/taxi_model`, with a models.config serving v2 and another model. */
function modelCopy(extensionPath: string, dir: Scratch): { root: string; config: string } {
  const fixture = join(extensionPath, 'test', 'fixtures', 'models', 'taxi_model');
  const root = join(dir.root, 'models', 'taxi_model');
  for (const v of readdirSync(fixture)) {
    mkdirSync(join(root, v), { recursive: true });
    for (const f of readdirSync(join(fixture, v))) copyFileSync(join(fixture, v, f), join(root, v, f));
  }
  const config = join(dir.root, 'models', 'models.config');
  writeFileSync(
    config,
    `# served here: keep this comment
model_config_list {
  config {
    name: "fraud_model"
    base_path: "/srv/models/fraud_model"
    model_platform: "tensorflow"
  }
  config {
    name: "taxi_model"
    base_path: ${JSON.stringify(root)}
    model_platform: "tensorflow"
    model_version_policy { specific { versions: 2 } }
    version_labels { key: "stable" value: 2 }
  }
}
`,
  );
  return { root, config };
}

describe('Facetwise: Models (extension host)', function () {
  this.timeout(120_000);
  let models: ModelsApi;
  let extensionPath: string;
  let dir: Scratch;
  let root: string;
  let evalCsv: string;

  before(async () => {
    const activated = await activateFacetwise();
    extensionPath = activated.extensionPath;
    models = (activated.api as unknown as { models: ModelsApi }).models;
    dir = scratch('facetwise-models-');
    root = workspaceFile('models/taxi_model');
    evalCsv = workspaceFile('taxi/eval.csv');
  });
  after(async () => {
    await vscode.workspace.getConfiguration('facetwise').update('modelGate', undefined, vscode.ConfigurationTarget.Global);
    dir.dispose();
  });

  it('Models: discovery finds taxi_model with versions 1 and 2 and reads their feature specs; v2 is served as stable', async () => {
    const tree = await models.tree();
    const taxi = tree.find((m) => m.name === 'taxi_model');
    assert.ok(taxi, `taxi_model not found in ${JSON.stringify(tree.map((m) => m.name))}`);
    assert.equal(taxi.root, root);
    assert.deepEqual(taxi.versions.map((v) => v.version), [1, 2]);
    for (const v of taxi.versions) {
      const spec = JSON.parse(readFileSync(join(root, String(v.version), 'feature_spec.json'), 'utf8')) as { task: string; features: unknown[] };
      assert.equal(v.error, undefined);
      assert.match(v.description, new RegExp(`\\b${spec.features.length} inputs\\b`), v.description);
      assert.match(v.description, new RegExp(`\\b${spec.task}\\b`), v.description);
      assert.match(v.description, /LayersModel|GraphModel/, v.description);
    }
    assert.match(taxi.versions[1]!.description, /^served \(stable\)/);
    assert.doesNotMatch(taxi.versions[0]!.description, /served/);
  });

  it('Models: comparing v1 (base) with v2 on eval.csv says ROLL BACK, with payment_type among the worse slices and attributions per feature', async () => {
    const summary = await models.compare({ base: { root, version: 1 }, candidate: { root, version: 2 }, dataset: evalCsv }, { showPanel: false });
    assert.ok(summary);
    assert.equal(summary.decision, 'ROLL BACK', summary.reason);
    assert.ok(summary.worseSlices.some((s) => s.feature === 'payment_type'), JSON.stringify(summary.worseSlices));
    assert.ok(summary.reason.length > 0 && summary.decidedBy.length > 0);
    // v1 reads payment_type, v2 does not: the attribution table still lists it.
    const v1 = JSON.parse(readFileSync(join(root, '1', 'feature_spec.json'), 'utf8')) as { features: Array<{ name: string }> };
    for (const f of v1.features) assert.ok(summary.attributionFeatures.includes(f.name), f.name);
    // The same comparison again comes from the cache.
    const again = await models.compare({ base: { root, version: 1 }, candidate: { root, version: 2 }, dataset: evalCsv }, { showPanel: false });
    assert.equal(again?.cached, true);
    assert.equal(again?.decision, 'ROLL BACK');
  });

  it('Models: a gate in facetwise.modelGate changes the verdict (log loss may rise by up to 1, slices not judged → KEEP)', async () => {
    await vscode.workspace.getConfiguration('facetwise').update('modelGate', { metrics: [{ metric: 'logLoss', change: { absolute: 1 } }], slices: false }, vscode.ConfigurationTarget.Global);
    try {
      const summary = await models.compare({ base: { root, version: 1 }, candidate: { root, version: 2 }, dataset: evalCsv }, { showPanel: false });
      assert.equal(summary?.decision, 'KEEP', summary?.reason);
      assert.match(summary?.decidedBy ?? '', /logLoss/);
      await vscode.workspace.getConfiguration('facetwise').update('modelGate', { metrics: [{ metric: 'auc', lowerBound: 0.999 }], slices: false }, vscode.ConfigurationTarget.Global);
      const strict = await models.compare({ base: { root, version: 1 }, candidate: { root, version: 2 }, dataset: evalCsv }, { showPanel: false });
      assert.equal(strict?.decision, 'ROLL BACK', strict?.reason);
      assert.match(strict?.decidedBy ?? '', /auc/i);
    } finally {
      await vscode.workspace.getConfiguration('facetwise').update('modelGate', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Models: Roll Back to v1 writes models.config (specific { versions: 1 }, stable → 1), keeps the other model and the comment, appends an audit line', async () => {
    const copy = modelCopy(extensionPath, dir);
    const result = await vscode.commands.executeCommand<{ configPath: string; written: string; plan?: { twoStep: boolean } }>('facetwise.models.rollBack', { root: copy.root, version: 1, confirm: true });
    assert.equal(result?.configPath, copy.config);
    assert.equal(result?.written, 'done');
    // v1 was not loaded: TF Serving needs the two-step change, and both steps were written.
    assert.equal(result?.plan?.twoStep, true);
    const text = readFileSync(copy.config, 'utf8');
    const config = readServingConfig(text, copy.config);
    const taxi = servedVersions(config, 'taxi_model');
    assert.deepEqual(taxi?.policy, { kind: 'specific', versions: [1] });
    assert.deepEqual(taxi?.labels, [{ label: 'stable', version: 1 }]);
    const fraud = servedVersions(config, 'fraud_model');
    assert.equal(fraud?.basePath, '/srv/models/fraud_model');
    assert.match(text, /# served here: keep this comment/);
    const audit = join(dir.root, 'models', 'models.config.audit.jsonl');
    assert.ok(existsSync(audit));
    const lines = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { model: string; from: number; to: number; label: string });
    assert.equal(lines.length, 1);
    assert.deepEqual({ model: lines[0]!.model, from: lines[0]!.from, to: lines[0]!.to, label: lines[0]!.label }, { model: 'taxi_model', from: 2, to: 1, label: 'stable' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Models: cancelling a comparison stops its worker at once', async () => {
    // 40 copies of eval.csv's rows: long enough to cancel in the middle.
    const [header, ...rows] = readFileSync(evalCsv, 'utf8').trimEnd().split('\n');
    const big = dir.write('big.csv', `${header}\n${Array.from({ length: 40 }, () => rows.join('\n')).join('\n')}\n`);
    const controller = new AbortController();
    const run = models.compare({ base: { root, version: 1 }, candidate: { root, version: 2 }, dataset: big.fsPath }, { showPanel: false, signal: controller.signal });
    // Long enough for the job to be running on its worker (it reads the dataset for several seconds).
    await new Promise((r) => setTimeout(r, 1_500));
    const during = models.liveWorkers();
    assert.ok(during > 0, 'no worker is running');
    const cancelledAt = Date.now();
    controller.abort(new DOMException('Cancelled', 'AbortError'));
    await assert.rejects(run, (e: Error) => e.name === 'AbortError');
    assert.ok(Date.now() - cancelledAt < 2_000, `the comparison took ${Date.now() - cancelledAt} ms to stop`);
    assert.equal(models.liveWorkers(), during - 1, 'the cancelled job\'s worker is terminated');
  });
});
