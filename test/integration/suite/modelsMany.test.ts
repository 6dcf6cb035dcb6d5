/// <reference types="mocha" />
// Facetwise's Models surface with three versions in the extension host: Compare Versions on three selected versions
// asks which one is the base (default: the version TF Serving serves, else the lowest), every other version is a
// candidate with its own verdict, one panel shows the set whichever base it is compared against, and the cache
// holds a result per base of the set.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { writeShiftedVersion } from '../../core/model/threeVersions.js';
import { activateFacetwise, scratch, sharedData, waitFor } from './facetwiseKit.js';
import type { Scratch } from './facetwiseKit.js';

interface VersionRef {
  root: string;
  version: number | null;
}
interface Summary {
  base: string;
  candidates: Array<{ candidate: string; decision: string; reason: string; worseSlices: number }>;
  cached: boolean;
}
interface PanelView {
  versions: Array<{ name: string; version: number | null }>;
  baseIndex: number;
  candidates: Array<{ name: string; verdict: { decision: string } }>;
  panelState: { base: VersionRef; candidates: VersionRef[] };
}
interface ModelsApi {
  compare(request: { base: VersionRef; candidates: VersionRef[]; dataset: string }, options?: { showPanel?: boolean }): Promise<Summary | undefined>;
  panels(): PanelView[];
}

/** A Models tree node as the command gets it from the tree (what refOf reads). */
function node(root: string, version: number): unknown {
  return { kind: 'version', model: { root, name: 'taxi_model' }, version: { version, dir: join(root, String(version)) } };
}

const verdicts = (s: Summary | undefined): string[] => (s?.candidates ?? []).map((c) => `${c.candidate}: ${c.decision}`);

describe('Facetwise: Models, three versions (extension host)', function () {
  this.timeout(180_000);
  let models: ModelsApi;
  let dir: Scratch;
  let root: string;
  let evalCsv: string;
  const refs = (...versions: number[]): VersionRef[] => versions.map((version) => ({ root, version }));

  before(async () => {
    const activated = await activateFacetwise();
    models = (activated.api as unknown as { models: ModelsApi }).models;
    dir = scratch('facetwise-three-');
    // taxi_model 1 and 2 from the fixture; 3 is 1 with its output bias shifted (worse log loss than 1, far better than 2).
    const fixture = join(activated.extensionPath, 'test', 'fixtures', 'models', 'taxi_model');
    root = join(dir.root, 'models', 'taxi_model');
    for (const v of ['1', '2']) {
      mkdirSync(join(root, v), { recursive: true });
      for (const f of readdirSync(join(fixture, v))) copyFileSync(join(fixture, v, f), join(root, v, f));
    }
    writeShiftedVersion(join(fixture, '1'), join(root, '3'), 0.4);
    evalCsv = sharedData(activated.extensionPath, 'taxi', 'eval.csv');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    dir.dispose();
  });

  /** Runs Compare Versions on three selected versions and answers the base pick with `answer` (a quick input command). */
  async function compareVersions(answer: (() => PromiseLike<unknown>) | { base: VersionRef }): Promise<Summary | undefined> {
    const nodes = [3, 1, 2].map((v) => node(root, v));
    const options = typeof answer === 'function' ? { dataset: evalCsv } : { dataset: evalCsv, base: answer.base };
    const run = vscode.commands.executeCommand<Summary | undefined>('facetwise.models.compareVersions', nodes[0], nodes, options);
    if (typeof answer === 'function') {
      // The quick pick takes a moment to show, longer on a busy machine: answer until the command settles (an
      // answer before the pick is shown is a no-op).
      let settled = false;
      void Promise.resolve(run).then(
        () => (settled = true),
        () => (settled = true),
      );
      while (!settled) {
        await new Promise((r) => setTimeout(r, 400));
        if (!settled) await answer();
      }
    }
    return run;
  }

  it('three versions selected, no TF Serving config: the base pick defaults to the lowest (v1); both others must roll back', async () => {
    const summary = await compareVersions(() => vscode.commands.executeCommand('quickInput.accept'));
    assert.ok(summary, 'the comparison did not run');
    assert.equal(summary.base, 'taxi_model/1');
    assert.deepEqual(verdicts(summary), ['taxi_model/2: ROLL BACK', 'taxi_model/3: ROLL BACK']);
    assert.ok(summary.candidates[0]!.worseSlices > 0, 'v2 is worse on payment_type slices');
    // The panel holds the whole set: three versions, v1 the base, a verdict per candidate.
    const view = await waitFor('the comparison panel', () => models.panels().find((p) => p.versions.length === 3));
    assert.deepEqual(view.versions.map((v) => v.version), [1, 2, 3]);
    assert.equal(view.baseIndex, 0);
    assert.deepEqual(view.candidates.map((c) => `${c.name}: ${c.verdict.decision}`), ['taxi_model/2: ROLL BACK', 'taxi_model/3: ROLL BACK']);
    // What the serializer gets back after a reload names the chosen base.
    assert.deepEqual(view.panelState.base, { root, version: 1 });
    assert.deepEqual(view.panelState.candidates, refs(2, 3));
  });

  it('another base (v2, named as automation does instead of the pick) compares v1 and v3 with it (both KEEP), in the same panel', async () => {
    const summary = await compareVersions({ base: { root, version: 2 } });
    assert.equal(summary?.base, 'taxi_model/2');
    assert.deepEqual(verdicts(summary), ['taxi_model/1: KEEP', 'taxi_model/3: KEEP']);
    const views = models.panels().filter((p) => p.versions.length === 3);
    assert.equal(views.length, 1, 'one panel per set of versions, whichever is the base');
    assert.equal(views[0]!.baseIndex, 1);
    assert.deepEqual(views[0]!.panelState.base, { root, version: 2 });
  });

  it('the cache is per set of versions and per base: going back to v1 as the base is instant', async () => {
    const again = await models.compare({ base: { root, version: 1 }, candidates: refs(3, 2), dataset: evalCsv }, { showPanel: false });
    assert.equal(again?.cached, true);
    assert.deepEqual(verdicts(again), ['taxi_model/2: ROLL BACK', 'taxi_model/3: ROLL BACK']);
  });

  it('with a models.config serving v2 (stable), the base pick defaults to the served version', async () => {
    const config = join(dir.root, 'models', 'models.config');
    writeFileSync(
      config,
      `model_config_list {
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
    try {
      const summary = await compareVersions(() => vscode.commands.executeCommand('quickInput.accept'));
      assert.equal(summary?.base, 'taxi_model/2');
      assert.deepEqual(verdicts(summary), ['taxi_model/1: KEEP', 'taxi_model/3: KEEP']);
      assert.equal(summary?.cached, true, 'v2 as the base of this set was computed by the test before');
    } finally {
      rmSync(config, { force: true });
    }
  });
});
