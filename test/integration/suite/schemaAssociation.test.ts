/// <reference types="mocha" />
// Schema association in the extension host: with no schema, Validate Dataset asks which one to use; the answer
// is remembered for the workspace (validating again does not ask), and the team's facetwise.schemas setting
// wins over a remembered pairing.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateFacetwise, scratch, sharedData, waitFor } from './facetwiseKit.js';
import type { FacetwiseApi, Scratch } from './facetwiseKit.js';

interface Summary {
  readonly schemaPath?: string;
  readonly schemaFrom?: string;
  readonly schemaLabel: string;
}

describe('Facetwise: schema association (extension host)', function () {
  this.timeout(90_000);
  let api: FacetwiseApi;
  let dir: Scratch;
  let taxi: (name: string) => string;

  before(async () => {
    const activated = await activateFacetwise();
    api = activated.api;
    taxi = (name) => sharedData(activated.extensionPath, 'taxi', name);
    dir = scratch('facetwise-schemas-');
  });
  after(async () => {
    await vscode.commands.executeCommand('facetwise.clearProblems');
    dir.dispose();
  });

  it('no schema: the question offers train.csv first; the answer is remembered and validating again does not ask', async () => {
    const train = dir.copy(taxi('train.csv'), 'pair/train.csv');
    const evalCsv = dir.copy(taxi('eval.csv'), 'pair/eval.csv');
    assert.equal(await api.schemas.current(evalCsv.fsPath), undefined);
    const validating = Promise.resolve(vscode.commands.executeCommand<Summary[]>('facetwise.validateDataset', evalCsv));
    let settled = false;
    void validating.then(() => (settled = true));
    // The question is a QuickPick: accept its first (focused) item, as Enter would. Until then nothing runs.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(settled, false, 'Validate waits for the answer');
    const summary = await waitFor('the answer to be taken', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return Promise.race([validating, new Promise<undefined>((r) => setTimeout(() => r(undefined), 1000))]);
    });
    assert.equal(summary[0]?.schemaFrom, train.fsPath);
    assert.equal(summary[0]?.schemaLabel, 'a schema inferred from train.csv');
    assert.ok(vscode.languages.getDiagnostics(evalCsv).some((d) => d.message.startsWith('payment_type:')), 'eval is checked against train, so Prcard shows');
    assert.deepEqual(await api.schemas.current(evalCsv.fsPath), { kind: 'inferFrom', path: train.fsPath, source: 'remembered' });
    // Again: no question (this would time out waiting for one).
    const again = await vscode.commands.executeCommand<Summary[]>('facetwise.validateDataset', evalCsv);
    assert.equal(again[0]?.schemaFrom, train.fsPath);
  });

  it('facetwise.schemas (glob → path relative to the workspace folder) wins over a remembered pairing', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the harness opens a workspace folder');
    // A .tsv and a folder removed afterwards, so the smoke test's list of workspace files is not disturbed.
    const sub = join(folder, 'facetwise-schemas-test');
    mkdirSync(join(sub, 'team'), { recursive: true });
    const data = join(sub, 'day1.tsv');
    writeFileSync(data, 'a\tb\n1\tx\n2\ty\n');
    writeFileSync(join(sub, 'team', 'schema.pbtxt'), 'feature {\n  name: "a"\n  type: INT\n}\nfeature {\n  name: "b"\n  type: BYTES\n}\n');
    const config = vscode.workspace.getConfiguration('facetwise');
    try {
      await api.schemas.remember(data, { kind: 'self' });
      assert.equal((await api.schemas.current(data))?.source, 'remembered');
      await config.update('schemas', { 'facetwise-schemas-test/*.tsv': 'facetwise-schemas-test/team/schema.pbtxt' }, vscode.ConfigurationTarget.Global);
      assert.deepEqual(await api.schemas.current(data), { kind: 'file', path: join(sub, 'team', 'schema.pbtxt'), source: 'setting' });
      const summary = await vscode.commands.executeCommand<Summary[]>('facetwise.validateDataset', vscode.Uri.file(data));
      assert.equal(summary[0]?.schemaPath, join(sub, 'team', 'schema.pbtxt'));
      // A glob that does not match leaves the remembered pairing in force.
      await config.update('schemas', { 'elsewhere/**': 'x.pbtxt' }, vscode.ConfigurationTarget.Global);
      assert.equal((await api.schemas.current(data))?.source, 'remembered');
    } finally {
      await config.update('schemas', undefined, vscode.ConfigurationTarget.Global);
      rmSync(sub, { recursive: true, force: true });
    }
  });
  it('an open overview validated against one schema is validated again when facetwise.schemas moves it to another', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the harness opens a workspace folder');
    const sub = join(folder, 'facetwise-schemas-moved');
    mkdirSync(join(sub, 'team'), { recursive: true });
    const data = join(sub, 'day2.tsv');
    writeFileSync(data, 'a\tb\n1\tx\n2\ty\n');
    // The team's schema says b is an INT: the strings in b are an anomaly under it, none under b's own inferred schema.
    writeFileSync(join(sub, 'team', 'schema.pbtxt'), 'feature {\n  name: "a"\n  type: INT\n}\nfeature {\n  name: "b"\n  type: INT\n}\n');
    const config = vscode.workspace.getConfiguration('facetwise');
    try {
      await api.schemas.remember(data, { kind: 'self' });
      await vscode.commands.executeCommand('facetwise.openOverview', vscode.Uri.file(data));
      await vscode.commands.executeCommand('facetwise.validateDataset', vscode.Uri.file(data));
      await waitFor('the status bar to show no anomalies', () => (/ 0 anomalies/.test(api.statusBar().text) ? true : undefined));
      await config.update('schemas', { 'facetwise-schemas-moved/*.tsv': 'facetwise-schemas-moved/team/schema.pbtxt' }, vscode.ConfigurationTarget.Global);
      // Nothing else is asked for: the setting alone brings the team schema's anomaly into the overview.
      const text = await waitFor('the status bar to show the team schema’s anomaly', () => (/ [1-9]\d* anomal/.test(api.statusBar().text) ? api.statusBar().text : undefined));
      assert.ok(!text.includes(' 0 anomalies'), text);
    } finally {
      await config.update('schemas', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      rmSync(sub, { recursive: true, force: true });
    }
  });
});
