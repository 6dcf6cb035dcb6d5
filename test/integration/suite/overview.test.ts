/// <reference types="mocha" />
// The dataset overview in the extension host: Open Dataset Overview opens a webview panel whose webview asks
// for the statistics, and the status bar shows the dataset's rows (and anomalies once validated).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateFacetwise, scratch, sharedData, waitFor } from './facetwiseKit.js';
import type { FacetwiseApi, Scratch } from './facetwiseKit.js';

describe('Facetwise: Open Dataset Overview (extension host)', function () {
  this.timeout(60_000);
  let api: FacetwiseApi;
  let dir: Scratch;
  let taxi: (name: string) => string;
  let extensionPath = '';

  before(async () => {
    const activated = await activateFacetwise();
    api = activated.api;
    extensionPath = activated.extensionPath;
    taxi = (name) => sharedData(extensionPath, 'taxi', name);
    dir = scratch('facetwise-overview-');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    dir.dispose();
  });

  it('opens a webview panel; once its webview is ready the status bar shows the row count, then the anomalies', async () => {
    const evalCsv = dir.copy(taxi('eval.csv'), 'eval.csv');
    const opened = await vscode.commands.executeCommand<string | undefined>('facetwise.openOverview', evalCsv);
    assert.equal(opened, evalCsv.fsPath);
    const tab = await waitFor('the overview tab', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputWebview ? t : undefined;
    });
    assert.equal(tab.label, 'Overview: eval.csv');
    // The statistics are computed when the webview says `ready`: the row count proves the round trip.
    const text = await waitFor('the status bar to show 5,000 rows', () => {
      const s = api.statusBar();
      return s.visible && s.text.includes('5,000 rows') ? s.text : undefined;
    });
    assert.ok(!text.includes('anomal'), text);
    // Validating from the palette acts on the active overview's dataset.
    const summary = await vscode.commands.executeCommand<Array<{ dataset: string }>>('facetwise.validateDataset');
    assert.deepEqual(summary.map((s) => s.dataset), [evalCsv.fsPath]);
    await waitFor('the anomaly count', () => (/\d+ anomal/.test(api.statusBar().text) ? true : undefined));
  });

  it('the status bar item hides when no overview is active', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the status bar to hide', () => (api.statusBar().visible ? undefined : true));
  });

  it('a .tfrecord file opens in the overview custom editor by default', async () => {
    const shard = dir.copy(sharedData(extensionPath, 'taxi-tfrecord', 'Split-eval', 'data_tfrecord-00000-of-00012.gz'), 'Split-eval/part.tfrecord.gz');
    await vscode.commands.executeCommand('vscode.open', shard);
    const tab = await waitFor('the custom editor tab', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputCustom ? t.input : undefined;
    });
    assert.equal(tab.viewType, 'facetwise.overview');
    await waitFor('the status bar to show rows', () => (api.statusBar().visible && /\d rows/.test(api.statusBar().text) ? true : undefined));
  });
});
